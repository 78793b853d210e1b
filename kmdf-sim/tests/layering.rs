//! kmdf-sim's modules form layers (README, "How kmdf-sim is built"): each module may use the
//! modules below it and never one above it. This test reads the sources and fails naming the file
//! and the upward `use` when a change breaks the order.

use std::fs;
use std::path::{Path, PathBuf};

/// Top to bottom.
const LAYERS: &[&str] = &[
    "api",
    "ddi",
    "framework",
    "io_manager",
    "irql",
    "state",
    "pnp_power",
    "bus",
    "config",
    "faults",
    "registry",
    "etw",
    "verifier",
    "scheduler",
    "memory",
    "security",
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module paths (`crate::x`) a line of code names, ignoring comments.
fn crate_references(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

fn upward_uses(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(src).unwrap_or(file);
        let module = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|c| c.trim_end_matches(".rs").to_owned())
            .unwrap_or_default();
        if module == "lib" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            problems.push(format!(
                "{}: module `{module}` has no place in LAYERS",
                relative.display()
            ));
            continue;
        };
        let text = fs::read_to_string(file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            for name in crate_references(line) {
                match layer_of(&name) {
                    Some(used) if used < own => problems.push(format!(
                        "{}:{}: `{module}` uses `crate::{name}`, a layer above it",
                        relative.display(),
                        number + 1
                    )),
                    Some(_) => {}
                    None => problems.push(format!(
                        "{}:{}: `crate::{name}` is not a module in LAYERS",
                        relative.display(),
                        number + 1
                    )),
                }
            }
        }
    }
    problems
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = upward_uses(&src);
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_an_upward_use() {
    let dir = std::env::temp_dir().join(format!("kmdf-sim-layering-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("framework")).expect("temp dir");
    fs::write(
        dir.join("state.rs"),
        "use crate::framework::queue; // upward\n",
    )
    .expect("write");
    fs::write(
        dir.join("framework/queue.rs"),
        "use crate::state::State;\n// crate::api in a comment is fine\n",
    )
    .expect("write");
    let problems = upward_uses(&dir);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("state.rs:1: `state` uses `crate::framework`"));
}
