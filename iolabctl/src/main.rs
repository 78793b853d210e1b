//! iolabctl: control and test tool for the iolab driver, over a real device or the simulator.

mod cli;
mod doctor;
mod exit;
mod filter;
mod ioctl_cmd;
mod pipe;
mod report;
mod selftest_cmd;
#[cfg_attr(
    not(any(windows, test)),
    expect(
        dead_code,
        reason = "doctor's decisions, used by the Windows commands; tested on every OS"
    )
)]
mod trust;
#[cfg(windows)]
mod windows;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use iolab_client::{Client, Transport};
use iolab_protocol::ECHO_MAX_LEN;
use serde_json::json;

use crate::cli::{Cli, Command, TransportKind};
use crate::exit::Exit;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let outcome = execute(&cli);
    ExitCode::from(finish(outcome, cli.json, &mut io::stdout().lock()).code())
}

/// Prints a command-line error (clap's words, or a JSON error under `--json`) and gives its code;
/// `--help` and `--version` print to stdout and succeed.
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        _ = error.print();
        return ExitCode::SUCCESS;
    }
    if std::env::args_os().any(|arg| arg == "--json") {
        let message = error.render().to_string();
        let message = message
            .trim()
            .strip_prefix("error: ")
            .unwrap_or(message.trim())
            .to_owned();
        let outcome = Outcome::failed(Exit::Usage, message);
        return ExitCode::from(finish(outcome, true, &mut io::stdout().lock()).code());
    }
    _ = error.print();
    ExitCode::from(Exit::Usage.code())
}

/// Writes `outcome`: its output to `stdout` (with `--json`, an error becomes the JSON object
/// `{"error": {...}}` there), its error to stderr. A reader that went away (broken pipe) ends the
/// run quietly with the command's own code; any other failure to write is an error of its own.
fn finish(outcome: Outcome, json: bool, stdout: &mut dyn Write) -> Exit {
    let Outcome {
        stdout: mut text,
        error,
        exit,
    } = outcome;
    if json && let Some(message) = &error {
        let output: Option<serde_json::Value> = serde_json::from_slice(&text).ok();
        let value = json!({
            "error": {
                "kind": exit.kind(),
                "message": message,
                "exit_code": exit.code(),
            },
            "output": output,
        });
        text = format!("{value:#}\n").into_bytes();
    }
    if let Err(write_error) = stdout.write_all(&text).and_then(|()| stdout.flush()) {
        if write_error.kind() == io::ErrorKind::BrokenPipe {
            return exit;
        }
        eprintln!("iolabctl: cannot write the output: {write_error}");
        return Exit::Io;
    }
    if !json && let Some(message) = &error {
        eprintln!("iolabctl: {message}");
    }
    exit
}

/// What a command produced.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    /// Text, or a `read --out -`'s raw bytes.
    stdout: Vec<u8>,
    error: Option<String>,
    exit: Exit,
}

impl Outcome {
    fn ok(stdout: impl Into<Vec<u8>>) -> Self {
        Self {
            stdout: stdout.into(),
            error: None,
            exit: Exit::Success,
        }
    }

    /// A command's text, or its failure of a request.
    fn of(result: Result<String, String>) -> Self {
        match result {
            Ok(stdout) => Self::ok(stdout),
            Err(error) => Self::failed(Exit::RequestFailed, error),
        }
    }

    fn failed(exit: Exit, error: String) -> Self {
        Self {
            stdout: Vec::new(),
            error: Some(error),
            exit,
        }
    }
}

/// Runs the command line: commands that need no device first, then the others over the chosen
/// transport, which is closed at the end (the simulator then removes the device, unloads the
/// driver and checks for leaks; a violation fails the command).
fn execute(cli: &Cli) -> Outcome {
    match &cli.command {
        Command::Selftest { list: true, .. } => return Outcome::ok(selftest_cmd::list(cli.json)),
        Command::Doctor {
            explain: Some(code),
        } => {
            return match doctor::explain(code, cli.json) {
                Ok(text) => Outcome::ok(text),
                Err(message) => Outcome::failed(Exit::Usage, message),
            };
        }
        Command::Echo { text } if text.is_empty() || text.len() > ECHO_MAX_LEN => {
            return Outcome::failed(
                Exit::Usage,
                format!(
                    "echo: TEXT is {} bytes; the echo IOCTL takes 1 to {ECHO_MAX_LEN} bytes \
                     (use `iolabctl ioctl ECHO --in ...` to send any length)",
                    text.len()
                ),
            );
        }
        Command::Pipe(pipe::PipeCommand::Read(args)) if cli.json && args.raw_to_stdout() => {
            return Outcome::failed(
                Exit::Usage,
                "read --out -: the raw bytes go to stdout, where --json's JSON goes too; use \
                 --out FILE with --json"
                    .to_owned(),
            );
        }
        Command::Doctor { explain: None }
        | Command::Devices
        | Command::Install { .. }
        | Command::Uninstall
        | Command::Rollback
        | Command::Verifier { .. } => return windows_command(cli),
        _ => {}
    }
    let kind = cli
        .transport
        .unwrap_or_else(TransportKind::default_for_build);
    let opened = if matches!(cli.command, Command::Filter(_)) {
        open_control(kind)
    } else {
        open_transport(kind, cli.device.as_deref())
    };
    let mut transport = match opened {
        Ok(transport) => transport,
        Err((exit, message)) => return Outcome::failed(exit, message),
    };
    let mut outcome = run(&cli.command, cli.json, &mut *transport);
    // Ending the session runs the simulator's removal, unload and leak check (selftest already
    // did, as its last scenario); a violation there fails the command.
    if let Err(problems) = transport.close() {
        outcome.error = Some(match outcome.error.take() {
            Some(error) => format!("{error}\n{problems}"),
            None => format!("the driver broke a framework rule:\n{problems}"),
        });
        outcome.exit = Exit::RequestFailed;
    }
    outcome
}

/// Runs `command`, one that talks to the driver, over `transport`.
fn run(command: &Command, json: bool, transport: &mut dyn Transport) -> Outcome {
    let name = transport.name();
    match command {
        Command::Selftest { only, junit, .. } => {
            let selected = match selftest_cmd::select(only) {
                Ok(selected) => selected,
                Err(message) => return Outcome::failed(Exit::Usage, message),
            };
            let progress = selftest_cmd::progress_wanted(io::stderr().is_terminal(), json);
            let timed = selftest_cmd::run(transport, &selected, progress);
            let results: Vec<_> = timed.iter().map(|t| t.result.clone()).collect();
            let report = report::selftest(&results, name, json);
            let mut outcome = Outcome {
                stdout: report.text.into(),
                error: None,
                exit: if report.failed == 0 {
                    Exit::Success
                } else {
                    Exit::SelftestFailed
                },
            };
            if let Some(path) = junit
                && let Err(error) = std::fs::write(path, selftest_cmd::junit(&timed, name))
            {
                outcome.error = Some(format!("--junit: cannot write {}: {error}", path.display()));
                outcome.exit = Exit::Io;
            }
            outcome
        }
        Command::Info => match Client::new(transport).info() {
            Ok(info) => Outcome::ok(report::info(&info, name, json)),
            Err(error) => Outcome::failed(
                Exit::RequestFailed,
                format!("info over the {name} transport: {error}"),
            ),
        },
        Command::Echo { text } => match Client::new(transport).echo(text.as_bytes()) {
            Ok(echoed) if echoed == text.as_bytes() => {
                Outcome::ok(report::echo(text, &echoed, name, json))
            }
            Ok(echoed) => Outcome {
                stdout: report::echo(text, &echoed, name, json).into(),
                error: Some(format!(
                    "echo over the {name} transport: sent {} bytes, received {} different bytes",
                    text.len(),
                    echoed.len()
                )),
                exit: Exit::RequestFailed,
            },
            Err(error) => Outcome::failed(
                Exit::RequestFailed,
                format!("echo over the {name} transport: {error}"),
            ),
        },
        Command::Ioctl { code, input, out } => {
            let code = match ioctl_cmd::parse_code(code) {
                Ok(code) => code,
                Err(message) => return Outcome::failed(Exit::Usage, message),
            };
            if *out > ioctl_cmd::MAX_OUT {
                return Outcome::failed(
                    Exit::Usage,
                    format!("--out {out}: at most {} bytes", ioctl_cmd::MAX_OUT),
                );
            }
            let source = match input.as_deref().map(ioctl_cmd::parse_input).transpose() {
                Ok(source) => source,
                Err(message) => return Outcome::failed(Exit::Usage, message),
            };
            let bytes = match source.map(ioctl_cmd::read_input).transpose() {
                Ok(bytes) => bytes.unwrap_or_default(),
                Err(message) => return Outcome::failed(Exit::Io, message),
            };
            let reply = ioctl_cmd::run(transport, code, &bytes, *out, json);
            Outcome {
                stdout: reply.stdout.into(),
                exit: if reply.error.is_some() {
                    Exit::RequestFailed
                } else {
                    Exit::Success
                },
                error: reply.error,
            }
        }
        Command::Doctor { .. }
        | Command::Devices
        | Command::Install { .. }
        | Command::Uninstall
        | Command::Rollback
        | Command::Verifier { .. } => Outcome::failed(
            Exit::Usage,
            "this command does not talk to the driver through a transport".to_owned(),
        ),
        Command::Filter(command) => Outcome::of(filter::run(command, json, transport)),
        Command::Pipe(command) => match pipe::run(command, json, transport) {
            Ok(stdout) => Outcome::ok(stdout),
            Err((exit, error)) => Outcome::failed(exit, error),
        },
    }
}

/// The commands that manage a real installation: Windows only.
#[cfg(windows)]
fn windows_command(cli: &Cli) -> Outcome {
    windows::run(&cli.command, cli.device.as_deref(), cli.json)
}

#[cfg(not(windows))]
fn windows_command(cli: &Cli) -> Outcome {
    let name = match &cli.command {
        Command::Doctor { .. } => "doctor",
        Command::Devices => "devices",
        Command::Install { .. } => "install",
        Command::Uninstall => "uninstall",
        Command::Rollback => "rollback",
        _ => "verifier",
    };
    let mut message =
        format!("`iolabctl {name}` manages a real iolab installation and exists only on Windows");
    if name == "doctor" {
        message.push_str("; `iolabctl doctor --explain CODE` explains a problem code anywhere");
    }
    Outcome::failed(Exit::Usage, message)
}

/// Opens the transport; the error says which exit code it deserves.
fn open_transport(
    kind: TransportKind,
    device: Option<&str>,
) -> Result<Box<dyn Transport>, (Exit, String)> {
    match kind {
        TransportKind::Sim => {
            if let Some(device) = device
                && !matches!(device, "0" | "sim")
            {
                return Err((
                    Exit::Usage,
                    format!(
                        "--device {device:?}: the simulator has one device, 0 (pick real \
                         devices with --transport win32)"
                    ),
                ));
            }
            open_sim().map_err(|message| (Exit::Unavailable, message))
        }
        TransportKind::Win32 => open_win32(device),
    }
}

/// Opens the filter's control device (`\\.\IoLabFilter`): on Windows the one the filter
/// instances share; in the simulator over a fresh monitored pipe (`Root\IoLabMonitored`).
fn open_control(kind: TransportKind) -> Result<Box<dyn Transport>, (Exit, String)> {
    match kind {
        TransportKind::Sim => open_sim_control().map_err(|message| (Exit::Unavailable, message)),
        TransportKind::Win32 => open_win32_control(),
    }
}

#[cfg(all(feature = "sim", any(not(windows), iolab_sim)))]
fn open_sim_control() -> Result<Box<dyn Transport>, String> {
    iolab_client::sim::SimTransport::start_filter_control(iolab::driver_entry)
        .map(|transport| Box::new(transport) as Box<dyn Transport>)
        .map_err(|error| format!("cannot start the monitored pipe in the simulator: {error}"))
}

#[cfg(not(all(feature = "sim", any(not(windows), iolab_sim))))]
fn open_sim_control() -> Result<Box<dyn Transport>, String> {
    open_sim()
}

#[cfg(windows)]
fn open_win32_control() -> Result<Box<dyn Transport>, (Exit, String)> {
    iolab_client::win32::Win32Transport::open_path(iolab_protocol::FILTER_CONTROL_PATH)
        .map(|transport| Box::new(transport) as Box<dyn Transport>)
        .map_err(|error| {
            (
                Exit::Unavailable,
                format!(
                    "the filter's control device {} cannot be opened (it exists while iolab \
                     filters at least one device; `iolabctl doctor` shows the filters): {error}",
                    iolab_protocol::FILTER_CONTROL_PATH
                ),
            )
        })
}

#[cfg(not(windows))]
fn open_win32_control() -> Result<Box<dyn Transport>, (Exit, String)> {
    open_win32(None)
}

#[cfg(all(feature = "sim", any(not(windows), iolab_sim)))]
fn open_sim() -> Result<Box<dyn Transport>, String> {
    iolab_client::sim::SimTransport::start(iolab::driver_entry)
        .map(|transport| Box::new(transport) as Box<dyn Transport>)
        .map_err(|error| format!("cannot start the driver in the simulator: {error}"))
}

#[cfg(not(all(feature = "sim", any(not(windows), iolab_sim))))]
fn open_sim() -> Result<Box<dyn Transport>, String> {
    Err(
        "this iolabctl was built without the simulator: rebuild it with the cargo feature `sim` \
         (on by default), and on Windows with RUSTFLAGS=\"--cfg iolab_sim\"; or use --transport win32"
            .to_owned(),
    )
}

#[cfg(windows)]
fn open_win32(device: Option<&str>) -> Result<Box<dyn Transport>, (Exit, String)> {
    use iolab_client::win32::{OpenError, Win32Transport};
    Win32Transport::open_device(device)
        .map(|transport| Box::new(transport) as Box<dyn Transport>)
        .map_err(|error| {
            let exit = match error {
                OpenError::NoSuchDevice { .. } | OpenError::Ambiguous { .. } => Exit::Usage,
                _ => Exit::Unavailable,
            };
            (exit, error.to_string())
        })
}

#[cfg(not(windows))]
fn open_win32(_device: Option<&str>) -> Result<Box<dyn Transport>, (Exit, String)> {
    Err((
        Exit::Unavailable,
        "the win32 transport talks to a real IoLab device and exists only on Windows; \
         use --transport sim to run the driver in the simulator"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use iolab_client::{DeviceError, IoctlReply};
    use iolab_protocol::{DriverVersion, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, InfoReply, Role};
    use zerocopy::IntoBytes;

    use super::*;

    /// Refuses everything, like a driver with no IOCTL handler.
    struct Refusing;

    impl Transport for Refusing {
        fn name(&self) -> &'static str {
            "refusing"
        }

        fn ioctl(&mut self, _: u32, _: &[u8], _: &mut [u8]) -> Result<usize, DeviceError> {
            Err(DeviceError::InvalidDeviceRequest)
        }
    }

    /// Answers `GET_INFO`, and echoes in upper case.
    struct Shouting;

    impl Transport for Shouting {
        fn name(&self) -> &'static str {
            "shouting"
        }

        fn ioctl(
            &mut self,
            code: u32,
            input: &[u8],
            output: &mut [u8],
        ) -> Result<usize, DeviceError> {
            let reply = match code {
                IOCTL_IOLAB_GET_INFO => InfoReply::new(
                    Role::Function,
                    DriverVersion {
                        major: 1,
                        minor: 2,
                        patch: 3,
                        build: 4,
                    },
                )
                .as_bytes()
                .to_vec(),
                IOCTL_IOLAB_ECHO => input.to_ascii_uppercase(),
                _ => return Err(DeviceError::InvalidDeviceRequest),
            };
            output
                .get_mut(..reply.len())
                .ok_or(DeviceError::BufferTooSmall)?
                .copy_from_slice(&reply);
            Ok(reply.len())
        }
    }

    fn text(outcome: &Outcome) -> &str {
        std::str::from_utf8(&outcome.stdout).expect("text output")
    }

    #[test]
    fn selftest_against_a_refusing_device_fails_with_exit_code_4() {
        let outcome = run(&selftest(), false, &mut Refusing);
        assert_eq!(outcome.exit, Exit::SelftestFailed);
        let lines: Vec<&str> = text(&outcome).lines().collect();
        assert_eq!(lines.len(), iolab_client::scenarios::all().len() + 1);
        assert!(lines[0].starts_with(
            "FAIL info: GET_INFO with a 64-byte output buffer failed: invalid device request"
        ));
        // Rejecting unknown codes is the one thing a device that refuses everything gets right.
        assert!(lines.contains(&"PASS unknown-ioctl-rejected"));
        // The filter's scenarios need a lab this transport has not: not run, not failed.
        assert!(lines.contains(
            &"SKIP filter-stats-exact: the refusing transport cannot put iolab over a lower \
              device it programs (only the simulator builds device stacks)"
        ));
        let filter = iolab_client::scenarios::FILTER_SCENARIOS;
        let summary = format!(
            "1 passed, {} failed, {filter} skipped",
            iolab_client::scenarios::all().len() - 1 - filter
        );
        assert_eq!(lines.last(), Some(&summary.as_str()));
    }

    #[test]
    fn scenarios_not_run_are_reported_but_do_not_fail_the_selftest() {
        let command = Command::Selftest {
            list: false,
            only: vec!["info".to_owned(), "filter-stats-exact".to_owned()],
            junit: None,
        };
        let outcome = run(&command, false, &mut Shouting);
        assert_eq!(
            text(&outcome),
            "PASS info\nSKIP filter-stats-exact: the shouting transport cannot put iolab over a \
             lower device it programs (only the simulator builds device stacks)\n\
             1 passed, 0 failed, 1 skipped\n"
        );
        assert_eq!((outcome.exit, outcome.error), (Exit::Success, None));
        let json: serde_json::Value =
            serde_json::from_str(text(&run(&command, true, &mut Shouting))).unwrap();
        assert_eq!(
            (&json["passed"], &json["failed"], &json["skipped"]),
            (&1.into(), &0.into(), &1.into())
        );
        assert_eq!(json["scenarios"][1]["skipped"], true);
    }

    /// Echoes, and when the output buffer is shorter, returns what fits with
    /// STATUS_BUFFER_OVERFLOW, as a driver with variable-length replies does.
    struct Overflowing;

    impl Transport for Overflowing {
        fn name(&self) -> &'static str {
            "overflowing"
        }

        fn ioctl(
            &mut self,
            code: u32,
            input: &[u8],
            output: &mut [u8],
        ) -> Result<usize, DeviceError> {
            self.ioctl_reply(code, input, output)
                .and_then(IoctlReply::into_result)
        }

        fn ioctl_reply(
            &mut self,
            _: u32,
            input: &[u8],
            output: &mut [u8],
        ) -> Result<IoctlReply, DeviceError> {
            let returned = input.len().min(output.len());
            output[..returned].copy_from_slice(&input[..returned]);
            Ok(IoctlReply {
                returned,
                overflow: returned < input.len(),
            })
        }
    }

    #[test]
    fn ioctl_prints_a_truncated_reply_with_a_note_and_succeeds() {
        let command = Command::Ioctl {
            code: "ECHO".to_owned(),
            input: Some("68656c6c6f".to_owned()),
            out: 3,
        };
        let outcome = run(&command, false, &mut Overflowing);
        assert_eq!(outcome.exit, Exit::Success);
        assert_eq!(outcome.error, None);
        assert_eq!(
            text(&outcome),
            "0x8A1BE004 (IOCTL_IOLAB_ECHO): STATUS_BUFFER_OVERFLOW: output truncated to 3 bytes \
             (the reply is longer; a larger --out gets all of it)\n\
             00000000  68 65 6c                                         hel\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(text(&run(&command, true, &mut Overflowing))).unwrap();
        assert_eq!(json["status"], "STATUS_BUFFER_OVERFLOW");
        assert_eq!(json["overflow"], true);
        assert_eq!(json["returned"], 3);
        assert_eq!(json["output_hex"], "68656c");
        // A buffer that holds it all: STATUS_SUCCESS, no note.
        let whole = Command::Ioctl {
            code: "ECHO".to_owned(),
            input: Some("68656c6c6f".to_owned()),
            out: 8,
        };
        let outcome = run(&whole, false, &mut Overflowing);
        assert!(
            text(&outcome)
                .starts_with("0x8A1BE004 (IOCTL_IOLAB_ECHO): STATUS_SUCCESS, 5 bytes returned\n"),
            "{}",
            text(&outcome)
        );
    }

    #[test]
    fn info_and_echo_commands() {
        let outcome = run(&Command::Info, false, &mut Shouting);
        assert_eq!(outcome.exit, Exit::Success);
        assert!(
            text(&outcome).contains("driver version:   1.2.3.4\n"),
            "{}",
            text(&outcome)
        );

        let outcome = run(&Command::Info, false, &mut Refusing);
        assert_eq!(outcome.exit, Exit::RequestFailed);
        assert_eq!(
            outcome.error.as_deref(),
            Some(
                "info over the refusing transport: the device failed the request: invalid device \
                 request (STATUS_INVALID_DEVICE_REQUEST / ERROR_INVALID_FUNCTION)"
            )
        );

        let outcome = run(&Command::Echo { text: "hi".into() }, false, &mut Shouting);
        assert_eq!(outcome.exit, Exit::RequestFailed);
        assert_eq!(text(&outcome), "HI\n");
        assert_eq!(
            outcome.error.as_deref(),
            Some("echo over the shouting transport: sent 2 bytes, received 2 different bytes")
        );

        let outcome = run(&Command::Echo { text: "OK".into() }, true, &mut Shouting);
        assert_eq!(outcome.exit, Exit::Success);
        let value: serde_json::Value = serde_json::from_slice(&outcome.stdout).unwrap();
        assert_eq!(value["text"], "OK");
        assert_eq!(value["matches"], true);
    }

    fn selftest() -> Command {
        Command::Selftest {
            list: false,
            only: vec![],
            junit: None,
        }
    }

    #[cfg(not(windows))]
    #[test]
    fn win32_transport_is_refused_off_windows() {
        let Err((exit, message)) = open_transport(TransportKind::Win32, None) else {
            panic!("the win32 transport opened on a non-Windows host");
        };
        assert_eq!(exit, Exit::Unavailable);
        assert!(message.contains("only on Windows"), "{message}");
    }

    /// A writer that fails every write with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(self.0.into())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_broken_pipe_keeps_the_exit_code_and_other_write_errors_are_io_errors() {
        let outcome = || Outcome {
            stdout: "x\n".into(),
            error: None,
            exit: Exit::SelftestFailed,
        };
        assert_eq!(
            finish(outcome(), false, &mut Failing(io::ErrorKind::BrokenPipe)),
            Exit::SelftestFailed
        );
        assert_eq!(
            finish(outcome(), false, &mut Failing(io::ErrorKind::StorageFull)),
            Exit::Io
        );
    }

    #[test]
    fn json_errors_go_to_stdout_with_their_kind() {
        let mut out = Vec::new();
        let exit = finish(
            Outcome::failed(Exit::Unavailable, "no device".into()),
            true,
            &mut out,
        );
        assert_eq!(exit, Exit::Unavailable);
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value,
            json!({"error": {"kind": "device-unavailable", "message": "no device", "exit_code": 3},
                   "output": null})
        );
    }
}
