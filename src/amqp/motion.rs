//! Whether a link is still moving, for the waits that give up once it has stopped: a publish waiting
//! for the socket (`Motion::written`: any byte written, as php-amqplib's write fails after its write
//! timeout) and a connection's end, its flush and close (`Motion::carried`): they go on while the link
//! carries what was written to it, as php-amqplib's blocking writes would.
//!
//! Carried means acknowledged by the peer's kernel: bytes lapin's I/O thread wrote, less those still
//! in the kernel's send queue. Bytes written alone would miss a slow link whose send queue is full (no
//! write for seconds while it drains); bytes read would count the broker's heartbeats, which go on
//! while a blocked broker takes nothing. Our own heartbeats are carried too, but only a few bytes
//! per heartbeat interval: less than `CARRIED` over a wait counts as stopped.

use lapin::SocketReader;

/// The bytes a link must carry over one wait to count as moving (`Motion::carried`).
const CARRIED: i64 = 1024;

pub struct Motion<'a> {
    reader: Option<&'a SocketReader>,
    /// Whether the kernel's send queue counts (a system call each look, which publishing need not pay).
    carried: bool,
    last: i64,
}

impl<'a> Motion<'a> {
    /// Moving while bytes are written to the socket.
    pub fn written(reader: Option<&'a SocketReader>) -> Self {
        Self::new(reader, false)
    }

    /// Moving while the link carries at least `CARRIED` bytes of what was written per wait.
    pub fn carried(reader: Option<&'a SocketReader>) -> Self {
        Self::new(reader, true)
    }

    /// Starts looking at the link of `reader` (None, a TLS link: never moving).
    fn new(reader: Option<&'a SocketReader>, carried: bool) -> Self {
        let mut motion = Motion { reader, carried, last: 0 };
        motion.last = motion.count();
        motion
    }

    fn count(&self) -> i64 {
        let unsent = |r: &SocketReader| if self.carried { r.unsent().unwrap_or(0) as i64 } else { 0 };
        self.reader.map_or(0, |r| r.written() as i64 - unsent(r))
    }

    /// Whether the link moved since the last look.
    pub fn moved(&mut self) -> bool {
        let now = self.count();
        let moved = now - self.last >= if self.carried { CARRIED } else { 1 };
        self.last = now;
        moved
    }
}
