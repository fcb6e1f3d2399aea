//! Standard output, buffered, where every write can fail: a closed pipe (`| head`) or a full disk
//! (`> /dev/full`) ends the command with exit status 1 and one line on standard error, never a panic.
//!
//! Rust ignores SIGPIPE, so a closed pipe is an `EPIPE` error on the next write, reported like any
//! other write error.

use std::io::{self, BufWriter, StdoutLock, Write};

use crate::failure::Failure;

/// Buffered standard output. Nothing reaches the terminal or the pipe before a flush or a full
/// buffer; [`Out::flush`] must end every successful command.
pub(crate) struct Out {
    inner: Option<BufWriter<StdoutLock<'static>>>,
}

impl Out {
    pub(crate) fn new() -> Self {
        Self {
            inner: Some(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        }
    }

    /// Writes bytes as they are.
    pub(crate) fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Some(w) => w.write_all(b),
            None => Err(io::Error::from(io::ErrorKind::BrokenPipe)),
        }
    }

    /// Writes text as it is.
    pub(crate) fn text(&mut self, s: &str) -> io::Result<()> {
        self.bytes(s.as_bytes())
    }

    /// Writes one line (a newline is added).
    pub(crate) fn line(&mut self, s: &str) -> io::Result<()> {
        self.bytes(s.as_bytes())?;
        self.bytes(b"\n")
    }

    pub(crate) fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }

    /// Drops what is buffered without writing it: after a write error, a second attempt (when the
    /// writer is dropped) would fail again or write a truncated record.
    pub(crate) fn abandon(&mut self) {
        if let Some(w) = self.inner.take() {
            let (_, _) = w.into_parts();
        }
    }
}

impl From<io::Error> for Failure {
    /// Every `io::Error` met by `?` in a command is a write to standard output: reads go through
    /// [`crate::input`], which names the file.
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}
