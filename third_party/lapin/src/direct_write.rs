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

use crate::{frames::FrameEntry, plain_socket::send, types::FrameSize};
use amq_protocol::frame::{WriteContext, gen_frame};
use std::{io, os::fd::RawFd};

/// Pushes larger than this (a big body) are queued for the I/O thread instead: a socket buffer takes
/// about this much without blocking, and what it does not take would be copied once more.
const DIRECT_MAX: usize = 64 * 1024;

/// What was left to write of a direct push: the bytes, and each unfinished frame's sending with the
/// number of its bytes among them (the I/O thread settles each as it writes its last byte).
pub(crate) struct Unsent {
    pub(crate) bytes: Vec<u8>,
    pub(crate) frames: Vec<(FrameSize, FrameEntry)>,
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
}

impl DirectWriter {
    pub(crate) fn new(fd: RawFd) -> Self {
        Self { fd, scratch: Vec::new() }
    }

    pub(crate) fn fd(&self) -> RawFd {
        self.fd
    }

    pub(crate) fn send(&mut self, entries: Vec<FrameEntry>) -> Direct {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
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
        let (written, error) = send_all(self.fd, &buf);
        let outcome = if written == buf.len() {
            for entry in &entries {
                entry.resolve();
            }
            Direct::Sent
        } else {
            let mut frames = Vec::new();
            let mut start = 0;
            for (entry, end) in entries.into_iter().zip(ends) {
                if end <= written {
                    entry.resolve();
                } else {
                    frames.push(((end - start.max(written)) as FrameSize, entry));
                }
                start = end;
            }
            Direct::Unsent(Unsent { bytes: buf[written..].to_vec(), frames, error })
        };
        self.scratch = buf;
        outcome
    }
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
    use crate::{frames::Frames, promise::Promise};
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
}
