//! Problems found before the file can be read: bytes that are not UTF-8, TOML syntax errors
//! (several in one pass).

use super::*;

/// The most syntax problems reported in one pass (each found after blanking the previous ones).
const MAX_SYNTAX_PROBLEMS: usize = 20;

/// The problems of a file that is not UTF-8: each invalid sequence with its line and column
/// (columns count characters, as every other problem's), then the problems of the rest.
pub(in crate::params) fn not_utf8(bytes: &[u8]) -> Error {
    let text = String::from_utf8_lossy(bytes);
    let mut bad = Vec::new();
    let (mut line, mut column, mut offset) = (1u32, 1u32, 0usize);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\n' {
                line = line.saturating_add(1);
                column = 1;
            } else {
                column = column.saturating_add(1);
            }
        }
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            let hex: String = chunk
                .invalid()
                .iter()
                .map(|b| format!("\\x{b:02X}"))
                .collect();
            bad.push(Problem {
                code: "params.syntax",
                path: String::new(),
                line,
                column,
                message_fr: format!(
                    "octets {hex} non UTF-8 (octet {offset}) : le fichier doit être en UTF-8"
                ),
                message_en: format!(
                    "bytes {hex} are not UTF-8 (byte {offset}): the file must be UTF-8"
                ),
            });
            offset += chunk.invalid().len();
            column = column.saturating_add(1);
        }
    }
    let mut loader = Loader::new(&text);
    loader.problems = bad;
    match Loader::new(&text).load() {
        Ok(_) => {}
        Err(e) => loader.problems.extend(e.problems().iter().cloned()),
    }
    loader.rejected()
}

impl Loader<'_> {
    /// Reports the file's syntax problems: the first one, then again after blanking the lines of
    /// each problem found (positions unchanged), up to [`MAX_SYNTAX_PROBLEMS`], so that one pass
    /// shows several.
    pub(super) fn syntax_problems(&mut self, first: toml::de::Error) {
        let mut text = self.text.as_bytes().to_vec();
        let mut error = Some(first);
        let mut seen = 0;
        while let Some(e) = error.take() {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().replace('\n', " ");
            // A key no table of the file has (`[parameter_set] begins = …`) is an unknown key,
            // named with its table, not a syntax error.
            if let Some((path, table)) = unknown_field(self.text, &span, &msg) {
                self.problem(
                    "params.unknown_key",
                    &path,
                    &span,
                    format!("clé « {path} » inconnue du moteur ({table})"),
                    format!("key '{path}' is unknown to the engine ({table})"),
                );
            } else {
                self.problem(
                    "params.syntax",
                    "",
                    &span,
                    format!("fichier de paramètres illisible : {msg}"),
                    format!("unreadable parameter file: {msg}"),
                );
            }
            seen += 1;
            // Blank the lines the problem covers, keeping their line breaks.
            let start = text[..span.start.min(text.len())]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = span.end.max(span.start + 1).min(text.len());
            let end = text[end..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| end + i);
            if start >= end || seen >= MAX_SYNTAX_PROBLEMS {
                return;
            }
            for b in &mut text[start..end] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
            // Blanking whole lines of a UTF-8 text keeps it UTF-8.
            let Ok(next) = std::str::from_utf8(&text) else {
                return;
            };
            // A field missing after the blanking is the blanking's doing, not another problem.
            error = toml::from_str::<RawFile>(next)
                .err()
                .filter(|e| !e.message().starts_with("missing field"));
        }
    }
}

/// For a deserialisation error "unknown field `key`, expected …": the key's path (its table's
/// name, from the last table header before it, then the key) and the table as written
/// (`[parameter_set]`, or `top level`).
fn unknown_field(text: &str, span: &std::ops::Range<usize>, msg: &str) -> Option<(String, String)> {
    let key = msg.strip_prefix("unknown field `")?.split('`').next()?;
    let before = text.get(..span.start.min(text.len()))?;
    let header = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .and_then(|l| l.split(']').next())
        .map(|l| l.trim_start_matches('[').trim());
    Some(match header {
        Some(table) if !table.is_empty() => (format!("{table}.{key}"), format!("[{table}]")),
        _ => (key.to_owned(), "top level".to_owned()),
    })
}
