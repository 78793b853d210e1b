//! `iolabctl selftest`: choosing scenarios (`--list`, `--only`), running them with a progress bar
//! on a terminal, and JUnit XML for CI systems (`--junit`).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use iolab_client::Transport;
use iolab_client::scenarios::{self, CLOSE_CHECK, NotPassed, Scenario, ScenarioResult};
use serde_json::json;

/// The scenarios `--only` names, in the suite's order; all of them when `only` is empty.
///
/// # Errors
/// Each name that is not a scenario, with the names there are.
pub fn select(only: &[String]) -> Result<Vec<&'static Scenario>, String> {
    let unknown: Vec<&str> = only
        .iter()
        .map(String::as_str)
        .filter(|name| scenarios::find(name).is_none())
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
        return Err(format!(
            "--only: no scenario called {} (there are: {})",
            unknown
                .iter()
                .map(|name| format!("{name:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ));
    }
    Ok(scenarios::all()
        .iter()
        .filter(|scenario| only.is_empty() || only.iter().any(|name| name == scenario.name))
        .collect())
}

/// `--list`: the scenarios' names, one a line (or a JSON array).
pub fn list(json: bool) -> String {
    let names: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
    if json {
        format!("{:#}\n", json!({ "scenarios": names }))
    } else {
        let mut text = names.join("\n");
        text.push('\n');
        text
    }
}

/// Whether to draw a progress bar: only for people, on a terminal, and not under `--json`.
pub fn progress_wanted(stderr_is_terminal: bool, json: bool) -> bool {
    stderr_is_terminal && !json
}

/// One scenario's result and how long it took.
pub struct Timed {
    /// The result.
    pub result: ScenarioResult,
    /// Its wall-clock time.
    pub time: Duration,
}

/// Runs `selected` in order, then the transport's close check where it has one (the simulator's
/// removal, unload and leak check), with a progress bar on stderr when `progress`.
pub fn run(transport: &mut dyn Transport, selected: &[&Scenario], progress: bool) -> Vec<Timed> {
    let checks_on_close = transport.checks_on_close();
    let total = selected.len() + usize::from(checks_on_close);
    let bar = progress.then(|| {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut timed = Vec::with_capacity(total);
    let mut step = |name: &'static str, run: &mut dyn FnMut() -> Result<(), NotPassed>| {
        if let Some(bar) = &bar {
            bar.set_message(name);
        }
        let start = Instant::now();
        let outcome = run();
        timed.push(Timed {
            result: ScenarioResult { name, outcome },
            time: start.elapsed(),
        });
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    for scenario in selected {
        step(scenario.name, &mut || (scenario.run)(&mut *transport));
    }
    if checks_on_close {
        step(CLOSE_CHECK, &mut || {
            transport.close().map_err(NotPassed::Failed)
        });
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    timed
}

/// JUnit XML of a run: one `<testsuite>` of `<testcase>`s, a `<failure>` for each that failed
/// and a `<skipped>` for each not run.
pub fn junit(timed: &[Timed], transport: &str) -> String {
    let failures = timed.iter().filter(|t| t.result.failed()).count();
    let skipped = timed
        .iter()
        .filter(|t| t.result.not_run().is_some())
        .count();
    let total: f64 = timed.iter().map(|t| t.time.as_secs_f64()).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    _ = writeln!(
        xml,
        "<testsuites name=\"iolabctl selftest\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" \
         time=\"{total:.6}\">",
        timed.len()
    );
    _ = writeln!(
        xml,
        "  <testsuite name=\"iolab selftest ({})\" tests=\"{}\" failures=\"{failures}\" \
         errors=\"0\" skipped=\"{skipped}\" time=\"{total:.6}\">",
        escape(transport),
        timed.len()
    );
    for t in timed {
        let name = escape(t.result.name);
        let time = t.time.as_secs_f64();
        match &t.result.outcome {
            Ok(()) => {
                _ = writeln!(
                    xml,
                    "    <testcase classname=\"iolab.selftest\" name=\"{name}\" time=\"{time:.6}\"/>"
                );
            }
            Err(why) => {
                let inner = match why {
                    NotPassed::Failed(reason) => {
                        let reason = escape(reason);
                        format!("<failure message=\"{reason}\">{reason}</failure>")
                    }
                    NotPassed::NotRun(reason) => {
                        format!("<skipped message=\"{}\"/>", escape(reason))
                    }
                };
                _ = writeln!(
                    xml,
                    "    <testcase classname=\"iolab.selftest\" name=\"{name}\" time=\"{time:.6}\">\n\
                     \x20     {inner}\n    </testcase>"
                );
            }
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// Escapes text for XML attributes and content; control characters XML 1.0 cannot hold become
/// U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if u32::from(c) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_by_name_keeps_the_suite_order() {
        let all = select(&[]).unwrap();
        assert_eq!(all.len(), scenarios::all().len());
        let names: Vec<&str> = select(&["echo-roundtrip".into(), "info".into()])
            .unwrap()
            .iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["info", "echo-roundtrip"]);
        let error = select(&["info".into(), "nope".into()]).unwrap_err();
        assert!(
            error.starts_with("--only: no scenario called \"nope\" (there are: info, "),
            "{error}"
        );
    }

    #[test]
    fn list_names_every_scenario() {
        let text = list(false);
        assert_eq!(text.lines().count(), scenarios::all().len());
        assert!(text.starts_with("info\n"));
        let value: serde_json::Value = serde_json::from_str(&list(true)).unwrap();
        assert_eq!(value["scenarios"][0], "info");
    }

    #[test]
    fn progress_only_for_a_terminal_without_json() {
        assert!(progress_wanted(true, false));
        assert!(!progress_wanted(false, false));
        assert!(!progress_wanted(true, true));
    }

    #[test]
    fn junit_xml() {
        let timed = [
            Timed {
                result: ScenarioResult {
                    name: "info",
                    outcome: Ok(()),
                },
                time: Duration::from_millis(2),
            },
            Timed {
                result: ScenarioResult {
                    name: "echo",
                    outcome: Err(NotPassed::Failed("got <3> & \"x\"\nline".into())),
                },
                time: Duration::from_millis(1),
            },
            Timed {
                result: ScenarioResult {
                    name: "filter-stats-exact",
                    outcome: Err(NotPassed::NotRun("no <lower> device".into())),
                },
                time: Duration::ZERO,
            },
        ];
        let xml = junit(&timed, "sim");
        assert!(xml.contains(
            "<testsuite name=\"iolab selftest (sim)\" tests=\"3\" failures=\"1\" errors=\"0\" \
             skipped=\"1\" time=\"0.003000\">"
        ));
        assert!(xml.contains(
            "<testcase classname=\"iolab.selftest\" name=\"filter-stats-exact\" \
             time=\"0.000000\">\n      <skipped message=\"no &lt;lower&gt; device\"/>\n    \
             </testcase>"
        ));
        assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
        assert!(
            xml.contains(
                "<testcase classname=\"iolab.selftest\" name=\"info\" time=\"0.002000\"/>"
            )
        );
        assert!(xml.contains("<failure message=\"got &lt;3&gt; &amp; &quot;x&quot;&#10;line\">"));
        assert!(xml.ends_with("</testsuite>\n</testsuites>\n"));
    }
}
