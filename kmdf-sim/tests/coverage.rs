//! The coverage table in kmdf-sim's README ("DDI coverage") lists every function of the KMDF 1.33
//! table, grouped by the header that declares it, as implemented or not; this test holds it to
//! the function table kmdf-sim actually installs (`kmdf_sim::implemented_ddis`), to the mirror's
//! list of all 458 functions (`wdk-sys/src/wdf/table.rs`), and to the tests: each implemented DDI
//! is called by name in at least one of kmdf-sim's tests.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const BEGIN: &str = "<!-- coverage:begin -->";
const END: &str = "<!-- coverage:end -->";

/// (header, DDI) in the mirror's table order.
fn mirror_functions(root: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(root.join("wdk-sys/src/wdf/table.rs")).expect("table.rs");
    let mut header = String::new();
    let mut functions = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line
            .strip_prefix("// ")
            .filter(|l| l.starts_with("wdf") && l.contains(".h"))
        {
            name.clone_into(&mut header);
        } else if line.starts_with("Wdf")
            && let Some((name, _)) = line.split_once('[')
        {
            functions.push((header.clone(), name.to_owned()));
        }
    }
    functions
}

/// (header, DDI, implemented) as the README's table says.
fn readme_table(root: &Path) -> Vec<(String, String, bool)> {
    let text = fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = text
        .find(BEGIN)
        .expect("the README has the coverage markers");
    let end = text
        .find(END)
        .expect("the README has the coverage end marker");
    let mut header = String::new();
    let mut rows = Vec::new();
    for line in text[start..end].lines() {
        if let Some(name) = line.strip_prefix("#### ") {
            name.rsplit_once(" (")
                .map_or(name, |(h, _)| h)
                .clone_into(&mut header);
        } else if let Some(row) = line.strip_prefix("| `") {
            let (name, rest) = row.split_once('`').expect("| `Name` | yes |");
            let implemented = match rest.trim() {
                "| yes |" => true,
                "| no |" => false,
                other => panic!("{name}: `{other}` is not `| yes |` or `| no |`"),
            };
            rows.push((header.clone(), name.to_owned(), implemented));
        }
    }
    rows
}

/// The table as the README should hold it, from the mirror and the implemented list.
fn expected_section(functions: &[(String, String)], implemented: &BTreeSet<&str>) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (header, name) in functions {
        match groups.last_mut() {
            Some((last, names)) if last == header => names.push(name),
            _ => groups.push((header.clone(), vec![name])),
        }
    }
    let mut out = String::new();
    for (header, names) in groups {
        let done = names.iter().filter(|n| implemented.contains(*n)).count();
        let _ = write!(
            out,
            "#### {header} ({done} of {})\n\n| DDI | implemented |\n| --- | --- |\n",
            names.len()
        );
        for name in names {
            let mark = if implemented.contains(name) {
                "yes"
            } else {
                "no"
            };
            let _ = writeln!(out, "| `{name}` | {mark} |");
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_readme_table_lists_every_ddi_as_the_function_table_implements_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let functions = mirror_functions(root);
    assert_eq!(
        functions.len(),
        458,
        "the KMDF 1.33 table has 458 functions"
    );
    let implemented: BTreeSet<&str> = kmdf_sim::implemented_ddis().into_iter().collect();
    let all: BTreeSet<&str> = functions.iter().map(|(_, n)| n.as_str()).collect();
    let unknown: Vec<&&str> = implemented.difference(&all).collect();
    assert!(
        unknown.is_empty(),
        "implemented but not in the mirror's table: {unknown:?}"
    );
    assert!(
        implemented.len() >= 150,
        "only {} DDIs implemented",
        implemented.len()
    );

    let rows = readme_table(root);
    let expected: Vec<(String, String, bool)> = functions
        .iter()
        .map(|(h, n)| (h.clone(), n.clone(), implemented.contains(n.as_str())))
        .collect();
    if rows != expected {
        let path = std::env::temp_dir().join("kmdf-sim-coverage.md");
        fs::write(&path, expected_section(&functions, &implemented)).expect("write");
        panic!(
            "kmdf-sim/README.md's coverage table differs from the function table; the table as it \
             should read is in {} (paste it between {BEGIN} and {END})",
            path.display()
        );
    }
    let summary = format!("**{} of 458** DDIs are implemented", implemented.len());
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains(&summary), "the README should say {summary}");
}

/// The DDIs `text` calls through `call_unsafe_wdf_function_binding!`.
fn called_ddis(text: &str, into: &mut BTreeSet<String>) {
    const MACRO: &str = "call_unsafe_wdf_function_binding!(";
    let mut rest = text;
    while let Some(at) = rest.find(MACRO) {
        rest = &rest[at + MACRO.len()..];
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        into.insert(name);
    }
}

#[test]
fn every_implemented_ddi_is_called_by_a_test() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // kmdf-sim's own tests, and iolab's driver with the tests that run it under kmdf-sim.
    let mut dirs = vec![
        root.join("tests"),
        root.join("benches"),
        root.join("../src"),
        root.join("../tests"),
    ];
    let mut called = BTreeSet::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("coverage.rs")
            {
                called_ddis(&fs::read_to_string(&path).unwrap_or_default(), &mut called);
            }
        }
    }
    let untested: Vec<&str> = kmdf_sim::implemented_ddis()
        .into_iter()
        .filter(|name| !called.contains(*name))
        .collect();
    assert!(
        untested.is_empty(),
        "implemented DDIs no test calls: {untested:?}"
    );
}
