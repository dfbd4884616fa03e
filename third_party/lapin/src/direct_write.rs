//! Frames written to the socket by the thread that queues them (mq patch, see PATCHED.md).
//!
//! While the I/O loop has nothing of its own to write, it lends the socket's fd to `Frames`
//! ("direct mode"). A frame pushed then is serialized and sent by the pushing thread under the
//! frames lock: a publish costs one `send` on the caller's thread, and no wake-up of the I/O thread
//! and no trip through its buffers. The lock keeps frames in push order. Whatever the socket does not
//! take at once (its buffer is full, or it failed) is kept as `Unsent` bytes, direct mode ends, and
//! the I/O thread writes those bytes first, through its own buffer, readiness and error handling,
//! before anything queued after them. The I/O thread ends direct mode before it closes or replaces
//! the socket, so no write reaches a closed or reused fd. Reading on a waiting thread is
//! `socket_reader.rs`.

use crate::{
    BasicProperties,
    frames::{FrameEntry, FrameSending},
    plain_socket::send,
    types::{ChannelId, FrameSize},
};
use amq_protocol::{
    frame::{WriteContext, gen_frame},
    protocol::basic::gen_properties,
};
use std::{io, os::fd::RawFd};

/// Pushes larger than this (a big body) are queued for the I/O thread instead: a socket buffer takes
/// about this much without blocking, and what it does not take would be copied once more.
pub(crate) const DIRECT_MAX: usize = 64 * 1024;

/// Held settles are sent once they reach this many bytes (about 780 acks; see `DirectWriter::hold`).
pub(crate) const HELD_MAX: usize = 16 * 1024;

/// What was left to write of a direct push: the bytes, and each unfinished frame's sending with the
/// number of its bytes among them (the I/O thread settles each as it writes its last byte).
pub(crate) struct Unsent {
    pub(crate) bytes: Vec<u8>,
    pub(crate) frames: Vec<(FrameSize, FrameSending)>,
    /// The socket's error, if that is what stopped the write (reported once: a reset).
    pub(crate) error: Option<io::Error>,
}

pub(crate) enum Direct {
    /// Every byte is on the socket; the frames' sendings are resolved.
    Sent,
    /// Not written at all (too large, or not serializable here): queue them as usual.
    Queue(Vec<FrameEntry>),
    /// Partly written, or the socket failed: the I/O thread must write the rest before anything else.
    Unsent(Unsent),
}

pub(crate) struct DirectWriter {
    fd: RawFd,
    /// Reused across pushes, so a publish allocates nothing here.
    scratch: Vec<u8>,
    /// Settles held back, serialized, to go out ahead of the next write (`hold`).
    held: Vec<u8>,
}

impl DirectWriter {
    pub(crate) fn new(fd: RawFd) -> Self {
        Self { fd, scratch: Vec::new(), held: Vec::new() }
    }

    /// Appends a settle to the held ones instead of sending it: a consumer acking message after
    /// message then pays one `send` per batch, not one per ack. They go out ahead of the next direct
    /// write, when `flush_held` is called, at `HELD_MAX` bytes, or to the I/O thread with the socket
    /// (`Frames::stop_direct`). Returns whether it is the first held since they last went out, and what
    /// the socket did not take when they had to go out now.
    pub(crate) fn hold(&mut self, serialize: impl FnOnce(Vec<u8>) -> Vec<u8>) -> (bool, Option<Rest>) {
        let first = self.held.is_empty();
        self.held = serialize(std::mem::take(&mut self.held));
        let rest = if self.held.len() >= HELD_MAX { self.flush_held() } else { None };
        (first, rest)
    }

    /// Sends the held settles; returns what the socket did not take.
    pub(crate) fn flush_held(&mut self) -> Option<Rest> {
        if self.held.is_empty() {
            return None;
        }
        let (written, error) = send_all(self.fd, &self.held);
        let rest = (written < self.held.len()).then(|| Rest { bytes: self.held[written..].to_vec(), error });
        self.held.clear();
        rest
    }

    /// The held settles, for the I/O thread to write first when it takes the socket back.
    pub(crate) fn take_held(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.held)
    }

    pub(crate) fn fd(&self) -> RawFd {
        self.fd
    }

    /// Serializes and sends `entries`, the held settles first in the same `send` (a consumer's ack
    /// and its next basic.get make one write). On `Direct::Queue` the settles stay held: the caller
    /// flushes them before queueing the entries.
    pub(crate) fn send(&mut self, entries: Vec<FrameEntry>) -> Direct {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        buf.extend_from_slice(&self.held);
        let held = buf.len();
        let mut ends = Vec::with_capacity(entries.len());
        for entry in &entries {
            let generated = gen_frame(entry)(WriteContext::from(std::mem::take(&mut buf)))
                .map(|ctx| ctx.into_inner().0);
            // The I/O thread reports serialization errors its own way.
            let Ok(done) = generated else { break };
            buf = done;
            ends.push(buf.len());
            if buf.len() > DIRECT_MAX {
                break;
            }
        }
        if ends.len() < entries.len() || buf.len() > DIRECT_MAX {
            self.scratch = buf;
            return Direct::Queue(entries);
        }
        // Written or among the unsent bytes now, either way no longer held.
        self.held.clear();
        let (written, error) = send_all(self.fd, &buf);
        let outcome = if written == buf.len() {
            for entry in &entries {
                entry.resolve();
            }
            Direct::Sent
        } else {
            let mut frames = Vec::new();
            let mut start = held;
            for (entry, end) in entries.into_iter().zip(ends) {
                if end <= written {
                    entry.resolve();
                } else {
                    frames.push(entry.into_serialized_frame((end - start.max(written)) as FrameSize));
                }
                start = end;
            }
            Direct::Unsent(Unsent { bytes: buf[written..].to_vec(), frames, error })
        };
        self.scratch = buf;
        outcome
    }
}

/// A basic.publish to write on the socket as it is (`Channel::basic_publish_direct`).
pub(crate) struct Publish<'a> {
    pub(crate) channel_id: ChannelId,
    pub(crate) exchange: &'a [u8],
    pub(crate) routing_key: &'a [u8],
    pub(crate) mandatory: bool,
    pub(crate) immediate: bool,
    pub(crate) properties: &'a BasicProperties,
    pub(crate) payload: &'a [u8],
    pub(crate) frame_max: FrameSize,
}

/// What a direct write of serialized frames left to the I/O thread.
pub(crate) struct Rest {
    pub(crate) bytes: Vec<u8>,
    pub(crate) error: Option<io::Error>,
}

impl DirectWriter {
    /// Serializes frames with `serialize` (appending to the buffer it is given; Err hands the buffer
    /// back when they do not serialize) and sends what the socket takes. `register` runs once they are
    /// sure to go out this way, before their first byte does (a publish's delivery tag). None when they
    /// do not (they did not serialize, or are larger than `DIRECT_MAX`): nothing was done. Some(None)
    /// when every byte is on the socket.
    pub(crate) fn send_serialized(
        &mut self,
        serialize: impl FnOnce(Vec<u8>) -> Result<Vec<u8>, Vec<u8>>,
        register: impl FnOnce(),
    ) -> Option<Option<Rest>> {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        // Held settles go out first, in the same `send`. Copied, not moved: they stay held when these
        // frames do not go out this way (the caller then flushes them before queueing the frames).
        buf.extend_from_slice(&self.held);
        let (buf, fits) = match serialize(buf) {
            Ok(buf) => {
                let fits = buf.len() <= DIRECT_MAX;
                (buf, fits)
            }
            Err(buf) => (buf, false),
        };
        if !fits {
            self.scratch = buf;
            return None;
        }
        self.held.clear();
        register();
        let (written, error) = send_all(self.fd, &buf);
        let rest = (written < buf.len()).then(|| Rest { bytes: buf[written..].to_vec(), error });
        self.scratch = buf;
        Some(rest)
    }
}

/// The most body bytes one body frame carries under `frame_max`: an empty body frame weighs 8 bytes
/// of overhead that cannot carry payload (mq patch: shared with `Channel::send_method_frame_with_body`).
pub(crate) fn body_chunk_size(frame_max: FrameSize) -> usize {
    (frame_max as usize).saturating_sub(8).max(1)
}

const METHOD: u8 = 1;
const HEADER: u8 = 2;
const BODY: u8 = 3;
const FRAME_END: u8 = 0xCE;
const BASIC: u16 = 60;

/// Starts a frame at the end of `buf`: type, channel, and room for the payload size (`end_frame`
/// fills it in). Returns where the payload starts.
fn start_frame(buf: &mut Vec<u8>, kind: u8, channel_id: ChannelId) -> usize {
    buf.push(kind);
    buf.extend_from_slice(&channel_id.to_be_bytes());
    buf.extend_from_slice(&[0; 4]);
    buf.len()
}

fn end_frame(buf: &mut Vec<u8>, payload_at: usize) {
    let size = (buf.len() - payload_at) as u32;
    buf[payload_at - 4..payload_at].copy_from_slice(&size.to_be_bytes());
    buf.push(FRAME_END);
}

/// basic.ack, basic.nack or basic.reject, to write as `gen_frame` writes them (`Channel::basic_*_direct`).
#[derive(Clone, Copy)]
pub(crate) enum Settle {
    Ack { multiple: bool },
    Nack { multiple: bool, requeue: bool },
    Reject { requeue: bool },
}

/// The bytes of a settle's method frame, at the end of `buf`.
pub(crate) fn gen_settle(mut buf: Vec<u8>, channel_id: ChannelId, delivery_tag: u64, settle: Settle) -> Vec<u8> {
    let (method, bits): (u16, u8) = match settle {
        Settle::Ack { multiple } => (80, u8::from(multiple)),
        Settle::Nack { multiple, requeue } => (120, u8::from(multiple) | (u8::from(requeue) << 1)),
        Settle::Reject { requeue } => (90, u8::from(requeue)),
    };
    let at = start_frame(&mut buf, METHOD, channel_id);
    buf.extend_from_slice(&BASIC.to_be_bytes());
    buf.extend_from_slice(&method.to_be_bytes());
    buf.extend_from_slice(&delivery_tag.to_be_bytes());
    buf.push(bits);
    end_frame(&mut buf, at);
    buf
}

/// The bytes of `publish`'s method, content header and body frames, as `gen_frame` writes them, at
/// the end of `buf`, without building their `AMQPFrame`s (a publish's main cost after the system
/// call). Err: the properties did not serialize.
pub(crate) fn gen_publish(mut buf: Vec<u8>, publish: &Publish<'_>) -> Result<Vec<u8>, Vec<u8>> {
    const PUBLISH: u16 = 40;
    let channel_id = publish.channel_id;
    let at = start_frame(&mut buf, METHOD, channel_id);
    buf.extend_from_slice(&BASIC.to_be_bytes());
    buf.extend_from_slice(&PUBLISH.to_be_bytes());
    buf.extend_from_slice(&[0, 0]); // ticket, reserved
    for name in [publish.exchange, publish.routing_key] {
        buf.push(name.len() as u8); // short strings: at most 255 bytes (`ShortString`)
        buf.extend_from_slice(name);
    }
    buf.push(u8::from(publish.mandatory) | (u8::from(publish.immediate) << 1));
    end_frame(&mut buf, at);

    let at = start_frame(&mut buf, HEADER, channel_id);
    buf.extend_from_slice(&BASIC.to_be_bytes());
    buf.extend_from_slice(&[0, 0]); // weight
    buf.extend_from_slice(&(publish.payload.len() as u64).to_be_bytes());
    let before = buf.len();
    buf = match gen_properties(publish.properties)(WriteContext::from(buf)) {
        Ok(ctx) => ctx.into_inner().0,
        // The buffer went with the failed context: a fresh one for the scratch.
        Err(_) => return Err(Vec::with_capacity(before)),
    };
    end_frame(&mut buf, at);

    for chunk in publish.payload.chunks(body_chunk_size(publish.frame_max)) {
        let at = start_frame(&mut buf, BODY, channel_id);
        buf.extend_from_slice(chunk);
        end_frame(&mut buf, at);
    }
    Ok(buf)
}

/// Writes what the socket takes without blocking; returns how much, and the error that stopped it
/// (a full buffer is not one: the I/O thread writes the rest when the socket is writable again).
fn send_all(fd: RawFd, buf: &[u8]) -> (usize, Option<io::Error>) {
    let mut written = 0;
    while written < buf.len() {
        match send(fd, &buf[written..]) {
            Ok(0) => break,
            Ok(n) => written += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => break,
            Err(err) => return (written, Some(err)),
        }
    }
    (written, None)
}

#[cfg(test)]
mod tests {
    use super::{DIRECT_MAX, HELD_MAX, Publish, Settle, gen_publish, gen_settle};
    use crate::{
        BasicProperties,
        frames::Frames,
        promise::Promise,
        types::{AMQPValue, FieldTable, ShortString},
    };
    use amq_protocol::frame::AMQPFrame;
    use std::{io::Read, os::fd::AsRawFd, os::unix::net::UnixStream};

    fn body(len: usize) -> AMQPFrame {
        AMQPFrame::Body(1, vec![7u8; len])
    }

    fn pair() -> (UnixStream, UnixStream) {
        let (ours, peer) = UnixStream::pair().unwrap();
        ours.set_nonblocking(true).unwrap();
        peer.set_nonblocking(true).unwrap();
        (ours, peer)
    }

    fn drain(peer: &mut UnixStream) -> Vec<u8> {
        let mut got = Vec::new();
        let mut chunk = [0u8; 65536];
        while let Ok(n) = peer.read(&mut chunk) {
            if n == 0 {
                break;
            }
            got.extend_from_slice(&chunk[..n]);
        }
        got
    }

    #[test]
    fn a_push_in_direct_mode_is_on_the_socket_when_it_returns_and_wakes_nobody() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        let (promise, resolver) = Promise::new("publish");
        let wake = frames.push_frames(1, vec![body(10), body(20)], resolver);
        assert!(!wake);
        assert!(promise.try_wait().is_some_and(|r| r.is_ok()));
        // Two body frames: 7 bytes of header, the payload and the end octet each.
        assert_eq!(drain(&mut peer).len(), 10 + 8 + 20 + 8);
        assert!(!frames.has_pending());
    }

    #[test]
    fn outside_direct_mode_frames_are_queued_and_the_io_thread_woken() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        let (promise, resolver) = Promise::new("publish");
        assert!(frames.push_frames(1, vec![body(10)], resolver));
        assert!(promise.try_wait().is_none());
        assert!(drain(&mut peer).is_empty());
        // Direct mode does not start over queued frames: they would be overtaken.
        frames.start_direct(ours.as_raw_fd());
        let (_promise, resolver) = Promise::new("publish");
        assert!(frames.push_frames(1, vec![body(10)], resolver));
        assert!(drain(&mut peer).is_empty());
    }

    #[test]
    fn what_the_socket_does_not_take_is_left_whole_for_the_io_thread_and_direct_mode_ends() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        // Fill the socket until a push does not fit whole.
        let mut sent = 0;
        let unsent = loop {
            let (promise, resolver) = Promise::new("publish");
            let wake = frames.push_frames(1, vec![body(30_000), body(30_000)], resolver);
            if wake {
                assert!(promise.try_wait().is_none(), "an unfinished push is not resolved");
                break frames.take_unsent().expect("the rest is kept");
            }
            sent += 2 * (30_000 + 8);
        };
        let on_wire = drain(&mut peer).len();
        assert!(on_wire >= sent && on_wire < sent + 2 * 30_008);
        assert_eq!(on_wire - sent + unsent.bytes.len(), 2 * 30_008);
        let counted: usize = unsent.frames.iter().map(|(size, _)| *size as usize).sum();
        assert_eq!(counted, unsent.bytes.len());
        // Direct mode ended: the next push is queued behind the rest.
        let (_promise, resolver) = Promise::new("publish");
        assert!(frames.push_frames(1, vec![body(1)], resolver));
        assert!(drain(&mut peer).is_empty());
    }

    #[test]
    fn a_push_larger_than_a_socket_buffer_is_queued() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        let (_promise, resolver) = Promise::new("publish");
        let bodies = (0..3).map(|_| body(30_000)).collect();
        assert!(frames.push_frames(1, bodies, resolver));
        assert!(drain(&mut peer).is_empty());
        assert!(frames.take_unsent().is_none());
    }

    #[test]
    fn a_closed_peer_leaves_everything_unsent() {
        let (ours, peer) = pair();
        drop(peer);
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        let (_promise, resolver) = Promise::new("publish");
        assert!(frames.push_frames(1, vec![body(10)], resolver));
        assert_eq!(frames.take_unsent().map(|u| u.bytes.len()), Some(18));
    }

    /// The frames `Channel::send_method_frame_with_body` builds for the same publish, serialized.
    fn framed(publish: &Publish<'_>) -> Vec<u8> {
        use amq_protocol::{
            frame::{AMQPContentHeader, WriteContext, gen_frame},
            protocol::{AMQPClass, basic},
        };
        let method = AMQPClass::Basic(basic::AMQPMethod::Publish(basic::Publish {
            exchange: ShortString::from_bytes(publish.exchange).unwrap(),
            routing_key: ShortString::from_bytes(publish.routing_key).unwrap(),
            mandatory: publish.mandatory,
            immediate: publish.immediate,
        }));
        let header = AMQPContentHeader {
            class_id: 60,
            body_size: publish.payload.len() as u64,
            properties: publish.properties.clone(),
        };
        let mut frames = vec![AMQPFrame::Method(publish.channel_id, method), AMQPFrame::Header(publish.channel_id, header)];
        let chunk = (publish.frame_max as usize - 8).max(1);
        frames.extend(publish.payload.chunks(chunk).map(|c| AMQPFrame::Body(publish.channel_id, c.to_vec())));
        frames.iter().fold(Vec::new(), |buf, frame| gen_frame(frame)(WriteContext::from(buf)).unwrap().into_inner().0)
    }

    #[test]
    fn a_publish_is_serialized_as_its_frames_are() {
        let mut headers = FieldTable::default();
        headers.insert("x-n".into(), AMQPValue::LongLongInt(-3));
        headers.insert("x-s".into(), AMQPValue::LongString(b"\xff\x00".to_vec().into()));
        let full = BasicProperties::default()
            .with_content_type("text/plain".into())
            .with_delivery_mode(2)
            .with_priority(9)
            .with_message_id(ShortString::from_bytes(&b"id\xfe"[..]).unwrap())
            .with_timestamp(1_700_000_000)
            .with_headers(headers);
        let long_name = vec![b'r'; 255];
        for (properties, payload, frame_max, exchange, routing_key, mandatory, immediate) in [
            (BasicProperties::default(), &b"hello"[..], 131_072, &b""[..], &b"q"[..], false, false),
            (full.clone(), &[0u8; 0][..], 131_072, &b"ex\x80"[..], &long_name[..], true, false),
            (full, &[5u8; 10_000][..], 4096, &b"amq.direct"[..], &b"k"[..], false, true),
            (BasicProperties::default(), &[1u8; 3][..], 9, &b"e"[..], &b"k"[..], true, true),
        ] {
            let publish = Publish { channel_id: 7, exchange, routing_key, mandatory, immediate, properties: &properties, payload, frame_max };
            let ours = gen_publish(vec![1, 2], &publish).ok().unwrap();
            assert_eq!(ours[..2], [1, 2], "appended to what the buffer held");
            assert_eq!(ours[2..], framed(&publish)[..], "frame_max {frame_max}, {} bytes", payload.len());
        }
    }

    #[test]
    fn a_direct_publish_registers_then_writes_or_leaves_its_rest_with_a_promise() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        let properties = BasicProperties::default();
        let publish = |payload: &'static [u8]| Publish { channel_id: 1, exchange: b"", routing_key: b"q", mandatory: false, immediate: false, properties: &properties, payload, frame_max: 131_072 };
        let registered = std::cell::Cell::new(0);
        // Not in direct mode: nothing done.
        assert!(frames.write_direct(1, |buf| gen_publish(buf, &publish(b"x")), || registered.set(registered.get() + 1)).is_none());
        assert_eq!(registered.get(), 0);
        frames.start_direct(ours.as_raw_fd());
        let written = frames.write_direct(1, |buf| gen_publish(buf, &publish(b"x")), || registered.set(registered.get() + 1));
        assert!(matches!(written, Some(None)));
        assert_eq!(registered.get(), 1);
        assert_eq!(drain(&mut peer), framed(&publish(b"x")));
        // Too large for a direct write: nothing done, not registered.
        static BIG: [u8; DIRECT_MAX + 1] = [0; DIRECT_MAX + 1];
        assert!(frames.write_direct(1, |buf| gen_publish(buf, &publish(&BIG)), || registered.set(registered.get() + 1)).is_none());
        assert_eq!(registered.get(), 1);
        // Fill the socket: the rest is left for the I/O thread behind a promise, direct mode ends.
        static FILL: [u8; 30_000] = [3; 30_000];
        let promise = loop {
            match frames.write_direct(1, |buf| gen_publish(buf, &publish(&FILL)), || ()) {
                Some(None) => continue,
                Some(Some(promise)) => break promise,
                None => panic!("direct mode ended before the socket was full"),
            }
        };
        assert!(promise.try_wait().is_none(), "an unfinished publish is not resolved");
        let unsent = frames.take_unsent().expect("the rest is kept");
        assert_eq!(unsent.frames.len(), 1);
        assert_eq!(unsent.frames[0].0 as usize, unsent.bytes.len());
        assert!(frames.write_direct(1, |buf| gen_publish(buf, &publish(b"x")), || ()).is_none());
    }

    #[test]
    fn a_settle_is_serialized_as_its_frame_is() {
        use amq_protocol::{
            frame::{WriteContext, gen_frame},
            protocol::{AMQPClass, basic},
        };
        for tag in [0, 1, 0x0102_0304_0506_0708, u64::MAX] {
            for (settle, method) in [
                (Settle::Ack { multiple: false }, basic::AMQPMethod::Ack(basic::Ack { delivery_tag: tag, multiple: false })),
                (Settle::Ack { multiple: true }, basic::AMQPMethod::Ack(basic::Ack { delivery_tag: tag, multiple: true })),
                (Settle::Nack { multiple: true, requeue: false }, basic::AMQPMethod::Nack(basic::Nack { delivery_tag: tag, multiple: true, requeue: false })),
                (Settle::Nack { multiple: false, requeue: true }, basic::AMQPMethod::Nack(basic::Nack { delivery_tag: tag, multiple: false, requeue: true })),
                (Settle::Reject { requeue: true }, basic::AMQPMethod::Reject(basic::Reject { delivery_tag: tag, requeue: true })),
                (Settle::Reject { requeue: false }, basic::AMQPMethod::Reject(basic::Reject { delivery_tag: tag, requeue: false })),
            ] {
                let frame = AMQPFrame::Method(3, AMQPClass::Basic(method));
                let expected = gen_frame(&frame)(WriteContext::from(Vec::new())).unwrap().into_inner().0;
                assert_eq!(gen_settle(vec![9], 3, tag, settle)[1..], expected[..], "{frame:?}");
            }
        }
    }

    fn ack(tag: u64) -> Vec<u8> {
        gen_settle(Vec::new(), 1, tag, Settle::Ack { multiple: false })
    }

    fn hold_ack(frames: &Frames, tag: u64) -> Option<(bool, bool)> {
        frames.hold_direct(1, |buf| gen_settle(buf, 1, tag, Settle::Ack { multiple: false }))
    }

    #[test]
    fn held_acks_go_out_on_a_flush_in_order() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        assert_eq!(hold_ack(&frames, 1), None, "not in direct mode: nothing held");
        frames.start_direct(ours.as_raw_fd());
        assert_eq!(hold_ack(&frames, 1), Some((true, false)));
        assert_eq!(hold_ack(&frames, 2), Some((false, false)));
        assert!(drain(&mut peer).is_empty(), "held, not sent");
        assert!(!frames.flush_held());
        assert_eq!(drain(&mut peer), [ack(1), ack(2)].concat());
        assert!(!frames.flush_held(), "nothing left to flush");
        assert!(drain(&mut peer).is_empty());
        assert_eq!(hold_ack(&frames, 3), Some((true, false)), "first again after a flush");
    }

    #[test]
    fn held_acks_go_out_ahead_of_any_later_write() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        let properties = BasicProperties::default();
        let publish = Publish { channel_id: 1, exchange: b"", routing_key: b"q", mandatory: false, immediate: false, properties: &properties, payload: b"x", frame_max: 131_072 };
        hold_ack(&frames, 1);
        assert!(matches!(frames.write_direct(1, |buf| gen_publish(buf, &publish), || ()), Some(None)));
        assert_eq!(drain(&mut peer), [ack(1), framed(&publish)].concat(), "one write, the ack first");
        // A push of frames (a method), and a publish too large to go directly: the acks first.
        hold_ack(&frames, 2);
        let (_promise, resolver) = Promise::new("push");
        assert!(!frames.push_frames(1, vec![body(10)], resolver));
        let mut expected = ack(2);
        expected.extend_from_slice(&drain_frame(body(10)));
        assert_eq!(drain(&mut peer), expected);
        hold_ack(&frames, 3);
        static BIG: [u8; DIRECT_MAX + 1] = [0; DIRECT_MAX + 1];
        let big = Publish { payload: &BIG, ..publish };
        assert!(frames.write_direct(1, |buf| gen_publish(buf, &big), || ()).is_none());
        assert_eq!(drain(&mut peer), ack(3), "flushed before the publish is queued");
    }

    #[test]
    fn held_acks_ride_with_a_push_and_what_the_socket_leaves_is_counted_after_them() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        let push = [drain_frame(body(30_000)), drain_frame(body(30_000))].concat();
        let mut expected = Vec::new();
        let mut tag = 0;
        let unsent = loop {
            tag += 1;
            hold_ack(&frames, tag);
            expected.extend_from_slice(&ack(tag));
            expected.extend_from_slice(&push);
            let (_promise, resolver) = Promise::new("push");
            if frames.push_frames(1, vec![body(30_000), body(30_000)], resolver) {
                break frames.take_unsent().expect("the rest is kept");
            }
            assert!(!frames.flush_held(), "the ack went out with the push");
        };
        let mut on_wire = drain(&mut peer);
        let counted: usize = unsent.frames.iter().map(|(size, _)| *size as usize).sum();
        // The frames' bytes are the tail of the rest; an ack the socket did not take precedes them.
        assert!(counted <= unsent.bytes.len() && unsent.bytes.len() - counted <= ack(tag).len());
        on_wire.extend_from_slice(&unsent.bytes);
        assert_eq!(on_wire, expected, "every ack ahead of its push, nothing lost or doubled");
    }

    fn drain_frame(frame: AMQPFrame) -> Vec<u8> {
        use amq_protocol::frame::{WriteContext, gen_frame};
        gen_frame(&frame)(WriteContext::from(Vec::new())).unwrap().into_inner().0
    }

    #[test]
    fn held_acks_go_to_the_io_thread_with_the_socket_and_at_held_max() {
        let (ours, mut peer) = pair();
        let frames = Frames::default();
        frames.start_direct(ours.as_raw_fd());
        hold_ack(&frames, 1);
        frames.stop_direct();
        assert!(drain(&mut peer).is_empty());
        assert_eq!(frames.take_unsent().map(|u| (u.bytes, u.frames.len())), Some((ack(1), 0)));
        assert_eq!(hold_ack(&frames, 2), None, "direct mode ended");
        frames.start_direct(ours.as_raw_fd());
        let per_ack = ack(1).len();
        let mut tag = 0;
        while (tag as usize + 1) * per_ack < HELD_MAX {
            tag += 1;
            hold_ack(&frames, tag);
        }
        assert!(drain(&mut peer).is_empty());
        hold_ack(&frames, tag + 1);
        assert_eq!(drain(&mut peer).len(), (tag as usize + 1) * per_ack, "sent at HELD_MAX");
    }
}
