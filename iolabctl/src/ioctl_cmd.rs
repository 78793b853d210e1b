//! `iolabctl ioctl`: any control code, input from hex, a file or stdin, the reply in hex and the
//! NTSTATUS by name.

use std::fmt::Write as _;
use std::io::Read;

use iolab_client::{DeviceError, IoctlReply, Transport, status_name};
use iolab_protocol::{
    IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO, access_of, device_type_of, function_of, ioctl_name,
    method_of,
};
use serde_json::json;

/// The largest output buffer `--out` accepts (16 MiB).
pub const MAX_OUT: usize = 16 << 20;

/// Parses a control code: a number (hex with `0x`, or decimal) or an iolab IOCTL's name, with
/// or without the `IOCTL_IOLAB_` prefix, in any case.
///
/// # Errors
/// The code in words when it is neither.
pub fn parse_code(text: &str) -> Result<u32, String> {
    let trimmed = text.trim();
    let number = if let Some(hex) = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
    {
        u32::from_str_radix(&hex.replace('_', ""), 16).ok()
    } else {
        trimmed.parse::<u32>().ok()
    };
    if let Some(code) = number {
        return Ok(code);
    }
    let upper = trimmed.to_ascii_uppercase();
    let name = upper.strip_prefix("IOCTL_IOLAB_").unwrap_or(&upper);
    match name {
        "GET_INFO" => Ok(IOCTL_IOLAB_GET_INFO),
        "ECHO" => Ok(IOCTL_IOLAB_ECHO),
        _ => Err(format!(
            "control code {text:?} is neither a number (0x8A1B2000 or 2317033472) nor an iolab \
             IOCTL name (GET_INFO, ECHO)"
        )),
    }
}

/// Where the input bytes come from.
#[derive(Debug, PartialEq, Eq)]
pub enum InputSource {
    /// Bytes given in hex on the command line.
    Hex(Vec<u8>),
    /// A file's bytes.
    File(String),
    /// Standard input.
    Stdin,
}

/// Parses `--in`: `-`, `@FILE` or hex digits (spaces, `:` and `,` between bytes allowed, an
/// optional `0x` prefix).
///
/// # Errors
/// What is wrong with the hex, naming the offending text.
pub fn parse_input(text: &str) -> Result<InputSource, String> {
    if text == "-" {
        return Ok(InputSource::Stdin);
    }
    if let Some(path) = text.strip_prefix('@') {
        if path.is_empty() {
            return Err("--in @FILE: the file name is missing after @".to_owned());
        }
        return Ok(InputSource::File(path.to_owned()));
    }
    let body = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text);
    let digits: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | ',' | '\t'))
        .collect();
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(format!(
            "--in {text:?}: {bad:?} is not a hex digit (give hex bytes like 68656c6c6f, @FILE, or - \
             for standard input)"
        ));
    }
    if !digits.len().is_multiple_of(2) {
        return Err(format!(
            "--in {text:?}: an odd number of hex digits ({}); each byte takes two",
            digits.len()
        ));
    }
    let bytes = (0..digits.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&digits[at..at + 2], 16).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    Ok(InputSource::Hex(bytes))
}

/// Reads the input bytes.
///
/// # Errors
/// The file or stdin that could not be read, and why.
pub fn read_input(source: InputSource) -> Result<Vec<u8>, String> {
    match source {
        InputSource::Hex(bytes) => Ok(bytes),
        InputSource::File(path) => std::fs::read(&path)
            .map_err(|error| format!("--in @{path}: cannot read {path}: {error}")),
        InputSource::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("--in -: cannot read standard input: {error}"))?;
            Ok(bytes)
        }
    }
}

/// A control code in words: `0x8A1B2000 (IOCTL_IOLAB_GET_INFO)` or its fields.
pub fn describe_code(code: u32) -> String {
    match ioctl_name(code) {
        Some(name) => format!("{code:#010X} ({name})"),
        None => format!(
            "{code:#010X} (device type {:#06X}, function {:#05X}, method {}, access {})",
            device_type_of(code),
            function_of(code),
            method_of(code),
            access_of(code)
        ),
    }
}

/// The NTSTATUS of a failure in words: `STATUS_INVALID_PARAMETER (0xC000000D)`, or the error's
/// own words when it is a Win32 error without an NTSTATUS.
pub fn describe_failure(error: &DeviceError) -> String {
    match error.ntstatus() {
        Some(status) => match status_name(status) {
            Some(name) => format!("{name} ({status:#010X})"),
            None => format!("NTSTATUS {status:#010X}"),
        },
        None => error.to_string(),
    }
}

/// Result of one raw IOCTL, printed.
pub struct Reply {
    /// What to print on stdout.
    pub stdout: String,
    /// The failure, in words, if the request failed.
    pub error: Option<String>,
}

/// Sends `code` with `input` and an `out`-byte output buffer, and formats the outcome.
///
/// STATUS_BUFFER_OVERFLOW is a warning, not a failure: the output holds the part of the reply
/// that fitted, which is printed with the note `STATUS_BUFFER_OVERFLOW: output truncated to N
/// bytes` (JSON: `"overflow": true`), and the command succeeds (exit 0); a larger `--out` gets
/// the rest.
pub fn run(
    transport: &mut dyn Transport,
    code: u32,
    input: &[u8],
    out: usize,
    json: bool,
) -> Reply {
    let mut output = vec![0_u8; out];
    let name = transport.name();
    let (returned, overflow) = match transport.ioctl_reply(code, input, &mut output) {
        Ok(IoctlReply { returned, overflow }) => (returned, overflow),
        Err(error) => {
            return Reply {
                stdout: String::new(),
                error: Some(format!(
                    "IOCTL {} over the {name} transport failed with {}",
                    describe_code(code),
                    describe_failure(&error)
                )),
            };
        }
    };
    let bytes = output.get(..returned).unwrap_or(&output);
    let status = if overflow {
        "STATUS_BUFFER_OVERFLOW"
    } else {
        "STATUS_SUCCESS"
    };
    let stdout = if json {
        let value = json!({
            "transport": name,
            "code": code,
            "name": ioctl_name(code),
            "status": status,
            "overflow": overflow,
            "input_bytes": input.len(),
            "returned": returned,
            "output_hex": hex(bytes, ""),
        });
        format!("{value:#}\n")
    } else {
        let mut text = if overflow {
            format!(
                "{}: STATUS_BUFFER_OVERFLOW: output truncated to {returned} bytes (the reply is \
                 longer; a larger --out gets all of it)\n",
                describe_code(code)
            )
        } else {
            format!(
                "{}: STATUS_SUCCESS, {returned} bytes returned\n",
                describe_code(code)
            )
        };
        text.push_str(&hex_dump(bytes));
        text
    };
    Reply {
        stdout,
        error: None,
    }
}

fn hex(bytes: &[u8], separator: &str) -> String {
    bytes
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// 16 bytes a line: offset, hex, printable ASCII.
fn hex_dump(bytes: &[u8]) -> String {
    let mut text = String::new();
    for (line, chunk) in bytes.chunks(16).enumerate() {
        let ascii: String = chunk
            .iter()
            .map(|&b| {
                if b.is_ascii_graphic() || b == b' ' {
                    char::from(b)
                } else {
                    '.'
                }
            })
            .collect();
        _ = writeln!(text, "{:08x}  {:<47}  {ascii}", line * 16, hex(chunk, " "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_by_number_and_name() {
        assert_eq!(parse_code("0x8A1B2000"), Ok(IOCTL_IOLAB_GET_INFO));
        assert_eq!(parse_code("0x8a1b_e004"), Ok(IOCTL_IOLAB_ECHO));
        assert_eq!(parse_code("2317033472"), Ok(0x8A1B_2000));
        assert_eq!(parse_code("get_info"), Ok(IOCTL_IOLAB_GET_INFO));
        assert_eq!(parse_code("IOCTL_IOLAB_ECHO"), Ok(IOCTL_IOLAB_ECHO));
        let error = parse_code("FROB").unwrap_err();
        assert!(
            error.starts_with("control code \"FROB\" is neither a number"),
            "{error}"
        );
        assert!(parse_code("0x1_0000_0000").is_err());
    }

    #[test]
    fn input_forms() {
        assert_eq!(parse_input("-"), Ok(InputSource::Stdin));
        assert_eq!(parse_input("@a.bin"), Ok(InputSource::File("a.bin".into())));
        assert_eq!(
            parse_input("68 65:6C,6c"),
            Ok(InputSource::Hex(b"hell".to_vec()))
        );
        assert_eq!(parse_input("0x0001"), Ok(InputSource::Hex(vec![0, 1])));
        assert_eq!(parse_input(""), Ok(InputSource::Hex(vec![])));
        assert_eq!(
            parse_input("6g"),
            Err(
                "--in \"6g\": 'g' is not a hex digit (give hex bytes like 68656c6c6f, @FILE, or - \
                 for standard input)"
                    .into()
            )
        );
        assert_eq!(
            parse_input("abc"),
            Err("--in \"abc\": an odd number of hex digits (3); each byte takes two".into())
        );
        assert!(
            parse_input("@")
                .unwrap_err()
                .contains("file name is missing")
        );
    }

    #[test]
    fn codes_and_failures_in_words() {
        assert_eq!(
            describe_code(IOCTL_IOLAB_GET_INFO),
            "0x8A1B2000 (IOCTL_IOLAB_GET_INFO)"
        );
        assert_eq!(
            describe_code(0x0022_2003),
            "0x00222003 (device type 0x0022, function 0x800, method 3, access 0)"
        );
        assert_eq!(
            describe_failure(&DeviceError::InvalidParameter),
            "STATUS_INVALID_PARAMETER (0xC000000D)"
        );
        assert_eq!(
            describe_failure(&iolab_client::from_ntstatus(0xC0DE_0001_u32.cast_signed()).unwrap()),
            "NTSTATUS 0xC0DE0001"
        );
    }

    #[test]
    fn dump_layout() {
        assert_eq!(
            hex_dump(b"hello, world!\x00\x01\x02\x03"),
            "00000000  68 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 00 01 02  hello, world!...\n\
             00000010  03                                               .\n"
        );
    }
}
