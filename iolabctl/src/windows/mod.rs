//! The commands that manage a real iolab installation on Windows: `devices`, `doctor`,
//! `install`, `uninstall`, `rollback`, `verifier`. SetupAPI, newdev and CfgMgr32 through
//! windows-sys; docs/windows-facts.md has the sequences and the errors they explain.

mod setup;
mod signer;
mod status;
mod verifier;

use std::ptr;

use windows_sys::Win32::Foundation::{GetLastError, HANDLE};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, IsWow64Process};
use windows_sys::Win32::UI::Shell::IsUserAnAdmin;

use crate::Outcome;
use crate::cli::Command;
use crate::exit::Exit;

/// Runs one of the Windows commands.
pub fn run(command: &Command, device: Option<&str>, json: bool) -> Outcome {
    let result = match command {
        Command::Devices => status::devices(json),
        Command::Doctor { .. } => status::doctor(device, json),
        Command::Install { inf } => setup::install(inf.as_deref()),
        Command::Uninstall => setup::uninstall(),
        Command::Rollback => setup::rollback(device),
        Command::Verifier { action } => verifier::run(*action, json),
        _ => Err((Exit::Usage, "not a Windows management command".to_owned())),
    };
    match result {
        Ok(text) => Outcome::ok(text),
        Err((exit, message)) => Outcome::failed(exit, message),
    }
}

/// A command's result: its output, or the exit code and the error in words.
type CommandResult = Result<String, (Exit, String)>;

/// Fails unless this is a 64-bit process running elevated, as SetupAPI's install functions need.
fn require_admin_64bit(what: &str) -> Result<(), (Exit, String)> {
    let mut wow64 = 0;
    // SAFETY: GetCurrentProcess returns a pseudo-handle valid in this process; `wow64` is a valid
    // place for the answer.
    let ok = unsafe { IsWow64Process(GetCurrentProcess(), &raw mut wow64) };
    if ok != 0 && wow64 != 0 {
        return Err((
            Exit::Usage,
            format!(
                "{what} needs the 64-bit iolabctl: this is a 32-bit process on 64-bit Windows \
                 (SetupAPI would fail with ERROR_IN_WOW64)"
            ),
        ));
    }
    // SAFETY: IsUserAnAdmin takes no arguments and only reads the process token.
    if unsafe { IsUserAnAdmin() } == 0 {
        return Err((
            Exit::Usage,
            format!("{what} needs administrator rights: run iolabctl from an elevated prompt"),
        ));
    }
    Ok(())
}

/// The calling thread's last error.
fn last_error() -> u32 {
    // SAFETY: GetLastError only reads the calling thread's last-error value.
    unsafe { GetLastError() }
}

/// A NUL-terminated UTF-16 copy of `text`.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(Some(0)).collect()
}

/// The text of a NUL-terminated UTF-16 buffer.
fn from_wide(buffer: &[u16]) -> String {
    let end = buffer
        .iter()
        .position(|&unit| unit == 0)
        .unwrap_or(buffer.len());
    String::from_utf16_lossy(&buffer[..end])
}

/// A null window handle: no UI.
const NO_WINDOW: HANDLE = ptr::null_mut();

/// SetupAPI and Win32 errors in words, with the usual fix (docs/windows-facts.md).
fn explain_setup_error(code: u32) -> String {
    let (name, fix) = match code {
        0xE000_020B => (
            "ERROR_NO_SUCH_DEVINST",
            "the device is gone or the ID is wrong; iolabctl devices lists them",
        ),
        0xE000_0203 => (
            "ERROR_NO_DRIVER_SELECTED",
            "no driver in the INF fits this device: wrong architecture, or Windows older than build 20348 (KMDF 1.33)",
        ),
        0xE000_022F => (
            "ERROR_NO_CATALOG_FOR_OEM_INF",
            "iolab.cat is missing or not named by the INF: install from the whole iolab_package folder",
        ),
        0xE000_0235 => ("ERROR_IN_WOW64", "run the 64-bit iolabctl"),
        0xE000_023D => (
            "ERROR_INF_IN_USE_BY_DEVICES",
            "devices still use the package: iolabctl uninstall removes them first",
        ),
        0xE000_0243 => (
            "ERROR_AUTHENTICODE_PUBLISHER_NOT_TRUSTED",
            "import the test certificate into LocalMachine Root and TrustedPublisher (certutil -addstore)",
        ),
        0xE000_0247 => (
            "ERROR_DRIVER_STORE_ADD_FAILED",
            "the driver store refused the package; %windir%\\INF\\setupapi.dev.log says why",
        ),
        0xE000_024B => (
            "ERROR_FILE_HASH_NOT_IN_CATALOG",
            "a file changed after signing: rebuild the package with cargo make",
        ),
        0x800B_0100 => (
            "TRUST_E_NOSIGNATURE",
            "the package is not signed: build it with cargo make (it test-signs)",
        ),
        5 => (
            "ERROR_ACCESS_DENIED",
            "run iolabctl from an elevated prompt",
        ),
        2 => ("ERROR_FILE_NOT_FOUND", "check the INF path"),
        259 => (
            "ERROR_NO_MORE_ITEMS",
            "no device of this hardware ID is present; iolabctl install creates one",
        ),
        _ => return format!("error {code:#010X}; %windir%\\INF\\setupapi.dev.log has the details"),
    };
    format!("{name} ({code:#010X}): {fix}")
}
