//! iolabctl: control and test tool for the iolab driver, over a real device or the simulator.

mod cli;
mod report;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use iolab_client::{Client, Transport, scenarios};

use crate::cli::{Cli, Command, TransportKind};

/// Exit code for usage errors and transports that cannot be opened.
const EXIT_USAGE: u8 = 2;
/// Exit code for a command that ran and failed (a scenario failed, the device refused a request).
const EXIT_FAILED: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let kind = cli
        .transport
        .unwrap_or_else(TransportKind::default_for_build);
    let mut transport = match open_transport(kind) {
        Ok(transport) => transport,
        Err(message) => {
            eprintln!("iolabctl: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut outcome = run(&cli.command, cli.json, &mut *transport);
    // Ending the session runs the simulator's removal, unload and leak check (selftest already
    // did, as its last scenario); a violation there fails the command.
    if let Err(problems) = transport.close() {
        outcome.error = Some(match outcome.error.take() {
            Some(error) => format!("{error}\n{problems}"),
            None => format!("the driver broke a framework rule:\n{problems}"),
        });
        outcome.exit_code = EXIT_FAILED;
    }
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("iolabctl: cannot write the output: {error}");
        return ExitCode::from(EXIT_FAILED);
    }
    if let Some(message) = &outcome.error {
        eprintln!("iolabctl: {message}");
    }
    ExitCode::from(outcome.exit_code)
}

/// What a command produced.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    error: Option<String>,
    exit_code: u8,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Self {
            stdout,
            error: None,
            exit_code: 0,
        }
    }

    fn failed(error: String) -> Self {
        Self {
            stdout: String::new(),
            error: Some(error),
            exit_code: EXIT_FAILED,
        }
    }
}

/// Runs `command` over `transport`.
fn run(command: &Command, json: bool, transport: &mut dyn Transport) -> Outcome {
    let name = transport.name();
    match command {
        Command::Selftest => {
            let results = scenarios::run_all(transport);
            let report = report::selftest(&results, name, json);
            Outcome {
                stdout: report.text,
                error: None,
                exit_code: if report.failed == 0 { 0 } else { EXIT_FAILED },
            }
        }
        Command::Info => match Client::new(transport).info() {
            Ok(info) => Outcome::ok(report::info(&info, name, json)),
            Err(error) => Outcome::failed(format!("info over the {name} transport: {error}")),
        },
        Command::Echo { text } => match Client::new(transport).echo(text.as_bytes()) {
            Ok(echoed) if echoed == text.as_bytes() => {
                Outcome::ok(report::echo(text, &echoed, name, json))
            }
            Ok(echoed) => Outcome {
                stdout: report::echo(text, &echoed, name, json),
                error: Some(format!(
                    "echo over the {name} transport: sent {} bytes, received {} different bytes",
                    text.len(),
                    echoed.len()
                )),
                exit_code: EXIT_FAILED,
            },
            Err(error) => Outcome::failed(format!("echo over the {name} transport: {error}")),
        },
    }
}

fn open_transport(kind: TransportKind) -> Result<Box<dyn Transport>, String> {
    match kind {
        TransportKind::Sim => open_sim(),
        TransportKind::Win32 => open_win32(),
    }
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
fn open_win32() -> Result<Box<dyn Transport>, String> {
    iolab_client::win32::Win32Transport::open()
        .map(|transport| Box::new(transport) as Box<dyn Transport>)
        .map_err(|error| error.to_string())
}

#[cfg(not(windows))]
fn open_win32() -> Result<Box<dyn Transport>, String> {
    Err(
        "the win32 transport talks to a real IoLab device and exists only on Windows; \
         use --transport sim to run the driver in the simulator"
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use iolab_client::DeviceError;
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

    #[test]
    fn selftest_against_a_refusing_device_fails_with_exit_code_1() {
        let outcome = run(&Command::Selftest, false, &mut Refusing);
        assert_eq!(outcome.exit_code, 1);
        let lines: Vec<&str> = outcome.stdout.lines().collect();
        assert_eq!(lines.len(), scenarios::all().len() + 1);
        assert!(lines[0].starts_with(
            "FAIL info: GET_INFO with a 64-byte output buffer failed: invalid device request"
        ));
        // Rejecting unknown codes is the one thing a device that refuses everything gets right.
        assert!(lines.contains(&"PASS unknown-ioctl-rejected"));
        assert_eq!(lines.last(), Some(&"1 passed, 8 failed"));
    }

    #[test]
    fn info_and_echo_commands() {
        let outcome = run(&Command::Info, false, &mut Shouting);
        assert_eq!(outcome.exit_code, 0);
        assert!(
            outcome.stdout.contains("driver version:   1.2.3.4\n"),
            "{}",
            outcome.stdout
        );

        let outcome = run(&Command::Info, false, &mut Refusing);
        assert_eq!(outcome.exit_code, 1);
        assert_eq!(
            outcome.error.as_deref(),
            Some(
                "info over the refusing transport: the device failed the request: invalid device \
                 request (STATUS_INVALID_DEVICE_REQUEST / ERROR_INVALID_FUNCTION)"
            )
        );

        let outcome = run(&Command::Echo { text: "hi".into() }, false, &mut Shouting);
        assert_eq!(outcome.exit_code, 1);
        assert_eq!(outcome.stdout, "HI\n");
        assert_eq!(
            outcome.error.as_deref(),
            Some("echo over the shouting transport: sent 2 bytes, received 2 different bytes")
        );

        let outcome = run(&Command::Echo { text: "OK".into() }, true, &mut Shouting);
        assert_eq!(outcome.exit_code, 0);
        let value: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
        assert_eq!(value["text"], "OK");
        assert_eq!(value["matches"], true);
    }

    #[cfg(not(windows))]
    #[test]
    fn win32_transport_is_refused_off_windows() {
        let Err(message) = open_transport(TransportKind::Win32) else {
            panic!("the win32 transport opened on a non-Windows host");
        };
        assert!(message.contains("only on Windows"), "{message}");
    }
}
