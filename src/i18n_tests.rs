use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;

use crate::i18n::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Each table file of a language, with the message ids it defines.
fn tables(language: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join("assets/i18n").join(language);
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        let ids = resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        tables.insert(name, ids);
    }
    tables
}

/// The text of every Rust source file of the workspace: the binary's crate and the core.
fn sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = String::new();
    walk(&root().join("src"), &mut out);
    walk(&root().join("crates"), &mut out);
    out
}

/// The types that `ron_struct!` and `ron_enum!` declare: each is named by `type-NAME`.
fn declared_types(code: &str) -> BTreeSet<String> {
    let (structs, enums) = (concat!("ron_struct", "! {"), concat!("ron_enum", "! {"));
    let mut names = BTreeSet::new();
    for marker in [structs, enums] {
        for (at, _) in code.match_indices(marker) {
            let rest = &code[at..];
            let Some(start) = ["pub struct ", "pub enum "]
                .iter()
                .filter_map(|p| rest.find(p).map(|n| n + p.len()))
                .min()
            else {
                continue;
            };
            let name: String = rest[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

/// Every record and choice a scenario, plan or command holds is named in the tables, so that
/// "expected …" reads in the reader's language.
#[test]
fn every_declared_type_has_a_name() {
    let english: BTreeSet<String> = tables("en").into_values().flatten().collect();
    let types = declared_types(&sources());
    assert!(types.len() > 100, "{types:?}");
    let missing: Vec<_> = types
        .iter()
        .filter(|name| !english.contains(&format!("type-{name}")))
        .collect();
    assert!(
        missing.is_empty(),
        "no `type-NAME` in the tables for {missing:?}"
    );
}

#[test]
fn every_key_is_in_both_languages_and_used() {
    let english = tables("en");
    let chinese = tables("zh-CN");
    assert!(!english.is_empty());
    assert_eq!(
        english.keys().collect::<Vec<_>>(),
        chinese.keys().collect::<Vec<_>>(),
        "the same table files in both languages"
    );
    let code = sources();
    let mut problems = Vec::new();
    for (file, keys) in &english {
        let other = &chinese[file];
        for key in keys.difference(other) {
            problems.push(format!("zh-CN/{file}: `{key}` is missing"));
        }
        for key in other.difference(keys) {
            problems.push(format!("en/{file}: `{key}` is missing"));
        }
        // The command line's help keys are named after its commands and options: checked by
        // `the_command_lines_help_is_complete_in_both_languages`.
        for key in keys.union(other).filter(|k| !k.starts_with("help-")) {
            // `type-NAME` names a type that `ron_struct!` or `ron_enum!` declares, or one
            // whose decoder is written by hand.
            let used = code.contains(&format!("\"{key}\""))
                || key
                    .strip_prefix("type-")
                    .is_some_and(|name| declared_types(&code).contains(name));
            if !used {
                problems.push(format!("{file}: no code uses `{key}`"));
            }
        }
    }
    let all: Vec<&String> = english.values().flatten().collect();
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), unique.len(), "a key is defined in two files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every command and option of the command line has its help in both languages, and the help
/// tables hold nothing else.
#[test]
fn the_command_lines_help_is_complete_in_both_languages() {
    use clap::CommandFactory;
    let mut needed: BTreeSet<String> = [
        "help-usage",
        "help-heading-commands",
        "help-heading-arguments",
        "help-heading-options",
        "help-help",
        "help-version",
        "help-muster",
    ]
    .map(String::from)
    .into();
    let top = crate::cli::Cli::command();
    for arg in top.get_arguments() {
        needed.insert(format!("help-muster-{}", arg.get_id()));
    }
    for command in top.get_subcommands() {
        needed.insert(format!("help-{}", command.get_name()));
        for arg in command.get_arguments() {
            needed.insert(format!("help-{}-{}", command.get_name(), arg.get_id()));
        }
    }
    for language in ["en", "zh-CN"] {
        let keys = tables(language).remove("help.ftl").expect("a help table");
        let missing: Vec<&String> = needed.difference(&keys).collect();
        let unused: Vec<&String> = keys.difference(&needed).collect();
        assert!(missing.is_empty(), "{language}/help.ftl lacks {missing:?}");
        assert!(
            unused.is_empty(),
            "{language}/help.ftl has {unused:?} for no option"
        );
    }
    let mut help = Vec::new();
    crate::cli::command(Language::Zh)
        .find_subcommand_mut("run")
        .unwrap()
        .write_long_help(&mut help)
        .unwrap();
    let help = String::from_utf8(help).unwrap();
    assert!(
        help.contains("用法：") && help.contains("随机种子") && help.contains("显示帮助"),
        "{help}"
    );
}

/// Every key the code asks for is in the tables (a missing one would show its id).
#[test]
fn every_key_the_code_asks_for_is_defined() {
    let english: BTreeSet<String> = tables("en").into_values().flatten().collect();
    let code = sources();
    let mut missing = BTreeSet::new();
    // `tr!(LANGUAGE, "key", …)` and `msg!("key", …)`, on one line or several.
    // Spelt in two pieces so that this line is not taken for a lookup.
    let (tr, msg) = (concat!("tr", "!("), concat!("msg", "!("));
    for marker in [tr, msg] {
        for (at, _) in code.match_indices(marker) {
            // Examples in comments are not lookups.
            let line_start = code[..at].rfind('\n').map_or(0, |n| n + 1);
            if code[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let mut rest = &code[at + marker.len()..];
            if marker == tr {
                rest = rest.split_once(',').map_or("", |(_, after)| after);
            }
            let Some(rest) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            let key: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !key.is_empty() && !english.contains(&key) {
                missing.insert(key);
            }
        }
    }
    assert!(missing.is_empty(), "keys not in the tables: {missing:?}");
}
