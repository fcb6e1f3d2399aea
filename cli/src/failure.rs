//! What can end a command: invalid input (exit 2) or anything else (exit 1), and how each is told.

use std::io::{self, Write};
use std::process::ExitCode;

use duplicata_core::{Error, ErrorKind};

use crate::output::Out;

/// Failures of the command line.
pub(crate) enum Failure {
    /// Invalid input: the error with its code, field and messages (exit 2).
    Input(Error),
    /// A file or stream could not be read or written, or a bug (exit 1).
    Other(String),
    /// Standard output could not be written (a closed pipe, a full disk): exit 1, one line on
    /// standard error, nothing more on standard output.
    Output(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e.kind() {
            ErrorKind::Io | ErrorKind::Internal => Failure::Other(e.to_string()),
            _ => Failure::Input(e),
        }
    }
}

impl Failure {
    /// A file that could not be opened, read or written, named with the error.
    pub(crate) fn file(what: &std::path::Path, e: &io::Error) -> Self {
        Failure::Other(format!("{}: {e}", what.display()))
    }

    /// Tells the failure (on stdout as JSON when `json`, else on stderr) and gives the exit status.
    pub(crate) fn report(self, out: &mut Out, json: bool) -> ExitCode {
        match self {
            Failure::Input(e) => {
                if json {
                    // If stdout fails too, that is told instead (one line, exit 1).
                    if let Err(w) = out.line(&e.to_json()).and_then(|()| out.flush()) {
                        return Failure::Output(w).report(out, false);
                    }
                } else {
                    let mut text = format!(
                        "erreur : {} [{}]{}\nerror: {}\n",
                        e.message_fr(),
                        e.code(),
                        e.field().map(|f| format!(" ({f})")).unwrap_or_default(),
                        e.message_en()
                    );
                    for p in e.problems() {
                        text.push_str(&format!(
                            "  ligne {}, colonne {} : {} [{}] {}\n",
                            p.line, p.column, p.path, p.code, p.message_fr
                        ));
                    }
                    stderr(&text);
                }
                ExitCode::from(2)
            }
            Failure::Other(msg) => {
                stderr(&format!("erreur / error: {msg}\n"));
                ExitCode::from(1)
            }
            Failure::Output(e) => {
                out.abandon();
                stderr(&format!(
                    "erreur / error: écriture impossible sur la sortie standard / cannot write to standard output: {e}\n"
                ));
                ExitCode::from(1)
            }
        }
    }
}

/// Writes to standard error, ignoring a failure there (there is nowhere left to tell it).
pub(crate) fn stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}
