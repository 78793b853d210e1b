//! Command line of iolabctl (clap derive).

use clap::{Parser, Subcommand, ValueEnum};

/// Control and test tool for the iolab driver.
#[derive(Debug, Parser)]
#[command(name = "iolabctl", version, about)]
pub struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// How to reach the driver [default: win32 on Windows builds without the simulator, sim
    /// otherwise].
    #[arg(long, global = true, value_enum)]
    pub transport: Option<TransportKind>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// iolabctl's commands.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Run the scenario suite against the driver; exit code 1 if any scenario fails.
    Selftest,
    /// Show the driver's protocol version, role and version.
    Info,
    /// Send TEXT through the echo IOCTL and print what comes back.
    Echo {
        /// The text to send (1 to 4096 bytes of UTF-8).
        text: String,
    },
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
        assert_eq!(cli.command, Command::Selftest);
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
        let cli = parse(&["selftest", "--transport", "win32", "--json"]).unwrap();
        assert!(cli.json);
        assert_eq!(cli.transport, Some(TransportKind::Win32));
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
