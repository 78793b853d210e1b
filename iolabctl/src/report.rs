//! Text and JSON output of iolabctl's commands.

use std::fmt::Write as _;

use iolab_client::scenarios::{NotPassed, ScenarioResult};
use iolab_protocol::InfoReply;
use serde_json::json;

/// The printed result of a selftest run.
#[derive(Debug, PartialEq, Eq)]
pub struct SelftestReport {
    /// What to print on stdout.
    pub text: String,
    /// Scenarios that passed.
    pub passed: usize,
    /// Scenarios that failed.
    pub failed: usize,
    /// Scenarios not run: the transport lacks what they need (neither passed nor failed).
    pub skipped: usize,
}

/// The last line of a selftest run: `N passed, M failed, K skipped`.
pub fn summary_line(passed: usize, failed: usize, skipped: usize) -> String {
    format!("{passed} passed, {failed} failed, {skipped} skipped")
}

/// Formats selftest `results`: one `PASS name`, `FAIL name: reason` or `SKIP name: reason` line
/// each and the summary line, or with `json` an object `{transport, scenarios: [{name, passed,
/// skipped, detail}], passed, failed, skipped}`.
pub fn selftest(results: &[ScenarioResult], transport: &str, json: bool) -> SelftestReport {
    let passed = results.iter().filter(|result| result.passed()).count();
    let failed = results.iter().filter(|result| result.failed()).count();
    let skipped = results.len() - passed - failed;
    let text = if json {
        let scenarios: Vec<_> = results
            .iter()
            .map(|result| {
                json!({
                    "name": result.name,
                    "passed": result.passed(),
                    "skipped": result.not_run().is_some(),
                    "detail": result.outcome.as_ref().err().map(|why| match why {
                        NotPassed::Failed(reason) | NotPassed::NotRun(reason) => reason,
                    }),
                })
            })
            .collect();
        let value = json!({
            "transport": transport,
            "scenarios": scenarios,
            "passed": passed,
            "failed": failed,
            "skipped": skipped,
        });
        format!("{value:#}\n")
    } else {
        let mut text = String::new();
        for result in results {
            match &result.outcome {
                Ok(()) => _ = writeln!(text, "PASS {}", result.name),
                Err(NotPassed::Failed(reason)) => {
                    _ = writeln!(text, "FAIL {}: {reason}", result.name);
                }
                Err(NotPassed::NotRun(reason)) => {
                    _ = writeln!(text, "SKIP {}: {reason}", result.name);
                }
            }
        }
        text.push_str(&summary_line(passed, failed, skipped));
        text.push('\n');
        text
    };
    SelftestReport {
        text,
        passed,
        failed,
        skipped,
    }
}

/// Formats a `GET_INFO` reply.
pub fn info(reply: &InfoReply, transport: &str, json: bool) -> String {
    let role = reply.role().map_or_else(
        |_| format!("unknown ({})", reply.role),
        |role| role.to_string(),
    );
    let version = reply.driver_version;
    if json {
        let value = json!({
            "transport": transport,
            "protocol_version": reply.protocol_version,
            "role": role,
            "driver_version": {
                "major": version.major,
                "minor": version.minor,
                "patch": version.patch,
                "build": version.build,
            },
        });
        format!("{value:#}\n")
    } else {
        format!(
            "transport:        {transport}\nprotocol version: {}\nrole:             {role}\n\
             driver version:   {version}\n",
            reply.protocol_version
        )
    }
}

/// Formats the result of an echo of `sent` that came back as `received`.
pub fn echo(sent: &str, received: &[u8], transport: &str, json: bool) -> String {
    let text = String::from_utf8_lossy(received);
    if json {
        let value = json!({
            "transport": transport,
            "sent_bytes": sent.len(),
            "received_bytes": received.len(),
            "text": text,
            "matches": received == sent.as_bytes(),
        });
        format!("{value:#}\n")
    } else {
        format!("{text}\n")
    }
}

#[cfg(test)]
mod tests {
    use iolab_protocol::{DriverVersion, Role};

    use super::*;

    fn results() -> Vec<ScenarioResult> {
        vec![
            ScenarioResult {
                name: "info",
                outcome: Ok(()),
            },
            ScenarioResult {
                name: "echo-roundtrip",
                outcome: Err(NotPassed::Failed("ECHO of 1 bytes returned 0 bytes".into())),
            },
            ScenarioResult {
                name: "echo-empty-rejected",
                outcome: Ok(()),
            },
            ScenarioResult {
                name: "filter-stats-exact",
                outcome: Err(NotPassed::NotRun("no lower device to program".into())),
            },
        ]
    }

    #[test]
    fn summary_line_format() {
        assert_eq!(summary_line(9, 0, 0), "9 passed, 0 failed, 0 skipped");
        assert_eq!(summary_line(1, 8, 2), "1 passed, 8 failed, 2 skipped");
    }

    #[test]
    fn selftest_text() {
        let report = selftest(&results(), "fake", false);
        assert_eq!(
            report.text,
            "PASS info\nFAIL echo-roundtrip: ECHO of 1 bytes returned 0 bytes\n\
             PASS echo-empty-rejected\nSKIP filter-stats-exact: no lower device to program\n\
             2 passed, 1 failed, 1 skipped\n"
        );
        assert_eq!((report.passed, report.failed, report.skipped), (2, 1, 1));
    }

    #[test]
    fn selftest_json() {
        let report = selftest(&results(), "fake", true);
        let value: serde_json::Value = serde_json::from_str(&report.text).unwrap();
        assert_eq!(
            value,
            json!({
                "transport": "fake",
                "scenarios": [
                    {"name": "info", "passed": true, "skipped": false, "detail": null},
                    {"name": "echo-roundtrip", "passed": false, "skipped": false,
                     "detail": "ECHO of 1 bytes returned 0 bytes"},
                    {"name": "echo-empty-rejected", "passed": true, "skipped": false,
                     "detail": null},
                    {"name": "filter-stats-exact", "passed": false, "skipped": true,
                     "detail": "no lower device to program"},
                ],
                "passed": 2,
                "failed": 1,
                "skipped": 1,
            })
        );
    }

    #[test]
    fn info_text_and_json() {
        let reply = InfoReply::new(
            Role::Function,
            DriverVersion {
                major: 0,
                minor: 1,
                patch: 2,
                build: 3,
            },
        );
        assert_eq!(
            info(&reply, "sim", false),
            "transport:        sim\nprotocol version: 1\nrole:             function\n\
             driver version:   0.1.2.3\n"
        );
        let value: serde_json::Value = serde_json::from_str(&info(&reply, "sim", true)).unwrap();
        assert_eq!(
            value,
            json!({
                "transport": "sim",
                "protocol_version": 1,
                "role": "function",
                "driver_version": {"major": 0, "minor": 1, "patch": 2, "build": 3},
            })
        );
        let mut odd = reply;
        odd.role = 9;
        assert!(info(&odd, "sim", false).contains("role:             unknown (9)\n"));
    }

    #[test]
    fn echo_output() {
        assert_eq!(echo("hi", b"hi", "sim", false), "hi\n");
        let value: serde_json::Value =
            serde_json::from_str(&echo("hi", b"h", "sim", true)).unwrap();
        assert_eq!(
            value,
            json!({"transport": "sim", "sent_bytes": 2, "received_bytes": 1, "text": "h", "matches": false})
        );
    }
}
