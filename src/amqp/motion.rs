//! Whether a link is still carrying what was written to it, for the waits of a connection's end (the
//! flush and the close of `Link::close`, at the end of a request or in a destructor): they go on while
//! it does, as php-amqplib's blocking writes would, and give up once it has stopped.
//!
//! Carried means acknowledged by the peer's kernel: bytes lapin's I/O thread wrote, less those still
//! in the kernel's send queue. Bytes written alone would miss a slow link whose send queue is full (no
//! write for seconds while it drains); bytes read would count the broker's heartbeats, which go on
//! while a blocked broker takes nothing. Our own heartbeats are carried too, but only a few bytes
//! per heartbeat interval: less than `MOVING` over a wait counts as stopped.

use lapin::SocketReader;

/// The bytes a link must carry over one wait to count as moving.
const MOVING: i64 = 1024;

pub struct Motion<'a> {
    reader: Option<&'a SocketReader>,
    last: i64,
}

impl<'a> Motion<'a> {
    /// Starts looking at the link of `reader` (None, a TLS link: never moving).
    pub fn new(reader: Option<&'a SocketReader>) -> Self {
        let mut motion = Motion { reader, last: 0 };
        motion.last = motion.carried();
        motion
    }

    fn carried(&self) -> i64 {
        self.reader.map_or(0, |r| r.written() as i64 - r.unsent().unwrap_or(0) as i64)
    }

    /// Whether the link carried at least `MOVING` bytes since the last look.
    pub fn moved(&mut self) -> bool {
        let now = self.carried();
        let moved = now - self.last >= MOVING;
        self.last = now;
        moved
    }
}
