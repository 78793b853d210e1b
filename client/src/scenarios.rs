//! The selftest scenario suite: one implementation, run by `iolabctl selftest` against a real
//! device or the simulator, and by the driver's integration tests.
//!
//! Every scenario asserts exact outcomes: statuses, returned lengths, and that output bytes the
//! driver should not touch are left as they were (each output buffer is pre-filled with a pattern).
//! A scenario passes, fails, or is not run ([`NotPassed::NotRun`]) when the transport lacks what
//! it needs: the filter's scenarios without a [`crate::Transport::filter_lab`], the pipe's removal
//! without a surprise removal. Not run is never a pass; in the simulator nothing is not run.

use iolab_protocol::{
    ECHO_MAX_LEN, FILE_ANY_ACCESS, INFO_REPLY_SIZE, IOCTL_IOLAB_ECHO, IOCTL_IOLAB_GET_INFO,
    IOLAB_DEVICE_TYPE, InfoReply, METHOD_BUFFERED, PROTOCOL_VERSION, Role, ctl_code,
};

use crate::{DeviceError, Transport};

mod filter;
mod pipe;

/// One named check of the driver's behaviour.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// Stable name, shown as `PASS <name>`, `FAIL <name>: <reason>` or `SKIP <name>: <reason>`.
    pub name: &'static str,
    /// Runs the scenario: `Ok` if it passed, otherwise why not.
    pub run: fn(&mut dyn Transport) -> Result<(), NotPassed>,
}

/// Why a scenario did not pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotPassed {
    /// The driver did not behave as the scenario checks: the reason, in words.
    Failed(String),
    /// The scenario (or part of it) could not run over this transport, which lacks what it
    /// needs (a programmable device below the filter, a surprise removal): why, in words.
    /// Neither a pass nor a failure.
    NotRun(String),
}

impl From<String> for NotPassed {
    fn from(reason: String) -> Self {
        Self::Failed(reason)
    }
}

impl std::fmt::Display for NotPassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Failed(reason) => f.write_str(reason),
            Self::NotRun(reason) => write!(f, "not run: {reason}"),
        }
    }
}

/// The outcome of one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioResult {
    /// The scenario's name.
    pub name: &'static str,
    /// `Ok` if it passed, otherwise why not.
    pub outcome: Result<(), NotPassed>,
}

impl ScenarioResult {
    /// Whether the scenario passed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.outcome.is_ok()
    }

    /// Whether the scenario failed (not: passed, or was not run).
    #[must_use]
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Err(NotPassed::Failed(_)))
    }

    /// Why the scenario was not run, if it was not.
    #[must_use]
    pub fn not_run(&self) -> Option<&str> {
        match &self.outcome {
            Err(NotPassed::NotRun(reason)) => Some(reason),
            _ => None,
        }
    }
}

/// A scenario that passes or fails: its function's `Err(reason)` is a failure.
macro_rules! checks {
    ($name:literal, $run:path) => {
        Scenario {
            name: $name,
            run: |transport| Ok($run(transport)?),
        }
    };
}

/// A control code iolab does not define: iolab's device type, function 0x8FF.
pub const UNKNOWN_IOLAB_IOCTL: u32 =
    ctl_code(IOLAB_DEVICE_TYPE, 0x8FF, METHOD_BUFFERED, FILE_ANY_ACCESS);

/// A control code of another device type (`FILE_DEVICE_UNKNOWN`) with `GET_INFO`'s function number.
pub const FOREIGN_DEVICE_TYPE_IOCTL: u32 = ctl_code(0x22, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS);

static ALL: [Scenario; 40] = [
    checks!("info", info),
    checks!("echo-roundtrip", echo_roundtrip),
    checks!(
        "echo-output-larger-than-input",
        echo_output_larger_than_input
    ),
    checks!("unknown-ioctl-rejected", unknown_ioctl_rejected),
    checks!("info-short-output-rejected", info_short_output_rejected),
    checks!("echo-short-output-rejected", echo_short_output_rejected),
    checks!("echo-oversize-rejected", echo_oversize_rejected),
    checks!("echo-empty-rejected", echo_empty_rejected),
    checks!("info-garbage-input-rejected", info_garbage_input_rejected),
    checks!("ping", pipe::ping),
    checks!("stats-reply", pipe::stats_reply),
    checks!("stats-count-what-happened", pipe::stats_count_what_happened),
    checks!("stats-reset", pipe::reset_stats),
    checks!("config-roundtrip", pipe::config_roundtrip),
    checks!("config-range-checked", pipe::config_range_checked),
    checks!("config-busy-while-data", pipe::config_busy_while_data),
    checks!("echo-direct-roundtrip", pipe::echo_direct),
    checks!(
        "echo-direct-bad-lengths-rejected",
        pipe::echo_direct_bad_lengths
    ),
    checks!("bad-input-matrix", pipe::bad_input_matrix),
    checks!("access-bits-enforced", pipe::access_bits),
    checks!("pipe-write-then-read", pipe::write_then_read),
    checks!(
        "pipe-pattern-integrity-1b-to-16mib",
        pipe::pattern_integrity
    ),
    checks!(
        "pipe-zero-length-and-oversize",
        pipe::zero_length_and_oversize
    ),
    checks!(
        "pipe-waiting-read-gets-later-write",
        pipe::waiting_read_gets_later_write
    ),
    checks!(
        "pipe-waiting-write-all-or-nothing",
        pipe::waiting_write_gets_room
    ),
    checks!(
        "pipe-waiters-served-in-arrival-order",
        pipe::waiters_served_in_order
    ),
    checks!("pipe-read-timeout", pipe::read_timeout),
    checks!("pipe-write-timeout", pipe::write_timeout),
    checks!("pipe-cancel-waiting", pipe::cancel_waiting),
    checks!(
        "pipe-close-cancels-own-waiters",
        pipe::close_cancels_own_waiters
    ),
    checks!(
        "pipe-purge-keeps-readers-waiting",
        pipe::purge_keeps_readers
    ),
    checks!("pipe-concurrent-stream", pipe::concurrent_stream),
    Scenario {
        name: "pipe-removal-with-requests-in-flight",
        run: pipe::removal_with_requests_in_flight,
    },
    Scenario {
        name: "filter-pass-through-exact",
        run: filter::pass_through_exact,
    },
    Scenario {
        name: "filter-stats-exact",
        run: filter::statistics_exact,
    },
    Scenario {
        name: "filter-monitoring-toggled-under-load",
        run: filter::monitoring_toggled_under_load,
    },
    Scenario {
        name: "filter-lower-failures-propagated",
        run: filter::lower_failures_propagated,
    },
    Scenario {
        name: "filter-removal-with-requests-in-flight",
        run: filter::removal_with_requests_in_flight,
    },
    Scenario {
        name: "filter-devices-share-one-control-device",
        run: filter::devices_share_one_control_device,
    },
    Scenario {
        name: "filter-last-removed-control-device-gone-unload-clean",
        run: filter::last_removed_control_device_deleted_unload_clean,
    },
];

/// How many of [`all`] check the original protocol (GET_INFO and ECHO) only; the pipe's follow
/// (most of them need the transport's harness).
pub const PROTOCOL_SCENARIOS: usize = 9;

/// How many of [`all`], at its end, check the filter role; they need the transport's
/// [`crate::Transport::filter_lab`] and are not run without one.
pub const FILTER_SCENARIOS: usize = 7;

/// The scenarios of the function role (the protocol's and the pipe's): [`all`] but the filter's.
#[must_use]
pub fn function_role() -> &'static [Scenario] {
    &ALL[..ALL.len() - FILTER_SCENARIOS]
}

/// The filter role's scenarios, the last [`FILTER_SCENARIOS`] of [`all`].
#[must_use]
pub fn filter_role() -> &'static [Scenario] {
    &ALL[ALL.len() - FILTER_SCENARIOS..]
}

/// Every scenario, in the order they run.
#[must_use]
pub fn all() -> &'static [Scenario] {
    &ALL
}

/// The scenario called `name`, if there is one.
#[must_use]
pub fn find(name: &str) -> Option<&'static Scenario> {
    ALL.iter().find(|scenario| scenario.name == name)
}

/// The name of the check that ends a run on a transport that verifies on close (the
/// simulator): the device is removed and the driver unloaded with nothing leaked and no rule
/// broken.
pub const CLOSE_CHECK: &str = "remove-and-unload-clean";

/// Runs every scenario in order against `transport`; then, if the transport checks anything when
/// it closes (the simulator's verifier and leak check), closes it and reports that as the
/// [`CLOSE_CHECK`] scenario.
pub fn run_all(transport: &mut dyn Transport) -> Vec<ScenarioResult> {
    let mut results: Vec<ScenarioResult> = ALL
        .iter()
        .map(|scenario| ScenarioResult {
            name: scenario.name,
            outcome: (scenario.run)(transport),
        })
        .collect();
    if transport.checks_on_close() {
        results.push(ScenarioResult {
            name: CLOSE_CHECK,
            outcome: transport.close().map_err(NotPassed::Failed),
        });
    }
    results
}

/// Byte every output buffer is pre-filled with, so untouched bytes can be recognised.
const FILL: u8 = 0xA5;

/// A payload of `len` bytes that varies from byte to byte and never contains the byte output
/// buffers are pre-filled with (0xA5); the same `seed` gives the same bytes.
#[must_use]
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(29).wrapping_add(7);
            if state == FILL { !FILL } else { state }
        })
        .collect()
}

/// Sends a request with an output buffer of `out_len` bytes pre-filled with [`FILL`].
fn call(
    transport: &mut dyn Transport,
    code: u32,
    input: &[u8],
    out_len: usize,
) -> (Result<usize, DeviceError>, Vec<u8>) {
    let mut output = vec![FILL; out_len];
    let result = transport.ioctl(code, input, &mut output);
    (result, output)
}

/// Checks that every byte of `bytes` (starting at `offset` in the buffer) is still [`FILL`].
fn untouched(what: &str, bytes: &[u8], offset: usize) -> Result<(), String> {
    match bytes.iter().position(|&b| b != FILL) {
        None => Ok(()),
        Some(index) => Err(format!(
            "{what}: output byte {} was changed to {:#04X}, but the driver should not have written it",
            offset + index,
            bytes[index]
        )),
    }
}

/// Sends a request that must fail with `expected` and leave the output buffer untouched.
fn expect_rejected(
    transport: &mut dyn Transport,
    what: &str,
    code: u32,
    input: &[u8],
    out_len: usize,
    expected: &DeviceError,
) -> Result<(), String> {
    let (result, output) = call(transport, code, input, out_len);
    match result {
        Err(error) if error == *expected => untouched(what, &output, 0),
        Err(error) => Err(format!("{what}: expected {expected}, got {error}")),
        Ok(returned) => Err(format!(
            "{what}: expected {expected}, but the request succeeded and returned {returned} bytes"
        )),
    }
}

fn info(transport: &mut dyn Transport) -> Result<(), String> {
    for out_len in [INFO_REPLY_SIZE, 2 * INFO_REPLY_SIZE] {
        let what = format!("GET_INFO with a {out_len}-byte output buffer");
        let (result, output) = call(transport, IOCTL_IOLAB_GET_INFO, &[], out_len);
        let returned = result.map_err(|error| format!("{what} failed: {error}"))?;
        let Some(reply_bytes) = output.get(..returned) else {
            return Err(format!(
                "{what} returned {returned} bytes, more than the buffer holds"
            ));
        };
        let reply = InfoReply::parse(reply_bytes).map_err(|error| {
            format!("{what}: the {returned}-byte reply does not parse: {error}")
        })?;
        if usize::try_from(reply.header.size).ok() != Some(returned) {
            return Err(format!(
                "{what}: header size is {} but {returned} bytes were returned",
                reply.header.size
            ));
        }
        if reply.protocol_version != PROTOCOL_VERSION {
            return Err(format!(
                "{what}: protocol version is {}, expected {PROTOCOL_VERSION}",
                reply.protocol_version
            ));
        }
        match reply.role() {
            Ok(Role::Function) => {}
            Ok(role) => return Err(format!("{what}: role is {role}, expected function")),
            Err(error) => return Err(format!("{what}: {error}")),
        }
        untouched(&what, &output[returned..], returned)?;
    }
    Ok(())
}

fn echo_roundtrip(transport: &mut dyn Transport) -> Result<(), String> {
    let payloads = [
        vec![0x00],
        b"hello, iolab".to_vec(),
        pattern(255, 1),
        pattern(ECHO_MAX_LEN - 1, 2),
        pattern(ECHO_MAX_LEN, 3),
    ];
    for payload in &payloads {
        let len = payload.len();
        // Pre-fill with the complement of the payload, so every byte not echoed differs.
        let mut output: Vec<u8> = payload.iter().map(|b| !b).collect();
        let returned = transport
            .ioctl(IOCTL_IOLAB_ECHO, payload, &mut output)
            .map_err(|error| format!("ECHO of {len} bytes failed: {error}"))?;
        if returned != len {
            return Err(format!("ECHO of {len} bytes returned {returned} bytes"));
        }
        if let Some(index) = output.iter().zip(payload).position(|(a, b)| a != b) {
            return Err(format!(
                "ECHO of {len} bytes: byte {index} came back as {:#04X}, sent {:#04X}",
                output[index], payload[index]
            ));
        }
    }
    Ok(())
}

fn echo_output_larger_than_input(transport: &mut dyn Transport) -> Result<(), String> {
    let cases = [
        (b"iolab echo".to_vec(), 64),
        (pattern(100, 4), ECHO_MAX_LEN + 64),
        (pattern(ECHO_MAX_LEN - 1, 5), ECHO_MAX_LEN),
    ];
    for (payload, out_len) in &cases {
        let len = payload.len();
        let what = format!("ECHO of {len} bytes into a {out_len}-byte buffer");
        let (result, output) = call(transport, IOCTL_IOLAB_ECHO, payload, *out_len);
        let returned = result.map_err(|error| format!("{what} failed: {error}"))?;
        if returned != len {
            return Err(format!("{what} returned {returned} bytes, expected {len}"));
        }
        if output[..len] != payload[..] {
            return Err(format!("{what}: the echoed bytes differ from the payload"));
        }
        untouched(&what, &output[len..], len)?;
    }
    Ok(())
}

fn unknown_ioctl_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    expect_rejected(
        transport,
        &format!("unknown iolab function 0x8FF (code {UNKNOWN_IOLAB_IOCTL:#010X})"),
        UNKNOWN_IOLAB_IOCTL,
        &[],
        INFO_REPLY_SIZE,
        &DeviceError::InvalidDeviceRequest,
    )?;
    expect_rejected(
        transport,
        &format!("unknown iolab function 0x8FF with input (code {UNKNOWN_IOLAB_IOCTL:#010X})"),
        UNKNOWN_IOLAB_IOCTL,
        b"iolb",
        INFO_REPLY_SIZE,
        &DeviceError::InvalidDeviceRequest,
    )?;
    expect_rejected(
        transport,
        &format!("foreign device type 0x22 (code {FOREIGN_DEVICE_TYPE_IOCTL:#010X})"),
        FOREIGN_DEVICE_TYPE_IOCTL,
        &[],
        INFO_REPLY_SIZE,
        &DeviceError::InvalidDeviceRequest,
    )
}

fn info_short_output_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    for out_len in [0, 1, INFO_REPLY_SIZE - 1] {
        expect_rejected(
            transport,
            &format!("GET_INFO with a {out_len}-byte output buffer"),
            IOCTL_IOLAB_GET_INFO,
            &[],
            out_len,
            &DeviceError::BufferTooSmall,
        )?;
    }
    Ok(())
}

fn echo_short_output_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    let cases = [
        (pattern(16, 6), 15),
        (pattern(16, 7), 0),
        (vec![0x42], 0),
        (pattern(ECHO_MAX_LEN, 8), ECHO_MAX_LEN - 1),
    ];
    for (payload, out_len) in &cases {
        expect_rejected(
            transport,
            &format!(
                "ECHO of {} bytes into a {out_len}-byte buffer",
                payload.len()
            ),
            IOCTL_IOLAB_ECHO,
            payload,
            *out_len,
            &DeviceError::BufferTooSmall,
        )?;
    }
    Ok(())
}

fn echo_oversize_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    for len in [ECHO_MAX_LEN + 1, 3 * ECHO_MAX_LEN] {
        expect_rejected(
            transport,
            &format!("ECHO of {len} bytes (limit {ECHO_MAX_LEN})"),
            IOCTL_IOLAB_ECHO,
            &pattern(len, 9),
            len,
            &DeviceError::InvalidParameter,
        )?;
    }
    Ok(())
}

fn echo_empty_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    for out_len in [16, 0] {
        expect_rejected(
            transport,
            &format!("ECHO of 0 bytes into a {out_len}-byte buffer"),
            IOCTL_IOLAB_ECHO,
            &[],
            out_len,
            &DeviceError::InvalidParameter,
        )?;
    }
    Ok(())
}

fn info_garbage_input_rejected(transport: &mut dyn Transport) -> Result<(), String> {
    expect_rejected(
        transport,
        "GET_INFO with 7 bytes of input",
        IOCTL_IOLAB_GET_INFO,
        &[0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03],
        INFO_REPLY_SIZE,
        &DeviceError::InvalidParameter,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fake::{FakeDevice, Flaw};

    /// The protocol scenarios' failures (the fake device has no pipe).
    fn failing(flaw: Flaw) -> Vec<(&'static str, String)> {
        let mut device = FakeDevice::with_flaw(flaw);
        all()[..PROTOCOL_SCENARIOS]
            .iter()
            .filter_map(|s| {
                (s.run)(&mut device).err().map(|reason| match reason {
                    NotPassed::Failed(reason) => (s.name, reason),
                    NotPassed::NotRun(why) => panic!("{} was not run: {why}", s.name),
                })
            })
            .collect()
    }

    fn failing_names(flaw: Flaw) -> Vec<&'static str> {
        failing(flaw).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn names_are_unique_and_findable() {
        let names: Vec<_> = all().iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert_eq!(names.len(), 40);
        for name in names {
            assert_eq!(find(name).map(|s| s.name), Some(name));
        }
        assert!(find("no-such-scenario").is_none());
        assert_eq!(function_role().len() + filter_role().len(), all().len());
        assert!(filter_role().iter().all(|s| s.name.starts_with("filter-")));
        assert!(
            !function_role()
                .iter()
                .any(|s| s.name.starts_with("filter-"))
        );
    }

    #[test]
    fn a_correct_device_passes_every_protocol_scenario_and_the_others_say_why_not() {
        let results = run_all(&mut FakeDevice::correct());
        assert_eq!(results.len(), all().len());
        for result in &results[..PROTOCOL_SCENARIOS] {
            assert_eq!(result.outcome, Ok(()), "{}", result.name);
            assert!(result.passed() && !result.failed() && result.not_run().is_none());
        }
        // The fake has no pipe: its scenarios fail, each saying what is missing.
        let pipe = function_role().len();
        for result in &results[PROTOCOL_SCENARIOS..pipe] {
            let Err(NotPassed::Failed(reason)) = &result.outcome else {
                panic!("{}: {:?}", result.name, result.outcome);
            };
            assert!(
                reason.contains("invalid device request")
                    || reason.contains("offers no second handles"),
                "{}: {reason}",
                result.name
            );
            assert!(result.failed() && !result.passed());
        }
        // Nor can it build device stacks: the filter's scenarios are not run, and say so.
        for result in &results[pipe..] {
            assert_eq!(
                result.not_run(),
                Some(
                    "the fake transport cannot put iolab over a lower device it programs (only \
                     the simulator builds device stacks)"
                ),
                "{}",
                result.name
            );
            assert!(!result.failed() && !result.passed());
            assert_eq!(
                result.outcome.as_ref().unwrap_err().to_string(),
                format!("not run: {}", result.not_run().unwrap_or_default())
            );
        }
    }

    #[test]
    fn pattern_varies_and_avoids_the_fill_byte() {
        let bytes = pattern(ECHO_MAX_LEN, 3);
        assert_eq!(bytes.len(), ECHO_MAX_LEN);
        assert!(!bytes.contains(&FILL));
        assert!(bytes.windows(2).all(|pair| pair[0] != pair[1]));
    }

    #[test]
    fn each_flaw_is_caught_by_its_scenario() {
        let cases: [(Flaw, &[&str]); 15] = [
            (Flaw::InfoWrongVersion, &["info"]),
            (Flaw::InfoShortReply, &["info"]),
            (Flaw::InfoReportsFilter, &["info"]),
            (Flaw::InfoReturnsWholeBuffer, &["info"]),
            (Flaw::InfoIgnoresInput, &["info-garbage-input-rejected"]),
            (
                Flaw::InfoShortOutputWrongStatus,
                &["info-short-output-rejected"],
            ),
            (
                Flaw::EchoOverstatesLength,
                &["echo-roundtrip", "echo-output-larger-than-input"],
            ),
            (
                Flaw::EchoCorruptsLastByte,
                &["echo-roundtrip", "echo-output-larger-than-input"],
            ),
            (
                Flaw::EchoFillsWholeOutput,
                &["echo-output-larger-than-input"],
            ),
            (Flaw::EchoTruncatesToOutput, &["echo-short-output-rejected"]),
            (Flaw::EchoAcceptsOversize, &["echo-oversize-rejected"]),
            (Flaw::EchoAcceptsEmpty, &["echo-empty-rejected"]),
            (
                Flaw::WritesOnFailure,
                &[
                    "unknown-ioctl-rejected",
                    "info-short-output-rejected",
                    "echo-short-output-rejected",
                    "echo-oversize-rejected",
                    "echo-empty-rejected",
                    "info-garbage-input-rejected",
                ],
            ),
            (Flaw::AcceptsUnknownFunction, &["unknown-ioctl-rejected"]),
            (Flaw::IgnoresDeviceType, &["unknown-ioctl-rejected"]),
        ];
        for (flaw, expected) in cases {
            assert_eq!(failing_names(flaw), expected, "{flaw:?}");
        }
    }

    #[test]
    fn failure_reasons_say_what_went_wrong() {
        let reason = |flaw| failing(flaw).remove(0).1;
        assert_eq!(
            reason(Flaw::InfoReportsFilter),
            "GET_INFO with a 64-byte output buffer: role is filter, expected function"
        );
        assert_eq!(
            reason(Flaw::InfoWrongVersion),
            "GET_INFO with a 64-byte output buffer: the 64-byte reply does not parse: \
             protocol version 2 is not supported (this build speaks version 1)"
        );
        assert_eq!(
            reason(Flaw::InfoReturnsWholeBuffer),
            "GET_INFO with a 128-byte output buffer: the 128-byte reply does not parse: \
             reply is 128 bytes long, but the structure is 64 bytes"
        );
        assert_eq!(
            reason(Flaw::EchoCorruptsLastByte),
            "ECHO of 1 bytes: byte 0 came back as 0x01, sent 0x00"
        );
        assert_eq!(
            reason(Flaw::EchoFillsWholeOutput),
            "ECHO of 10 bytes into a 64-byte buffer returned 64 bytes, expected 10"
        );
        assert_eq!(
            reason(Flaw::EchoAcceptsEmpty),
            "ECHO of 0 bytes into a 16-byte buffer: expected invalid parameter \
             (STATUS_INVALID_PARAMETER / ERROR_INVALID_PARAMETER), but the request succeeded \
             and returned 0 bytes"
        );
        assert_eq!(
            reason(Flaw::IgnoresDeviceType),
            "foreign device type 0x22 (code 0x00222000): expected invalid device request \
             (STATUS_INVALID_DEVICE_REQUEST / ERROR_INVALID_FUNCTION), but the request \
             succeeded and returned 64 bytes"
        );
        assert_eq!(
            reason(Flaw::InfoShortOutputWrongStatus),
            "GET_INFO with a 0-byte output buffer: expected buffer too small \
             (STATUS_BUFFER_TOO_SMALL / ERROR_INSUFFICIENT_BUFFER), got invalid parameter \
             (STATUS_INVALID_PARAMETER / ERROR_INVALID_PARAMETER)"
        );
        assert_eq!(
            reason(Flaw::WritesOnFailure),
            "unknown iolab function 0x8FF (code 0x8A1B23FC): output byte 0 was changed to 0x00, \
             but the driver should not have written it"
        );
    }
}
