//! Command line of iolabctl (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::exit;

/// Control and test tool for the iolab driver.
#[derive(Debug, Parser)]
#[command(name = "iolabctl", version, about, after_help = exit::HELP)]
pub struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// How to reach the driver [default: win32 on Windows builds without the simulator, sim
    /// otherwise].
    #[arg(long, global = true, value_enum)]
    pub transport: Option<TransportKind>,

    /// Which device: its number in `iolabctl devices`, or (part of) its instance ID or interface
    /// path [default: the only one; with several present, say which].
    #[arg(long, global = true, value_name = "DEVICE")]
    pub device: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// iolabctl's commands.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Run the scenario suite against the driver; exit code 4 if any scenario fails.
    Selftest {
        /// List the scenarios' names and run nothing.
        #[arg(long)]
        list: bool,
        /// Run only these scenarios (names from --list; repeat or separate with commas).
        #[arg(long, value_name = "NAME", value_delimiter = ',')]
        only: Vec<String>,
        /// Also write the results as JUnit XML to FILE (for CI systems).
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// Show the driver's protocol version, role and version.
    Info,
    /// Send TEXT through the echo IOCTL and print what comes back.
    Echo {
        /// The text to send (1 to 4096 bytes of UTF-8).
        text: String,
    },
    /// Send any control code and print what comes back (hex), with the NTSTATUS by name.
    Ioctl {
        /// The control code: a number (0x8A1B2000, 2317033472) or an iolab name (GET_INFO,
        /// IOCTL_IOLAB_ECHO).
        code: String,
        /// Input bytes: hex (`68656c6c6f`, `68 65 6c`), `@FILE` for a file's bytes, or `-` for
        /// standard input [default: none].
        #[arg(long = "in", value_name = "HEX|@FILE|-")]
        input: Option<String>,
        /// Size of the output buffer in bytes.
        #[arg(long, value_name = "N", default_value_t = 4096)]
        out: usize,
    },
    /// Diagnose the device (Windows): status, problem code, driver, signing, verifiers.
    /// `--explain CODE` explains a Device Manager problem code, on any OS.
    Doctor {
        /// Explain Device Manager problem code CODE (1-57) and its usual fix, and nothing else.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// List iolab devices: instance ID, interface path, status (Windows).
    Devices,
    /// Install the driver package and create the Root\IoLab device (Windows, administrator).
    Install {
        /// The package's INF [default: iolab.inf next to iolabctl, then in the current folder].
        inf: Option<PathBuf>,
    },
    /// Remove every iolab device and the driver package (Windows, administrator).
    Uninstall,
    /// Go back to the previously installed iolab driver (Windows, administrator).
    Rollback,
    /// KMDF Verifier for iolab, and the Driver Verifier command (Windows).
    Verifier {
        /// on: turn KMDF Verifier on; off: turn it off; status: show it.
        #[arg(value_enum)]
        action: VerifierAction,
    },
    /// The filter role's commands, over its control device (\\.\IoLabFilter).
    #[command(subcommand)]
    Filter(crate::filter::FilterCommand),
    /// The pipe's commands.
    #[command(flatten)]
    Pipe(crate::pipe::PipeCommand),
}

/// What `iolabctl verifier` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifierAction {
    /// Turn KMDF Verifier on for iolab (takes effect when the driver next loads).
    On,
    /// Turn KMDF Verifier off for iolab.
    Off,
    /// Show the KMDF Verifier values and Driver Verifier's settings for iolab.
    Status,
}

/// Ways of reaching the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TransportKind {
    /// The driver's code running inside kmdf-sim in this process.
    Sim,
    /// A real iolab device through the Windows API (Windows only).
    Win32,
}

impl TransportKind {
    /// The transport used when `--transport` is not given.
    pub fn default_for_build() -> Self {
        if cfg!(all(windows, not(all(feature = "sim", iolab_sim)))) {
            Self::Win32
        } else {
            Self::Sim
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("iolabctl").chain(args.iter().copied()))
    }

    #[test]
    fn commands() {
        let cli = parse(&["selftest"]).unwrap();
        assert_eq!(
            cli.command,
            Command::Selftest {
                list: false,
                only: vec![],
                junit: None
            }
        );
        assert!(!cli.json);
        assert_eq!(cli.transport, None);
        assert_eq!(parse(&["info"]).unwrap().command, Command::Info);
        assert_eq!(
            parse(&["echo", "hello world"]).unwrap().command,
            Command::Echo {
                text: "hello world".into()
            }
        );
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let cli = parse(&["--json", "--transport", "sim", "info"]).unwrap();
        assert!(cli.json);
        assert_eq!(cli.transport, Some(TransportKind::Sim));
        let cli = parse(&[
            "selftest",
            "--transport",
            "win32",
            "--json",
            "--device",
            "1",
        ])
        .unwrap();
        assert!(cli.json);
        assert_eq!(cli.transport, Some(TransportKind::Win32));
        assert_eq!(cli.device.as_deref(), Some("1"));
    }

    #[test]
    fn selftest_ioctl_and_doctor_options() {
        let cli = parse(&["selftest", "--only", "info,echo-roundtrip", "--only", "x"]).unwrap();
        let Command::Selftest { only, .. } = cli.command else {
            panic!("not selftest");
        };
        assert_eq!(only, ["info", "echo-roundtrip", "x"]);
        assert_eq!(
            parse(&["ioctl", "GET_INFO", "--in", "@f", "--out", "8"])
                .unwrap()
                .command,
            Command::Ioctl {
                code: "GET_INFO".into(),
                input: Some("@f".into()),
                out: 8
            }
        );
        assert_eq!(
            parse(&["doctor", "--explain", "10"]).unwrap().command,
            Command::Doctor {
                explain: Some("10".into())
            }
        );
        assert_eq!(
            parse(&["verifier", "on"]).unwrap().command,
            Command::Verifier {
                action: VerifierAction::On
            }
        );
    }

    #[test]
    fn usage_errors() {
        let kind = |args: &[&str]| parse(args).unwrap_err().kind();
        assert_eq!(
            kind(&[]),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        assert_eq!(kind(&["frobnicate"]), ErrorKind::InvalidSubcommand);
        assert_eq!(kind(&["echo"]), ErrorKind::MissingRequiredArgument);
        assert_eq!(
            kind(&["--transport", "usb", "info"]),
            ErrorKind::InvalidValue
        );
        assert_eq!(kind(&["info", "extra"]), ErrorKind::UnknownArgument);
    }

    #[test]
    fn pipe_commands() {
        use crate::pipe::{ConfigCommand, PipeCommand};
        assert_eq!(
            parse(&["purge"]).unwrap().command,
            Command::Pipe(PipeCommand::Purge)
        );
        assert_eq!(
            parse(&["config", "set", "--capacity", "8192"])
                .unwrap()
                .command,
            Command::Pipe(PipeCommand::Config(ConfigCommand::Set {
                capacity: Some(8192),
                read_timeout_ms: None,
                write_timeout_ms: None
            }))
        );
        assert!(matches!(
            parse(&["write", "--pattern", "100", "--seed", "2"]).unwrap().command,
            Command::Pipe(PipeCommand::Write(args)) if args.pattern == Some(100) && args.seed == 2
        ));
        assert!(matches!(
            parse(&["read", "12", "--timeout-ms", "5"]).unwrap().command,
            Command::Pipe(PipeCommand::Read(args)) if args.length == 12 && args.timeout_ms == 5
        ));
        let kind = |args: &[&str]| parse(args).unwrap_err().kind();
        assert_eq!(
            kind(&["write", "text", "--pattern", "3"]),
            ErrorKind::ArgumentConflict
        );
        assert_eq!(
            kind(&["stats", "--count", "2"]),
            ErrorKind::MissingRequiredArgument
        );
    }

    #[test]
    fn filter_commands() {
        use crate::filter::{FilterCommand, Switch};
        assert_eq!(
            parse(&["filter", "list"]).unwrap().command,
            Command::Filter(FilterCommand::List)
        );
        assert_eq!(
            parse(&["filter", "monitor", "off", "--id", "2"])
                .unwrap()
                .command,
            Command::Filter(FilterCommand::Monitor {
                state: Switch::Off,
                id: Some(2)
            })
        );
        assert_eq!(
            parse(&["filter", "stats", "--json"]).unwrap().command,
            Command::Filter(FilterCommand::Stats { id: None })
        );
        let kind = |args: &[&str]| parse(args).unwrap_err().kind();
        assert_eq!(
            kind(&["filter", "monitor", "maybe"]),
            ErrorKind::InvalidValue
        );
        assert_eq!(
            kind(&["filter", "reset", "--id", "x"]),
            ErrorKind::ValueValidation
        );
    }

    #[test]
    fn usage_errors_exit_with_code_2() {
        assert_eq!(parse(&["frobnicate"]).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn default_transport() {
        let expected = if cfg!(all(windows, not(all(feature = "sim", iolab_sim)))) {
            TransportKind::Win32
        } else {
            TransportKind::Sim
        };
        assert_eq!(TransportKind::default_for_build(), expected);
    }
}
