//! No import circle between the top-level modules of a crate (docs/architecture.md "No import
//! circles"): a module that reaches back into one that reaches it cannot be read, tested or
//! moved on its own. Every crate of the workspace is checked, from here because this test can
//! read them all: each top-level module's source (its file and its folder) is scanned for
//! `crate::module` paths, `use crate::{…}` groups, `super::module` from a top-level file, and
//! names the crate root re-exports from a module; a circle is a strongly connected group of
//! two modules or more in that graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[test]
fn no_import_circle_inside_any_crate() {
    let crates_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&crates_dir)
        .expect("the workspace's crates folder")
        .map(|e| e.expect("a crate folder").path())
        .filter(|p| p.join("src").is_dir())
        .collect();
    crates.sort();
    assert!(
        crates.len() >= 5,
        "expected the workspace's five crates in {}, found {crates:?}",
        crates_dir.display()
    );
    let mut failures = Vec::new();
    for dir in &crates {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let graph = module_graph(&dir.join("src"));
        for circle in circles(&graph) {
            failures.push(format!("{name}: {}", describe(&graph, &circle)));
        }
    }
    assert!(
        failures.is_empty(),
        "import circles between top-level modules:\n{}",
        failures.join("\n")
    );
}

/// For each top-level module, the modules it names, with the first name that links them.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn module_graph(src: &Path) -> Graph {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    let mut root = String::new();
    for entry in std::fs::read_dir(src).expect("src") {
        let path = entry.expect("an entry of src").path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            sources
                .entry(stem)
                .or_default()
                .push_str(&read_tree(&path, true));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            if stem == "lib" || stem == "main" {
                root = text;
            } else {
                sources.entry(stem).or_default().push_str(&text);
            }
        }
    }
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    let reexports = root_reexports(&strip_comments(&root), &modules);
    let mut graph = Graph::new();
    for (module, text) in &sources {
        let text = strip_comments(text);
        let edges = graph.entry(module.clone()).or_default();
        for (path, via) in crate_paths(&text) {
            let first = path.split("::").next().unwrap_or_default();
            let target = if modules.contains(first) {
                Some(first.to_owned())
            } else {
                reexports.get(first).cloned()
            };
            if let Some(target) = target.filter(|t| t != module) {
                edges
                    .entry(target)
                    .or_insert_with(|| format!("{via}{path}"));
            }
        }
    }
    graph
}

fn read_tree(dir: &Path, top: bool) -> String {
    let mut text = String::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a module folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text.push_str(&read_tree(&path, false));
        } else if path.extension().is_some_and(|e| e == "rs") {
            // `super::x` below a module's own file stays inside the module: only the module's
            // file (`a.rs` or `a/mod.rs`) reaches the root with it.
            let body = std::fs::read_to_string(&path).expect("a source file");
            if top && path.ends_with("mod.rs") {
                text.push_str(&body);
            } else {
                text.push_str(&body.replace("super::", "self::"));
            }
            text.push('\n');
        }
    }
    text
}

/// Line comments removed (doc comments name paths without importing them).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names the crate root re-exports from a module (`pub use files::Reader;`,
/// `pub use error::{A, B};`), so that `crate::Reader` counts as naming `files`.
fn root_reexports(root: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in root.split(';') {
        let statement = statement.trim();
        let Some(rest) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let rest = rest
            .trim()
            .trim_start_matches("crate::")
            .trim_start_matches("self::");
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        if !modules.contains(module) {
            continue;
        }
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            let name = match item.split_once(" as ") {
                Some((_, alias)) => alias.trim(),
                None => item.rsplit("::").next().unwrap_or(item),
            };
            if !name.is_empty() && name != "*" && name != "self" {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

/// Every path that starts at the crate root: `crate::a::b`, each branch of `crate::{a, b::c}`,
/// and `super::a` (read from a top-level file, where `super` is the root).
fn crate_paths(text: &str) -> Vec<(String, &'static str)> {
    let mut paths = Vec::new();
    for prefix in ["crate::", "super::"] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let via: &'static str = if prefix == "crate::" {
                "crate::"
            } else {
                "super::"
            };
            if let Some(group) = rest.strip_prefix('{') {
                for branch in top_level_branches(group) {
                    paths.push((branch, via));
                }
            } else {
                paths.push((leading_path(rest), via));
            }
        }
    }
    paths
}

fn leading_path(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect()
}

/// The first segment of each branch of a `{…}` group, up to its closing brace.
fn top_level_branches(group: &str) -> Vec<String> {
    let mut branches = Vec::new();
    let mut depth = 0;
    let mut start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && (c.is_alphanumeric() || c == '_') => {
                branches.push(leading_path(&group[i..]));
                start = false;
            }
            _ => {}
        }
    }
    branches
}

/// The strongly connected groups of two modules or more (Tarjan's algorithm).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, node: &'g str) {
        let n = w.index.len();
        w.index.insert(node, n);
        w.low.insert(node, n);
        w.stack.push(node);
        w.on_stack.insert(node);
        for next in w.graph.get(node).into_iter().flat_map(|e| e.keys()) {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[node].min(w.low[next]);
                w.low.insert(node, low);
            } else if w.on_stack.contains(next) {
                let low = w.low[node].min(w.index[next]);
                w.low.insert(node, low);
            }
        }
        if w.low[node] == w.index[node] {
            let mut group = Vec::new();
            while let Some(member) = w.stack.pop() {
                w.on_stack.remove(member);
                group.push(member.to_owned());
                if member == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !w.index.contains_key(node.as_str()) {
            visit(&mut w, node);
        }
    }
    w.found
}

/// A circle's modules, and each link inside it with the path that makes it.
fn describe(graph: &Graph, circle: &[String]) -> String {
    let mut links = Vec::new();
    for from in circle {
        for (to, via) in &graph[from] {
            if circle.contains(to) {
                links.push(format!("  {from} → {to} ({via})"));
            }
        }
    }
    format!("{}\n{}", circle.join(" ↔ "), links.join("\n"))
}

#[test]
fn the_checker_finds_a_circle_and_its_links() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(
        src.join("lib.rs"),
        "pub mod a;\npub mod b;\npub mod c;\npub use b::Thing;\n",
    )
    .unwrap();
    std::fs::write(src.join("a.rs"), "use crate::{c, Thing};\n").unwrap();
    std::fs::create_dir(src.join("b")).unwrap();
    std::fs::write(
        src.join("b/mod.rs"),
        "// crate::c is only named here\nmod x;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b/x.rs"),
        "fn f() { super::y::g(); crate::a::g(); }\n",
    )
    .unwrap();
    std::fs::write(src.join("c.rs"), "pub fn h() {}\n").unwrap();
    let graph = module_graph(src);
    assert_eq!(circles(&graph), vec![vec!["a".to_owned(), "b".to_owned()]]);
    assert!(!graph["b"].contains_key("c"), "a comment is not an import");
    assert_eq!(graph["a"]["b"], "crate::Thing");
}
