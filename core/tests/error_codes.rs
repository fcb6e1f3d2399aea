//! The registry of error codes, `docs/errors.md` and the codes the sources raise are the same list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use duplicata_core::{Error, ErrorCode};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The prefixes of error codes (`cmi.` codes are also eligibility reasons: only `cmi.address.` is
/// an error prefix alone).
const PREFIXES: [&str; 9] = [
    "request.",
    "plate.",
    "department.",
    "procedure.",
    "params.",
    "io.",
    "internal.",
    "ffi.",
    "cmi.address.",
];

/// Literals with an error prefix that are not error codes: trace rules and eligibility notes.
const NOT_ERRORS: [&str; 3] = ["plate.system", "plate.provisional", "procedure.channel"];

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.contains('.')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.' || b.is_ascii_digit())
}

/// The codes documented in the error tables of `docs/errors.md` (before the eligibility reasons).
fn documented() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("docs/errors.md")).expect("docs/errors.md");
    let errors = text
        .split("## Reasons a request is not eligible")
        .next()
        .expect("text");
    let mut out = BTreeSet::new();
    for line in errors.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or_default();
        out.extend(
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|s| is_code(s))
                .map(str::to_owned),
        );
    }
    for para in errors.split("## Problems of a parameter file").skip(1) {
        out.extend(
            para.split('`')
                .skip(1)
                .step_by(2)
                .filter(|s| is_code(s))
                .map(str::to_owned),
        );
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("source dir")
        .map(|e| e.expect("entry").path())
    {
        if e.is_dir() {
            sources(&e, out);
        } else if e.extension().is_some_and(|x| x == "rs") && !e.ends_with("error/codes.rs") {
            out.push(e);
        }
    }
}

/// The string literals of the Rust sources that have an error code's shape and prefix.
fn used() -> BTreeSet<String> {
    let mut files = Vec::new();
    for d in ["core/src", "cli/src", "ffi/src", "wasm/src", "python/src"] {
        sources(&root().join(d), &mut files);
    }
    let mut out = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source");
        for lit in text.split('"').skip(1).step_by(2) {
            if is_code(lit)
                && PREFIXES.iter().any(|p| lit.starts_with(p))
                && !NOT_ERRORS.contains(&lit)
            {
                // A field path such as `cmi.delivery_address.postal_code` is not a code.
                if !lit.starts_with("cmi.delivery_address") {
                    out.insert(lit.to_owned());
                }
            }
        }
    }
    out
}

fn registry() -> BTreeSet<String> {
    ErrorCode::ALL.iter().map(|c| c.code().to_owned()).collect()
}

#[test]
fn the_registry_is_what_the_documentation_lists() {
    let (reg, doc) = (registry(), documented());
    let undocumented: Vec<_> = reg.difference(&doc).collect();
    let unregistered: Vec<_> = doc.difference(&reg).collect();
    assert!(
        undocumented.is_empty(),
        "registered but not in docs/errors.md: {undocumented:?}"
    );
    assert!(
        unregistered.is_empty(),
        "in docs/errors.md but not registered: {unregistered:?}"
    );
}

#[test]
fn every_code_used_is_registered_and_every_registered_code_is_used() {
    let (reg, used) = (registry(), used());
    let unknown: Vec<_> = used.difference(&reg).collect();
    assert!(
        unknown.is_empty(),
        "used but not registered (nor documented): {unknown:?}"
    );
    // The CMI portal codes are also eligibility reasons: look for them anywhere in the sources.
    let mut all_sources = String::new();
    let mut files = Vec::new();
    for d in ["core/src", "cli/src", "ffi/src", "wasm/src", "python/src"] {
        sources(&root().join(d), &mut files);
    }
    for f in files {
        all_sources.push_str(&std::fs::read_to_string(f).expect("source"));
    }
    // A code is raised by its literal or through the registry (`ErrorCode::Variant`).
    let unused: Vec<_> = ErrorCode::ALL
        .iter()
        .filter(|c| {
            !used.contains(c.code())
                && !all_sources.contains(&format!("\"{}\"", c.code()))
                && !all_sources.contains(&format!("ErrorCode::{c:?}"))
        })
        .map(|c| c.code())
        .collect();
    assert!(
        unused.is_empty(),
        "registered and documented but never raised: {unused:?}"
    );
}

#[test]
fn the_checks_can_fail() {
    // A code outside the registry is told apart, and the registry's entries are complete.
    assert!(ErrorCode::parse("plate.no_such_code").is_none());
    for c in ErrorCode::ALL {
        assert_eq!(ErrorCode::parse(c.code()), Some(*c));
        assert!(
            !c.message_fr().is_empty() && !c.message_en().is_empty(),
            "{c:?}"
        );
        let e = Error::of(*c);
        assert_eq!(
            (e.code(), e.kind(), e.field()),
            (c.code(), c.kind(), c.field())
        );
        assert_eq!(e.registered(), Some(*c));
    }
    assert!(!documented().contains("plate.no_such_code"));
}
