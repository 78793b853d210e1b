//! iolabctl's exit codes: one meaning each, listed in `--help`.

/// How a run of iolabctl ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Success,
    /// The device (or the simulated driver) failed a request, or answered wrongly.
    RequestFailed,
    /// The command line or an input was wrong (clap's own usage errors use 2 as well).
    Usage,
    /// No device to talk to: none present, it cannot be opened, or the transport does not exist
    /// in this build or on this OS.
    Unavailable,
    /// selftest ran and at least one scenario failed.
    SelftestFailed,
    /// The output could not be written, or an input file could not be read.
    Io,
}

impl Exit {
    /// The process exit code.
    pub const fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::RequestFailed => 1,
            Self::Usage => 2,
            Self::Unavailable => 3,
            Self::SelftestFailed => 4,
            Self::Io => 5,
        }
    }

    /// A short stable name for `--json` errors.
    pub const fn kind(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::RequestFailed => "request-failed",
            Self::Usage => "usage",
            Self::Unavailable => "device-unavailable",
            Self::SelftestFailed => "selftest-failed",
            Self::Io => "io",
        }
    }
}

/// The exit codes, as `--help` prints them.
pub const HELP: &str = "\
Exit codes:
  0  success
  1  the device failed a request or answered wrongly
  2  usage: bad arguments or input
  3  device not available (none present, cannot be opened, transport not in this build/OS)
  4  selftest: at least one scenario failed
  5  the output could not be written, or an input file could not be read

With --json, errors are printed to stdout as {\"error\": {\"kind\", \"message\", \"exit_code\"}}.
KMDF_SIM_TRACE=1 shows the simulated driver's debug output and every verifier violation.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_in_the_help() {
        let all = [
            Exit::Success,
            Exit::RequestFailed,
            Exit::Usage,
            Exit::Unavailable,
            Exit::SelftestFailed,
            Exit::Io,
        ];
        for (index, exit) in all.iter().enumerate() {
            assert_eq!(usize::from(exit.code()), index);
            assert!(HELP.contains(&format!("\n  {}  ", exit.code())), "{exit:?}");
        }
    }
}
