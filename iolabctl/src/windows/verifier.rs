//! `iolabctl verifier on|off|status`: KMDF Verifier's values under the service's
//! `Parameters\Wdf` key, and the `verifier.exe` command for Driver Verifier's standard settings.
//! Also the registry facts `doctor` reports.

use std::ptr;

use iolab_protocol::identity::{DRIVER_FILE_NAME, SERVICE_NAME};
use serde_json::json;
use windows_sys::Win32::System::Registry::{
    HKEY_LOCAL_MACHINE, REG_DWORD, RRF_RT_REG_DWORD, RRF_RT_REG_SZ, RegDeleteKeyValueW,
    RegGetValueW, RegSetKeyValueW,
};

use super::{CommandResult, require_admin_64bit, wide};
use crate::cli::VerifierAction;
use crate::exit::Exit;

/// The KMDF Verifier values iolabctl sets: verifier on, extra checks on, break on errors.
const KMDF_VALUES: [&str; 3] = ["VerifierOn", "VerifyOn", "DbgBreakOnError"];

fn wdf_key() -> String {
    format!("SYSTEM\\CurrentControlSet\\Services\\{SERVICE_NAME}\\Parameters\\Wdf")
}

fn get_dword(key: &str, name: &str) -> Option<u32> {
    let key = wide(key);
    let name = wide(name);
    let mut value = 0_u32;
    let mut size = 4_u32;
    // SAFETY: both strings are NUL-terminated; `value` is writable for `size` bytes.
    let error = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            name.as_ptr(),
            RRF_RT_REG_DWORD,
            ptr::null_mut(),
            (&raw mut value).cast(),
            &raw mut size,
        )
    };
    (error == 0).then_some(value)
}

fn get_string(key: &str, name: &str) -> Option<String> {
    let key = wide(key);
    let name = wide(name);
    let mut buffer = [0_u16; 2048];
    let mut size = size_of_val(&buffer) as u32;
    // SAFETY: both strings are NUL-terminated; `buffer` is writable for `size` bytes.
    let error = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            name.as_ptr(),
            RRF_RT_REG_SZ,
            ptr::null_mut(),
            buffer.as_mut_ptr().cast(),
            &raw mut size,
        )
    };
    (error == 0).then(|| super::from_wide(&buffer))
}

/// The KMDF Verifier values for iolab (absent ones as `None`).
pub fn kmdf_values() -> Vec<(&'static str, Option<u32>)> {
    KMDF_VALUES
        .iter()
        .map(|name| (*name, get_dword(&wdf_key(), name)))
        .collect()
}

/// The values in words.
pub fn describe_kmdf(values: &[(&str, Option<u32>)]) -> String {
    let on = values
        .iter()
        .find(|(name, _)| *name == "VerifierOn")
        .and_then(|(_, v)| *v)
        == Some(1);
    let list: Vec<String> = values
        .iter()
        .map(|(name, value)| {
            format!(
                "{name}={}",
                value.map_or_else(|| "unset".to_owned(), |v| v.to_string())
            )
        })
        .collect();
    format!(
        "{} ({}; takes effect when the driver next loads)",
        if on { "on" } else { "off" },
        list.join(", ")
    )
}

/// The values as JSON.
pub fn kmdf_json(values: &[(&str, Option<u32>)]) -> serde_json::Value {
    values
        .iter()
        .map(|(name, value)| ((*name).to_owned(), json!(value)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Whether the boot options say test signing is on (`None` if they cannot be read).
pub fn test_signing_on() -> Option<bool> {
    get_string("SYSTEM\\CurrentControlSet\\Control", "SystemStartOptions")
        .map(|options| options.to_ascii_uppercase().contains("TESTSIGNING"))
}

/// Whether Driver Verifier is set to verify iolab.sys.
pub fn driver_verifier_targets_iolab() -> bool {
    get_string(
        "SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management",
        "VerifyDrivers",
    )
    .is_some_and(|drivers| {
        drivers
            .split_whitespace()
            .any(|d| d.eq_ignore_ascii_case(DRIVER_FILE_NAME))
    })
}

/// `iolabctl verifier on|off|status`.
pub fn run(action: VerifierAction, json: bool) -> CommandResult {
    let key = wdf_key();
    match action {
        VerifierAction::Status => {}
        VerifierAction::On => {
            require_admin_64bit("verifier on")?;
            let key_w = wide(&key);
            for name in KMDF_VALUES {
                let name_w = wide(name);
                let one = 1_u32;
                // SAFETY: both strings are NUL-terminated; `one` is readable for 4 bytes.
                let error = unsafe {
                    RegSetKeyValueW(
                        HKEY_LOCAL_MACHINE,
                        key_w.as_ptr(),
                        name_w.as_ptr(),
                        REG_DWORD,
                        (&raw const one).cast(),
                        4,
                    )
                };
                if error != 0 {
                    return Err((
                        Exit::RequestFailed,
                        format!(
                            "cannot set HKLM\\{key}\\{name}: Win32 error {error} (is iolab installed?)"
                        ),
                    ));
                }
            }
        }
        VerifierAction::Off => {
            require_admin_64bit("verifier off")?;
            let key_w = wide(&key);
            for name in KMDF_VALUES {
                let name_w = wide(name);
                // SAFETY: both strings are NUL-terminated.
                let error = unsafe {
                    RegDeleteKeyValueW(HKEY_LOCAL_MACHINE, key_w.as_ptr(), name_w.as_ptr())
                };
                if error != 0 && error != 2 {
                    return Err((
                        Exit::RequestFailed,
                        format!("cannot delete HKLM\\{key}\\{name}: Win32 error {error}"),
                    ));
                }
            }
        }
    }
    let values = kmdf_values();
    let verifying = driver_verifier_targets_iolab();
    if json {
        return Ok(format!(
            "{:#}\n",
            json!({"kmdf_verifier": kmdf_json(&values), "driver_verifier": verifying,
                   "driver_verifier_command": format!("verifier /standard /driver {DRIVER_FILE_NAME}")})
        ));
    }
    Ok(format!(
        "KMDF Verifier: {}\n  (restart the device or reboot for it to take effect: pnputil /restart-device <instance ID>)\n\
         Driver Verifier: {}\n  standard settings for iolab: verifier /standard /driver {DRIVER_FILE_NAME}   (then reboot; \
         verifier /query shows it, verifier /reset ends it)\n",
        describe_kmdf(&values),
        if verifying {
            "verifying iolab.sys"
        } else {
            "not verifying iolab.sys"
        },
    ))
}
