//! The modules of each crate form layers: no module uses one that uses it back, directly or
//! through others (ARCHITECTURE.md). Rust allows such circles inside a crate, so this test reads
//! the sources and names any circle it finds.

use std::collections::BTreeMap;
use std::path::Path;

/// A crate's top-level modules, each with the modules it names as `crate::…`.
type Graph = BTreeMap<String, Vec<String>>;

fn source_files(path: &Path, into: &mut Vec<String>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for entry in entries {
            source_files(&entry, into);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        into.push(std::fs::read_to_string(path).unwrap());
    }
}

/// Names used right after `crate::`, including each name in `crate::{a::x, b}`.
fn named_modules(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphabetic() || c == '_') => {
                        item_start = false;
                        names.push(identifier(&group[i..]));
                    }
                    _ => {}
                }
            }
        } else {
            names.push(identifier(rest));
        }
    }
    names
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn module_graph(src: &Path) -> Graph {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" || name.ends_with("_tests") {
            continue;
        }
        let mut texts = Vec::new();
        source_files(&path, &mut texts);
        modules.insert(name, texts);
    }
    modules
        .iter()
        .map(|(name, texts)| {
            let mut uses: Vec<String> = texts
                .iter()
                .flat_map(|t| named_modules(t))
                .filter(|used| used != name && modules.contains_key(used))
                .collect();
            uses.sort();
            uses.dedup();
            (name.clone(), uses)
        })
        .collect()
}

/// A circle of modules, if the graph has one: each uses the next, and the last the first.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        graph: &Graph,
        module: &str,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            return Some(path[start..].to_vec());
        }
        if done.iter().any(|m| m == module) {
            return None;
        }
        path.push(module.to_string());
        for used in &graph[module] {
            if let Some(found) = visit(graph, used, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(module.to_string());
        None
    }
    let mut done = Vec::new();
    graph
        .keys()
        .find_map(|m| visit(graph, m, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crates = [
        "muster-core",
        "muster-views",
        "muster-report",
        "muster-host",
    ];
    let folders = crates
        .iter()
        .map(|c| root.join("crates").join(c).join("src"));
    for src in folders.chain([root.join("src")]) {
        let graph = module_graph(&src);
        assert!(!graph.is_empty(), "{}: no modules read", src.display());
        if let Some(circle) = circle(&graph) {
            panic!(
                "{}: the modules {} use each other in a circle",
                src.display(),
                circle.join(" → ")
            );
        }
    }
}

#[test]
fn a_circle_is_found_and_grouped_uses_are_read() {
    assert_eq!(
        named_modules("use crate::{sim::{Exercise, Event}, scenario::Id};\ncrate::tr!(x)"),
        ["sim", "scenario", "tr"]
    );
    let graph: Graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, uses)| (m.to_string(), uses.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(circle(&graph).unwrap(), ["a", "b", "c"]);
    let mut layered = graph.clone();
    layered.insert("c".into(), vec!["d".into()]);
    assert_eq!(circle(&layered), None);
}
