//! `evaluate --jsonl`: one request per line in, exactly one record per line out, in constant memory.
//!
//! Each output line is a JSON object carrying the 1-based number of its input line:
//!
//! - `{"line": N, "decision": {...}}` for a request evaluated (eligible or not);
//! - `{"line": N, "error": {...}}` for a line that is not a valid request: not JSON, not UTF-8
//!   (`request.invalid_json`, with the byte), over [`MAX_REQUEST_BYTES`] (`request.too_large`; the
//!   rest of the line is skipped without being kept), or any error of `evaluate`;
//! - `{"line": N, "skipped": "blank"}` for an empty line or one of spaces and tabs only: it is not
//!   an error, but it keeps its place so that output line K always answers input line K.
//!
//! The run goes on after every error; the exit status is 2 if any line was an error, else 0.
//! When standard error is a terminal and the run lasts over a second, a progress bar is drawn there.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use duplicata_core::{Engine, Error, MAX_REQUEST_BYTES};

use crate::failure::{Failure, stderr};
use crate::input::{not_utf8, too_large};
use crate::output::Out;

/// The field named by the errors of a line as a whole (too large, not UTF-8).
const FIELD: &str = "input";

pub(crate) fn run(engine: &Engine, source: &str, out: &mut Out) -> Result<ExitCode, Failure> {
    let (reader, size): (Box<dyn Read>, Option<u64>) = if source == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let f = File::open(source).map_err(|e| Failure::file(Path::new(source), &e))?;
        let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        (Box::new(f), size)
    };
    let name = if source == "-" { "stdin" } else { source };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut progress = Progress::new(size);
    let mut buf = Vec::with_capacity(1 << 12);
    let mut counts = Counts::default();
    let cap = MAX_REQUEST_BYTES as u64 + 1;
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(cap)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure::Other(format!("{name}: {e}")))?;
        if read == 0 {
            break;
        }
        counts.lines += 1;
        let mut consumed = read as u64;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            write_record(engine, counts.lines, Line::Text(&buf), out, &mut counts)?;
        } else if buf.len() > MAX_REQUEST_BYTES {
            // Told at once (the line may never end), then the rest of the line is dropped.
            write_record(engine, counts.lines, Line::TooLarge, out, &mut counts)?;
            out.flush()?;
            consumed +=
                skip_line(&mut reader).map_err(|e| Failure::Other(format!("{name}: {e}")))?;
        } else {
            // The last line, without a newline.
            write_record(engine, counts.lines, Line::Text(&buf), out, &mut counts)?;
        }
        progress.tick(consumed, &counts);
    }
    out.flush()?;
    progress.finish(&counts);
    Ok(if counts.invalid > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

enum Line<'a> {
    Text(&'a [u8]),
    TooLarge,
}

#[derive(Default)]
struct Counts {
    lines: u64,
    invalid: u64,
    blank: u64,
}

/// Reads and drops the rest of an overlong line, up to and including its newline; returns the
/// number of bytes dropped. Memory stays one buffer whatever the length.
fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut dropped = 0u64;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(dropped);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(dropped + i as u64 + 1);
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
                dropped += n as u64;
            }
        }
    }
}

fn write_record(
    engine: &Engine,
    number: u64,
    line: Line<'_>,
    out: &mut Out,
    counts: &mut Counts,
) -> Result<(), Failure> {
    let answer: Result<Option<String>, Error> = match line {
        Line::TooLarge => Err(too_large(FIELD, MAX_REQUEST_BYTES)),
        Line::Text(bytes) => match std::str::from_utf8(bytes) {
            Err(e) => Err(not_utf8(FIELD, &e)),
            Ok(text) if text.bytes().all(|b| b.is_ascii_whitespace()) => Ok(None),
            Ok(text) => engine.evaluate_json(text).map(|d| Some(d.to_json())),
        },
    };
    let mut head = itoa_line(number);
    match answer {
        Ok(Some(decision)) => {
            head.extend_from_slice(b",\"decision\":");
            out.bytes(&head)?;
            out.bytes(decision.as_bytes())?;
        }
        Ok(None) => {
            counts.blank += 1;
            head.extend_from_slice(b",\"skipped\":\"blank\"");
            out.bytes(&head)?;
        }
        Err(e) => {
            counts.invalid += 1;
            head.extend_from_slice(b",");
            out.bytes(&head)?;
            // `{"error":{...}}` without its opening brace.
            let json = e.to_json();
            out.text(json.strip_prefix('{').unwrap_or(&json))?;
            return Ok(out.bytes(b"\n")?);
        }
    }
    Ok(out.bytes(b"}\n")?)
}

/// `{"line":N` as bytes.
fn itoa_line(n: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(40);
    v.extend_from_slice(b"{\"line\":");
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    v.extend_from_slice(&digits[i..]);
    v
}

/// The progress bar on standard error: only when it is a terminal, and only once the run has
/// lasted [`Progress::DELAY`], redrawn at most every [`Progress::EVERY`].
struct Progress {
    enabled: bool,
    start: Instant,
    last: Option<Instant>,
    size: Option<u64>,
    bytes: u64,
}

impl Progress {
    const DELAY: Duration = Duration::from_secs(1);
    const EVERY: Duration = Duration::from_millis(200);

    fn new(size: Option<u64>) -> Self {
        Self {
            enabled: io::stderr().is_terminal(),
            start: Instant::now(),
            last: None,
            size: size.filter(|&s| s > 0),
            bytes: 0,
        }
    }

    fn tick(&mut self, bytes: u64, counts: &Counts) {
        self.bytes += bytes;
        // The clock is read once every 1024 lines only.
        if !self.enabled || counts.lines % 1024 != 0 {
            return;
        }
        let now = Instant::now();
        let due = match self.last {
            None => now.duration_since(self.start) >= Self::DELAY,
            Some(last) => now.duration_since(last) >= Self::EVERY,
        };
        if due {
            self.last = Some(now);
            stderr(&format!("\r{}", self.bar(counts)));
        }
    }

    fn bar(&self, counts: &Counts) -> String {
        let tail = format!(
            "{} lignes / lines, {} invalides / invalid",
            counts.lines, counts.invalid
        );
        match self.size {
            Some(total) => {
                let pct = (self.bytes.min(total) * 100 / total) as usize;
                let filled = pct * 30 / 100;
                format!(
                    "[{}{}] {pct:>3} %  {tail}",
                    "#".repeat(filled),
                    "-".repeat(30 - filled)
                )
            }
            None => tail,
        }
    }

    fn finish(&self, counts: &Counts) {
        if self.enabled {
            // Clears the bar's line, then the summary.
            stderr(&format!(
                "\r\x1b[K{} lignes / lines : {} invalides / invalid, {} vides / blank\n",
                counts.lines, counts.invalid, counts.blank
            ));
        }
    }
}
