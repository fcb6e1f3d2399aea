//! Reading the bad-input corpus (`tests/bad-inputs/README.md`), shared by the Rust runners
//! (`core/tests/bad_inputs.rs`, `cli/tests/bad_inputs.rs`) through `#[path]`.

use std::path::{Path, PathBuf};

/// Words of serde_json's English messages that must not reach a French message.
pub(crate) const ENGLISH: &[&str] = &[
    "EOF",
    "while parsing",
    "expected",
    "invalid type",
    "invalid value",
    "unknown field",
    "missing field",
    "unknown variant",
    " at line ",
    "column",
    "trailing",
    "escape",
    "number out",
    "recursion",
    "integer",
    "string",
    "boolean",
    "sequence",
];

/// One hostile input and the error it must get.
pub(crate) struct Case {
    pub(crate) file: PathBuf,
    /// An error code, or `not-utf8` / `nul-byte` (see the README).
    pub(crate) code: String,
    /// `None` for no field; `Some("*")` for any (where a parser stopped).
    pub(crate) field: Option<String>,
}

impl Case {
    /// The file's name, for messages.
    pub(crate) fn name(&self) -> String {
        self.file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }

    /// Whether an error's field is the one expected.
    pub(crate) fn field_matches(&self, field: Option<&str>) -> bool {
        self.field.as_deref() == Some("*") || self.field.as_deref() == field
    }
}

/// Every case of `generated/` and `hand/`, from the folder `root` (`tests/bad-inputs`).
pub(crate) fn cases(root: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for part in ["generated", "hand"] {
        let tsv = std::fs::read_to_string(root.join(part).join("expected.tsv")).expect("tsv");
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{line}");
            out.push(Case {
                file: root.join(cols[0]),
                code: cols[1].to_owned(),
                field: (cols[2] != "-").then(|| cols[2].to_owned()),
            });
        }
    }
    assert!(out.len() >= 300, "{} cases", out.len());
    out
}

/// The problems of a French message: English parser text, empty, or over one line.
pub(crate) fn french_problem(fr: &str, en: &str) -> Option<String> {
    if let Some(w) = ENGLISH.iter().find(|w| fr.contains(*w)) {
        return Some(format!("French message with '{w}': {fr}"));
    }
    (fr.is_empty() || en.is_empty() || fr.contains('\n'))
        .then(|| "messages empty or over one line".to_owned())
}
