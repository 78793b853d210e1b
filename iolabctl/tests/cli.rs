//! iolabctl as a user meets it: the built binary run as a process (simulator transport), its exit
//! codes, stdout, stderr and files. Exit codes: 0 success, 1 request failed, 2 usage, 3 device
//! not available, 4 selftest failures, 5 output or input I/O.

#![cfg(not(windows))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_iolabctl");

fn iolabctl(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("KMDF_SIM_TRACE");
    command
}

fn run(args: &[&str]) -> Output {
    iolabctl(args)
        .stdin(Stdio::null())
        .output()
        .expect("iolabctl runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("stdout is not JSON ({error}): {}", text(&output.stdout)))
}

#[test]
fn help_lists_every_exit_code() {
    let output = run(&["--help"]);
    assert_eq!(code(&output), 0);
    let help = text(&output.stdout);
    for line in [
        "  0  success",
        "  1  the device failed a request",
        "  2  usage",
        "  3  device not available",
        "  4  selftest: at least one scenario failed",
        "  5  the output could not be written",
    ] {
        assert!(help.contains(line), "--help lacks {line:?}:\n{help}");
    }
}

#[test]
fn usage_errors_exit_2_and_name_the_problem() {
    let output = run(&["frobnicate"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("unrecognized subcommand 'frobnicate'"));
    assert!(output.stdout.is_empty());

    let output = run(&["--json", "frobnicate"]);
    assert_eq!(code(&output), 2);
    let value = json(&output);
    assert_eq!(value["error"]["kind"], "usage");
    assert_eq!(value["error"]["exit_code"], 2);
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("unrecognized subcommand 'frobnicate'")
    );
}

#[test]
fn selftest_passes_lists_selects_and_writes_junit() {
    let output = run(&["selftest"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stdout));
    let report = text(&output.stdout);
    // The simulator runs every scenario, the filter's too: nothing is skipped.
    assert!(
        report.ends_with("\n41 passed, 0 failed, 0 skipped\n"),
        "{report}"
    );
    for filter in [
        "filter-pass-through-exact",
        "filter-stats-exact",
        "filter-monitoring-toggled-under-load",
        "filter-lower-failures-propagated",
        "filter-removal-with-requests-in-flight",
        "filter-devices-share-one-control-device",
        "filter-last-removed-control-device-gone-unload-clean",
    ] {
        assert!(
            report.contains(&format!("\nPASS {filter}\n")),
            "{filter}:\n{report}"
        );
    }
    assert!(!report.contains("SKIP "), "{report}");
    // Not a terminal: no progress bar, nothing on stderr.
    assert_eq!(text(&output.stderr), "");

    let output = run(&["selftest", "--list"]);
    assert_eq!(code(&output), 0);
    let names = text(&output.stdout);
    assert!(names.starts_with("info\necho-roundtrip\n"), "{names}");
    assert!(
        names.ends_with(
            "\nfilter-devices-share-one-control-device\n\
             filter-last-removed-control-device-gone-unload-clean\n"
        ),
        "{names}"
    );

    let output = run(&["selftest", "--only", "info,echo-roundtrip"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        text(&output.stdout),
        "PASS info\nPASS echo-roundtrip\nPASS remove-and-unload-clean\n\
         3 passed, 0 failed, 0 skipped\n"
    );

    let output = run(&["--json", "selftest", "--only", "filter-stats-exact"]);
    assert_eq!(code(&output), 0);
    let value = json(&output);
    assert_eq!(
        (&value["passed"], &value["failed"], &value["skipped"]),
        (&2.into(), &0.into(), &0.into())
    );
    assert_eq!(value["scenarios"][0]["name"], "filter-stats-exact");
    assert_eq!(value["scenarios"][0]["passed"], true);

    let output = run(&["selftest", "--only", "inf"]);
    assert_eq!(code(&output), 2);
    assert!(
        text(&output.stderr)
            .starts_with("iolabctl: --only: no scenario called \"inf\" (there are: info,"),
        "{}",
        text(&output.stderr)
    );

    let dir = std::env::temp_dir().join(format!("iolabctl-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let junit = dir.join("results.xml");
    let output = run(&[
        "selftest",
        "--only",
        "info",
        "--junit",
        junit.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 0);
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(xml.matches("<testcase ").count(), 2, "{xml}");
    assert!(xml.contains("name=\"info\""));
    assert!(xml.contains("failures=\"0\""));
    assert!(xml.contains("skipped=\"0\""));

    let output = run(&[
        "selftest",
        "--only",
        "info",
        "--junit",
        "/nonexistent-dir/x.xml",
    ]);
    assert_eq!(code(&output), 5);
    assert!(text(&output.stderr).contains("--junit: cannot write /nonexistent-dir/x.xml"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn info_and_echo() {
    let output = run(&["--json", "info"]);
    assert_eq!(code(&output), 0);
    let value = json(&output);
    assert_eq!(value["role"], "function");
    assert_eq!(value["transport"], "sim");

    let output = run(&["echo", "hello"]);
    assert_eq!((code(&output), text(&output.stdout)), (0, "hello\n".into()));

    let output = run(&["echo", ""]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        text(&output.stderr),
        "iolabctl: echo: TEXT is 0 bytes; the echo IOCTL takes 1 to 4096 bytes (use `iolabctl \
         ioctl ECHO --in ...` to send any length)\n"
    );
    let long = "x".repeat(4097);
    let output = run(&["echo", &long]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("TEXT is 4097 bytes"));
}

#[test]
fn ioctl_sends_hex_file_and_stdin_and_names_the_status() {
    let output = run(&["ioctl", "GET_INFO", "--out", "64"]);
    assert_eq!(code(&output), 0);
    let stdout = text(&output.stdout);
    assert!(
        stdout
            .starts_with("0x8A1B2000 (IOCTL_IOLAB_GET_INFO): STATUS_SUCCESS, 64 bytes returned\n"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().count(),
        1 + 4,
        "a header and 4 dump lines:\n{stdout}"
    );

    let output = run(&[
        "ioctl",
        "0x8A1BE004",
        "--in",
        "68 65 6c 6c 6f",
        "--out",
        "5",
    ]);
    assert_eq!(code(&output), 0);
    assert!(text(&output.stdout).contains("68 65 6c 6c 6f"));
    assert!(text(&output.stdout).contains("hello"));

    let file = std::env::temp_dir().join(format!("iolabctl-in-{}.bin", std::process::id()));
    std::fs::write(&file, b"from a file").unwrap();
    let at_file = format!("@{}", file.display());
    let output = run(&["--json", "ioctl", "echo", "--in", &at_file, "--out", "64"]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(code(&output), 0);
    let value = json(&output);
    assert_eq!(value["returned"], 11);
    assert_eq!(value["output_hex"], "66726f6d20612066696c65");
    assert_eq!(value["status"], "STATUS_SUCCESS");

    let mut child = iolabctl(&["--json", "ioctl", "ECHO", "--in", "-", "--out", "16"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"stdin!").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert_eq!(json(&output)["output_hex"], "737464696e21");

    // The driver's failures, by NTSTATUS name, exit 1.
    let output = run(&["ioctl", "ECHO", "--in", "00", "--out", "0"]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        text(&output.stderr),
        "iolabctl: IOCTL 0x8A1BE004 (IOCTL_IOLAB_ECHO) over the sim transport failed with \
         STATUS_BUFFER_TOO_SMALL (0xC0000023)\n"
    );
    let output = run(&["ioctl", "ECHO", "--out", "8"]);
    assert_eq!(code(&output), 1);
    assert!(text(&output.stderr).ends_with("STATUS_INVALID_PARAMETER (0xC000000D)\n"));
    let output = run(&["--json", "ioctl", "0x8A1B23FC"]);
    assert_eq!(code(&output), 1);
    let value = json(&output);
    assert_eq!(value["error"]["kind"], "request-failed");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("STATUS_INVALID_DEVICE_REQUEST (0xC0000010)")
    );

    // Bad input is named.
    let output = run(&["ioctl", "ECHO", "--in", "zz"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--in \"zz\": 'z' is not a hex digit"));
    let output = run(&["ioctl", "FROB"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("control code \"FROB\" is neither a number"));
    let output = run(&["ioctl", "ECHO", "--in", "@/nonexistent/input.bin"]);
    assert_eq!(code(&output), 5);
    assert!(text(&output.stderr).contains("--in @/nonexistent/input.bin: cannot read"));
    let output = run(&["ioctl", "ECHO", "--out", "99999999999"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--out 99999999999: at most 16777216 bytes"));
}

#[test]
fn no_device_exits_3_and_device_selection_is_checked() {
    let output = run(&["--transport", "win32", "info"]);
    assert_eq!(code(&output), 3);
    assert!(text(&output.stderr).contains("exists only on Windows"));
    let output = run(&["--json", "--transport", "win32", "info"]);
    assert_eq!(code(&output), 3);
    assert_eq!(json(&output)["error"]["kind"], "device-unavailable");

    let output = run(&["--device", "2", "info"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--device \"2\": the simulator has one device, 0"));
    let output = run(&["--device", "0", "info"]);
    assert_eq!(code(&output), 0);
}

#[test]
fn doctor_explains_codes_anywhere_and_windows_commands_say_where_they_work() {
    let output = run(&["doctor", "--explain", "10"]);
    assert_eq!(code(&output), 0);
    assert!(
        text(&output.stdout).starts_with("Code 10 (CM_PROB_FAILED_START): the device cannot start")
    );
    let output = run(&["doctor", "--explain", "999"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("--explain 999: not a problem code iolab explains"));

    for command in [
        &["doctor"][..],
        &["devices"],
        &["install"],
        &["uninstall"],
        &["rollback"],
        &["verifier", "status"],
    ] {
        let output = run(command);
        assert_eq!(code(&output), 2, "{command:?}");
        assert!(
            text(&output.stderr).contains("exists only on Windows"),
            "{command:?}: {}",
            text(&output.stderr)
        );
    }
}

/// Runs iolabctl with `input` on stdin and its stdout going to `stdout`; stderr is captured.
fn run_piped(args: &[&str], input: &[u8], stdout: impl Into<Stdio>) -> Output {
    let mut child = iolabctl(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Fed from another thread, so a large input cannot deadlock against a full stdout pipe.
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    output
}

/// Runs iolabctl with `input` on stdin; its output.
fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    run_piped(args, input, Stdio::piped())
}

/// A reader that went away is no error: the run ends quietly with the command's own code (0).
/// Output that cannot be written otherwise (a full device) is exit code 5, said on stderr.
fn assert_output_failures_handled(args: &[&str], input: &[u8]) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = run_piped(args, input, writer);
    assert_eq!(code(&output), 0, "the command's own exit code");
    assert_eq!(
        text(&output.stderr),
        "",
        "nothing said about the broken pipe"
    );

    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = run_piped(args, input, full);
        assert_eq!(code(&output), 5);
        assert_eq!(
            text(&output.stderr),
            "iolabctl: cannot write the output: No space left on device (os error 28)\n"
        );
    }
}

#[test]
fn a_closed_stdout_is_quiet_and_a_full_one_is_an_error() {
    assert_output_failures_handled(&["selftest"], b"");
    assert_output_failures_handled(&["info"], b"");
}

#[test]
fn kmdf_sim_trace_zero_means_off() {
    let traced = |value: &str| {
        let output = iolabctl(&["info"])
            .env("KMDF_SIM_TRACE", value)
            .output()
            .unwrap();
        assert_eq!(code(&output), 0);
        text(&output.stderr)
    };
    assert_eq!(traced("0"), "");
    assert_eq!(traced("off"), "");
    assert!(traced("1").contains("[driver] iolab: function device added"));
    assert_eq!(
        traced("loud"),
        "kmdf-sim: KMDF_SIM_TRACE=\"loud\" is not understood (use 1, true, on or yes to trace; 0, \
         false, off, no or nothing not to); tracing stays off\n"
    );
}

#[test]
fn read_writes_raw_bytes_to_stdout_and_a_round_trip_is_byte_exact() {
    // Every byte value, then a stretch with NUL, CR LF and invalid UTF-8 runs.
    let mut data: Vec<u8> = (0..=255).collect();
    data.extend([0, 0, b'\r', b'\n', 0xFF, 0xFE, 0xC3, 0x28, b'\n']);
    let output = run_with_stdin(&["read", "4096", "--write-first", "-", "--out", "-"], &data);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert_eq!(
        output.stdout, data,
        "stdout holds exactly the bytes written"
    );
    assert_eq!(text(&output.stderr), "");

    // A file of 60,000 bytes (under the 64 KiB capacity) through the pipe, read in one go.
    let big: Vec<u8> = (0..60_000_u32)
        .map(|i| u8::try_from(i.wrapping_mul(2_654_435_761) >> 24).unwrap())
        .collect();
    let file = std::env::temp_dir().join(format!("iolabctl-rt-{}.bin", std::process::id()));
    std::fs::write(&file, &big).unwrap();
    let output = run(&[
        "read",
        "65536",
        "--write-first",
        file.to_str().unwrap(),
        "--out",
        "-",
    ]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert_eq!(output.stdout.len(), big.len());
    assert!(output.stdout == big, "the 60,000 bytes come back unchanged");

    // LENGTH bounds what comes out: min(length, available).
    let output = run_with_stdin(
        &["read", "5", "--write-first", "-", "--out", "-"],
        b"\0\x01abcdef",
    );
    assert_eq!(
        (code(&output), output.stdout.as_slice()),
        (0, &b"\0\x01abc"[..])
    );

    // Without --out the same bytes are shown as hex (not text: they are not UTF-8).
    let output = run_with_stdin(&["read", "--write-first", "-"], &[0xFF, 0x00, 0x41]);
    assert_eq!(
        (code(&output), text(&output.stdout).as_str()),
        (0, "ff0041\n")
    );
}

#[test]
fn read_to_stdout_usage_broken_pipe_and_failed_output() {
    let output = run(&["--json", "read", "--out", "-"]);
    assert_eq!(code(&output), 2);
    assert_eq!(json(&output)["error"]["kind"], "usage");
    assert!(
        json(&output)["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("read --out -: the raw bytes go to stdout")
    );
    let output = run(&["read", "--out", "-", "--hex"]);
    assert_eq!(code(&output), 2);
    assert!(text(&output.stderr).contains("cannot be used with"));
    let output = run(&["read", "--write-first", "/nonexistent/in.bin", "--out", "-"]);
    assert_eq!(code(&output), 5);
    assert!(text(&output.stderr).contains("reading /nonexistent/in.bin"));

    assert_output_failures_handled(&["read", "--write-first", "-", "--out", "-"], b"bytes");
}

#[test]
fn read_help_says_where_the_bytes_go() {
    let output = run(&["read", "--help"]);
    assert_eq!(code(&output), 0);
    let help = text(&output.stdout);
    for expected in [
        "--out <PATH|->",
        "`-` writes the raw bytes to stdout",
        "--write-first <PATH|->",
        "whether stdout is a terminal or not",
        "`--out -` writes exactly the bytes read to stdout, nothing added",
        "(not with --json",
    ] {
        assert!(
            help.contains(expected),
            "{expected:?} missing from:\n{help}"
        );
    }
}

#[test]
fn filter_commands_reach_the_control_device_over_the_monitored_pipe() {
    // The simulator starts iolab's monitored pipe (Root\IoLabMonitored): one filter instance.
    let output = run(&["filter", "list"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let listed = text(&output.stdout);
    assert!(
        listed.lines().any(|line| line.split_whitespace().eq([
            "1",
            "on",
            "0",
            "\\Device\\00000001"
        ])),
        "{listed}"
    );
    let value = json(&run(&["--json", "filter", "list"]));
    assert_eq!(value["total"], 1);
    assert_eq!(value["filters"][0]["id"], 1);
    assert_eq!(value["filters"][0]["monitoring"], true);

    let output = run(&["filter", "stats"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let stats = text(&output.stdout);
    assert!(
        stats.starts_with("filter 1: monitoring on, in flight 0,"),
        "{stats}"
    );
    for kind in ["read", "write", "device_control", "internal_device_control"] {
        assert!(
            stats
                .lines()
                .any(|line| line.split_whitespace().next() == Some(kind)),
            "no {kind} row:\n{stats}"
        );
    }
    let value = json(&run(&["--json", "filter", "stats", "--id", "1"]));
    assert_eq!(value["filters"][0]["kinds"]["read"]["requests"], 0);
    assert_eq!(value["filters"][0]["in_flight"], 0);

    let value = json(&run(&["--json", "filter", "monitor", "off", "--id", "1"]));
    assert_eq!(value["monitoring"], "off");
    assert_eq!(value["instance"], 1);
    let output = run(&["filter", "reset"]);
    assert_eq!(code(&output), 0);
    assert_eq!(text(&output.stdout), "every filter instance: reset done\n");
}

#[test]
fn filter_errors_say_what_went_wrong() {
    // An instance that does not exist: the request fails (exit 1), in words and in JSON.
    let output = run(&["filter", "stats", "--id", "7"]);
    assert_eq!(code(&output), 1);
    assert!(
        text(&output.stderr).contains("filter stats for instance 7 over the sim transport")
            && text(&output.stderr).contains("STATUS_NO_SUCH_DEVICE"),
        "{}",
        text(&output.stderr)
    );
    let value = json(&run(&["--json", "filter", "monitor", "on", "--id", "7"]));
    assert_eq!(value["error"]["exit_code"], 1);
    // Bad values are usage errors.
    assert_eq!(code(&run(&["filter", "monitor", "maybe"])), 2);
    assert_eq!(code(&run(&["filter", "stats", "--id", "-1"])), 2);
    assert_eq!(code(&run(&["filter"])), 2);
}
