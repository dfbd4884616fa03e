//! The I/O loop's socket, and a plain TCP socket it drives itself (mq patch, see PATCHED.md).
//!
//! A plain TCP stream of the tokio runtime is taken out of tokio's reactor once connected: the I/O
//! loop then waits on the socket itself with poll(2) (`SocketState::wait_on`), together with the
//! eventfd its wake-ups ring. Through the reactor, every batch of bytes the broker sent woke a
//! runtime thread first, which then woke the I/O thread: two wake-ups where one will do. The socket
//! stays non-blocking; a read or write that would block returns `Pending` and the I/O loop marks the
//! socket not readable or not writable until poll says otherwise, as it does with the reactor's
//! wakers. TLS streams (and other runtimes) keep the reactor.

use amq_protocol::tcp::AsyncTcpStream;
use futures_io::{AsyncRead, AsyncWrite};
use std::{
    io::{self, Read},
    net::{Shutdown, TcpStream},
    os::fd::{AsRawFd, RawFd},
    pin::Pin,
    task::{Context, Poll},
};

pub(crate) enum Socket<S: AsyncRead + AsyncWrite + Send + Unpin + 'static> {
    Reactor(AsyncTcpStream<S>),
    Plain(TcpStream),
}

impl<S: AsyncRead + AsyncWrite + Send + Unpin + 'static> Socket<S> {
    /// Takes a plain tokio stream out of the reactor when `take_out`; anything else stays as it is.
    /// Fails only when the reactor cannot let go of it (runtime shut down).
    pub(crate) fn new(stream: AsyncTcpStream<S>, take_out: bool) -> io::Result<Self> {
        #[cfg(feature = "tokio")]
        if take_out {
            use std::any::Any;
            type TokioStream = async_compat::Compat<tokio::net::TcpStream>;
            let any: Box<dyn Any> = Box::new(stream);
            let any = match any.downcast::<AsyncTcpStream<TokioStream>>() {
                Ok(tokio_stream) => match *tokio_stream {
                    AsyncTcpStream::Plain(compat) => {
                        return compat.into_inner().into_std().map(Self::Plain);
                    }
                    other => Box::new(other) as Box<dyn Any>,
                },
                Err(any) => any,
            };
            let stream = *any
                .downcast::<AsyncTcpStream<S>>()
                .unwrap_or_else(|_| unreachable!("the stream was of this type a line above"));
            return Ok(Self::Reactor(stream));
        }
        let _ = take_out;
        Ok(Self::Reactor(stream))
    }

    /// The fd to wait on and write to directly, for a socket out of the reactor.
    pub(crate) fn plain_fd(&self) -> Option<RawFd> {
        match self {
            Self::Plain(plain) => Some(plain.as_raw_fd()),
            Self::Reactor(_) => None,
        }
    }
}

fn would_block<T>(result: io::Result<T>) -> Poll<io::Result<T>> {
    match result {
        Err(err) if err.kind() == io::ErrorKind::WouldBlock => Poll::Pending,
        other => Poll::Ready(other),
    }
}

impl<S: AsyncRead + AsyncWrite + Send + Unpin + 'static> AsyncRead for Socket<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Self::Reactor(stream) => Pin::new(stream).poll_read(cx, buf),
            Self::Plain(plain) => would_block(plain.read(buf)),
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Send + Unpin + 'static> AsyncWrite for Socket<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Self::Reactor(stream) => Pin::new(stream).poll_write(cx, buf),
            Self::Plain(plain) => would_block(send(plain.as_raw_fd(), buf)),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Reactor(stream) => Pin::new(stream).poll_flush(cx),
            Self::Plain(_) => Poll::Ready(Ok(())),
        }
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Self::Reactor(stream) => Pin::new(stream).poll_close(cx),
            Self::Plain(plain) => Poll::Ready(plain.shutdown(Shutdown::Write)),
        }
    }
}

/// A socket read without blocking from a thread other than the I/O loop's (`socket_reader.rs`).
pub(crate) struct FdReader(pub(crate) RawFd);

impl AsyncRead for FdReader {
    fn poll_read(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<usize>> {
        would_block(recv(self.0, buf))
    }
}

/// One non-blocking `recv` (the I/O loop keeps the fd open while it lends it).
#[allow(unsafe_code)]
fn recv(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `buf` is a live, writable slice; the caller holds `fd` open.
    let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT) };
    if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
}

/// One non-blocking `send`; `MSG_NOSIGNAL`: a closed peer gives EPIPE, not a SIGPIPE to the process.
#[allow(unsafe_code)]
pub(crate) fn send(fd: RawFd, buf: &[u8]) -> io::Result<usize> {
    // SAFETY: `buf` is a live slice; the caller holds `fd` open.
    let n = unsafe {
        libc::send(
            fd,
            buf.as_ptr().cast(),
            buf.len(),
            libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT,
        )
    };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// The bytes of the socket's send queue the peer has not acknowledged (TIOCOUTQ); None if `fd` is not
/// a socket (any more).
#[allow(unsafe_code)]
pub(crate) fn unsent(fd: RawFd) -> Option<usize> {
    let mut queued: libc::c_int = 0;
    // SAFETY: TIOCOUTQ writes one int to the pointer; another kind of file fails with ENOTTY.
    let rc = unsafe { libc::ioctl(fd, libc::TIOCOUTQ, &mut queued) };
    (rc == 0).then_some(queued.max(0) as usize)
}
