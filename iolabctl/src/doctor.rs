//! `iolabctl doctor --explain CODE`: Device Manager's problem codes in plain words with the usual
//! fix for iolab, on every OS. (`doctor` itself, which reads a real device's state, is in
//! `windows/doctor.rs`.)

use serde_json::json;

/// One Device Manager problem code (`CM_PROB_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The number Device Manager shows ("Code 10").
    pub code: u32,
    /// The `CM_PROB_*` name.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// The usual fix for iolab.
    pub fix: &'static str,
}

/// The problem codes a user of iolab meets, in order.
pub const PROBLEMS: &[Problem] = &[
    Problem {
        code: 1,
        name: "CM_PROB_NOT_CONFIGURED",
        meaning: "the device is not configured correctly",
        fix: "reinstall the driver: iolabctl install",
    },
    Problem {
        code: 3,
        name: "CM_PROB_OUT_OF_MEMORY",
        meaning: "the driver may be corrupted, or the system is low on memory",
        fix: "close programs or reboot; if it stays, rebuild and reinstall the package",
    },
    Problem {
        code: 10,
        name: "CM_PROB_FAILED_START",
        meaning: "the device cannot start; the device's ProblemStatus holds the NTSTATUS the driver failed with",
        fix: "iolabctl doctor shows the status; the debugger output (!wdfkd.wdflogdump iolab) says why the driver failed",
    },
    Problem {
        code: 14,
        name: "CM_PROB_NEED_RESTART",
        meaning: "the device needs a restart of the computer",
        fix: "reboot",
    },
    Problem {
        code: 18,
        name: "CM_PROB_REINSTALL",
        meaning: "the drivers for the device must be reinstalled",
        fix: "iolabctl install again",
    },
    Problem {
        code: 19,
        name: "CM_PROB_REGISTRY",
        meaning: "the device's registry configuration is incomplete or damaged, often an upper filter listed whose service does not exist",
        fix: "remove the filter from UpperFilters (or install its service), then reinstall: iolabctl uninstall, iolabctl install",
    },
    Problem {
        code: 21,
        name: "CM_PROB_WILL_BE_REMOVED",
        meaning: "Windows is removing the device",
        fix: "wait a few seconds, or reboot",
    },
    Problem {
        code: 22,
        name: "CM_PROB_DISABLED",
        meaning: "the device is disabled",
        fix: "enable it: pnputil /enable-device <instance ID> (iolabctl devices shows the ID)",
    },
    Problem {
        code: 24,
        name: "CM_PROB_DEVICE_NOT_THERE",
        meaning: "the device is not present or not working",
        fix: "the root device was removed: iolabctl install creates it again",
    },
    Problem {
        code: 28,
        name: "CM_PROB_FAILED_INSTALL",
        meaning: "no driver is installed for the device",
        fix: "iolabctl install (or pnputil /add-driver iolab.inf /install)",
    },
    Problem {
        code: 31,
        name: "CM_PROB_FAILED_ADD",
        meaning: "Windows cannot load the driver for the device: AddDevice (EvtDriverDeviceAdd) failed",
        fix: "the debugger output says why; !wdfkd.wdflogdump iolab",
    },
    Problem {
        code: 32,
        name: "CM_PROB_DISABLED_SERVICE",
        meaning: "the driver's service is disabled",
        fix: "sc config iolab start= demand, then restart the device (pnputil /restart-device <instance ID>)",
    },
    Problem {
        code: 37,
        name: "CM_PROB_FAILED_DRIVER_ENTRY",
        meaning: "the driver's DriverEntry failed",
        fix: "the debugger output says why; check that the package was built for this Windows",
    },
    Problem {
        code: 38,
        name: "CM_PROB_DRIVER_FAILED_PRIOR_UNLOAD",
        meaning: "a previous instance of the driver is still in memory",
        fix: "reboot",
    },
    Problem {
        code: 39,
        name: "CM_PROB_DRIVER_FAILED_LOAD",
        meaning: "the driver could not be loaded: a missing import, a corrupt image, memory integrity (HVCI) refused it, or it needs a newer KMDF than this Windows has",
        fix: "rebuild the package; KMDF 1.33 needs Windows 11 or Server 2022 (build 20348+); check Windows Security > Core isolation > Memory integrity",
    },
    Problem {
        code: 40,
        name: "CM_PROB_DRIVER_SERVICE_KEY_INVALID",
        meaning: "the driver's service key in the registry is missing or wrong",
        fix: "reinstall: iolabctl uninstall, iolabctl install",
    },
    Problem {
        code: 43,
        name: "CM_PROB_FAILED_POST_START",
        meaning: "the driver reported that the device failed after it started (WdfDeviceSetFailed)",
        fix: "the debugger output says why; restart the device",
    },
    Problem {
        code: 45,
        name: "CM_PROB_PHANTOM",
        meaning: "the device is not connected (a device node left from an earlier install)",
        fix: "remove it: iolabctl uninstall (or pnputil /remove-device <instance ID>)",
    },
    Problem {
        code: 47,
        name: "CM_PROB_HELD_FOR_EJECT",
        meaning: "the device was prepared for safe removal",
        fix: "restart the device or reboot",
    },
    Problem {
        code: 48,
        name: "CM_PROB_DRIVER_BLOCKED",
        meaning: "the driver is blocked from starting because it is known to have problems",
        fix: "use another version of the driver; the block list names the one refused",
    },
    Problem {
        code: 52,
        name: "CM_PROB_UNSIGNED_DRIVER",
        meaning: "Windows cannot verify the driver's digital signature",
        fix: "turn test signing on (Secure Boot off, bcdedit /set testsigning on, reboot) and trust the test certificate (certutil -addstore Root and TrustedPublisher)",
    },
];

/// The problem with Device Manager number `code`.
pub fn problem(code: u32) -> Option<&'static Problem> {
    PROBLEMS.iter().find(|problem| problem.code == code)
}

/// `doctor --explain CODE`: the explanation, text or JSON.
///
/// # Errors
/// A code that is not a number, or not one of the codes iolab explains (listing those).
pub fn explain(text: &str, json: bool) -> Result<String, String> {
    let trimmed = text.trim();
    let number = trimmed
        .strip_prefix("Code ")
        .or_else(|| trimmed.strip_prefix("code "))
        .unwrap_or(trimmed);
    let code: u32 = number.parse().map_err(|_| {
        format!("--explain {text:?}: a problem code is a number, like the 10 of Device Manager's \"Code 10\"")
    })?;
    let problem = problem(code).ok_or_else(|| {
        let known: Vec<String> = PROBLEMS.iter().map(|p| p.code.to_string()).collect();
        format!(
            "--explain {code}: not a problem code iolab explains (these are: {})",
            known.join(", ")
        )
    })?;
    Ok(if json {
        format!(
            "{:#}\n",
            json!({
                "code": problem.code,
                "name": problem.name,
                "meaning": problem.meaning,
                "fix": problem.fix,
            })
        )
    } else {
        format!(
            "Code {} ({}): {}.\nFix: {}.\n",
            problem.code, problem.name, problem.meaning, problem.fix
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_named() {
        for pair in PROBLEMS.windows(2) {
            assert!(pair[0].code < pair[1].code, "{pair:?}");
        }
        for problem in PROBLEMS {
            assert!(problem.name.starts_with("CM_PROB_"));
            assert!(!problem.meaning.ends_with('.') && !problem.fix.ends_with('.'));
        }
    }

    #[test]
    fn explains_by_number() {
        assert_eq!(
            explain("52", false).unwrap(),
            "Code 52 (CM_PROB_UNSIGNED_DRIVER): Windows cannot verify the driver's digital \
             signature.\nFix: turn test signing on (Secure Boot off, bcdedit /set testsigning on, \
             reboot) and trust the test certificate (certutil -addstore Root and \
             TrustedPublisher).\n"
        );
        assert!(
            explain("Code 10", false)
                .unwrap()
                .starts_with("Code 10 (CM_PROB_FAILED_START)")
        );
        let value: serde_json::Value = serde_json::from_str(&explain("28", true).unwrap()).unwrap();
        assert_eq!(value["name"], "CM_PROB_FAILED_INSTALL");
    }

    #[test]
    fn bad_codes_say_what_is_wrong() {
        assert_eq!(
            explain("ten", false).unwrap_err(),
            "--explain \"ten\": a problem code is a number, like the 10 of Device Manager's \"Code 10\""
        );
        let error = explain("99", false).unwrap_err();
        assert!(
            error.starts_with(
                "--explain 99: not a problem code iolab explains (these are: 1, 3, 10,"
            ),
            "{error}"
        );
    }
}
