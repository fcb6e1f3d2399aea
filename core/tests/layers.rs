//! The shape of the core's sources: no import circle between its modules, no source file over 700
//! lines. A module's use of its own submodules is ownership, not an import, and `lib.rs` is the
//! facade that re-exports the public surface, so neither counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

/// Each module and the modules it imports.
type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
    {
        if e.is_dir() {
            files(&e, out);
        } else if e.extension().is_some_and(|x| x == "rs") {
            out.push(e);
        }
    }
}

/// The module path of a source file: `carte_grise/fees/mod.rs` → `carte_grise::fees`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// Every module a file names through `crate::…` or `super::…`, resolved to the longest known module.
fn imports(text: &str, me: &[String], known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            // The path after the keyword: identifiers joined by `::`.
            let rest = &text[at..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or_default()
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let mut base: Vec<String> = Vec::new();
            let mut segs = path.iter().peekable();
            if segs.peek() == Some(&&"crate") {
                segs.next();
            } else {
                // `super` is the parent module (a file's module path already ends with its own name).
                base = me.to_vec();
                while segs.peek() == Some(&&"super") {
                    segs.next();
                    base.pop();
                }
            }
            let mut target = base.clone();
            let mut best = base;
            for s in segs {
                target.push((*s).to_owned());
                if known.contains(&target) {
                    best = target.clone();
                }
            }
            out.insert(best);
        }
    }
    out
}

fn graph() -> (Graph, Vec<(PathBuf, usize)>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut list = Vec::new();
    files(&src, &mut list);
    let known: BTreeSet<Vec<String>> = list.iter().map(|f| module_of(&src, f)).collect();
    let mut g = BTreeMap::new();
    let mut sizes = Vec::new();
    for f in &list {
        let text = std::fs::read_to_string(f).expect("source");
        sizes.push((f.clone(), text.lines().count()));
        let me = module_of(&src, f);
        if me.is_empty() {
            continue; // lib.rs, the facade
        }
        let deps: BTreeSet<Vec<String>> = imports(&text, &me, &known)
            .into_iter()
            // Not the root facade, not itself, not its own submodules.
            .filter(|d| !d.is_empty() && d != &me && !d.starts_with(&me))
            .collect();
        g.insert(me, deps);
    }
    (g, sizes)
}

/// A circle of the graph, if there is one.
fn circle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        n: &Vec<String>,
        g: &Graph,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let i = stack.iter().position(|m| m == n).unwrap_or(0);
                return Some(stack[i..].iter().chain([n]).map(|m| m.join("::")).collect());
            }
            _ => {}
        }
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    g.keys()
        .find_map(|n| visit(n, g, &mut state, &mut Vec::new()))
}

#[test]
fn no_import_circle_between_modules() {
    let (g, _) = graph();
    assert!(g.len() > 20, "only {} modules found", g.len());
    // The two circles of the flat layout are gone.
    let fees = vec!["carte_grise".to_owned(), "fees".to_owned()];
    let decision = vec!["contract".to_owned(), "decision".to_owned()];
    assert!(!g[&fees].contains(&decision), "fees imports the decision");
    assert!(
        g[&decision].contains(&fees),
        "the checker does not see the decision's imports"
    );
    if let Some(c) = circle(&g) {
        panic!("import circle: {}", c.join(" → "));
    }
}

#[test]
fn a_circle_is_found() {
    let a = vec!["a".to_owned()];
    let b = vec!["b".to_owned()];
    let g = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert!(circle(&g).is_some());
}

#[test]
fn no_source_file_over_700_lines() {
    let (_, sizes) = graph();
    let long: Vec<String> = sizes
        .iter()
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

/// Every `.rs` file under `dir`, skipping build outputs and hidden directories (a venv).
fn workspace_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
    {
        let name = e.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if e.is_dir() {
            if name != "target" && !name.starts_with('.') {
                workspace_files(&e, out);
            }
        } else if e.extension().is_some_and(|x| x == "rs") {
            out.push(e);
        }
    }
}

/// The rule holds for every crate of the workspace and the fuzz targets, not only the core.
#[test]
fn no_workspace_source_file_over_700_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut list = Vec::new();
    for krate in ["core", "cli", "ffi", "python", "wasm", "fuzz"] {
        workspace_files(&root.join(krate), &mut list);
    }
    assert!(list.len() > 100, "{} files", list.len());
    let mut long = Vec::new();
    for f in &list {
        let rel = f.strip_prefix(&root).expect("under root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let n = std::fs::read_to_string(f).expect("source").lines().count();
        if n > MAX_LINES {
            long.push(format!("{rel} ({n} lines)"));
        }
    }
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}
