//! Rules about the code itself, read from the workspace's sources (docs/architecture.md):
//! every document a comment cites exists, with the section it names.

use std::path::{Path, PathBuf};

/// The workspace's root, two levels above this crate.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `crates/*/src` and `crates/*/tests`.
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for krate in std::fs::read_dir(root().join("crates")).unwrap().flatten() {
        walk(&krate.path().join("src"), &mut out);
        walk(&krate.path().join("tests"), &mut out);
    }
    out.sort();
    out
}

/// The comment of a line, if it has one (`//`, `///`, `//!`), outside string literals as far
/// as a line can tell.
fn comment(line: &str) -> Option<&str> {
    let mut in_string = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes[i + 1] == b'/' => return Some(&line[i..]),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The documents cited in a comment: each word ending in `.md`, with what follows it.
fn citations(comment: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = comment;
    while let Some(at) = rest.find(".md") {
        let end = at + 3;
        let start = rest[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || "_-./".contains(c)))
            .map_or(0, |i| i + 1);
        let after = &rest[end..];
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            rest = after;
            continue;
        }
        if start < at {
            out.push((&rest[start..end], after));
        }
        rest = after;
    }
    out
}

#[test]
fn every_document_a_comment_cites_exists_with_its_section() {
    let root = root();
    let mut wrong = Vec::new();
    // This file names documents in its own examples.
    for file in sources()
        .into_iter()
        .filter(|f| !f.ends_with("tests/codebase/citations.rs"))
    {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            let Some(comment) = comment(line) else {
                continue;
            };
            for (cited, after) in citations(comment) {
                let path = root.join(cited);
                let Ok(doc) = std::fs::read_to_string(&path) else {
                    wrong.push(format!("{shown}:{}: {cited} does not exist", n + 1));
                    continue;
                };
                // "docs/domain.md §2.5": section 2 is a heading of the document.
                let after = after.trim_start_matches([' ', '(', ',']);
                if let Some(section) = after.strip_prefix('§') {
                    let number: String =
                        section.chars().take_while(|c| c.is_ascii_digit()).collect();
                    let heading = format!("§{number}");
                    let found = doc.lines().any(|l| {
                        l.starts_with('#')
                            && l.split(|c: char| c.is_whitespace() || c == '–')
                                .any(|w| w == heading)
                    });
                    if number.is_empty() || !found {
                        wrong.push(format!("{shown}:{}: {cited} has no {heading}", n + 1));
                    }
                }
                // `docs/safety.md "Access"`: a heading of that name.
                if let Some(quoted) = after.strip_prefix('"') {
                    let name = quoted.split('"').next().unwrap_or_default();
                    let found = doc
                        .lines()
                        .any(|l| l.starts_with('#') && l.trim_start_matches('#').trim() == name);
                    if !found && !doc.contains(name) {
                        wrong.push(format!("{shown}:{}: {cited} has no \"{name}\"", n + 1));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "comments cite what is not there (paths are from the repository's root):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn citations_are_read_from_comments() {
    assert_eq!(
        citations("// (docs/domain.md §2.5) and README.md."),
        vec![
            ("docs/domain.md", " §2.5) and README.md."),
            ("README.md", ".")
        ]
    );
    assert_eq!(
        comment(r#"let a = "//x"; // docs/time.md"#),
        Some("// docs/time.md")
    );
    assert_eq!(comment(r#"let a = "http://x";"#), None);
}
