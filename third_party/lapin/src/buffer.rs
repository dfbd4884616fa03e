use crate::parsing::ParsingContext;
use amq_protocol::frame::{BackToTheBuffer, GenError, GenResult, WriteContext};
use futures_io::{AsyncRead, AsyncWrite};
use std::{
    cmp,
    io::{self, IoSlice, IoSliceMut},
    pin::Pin,
    task::{Context, Poll},
};

#[derive(Debug, PartialEq, Clone)]
pub(crate) struct Buffer {
    memory: Vec<u8>,
    capacity: usize,
    position: usize,
    end: usize,
    available_data: usize,
}

pub(crate) struct Checkpoint {
    end: usize,
    backwards: bool,
}

impl Buffer {
    pub(crate) fn with_capacity(capacity: usize) -> Buffer {
        Buffer {
            memory: vec![0; capacity],
            capacity,
            position: 0,
            end: 0,
            available_data: 0,
        }
    }

    pub(crate) fn reset(&mut self) {
        self.position = 0;
        self.end = 0;
        self.available_data = 0;
    }

    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            end: self.end,
            backwards: true,
        }
    }

    pub(crate) fn rollback(&mut self, checkpoint: Checkpoint) {
        if checkpoint.end == self.end {
            return;
        }
        if checkpoint.backwards {
            if self.end > checkpoint.end {
                self.available_data -= self.end - checkpoint.end;
            } else {
                self.available_data -= self.end + (self.capacity - checkpoint.end);
            }
        } else if self.end > checkpoint.end {
            self.available_data += (self.capacity - self.end) + checkpoint.end;
        } else {
            self.available_data += checkpoint.end - self.end;
        }
        self.end = checkpoint.end;
    }

    pub(crate) fn grow(&mut self, new_size: usize) -> bool {
        if self.capacity >= new_size {
            return false;
        }

        let old_capacity = self.capacity;
        let growth = new_size - old_capacity;

        // mq: a fresh zeroed allocation (calloc: the kernel's untouched zero pages) instead of resize(), which
        // writes every new byte. finish_setup grows both buffers to 32 × frame_max (4 MiB each with RabbitMQ's
        // default) as soon as the connection opens; resize() faulted in all 8 MiB before the first channel
        // could open, several milliseconds in a short-lived process that sends one message.
        let mut memory = vec![0; new_size];
        // mq: only the bytes holding data, at their offsets. Copying the whole old capacity wrote (faulted
        // in) that much of the new allocation: 2 × 128 KiB at every connection's set-up, before its
        // buffers held anything.
        if self.available_data > 0 {
            if self.end > self.position {
                memory[self.position..self.end].copy_from_slice(&self.memory[self.position..self.end]);
            } else {
                memory[self.position..old_capacity].copy_from_slice(&self.memory[self.position..]);
                memory[..self.end].copy_from_slice(&self.memory[..self.end]);
            }
        }
        self.memory = memory;
        self.capacity = new_size;

        if self.end <= self.position && self.available_data > 0 {
            // We have data and the "tail" was at the beginning of the buffer.
            // We need to move it in the new end.
            let (old, new) = self.memory.split_at_mut(old_capacity);
            if self.end < growth {
                // There is enough room in the new end for this whole "tail".
                // mq: upstream copied into all of `new` (length `growth`), which panics on the length
                // mismatch whenever the tail is shorter than the growth.
                new[..self.end].copy_from_slice(&old[..self.end]);
                self.end += old_capacity;
            } else {
                // Fill the new end with as much data as we can.
                new.copy_from_slice(&old[..growth]);
                // We still have [growth..old_end] to move into [0..new_end]
                // copy_within handles the overlap correctly, if any.
                self.memory.copy_within(growth..self.end, 0);
                // We also update the end pointer to the right location.
                self.end -= growth;
            }
        }

        true
    }

    pub(crate) fn available_data(&self) -> usize {
        self.available_data
    }

    pub(crate) fn available_space(&self) -> usize {
        self.capacity - self.available_data
    }

    /// The most one `poll_read_from` reads: the free space up to the end of the memory or the unread
    /// data, whichever comes first (a vectored read fills its first slice only, mq patch).
    pub(crate) fn contiguous_space(&self) -> usize {
        match self.available_space() {
            0 => 0,
            _ if self.end >= self.position => self.capacity - self.end,
            _ => self.position - self.end,
        }
    }

    pub(crate) fn consume(&mut self, count: usize) -> usize {
        let cnt = cmp::min(count, self.available_data());
        self.position += cnt;
        self.position %= self.capacity;
        self.available_data -= cnt;
        // mq: once empty, the next bytes go to the start again. Going round the ring touched all of it:
        // with RabbitMQ's frame_max, 4 MiB of resident memory per buffer, two per connection, however
        // small the messages.
        if self.available_data == 0 {
            self.position = 0;
            self.end = 0;
        }
        cnt
    }

    pub(crate) fn fill(&mut self, count: usize) -> usize {
        let cnt = cmp::min(count, self.available_space());
        self.end += cnt;
        self.end %= self.capacity;
        self.available_data += cnt;
        cnt
    }

    pub(crate) fn poll_write_to<T: AsyncWrite + ?Sized>(
        &self,
        cx: &mut Context<'_>,
        writer: Pin<&mut T>,
    ) -> Poll<io::Result<usize>> {
        if self.available_data() == 0 {
            Poll::Ready(Ok(0))
        } else if self.end > self.position {
            writer.poll_write(cx, &self.memory[self.position..self.end])
        } else {
            writer.poll_write_vectored(
                cx,
                &[
                    IoSlice::new(&self.memory[self.position..]),
                    IoSlice::new(&self.memory[..self.end]),
                ],
            )
        }
    }

    pub(crate) fn poll_read_from<T: AsyncRead + ?Sized>(
        &mut self,
        cx: &mut Context<'_>,
        reader: Pin<&mut T>,
    ) -> Poll<io::Result<usize>> {
        if self.available_space() == 0 {
            Poll::Ready(Ok(0))
        } else if self.end >= self.position {
            let (start, end) = self.memory.split_at_mut(self.end);
            reader.poll_read_vectored(
                cx,
                &mut [
                    IoSliceMut::new(&mut *end),
                    IoSliceMut::new(&mut start[..self.position]),
                ][..],
            )
        } else {
            reader.poll_read(cx, &mut self.memory[self.end..self.position])
        }
    }

    pub(crate) fn offset(&self, buf: ParsingContext<'_>) -> usize {
        let dataptr = self.memory[self.position..].as_ptr() as usize;
        let bufptr = buf.as_ptr() as usize;

        if dataptr < bufptr {
            bufptr - dataptr
        } else {
            let start = &self.memory[..0];
            let startptr = start.as_ptr() as usize;
            bufptr + self.capacity - self.position - startptr
        }
    }

    /// The whole length (header, payload, end octet) of the frame at the front, once its 7-byte header
    /// is in: a frame announcing more than `frame_max` is refused before its bytes fill the buffer and
    /// stall the connection (mq patch).
    pub(crate) fn front_frame_len(&self) -> Option<usize> {
        if self.available_data < 7 {
            return None;
        }
        let byte = |i| self.front_byte(i);
        Some(u32::from_be_bytes([byte(3), byte(4), byte(5), byte(6)]) as usize + 8)
    }

    /// What is wrong with the frame at the front that the parser refused, told as php-amqplib tells it
    /// (mq patch): a type octet that is none of AMQP's, or an end octet that is not 0xCE. None when
    /// neither (a malformed payload).
    pub(crate) fn front_frame_fault(&self) -> Option<crate::ErrorKind> {
        let byte = |i| self.front_byte(i);
        if self.available_data == 0 {
            return None;
        }
        let frame_type = byte(0);
        if ![1, 2, 3, 8].contains(&frame_type) {
            return Some(crate::ErrorKind::InvalidFrameType(frame_type));
        }
        let len = self.front_frame_len()?;
        (len <= self.available_data && byte(len - 1) != 0xCE).then(|| crate::ErrorKind::InvalidFrameEnd(byte(len - 1)))
    }

    /// The `i`-th unread byte, across the wrap (mq patch).
    fn front_byte(&self, i: usize) -> u8 {
        self.memory[(self.position + i) % self.capacity]
    }

    /// `front_frame_len` when it is over `frame_max` (0: no limit).
    pub(crate) fn front_frame_over(&self, frame_max: usize) -> Option<usize> {
        self.front_frame_len().filter(|&len| frame_max > 0 && len > frame_max)
    }

    pub(crate) fn parsing_context(&self) -> ParsingContext<'_> {
        if self.available_data() == 0 {
            self.memory[self.end..self.end].into()
        } else if self.end > self.position {
            self.memory[self.position..self.end].into()
        } else {
            [&self.memory[self.position..], &self.memory[..self.end]].into()
        }
    }
}

impl io::Write for &mut Buffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let amt = if self.available_space() == 0 {
            0
        } else if self.end >= self.position {
            let mut space = &mut self.memory[self.end..];
            let mut amt = space.write(data)?;
            if amt == self.capacity - self.end {
                let mut space = &mut self.memory[..self.position];
                amt += space.write(&data[amt..])?;
            }
            amt
        } else {
            let mut space = &mut self.memory[self.end..self.position];
            space.write(data)?
        };
        self.fill(amt);
        Ok(amt)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl BackToTheBuffer for &mut Buffer {
    fn reserve_write_use<
        Tmp,
        Gen: Fn(WriteContext<Self>) -> Result<(WriteContext<Self>, Tmp), GenError>,
        Before: Fn(WriteContext<Self>, Tmp) -> GenResult<Self>,
    >(
        s: WriteContext<Self>,
        reserved: usize,
        generator: &Gen,
        before: &Before,
    ) -> Result<WriteContext<Self>, GenError> {
        if s.write.available_space() < reserved {
            return Err(GenError::BufferTooSmall(
                reserved - s.write.available_space(),
            ));
        }
        let start = s.write.checkpoint();
        s.write.fill(reserved);
        generator(s).and_then(|(s, tmp)| {
            let mut end = s.write.checkpoint();
            end.backwards = false;
            s.write.rollback(start);
            #[allow(clippy::manual_inspect)]
            before(s, tmp).map(|s| {
                s.write.rollback(end);
                s
            })
        })
    }
}

// mq: `grow` is patched and `front_frame_len` added (PATCHED.md); these check that `grow` keeps the
// unread bytes in order, and that the front frame's length is read across the wrap.
#[cfg(test)]
mod tests {
    use super::Buffer;
    use std::io::Write;

    fn unread(buffer: &Buffer) -> Vec<u8> {
        (0..buffer.available_data())
            .map(|i| buffer.memory[(buffer.position + i) % buffer.capacity])
            .collect()
    }

    fn write(buffer: &mut Buffer, data: &[u8]) {
        assert_eq!((&mut *buffer).write(data).unwrap(), data.len());
    }

    #[test]
    fn a_refused_frame_is_told_by_its_type_or_end_octet() {
        let mut buffer = Buffer::with_capacity(32);
        write(&mut buffer, b"HTTP/1.1 400");
        assert!(matches!(buffer.front_frame_fault(), Some(crate::ErrorKind::InvalidFrameType(72))));
        let mut buffer = Buffer::with_capacity(32);
        write(&mut buffer, b"\x01\x00\x00\x00\x00\x00\x02ab\xAB");
        assert!(matches!(buffer.front_frame_fault(), Some(crate::ErrorKind::InvalidFrameEnd(0xAB))));
        let mut buffer = Buffer::with_capacity(32);
        write(&mut buffer, b"\x01\x00\x00\x00\x00\x00\x02ab\xCE");
        assert!(buffer.front_frame_fault().is_none());
    }

    #[test]
    fn one_read_fills_the_contiguous_space_at_most() {
        struct Endless;
        impl futures_io::AsyncRead for Endless {
            fn poll_read(
                self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
                buf: &mut [u8],
            ) -> std::task::Poll<std::io::Result<usize>> {
                buf.fill(b'x');
                std::task::Poll::Ready(Ok(buf.len()))
            }
        }
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let mut read = |buffer: &mut Buffer| {
            let room = buffer.contiguous_space();
            let std::task::Poll::Ready(Ok(n)) = buffer.poll_read_from(&mut cx, std::pin::Pin::new(&mut Endless)) else {
                panic!("an endless reader always reads");
            };
            assert_eq!(n, room, "one read fills exactly the contiguous space");
            buffer.fill(n);
            n
        };
        let mut buffer = Buffer::with_capacity(16);
        write(&mut buffer, b"abcdefghijkl");
        buffer.consume(8);
        assert_eq!(read(&mut buffer), 4, "up to the end of the memory");
        assert_eq!(read(&mut buffer), 8, "then from the front up to the unread data");
        assert_eq!(buffer.contiguous_space(), 0);
        assert_eq!(read(&mut buffer), 0);
    }

    #[test]
    fn an_emptied_buffer_starts_again_at_the_front() {
        let mut buffer = Buffer::with_capacity(16);
        write(&mut buffer, b"abcdef");
        buffer.consume(4);
        write(&mut buffer, b"gh");
        assert_eq!((buffer.position, buffer.end), (4, 8));
        buffer.consume(4);
        assert_eq!((buffer.position, buffer.end, buffer.available_data()), (0, 0, 0));
        write(&mut buffer, b"ij");
        assert_eq!(unread(&buffer), b"ij");
        assert_eq!(&buffer.memory[..2], b"ij");
    }

    #[test]
    fn the_front_frame_length_is_read_from_its_header_once_it_is_in() {
        let mut buffer = Buffer::with_capacity(16);
        write(&mut buffer, b"\x03\x00\x01\x7f\xff");
        assert_eq!(buffer.front_frame_len(), None);
        write(&mut buffer, b"\xff\xf0");
        assert_eq!(buffer.front_frame_len(), Some(0x7fff_fff0 + 8));
        assert_eq!(buffer.front_frame_over(131_072), Some(0x7fff_fff0 + 8));
        assert_eq!(buffer.front_frame_over(0), None);
        // The same header wrapped around the end of the memory.
        let mut buffer = Buffer::with_capacity(8);
        write(&mut buffer, b"abcdef");
        buffer.consume(5);
        write(&mut buffer, b"\x01\x00\x00\x00\x00\x00\x05");
        buffer.consume(1);
        assert_eq!(buffer.available_data(), 7);
        assert_eq!(buffer.front_frame_len(), Some(5 + 8));
        assert_eq!(buffer.front_frame_over(13), None);
    }

    #[test]
    fn grow_moves_a_wrapped_tail_that_fits_into_the_new_space() {
        let mut buffer = Buffer::with_capacity(8);
        write(&mut buffer, b"abcdef");
        buffer.consume(4);
        write(&mut buffer, b"ghij"); // "ij" wraps to the start
        assert!(buffer.grow(32));
        assert_eq!(unread(&buffer), b"efghij");
        assert_eq!(buffer.available_space(), 26);
        write(&mut buffer, b"klm");
        assert_eq!(unread(&buffer), b"efghijklm");
        assert!(!buffer.grow(16));
    }

    #[test]
    fn grow_splits_a_wrapped_tail_longer_than_the_growth() {
        let mut buffer = Buffer::with_capacity(8);
        write(&mut buffer, b"abcdefgh");
        buffer.consume(7);
        write(&mut buffer, b"ijklm"); // wraps: "ijklm" at the start
        assert!(buffer.grow(10));
        assert_eq!(unread(&buffer), b"hijklm");
        write(&mut buffer, b"nopq");
        assert_eq!(unread(&buffer), b"hijklmnopq");
        assert_eq!(buffer.available_space(), 0);
    }

    #[test]
    fn grow_copies_only_the_unread_bytes() {
        let mut buffer = Buffer::with_capacity(8);
        write(&mut buffer, b"abcdef");
        buffer.consume(4);
        assert!(buffer.grow(64));
        assert_eq!(unread(&buffer), b"ef");
        assert!(buffer.memory[..4].iter().all(|&b| b == 0), "consumed bytes were copied");
        write(&mut buffer, b"gh");
        assert_eq!(unread(&buffer), b"efgh");
    }

    #[test]
    fn grow_of_an_empty_buffer_gives_zeroed_space() {
        let mut buffer = Buffer::with_capacity(4);
        assert!(buffer.grow(4096));
        assert_eq!(buffer.available_space(), 4096);
        assert!(buffer.memory.iter().all(|&b| b == 0));
    }
}
