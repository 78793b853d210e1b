//! The pipe's scenarios: its IOCTLs (statistics, configuration, ping, purge, direct echo), the
//! bad-input matrix, and reads and writes — order, waiting, timeouts, cancellation, handle close,
//! removal with I/O in flight, and a stream through several handles at once. Each leaves the pipe
//! as it found it (empty, default configuration), so the scenarios run in any order.

use std::time::Duration;

use iolab_protocol::{
    ALL_IOCTLS, DEFAULT_CAPACITY, ECHO_DIRECT_MAX_LEN, FILE_ANY_ACCESS, INFO_REPLY_SIZE,
    IOCTL_IOLAB_ECHO, IOCTL_IOLAB_ECHO_DIRECT_IN, IOCTL_IOLAB_ECHO_DIRECT_OUT,
    IOCTL_IOLAB_GET_CONFIG, IOCTL_IOLAB_GET_INFO, IOCTL_IOLAB_GET_STATS, IOCTL_IOLAB_PING,
    IOCTL_IOLAB_PURGE, IOCTL_IOLAB_RESET_STATS, IOCTL_IOLAB_SET_CONFIG, IOLAB_DEVICE_TYPE,
    MAX_CAPACITY, MAX_TIMEOUT_MS, MIN_CAPACITY, PIPE_CONFIG_SIZE, PROTOCOL_VERSION, PipeConfig,
    STATS_REPLY_SIZE, StatsReply, access_of, ctl_code, fnv1a64,
};
use zerocopy::IntoBytes;

use super::{NotPassed, expect_rejected, pattern};
use crate::harness::{Completion, Harness, MAIN_HANDLE, Op, OpId};
use crate::{Client, DeviceError, Transport};

const STATUS_IO_TIMEOUT: u32 = 0xC000_00B5;
const STATUS_INVALID_BUFFER_SIZE: u32 = 0xC000_0206;
const STATUS_DEVICE_BUSY: u32 = 0x8000_0011;
const STATUS_DATA_ERROR: u32 = 0xC000_003E;

/// How long a scenario waits for something that must complete.
const LIMIT: Duration = Duration::from_secs(10);
/// How long a scenario lets pass to see that something keeps waiting.
const SETTLE: Duration = Duration::from_millis(20);

fn client(transport: &mut dyn Transport) -> Client<&mut dyn Transport> {
    Client::new(transport)
}

fn harness(transport: &mut dyn Transport) -> Result<&mut dyn Harness, String> {
    let name = transport.name();
    transport
        .harness()
        .ok_or_else(|| format!("the {name} transport offers no second handles or overlapped I/O"))
}

/// Whether `error` is the NTSTATUS `status`.
fn is_status(error: &DeviceError, status: u32) -> bool {
    match error {
        DeviceError::Other { code, .. } => *code == status,
        DeviceError::InvalidParameter => status == 0xC000_000D,
        DeviceError::Cancelled => status == 0xC000_0120,
        DeviceError::AccessDenied => status == 0xC000_0022,
        DeviceError::BufferTooSmall => status == 0xC000_0023,
        DeviceError::InvalidDeviceRequest => status == 0xC000_0010,
        DeviceError::NotFound => false,
    }
}

/// Checks that `result` failed with `expected`.
fn expect_error<T: std::fmt::Debug>(
    what: &str,
    result: Result<T, DeviceError>,
    expected: &DeviceError,
) -> Result<(), String> {
    match result {
        Err(error) if error == *expected => Ok(()),
        Err(error) => Err(format!("{what}: expected {expected}, got {error}")),
        Ok(value) => Err(format!(
            "{what}: expected {expected}, but it succeeded ({value:?})"
        )),
    }
}

/// Checks that `result` failed with NTSTATUS `status`.
fn expect_status<T: std::fmt::Debug>(
    what: &str,
    result: Result<T, DeviceError>,
    status: u32,
) -> Result<(), String> {
    match result {
        Err(error) if is_status(&error, status) => Ok(()),
        Err(error) => Err(format!(
            "{what}: expected NTSTATUS {status:#010X}, got {error}"
        )),
        Ok(value) => Err(format!(
            "{what}: expected NTSTATUS {status:#010X}, but it succeeded ({value:?})"
        )),
    }
}

fn ioctl(
    transport: &mut dyn Transport,
    code: u32,
    input: &[u8],
    output_length: usize,
) -> Result<usize, DeviceError> {
    let mut output = vec![0u8; output_length];
    transport.ioctl(code, input, &mut output)
}

/// Empties the pipe and restores the default configuration.
fn fresh(transport: &mut dyn Transport) -> Result<(), String> {
    let mut client = client(transport);
    client
        .purge()
        .and_then(|()| client.set_config(&PipeConfig::DEFAULT))
        .map_err(|error| format!("resetting the pipe: {error}"))
}

fn set_config(transport: &mut dyn Transport, config: PipeConfig) -> Result<(), String> {
    client(transport)
        .set_config(&config)
        .map_err(|error| format!("SET_CONFIG {config:?}: {error}"))
}

fn stats(transport: &mut dyn Transport) -> Result<StatsReply, String> {
    client(transport)
        .stats()
        .map_err(|error| format!("GET_STATS: {error}"))
}

fn start(harness: &mut dyn Harness, handle: usize, op: Op) -> Result<OpId, String> {
    harness
        .start(handle, op)
        .map_err(|error| format!("starting I/O on handle {handle}: {error}"))
}

fn finished(harness: &mut dyn Harness, op: OpId, what: &str) -> Result<Completion, String> {
    harness
        .wait(op, LIMIT)
        .ok_or_else(|| format!("{what} did not complete within {LIMIT:?}"))
}

fn still_waiting(harness: &mut dyn Harness, op: OpId, what: &str) -> Result<(), String> {
    match harness.poll(op) {
        None => Ok(()),
        Some(completion) => Err(format!(
            "{what} should still wait, but completed: {completion:?}"
        )),
    }
}

fn expect_bytes(what: &str, completion: &Completion, expected: &[u8]) -> Result<(), String> {
    match &completion.result {
        Ok(length) if *length == expected.len() && completion.output == expected => Ok(()),
        Ok(length) => Err(format!(
            "{what}: returned {length} bytes {:?}..., expected {} bytes {:?}...",
            completion.output.get(..16.min(completion.output.len())),
            expected.len(),
            expected.get(..16.min(expected.len()))
        )),
        Err(error) => Err(format!("{what} failed: {error}")),
    }
}

fn write_now(harness: &mut dyn Harness, data: &[u8]) -> Result<(), String> {
    let op = start(harness, MAIN_HANDLE, Op::Write(data.to_vec()))?;
    let what = format!("a write of {} bytes", data.len());
    match finished(harness, op, &what)?.result {
        Ok(written) if written == data.len() => Ok(()),
        Ok(written) => Err(format!("{what} wrote {written} bytes")),
        Err(error) => Err(format!("{what} failed: {error}")),
    }
}

fn read_now(harness: &mut dyn Harness, length: usize, expected: &[u8]) -> Result<(), String> {
    let op = start(harness, MAIN_HANDLE, Op::Read(length))?;
    let what = format!("a read of {length} bytes");
    let completion = finished(harness, op, &what)?;
    expect_bytes(&what, &completion, expected)
}

// ---- IOCTLs -----------------------------------------------------------------------------------

pub(super) fn ping(transport: &mut dyn Transport) -> Result<(), String> {
    for round in 0..3 {
        client(transport)
            .ping()
            .map_err(|error| format!("PING #{round}: {error}"))?;
    }
    expect_rejected(
        transport,
        "PING with an output buffer",
        IOCTL_IOLAB_PING,
        &[],
        8,
        &DeviceError::InvalidParameter,
    )?;
    expect_rejected(
        transport,
        "PING with input",
        IOCTL_IOLAB_PING,
        b"x",
        0,
        &DeviceError::InvalidParameter,
    )
}

pub(super) fn stats_reply(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let stats = stats(transport)?;
    if stats.fifo_capacity != u64::from(DEFAULT_CAPACITY) || stats.fifo_used != 0 {
        return Err(format!(
            "GET_STATS: FIFO {}/{} bytes, expected 0/{DEFAULT_CAPACITY}",
            stats.fifo_used, stats.fifo_capacity
        ));
    }
    let (result, output) = super::call(transport, IOCTL_IOLAB_GET_STATS, &[], 2 * STATS_REPLY_SIZE);
    let returned = result.map_err(|error| format!("GET_STATS into 1 KiB: {error}"))?;
    if returned != STATS_REPLY_SIZE {
        return Err(format!("GET_STATS returned {returned} bytes"));
    }
    super::untouched("GET_STATS into 1 KiB", &output[returned..], returned)?;
    for out_len in [0, 8, STATS_REPLY_SIZE - 1] {
        expect_rejected(
            transport,
            &format!("GET_STATS into {out_len} bytes"),
            IOCTL_IOLAB_GET_STATS,
            &[],
            out_len,
            &DeviceError::BufferTooSmall,
        )?;
    }
    Ok(())
}

pub(super) fn stats_count_what_happened(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    client(transport)
        .reset_stats()
        .map_err(|error| format!("RESET_STATS: {error}"))?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 10, 0))?;
    let harness = harness(transport)?;
    write_now(harness, &pattern(100, 1))?;
    write_now(harness, &pattern(50, 2))?;
    read_now(harness, 120, &[pattern(100, 1), pattern(20, 2)].concat())?;
    read_now(harness, 120, &pattern(50, 2)[20..])?;
    let timed_out = start(harness, MAIN_HANDLE, Op::Read(4))?;
    harness.sleep(Duration::from_millis(15));
    expect_status(
        "a read past its timeout",
        finished(harness, timed_out, "the read")?.result,
        STATUS_IO_TIMEOUT,
    )?;
    let cancelled = start(harness, MAIN_HANDLE, Op::Read(4))?;
    harness.cancel(cancelled);
    expect_error(
        "a cancelled read",
        finished(harness, cancelled, "the read")?.result,
        &DeviceError::Cancelled,
    )?;
    let stats = stats(transport)?;
    let expected = (4, 2, 150, 150, 1, 1);
    let found = (
        stats.reads,
        stats.writes,
        stats.bytes_read,
        stats.bytes_written,
        stats.timeouts,
        stats.cancellations,
    );
    if found != expected {
        return Err(format!(
            "(reads, writes, bytes read, bytes written, timeouts, cancellations) = {found:?}, expected {expected:?}"
        ));
    }
    let success = stats.completions_of("success").unwrap_or(0);
    // 4 transfers, RESET_STATS and SET_CONFIG succeeded (GET_STATS counts itself only after).
    if success != 6 || stats.latency_us_log2.iter().sum::<u64>() != 6 {
        return Err(format!(
            "{success} successes and {} latencies counted, expected 6 and 6",
            stats.latency_us_log2.iter().sum::<u64>()
        ));
    }
    fresh(transport)
}

pub(super) fn reset_stats(transport: &mut dyn Transport) -> Result<(), String> {
    client(transport)
        .ping()
        .map_err(|error| format!("PING: {error}"))?;
    client(transport)
        .reset_stats()
        .map_err(|error| format!("RESET_STATS: {error}"))?;
    let stats = stats(transport)?;
    // RESET_STATS itself is counted as it completes, after the reset.
    if (stats.reads, stats.writes, stats.ioctls) != (0, 0, 1)
        || stats.completions.iter().sum::<u64>() != 1
    {
        return Err(format!(
            "after RESET_STATS: {} reads, {} writes, {} IOCTLs, {} completions; expected 0, 0, 1, 1",
            stats.reads,
            stats.writes,
            stats.ioctls,
            stats.completions.iter().sum::<u64>()
        ));
    }
    expect_rejected(
        transport,
        "RESET_STATS with input",
        IOCTL_IOLAB_RESET_STATS,
        b"zero",
        0,
        &DeviceError::InvalidParameter,
    )
}

pub(super) fn config_roundtrip(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let config = client(transport)
        .config()
        .map_err(|error| format!("GET_CONFIG: {error}"))?;
    if config != PipeConfig::DEFAULT {
        return Err(format!("GET_CONFIG after a reset: {config:?}"));
    }
    for wanted in [
        PipeConfig::new(MIN_CAPACITY, 1, 2),
        PipeConfig::new(MAX_CAPACITY, MAX_TIMEOUT_MS, 0),
        PipeConfig::new(DEFAULT_CAPACITY + 1, 0, MAX_TIMEOUT_MS),
    ] {
        set_config(transport, wanted)?;
        let found = client(transport)
            .config()
            .map_err(|error| format!("GET_CONFIG: {error}"))?;
        if found != wanted {
            return Err(format!("set {wanted:?}, read back {found:?}"));
        }
        let capacity = stats(transport)?.fifo_capacity;
        if capacity != u64::from(wanted.capacity) {
            return Err(format!(
                "capacity {capacity} in GET_STATS, set {}",
                wanted.capacity
            ));
        }
    }
    fresh(transport)
}

pub(super) fn config_range_checked(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    for bad in [
        PipeConfig::new(0, 0, 0),
        PipeConfig::new(MIN_CAPACITY - 1, 0, 0),
        PipeConfig::new(MAX_CAPACITY + 1, 0, 0),
        PipeConfig::new(u32::MAX, 0, 0),
        PipeConfig::new(MIN_CAPACITY, MAX_TIMEOUT_MS + 1, 0),
        PipeConfig::new(MIN_CAPACITY, 0, u32::MAX),
    ] {
        expect_rejected(
            transport,
            &format!("SET_CONFIG {bad:?}"),
            IOCTL_IOLAB_SET_CONFIG,
            bad.as_bytes(),
            0,
            &DeviceError::InvalidParameter,
        )?;
    }
    let config = client(transport)
        .config()
        .map_err(|error| format!("GET_CONFIG: {error}"))?;
    if config == PipeConfig::DEFAULT {
        Ok(())
    } else {
        Err(format!(
            "a refused SET_CONFIG changed the configuration to {config:?}"
        ))
    }
}

pub(super) fn config_busy_while_data(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let harness = harness(transport)?;
    write_now(harness, b"keep me")?;
    let bigger = PipeConfig::new(2 * DEFAULT_CAPACITY, 0, 0);
    expect_status(
        "SET_CONFIG of a new capacity with 7 bytes in the pipe",
        ioctl(transport, IOCTL_IOLAB_SET_CONFIG, bigger.as_bytes(), 0),
        STATUS_DEVICE_BUSY,
    )?;
    // The same capacity with new timeouts is no capacity change.
    set_config(transport, PipeConfig::new(DEFAULT_CAPACITY, 5, 5))?;
    let harness = self::harness(transport)?;
    read_now(harness, 100, b"keep me")?;
    set_config(transport, bigger)?;
    fresh(transport)
}

pub(super) fn echo_direct(transport: &mut dyn Transport) -> Result<(), String> {
    for length in [1, 4096, 65_537, 1 << 20] {
        let payload = pattern(length, 11);
        let echoed = client(transport)
            .echo_direct_out(&payload)
            .map_err(|error| format!("ECHO_DIRECT (OUT_DIRECT) of {length} bytes: {error}"))?;
        if echoed != payload {
            return Err(format!(
                "ECHO_DIRECT (OUT_DIRECT) of {length} bytes came back different"
            ));
        }
        let confirmed = client(transport)
            .echo_direct_in(&payload)
            .map_err(|error| format!("ECHO_DIRECT (IN_DIRECT) of {length} bytes: {error}"))?;
        if confirmed != length {
            return Err(format!(
                "ECHO_DIRECT (IN_DIRECT) of {length} bytes confirmed {confirmed}"
            ));
        }
    }
    let data = pattern(300, 12);
    let wrong_hash = fnv1a64(&data[1..]).to_le_bytes();
    let mut copy = data.clone();
    expect_status(
        "ECHO_DIRECT (IN_DIRECT) with the wrong hash",
        transport.ioctl(IOCTL_IOLAB_ECHO_DIRECT_IN, &wrong_hash, &mut copy),
        STATUS_DATA_ERROR,
    )
}

pub(super) fn echo_direct_bad_lengths(transport: &mut dyn Transport) -> Result<(), String> {
    let hash = fnv1a64(b"abc").to_le_bytes();
    let cases: [(&str, u32, Vec<u8>, usize, DeviceError); 6] = [
        (
            "OUT_DIRECT of nothing",
            IOCTL_IOLAB_ECHO_DIRECT_OUT,
            Vec::new(),
            16,
            DeviceError::InvalidParameter,
        ),
        (
            "OUT_DIRECT into a short buffer",
            IOCTL_IOLAB_ECHO_DIRECT_OUT,
            pattern(64, 3),
            63,
            DeviceError::BufferTooSmall,
        ),
        (
            "OUT_DIRECT over the limit",
            IOCTL_IOLAB_ECHO_DIRECT_OUT,
            pattern(ECHO_DIRECT_MAX_LEN + 1, 3),
            ECHO_DIRECT_MAX_LEN + 1,
            DeviceError::InvalidParameter,
        ),
        (
            "IN_DIRECT without data",
            IOCTL_IOLAB_ECHO_DIRECT_IN,
            hash.to_vec(),
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "IN_DIRECT with a 7-byte hash",
            IOCTL_IOLAB_ECHO_DIRECT_IN,
            hash[..7].to_vec(),
            3,
            DeviceError::InvalidParameter,
        ),
        (
            "IN_DIRECT with a 9-byte hash",
            IOCTL_IOLAB_ECHO_DIRECT_IN,
            [&hash[..], &[0]].concat(),
            3,
            DeviceError::InvalidParameter,
        ),
    ];
    for (what, code, input, out_len, expected) in &cases {
        expect_error(what, ioctl(transport, *code, input, *out_len), expected)?;
    }
    Ok(())
}

/// One row of the bad-input matrix: what, code, input, output length, expected failure.
type Row = (&'static str, u32, Vec<u8>, usize, DeviceError);

/// Each IOCTL with a short or oversize buffer, a malformed struct or buffers it does not take.
#[expect(clippy::too_many_lines, reason = "a table, one row per case")]
fn matrix_rows() -> Vec<Row> {
    let config = PipeConfig::DEFAULT;
    let mut wrong_version = config;
    wrong_version.header.version = PROTOCOL_VERSION + 1;
    let mut wrong_size = config;
    wrong_size.header.size = 64;
    let mut reserved = config;
    reserved.reserved[11] = 1;
    let oversize = [config.as_bytes(), &[0]].concat();
    let short = config.as_bytes()[..PIPE_CONFIG_SIZE - 1].to_vec();
    vec![
        (
            "GET_INFO short",
            IOCTL_IOLAB_GET_INFO,
            vec![],
            INFO_REPLY_SIZE - 1,
            DeviceError::BufferTooSmall,
        ),
        (
            "GET_INFO with input",
            IOCTL_IOLAB_GET_INFO,
            vec![1],
            INFO_REPLY_SIZE,
            DeviceError::InvalidParameter,
        ),
        (
            "ECHO oversize",
            IOCTL_IOLAB_ECHO,
            pattern(4097, 1),
            4097,
            DeviceError::InvalidParameter,
        ),
        (
            "GET_STATS short",
            IOCTL_IOLAB_GET_STATS,
            vec![],
            STATS_REPLY_SIZE - 1,
            DeviceError::BufferTooSmall,
        ),
        (
            "GET_STATS with input",
            IOCTL_IOLAB_GET_STATS,
            vec![0; 8],
            STATS_REPLY_SIZE,
            DeviceError::InvalidParameter,
        ),
        (
            "GET_CONFIG short",
            IOCTL_IOLAB_GET_CONFIG,
            vec![],
            PIPE_CONFIG_SIZE - 1,
            DeviceError::BufferTooSmall,
        ),
        (
            "GET_CONFIG with input",
            IOCTL_IOLAB_GET_CONFIG,
            config.as_bytes().to_vec(),
            PIPE_CONFIG_SIZE,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG short",
            IOCTL_IOLAB_SET_CONFIG,
            short,
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG oversize",
            IOCTL_IOLAB_SET_CONFIG,
            oversize,
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG wrong version",
            IOCTL_IOLAB_SET_CONFIG,
            wrong_version.as_bytes().to_vec(),
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG wrong header size",
            IOCTL_IOLAB_SET_CONFIG,
            wrong_size.as_bytes().to_vec(),
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG reserved byte set",
            IOCTL_IOLAB_SET_CONFIG,
            reserved.as_bytes().to_vec(),
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "SET_CONFIG with an output buffer",
            IOCTL_IOLAB_SET_CONFIG,
            config.as_bytes().to_vec(),
            4,
            DeviceError::InvalidParameter,
        ),
        (
            "RESET_STATS with output",
            IOCTL_IOLAB_RESET_STATS,
            vec![],
            4,
            DeviceError::InvalidParameter,
        ),
        (
            "PURGE with input",
            IOCTL_IOLAB_PURGE,
            vec![0],
            0,
            DeviceError::InvalidParameter,
        ),
        (
            "PURGE with output",
            IOCTL_IOLAB_PURGE,
            vec![],
            1,
            DeviceError::InvalidParameter,
        ),
        (
            "PING with input",
            IOCTL_IOLAB_PING,
            vec![0; 4],
            0,
            DeviceError::InvalidParameter,
        ),
    ]
}

/// Every IOCTL with short, oversize and malformed buffers, and unknown codes of every method.
pub(super) fn bad_input_matrix(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let config = PipeConfig::DEFAULT;
    let rows = matrix_rows();
    for (what, code, input, out_len, expected) in &rows {
        expect_rejected(transport, what, *code, input, *out_len, expected)?;
    }
    for method in 0..4 {
        for function in [0x80A, 0x8FF, 0xFFF] {
            let code = ctl_code(IOLAB_DEVICE_TYPE, function, method, FILE_ANY_ACCESS);
            expect_rejected(
                transport,
                &format!("unknown code {code:#010X} (function {function:#x}, method {method})"),
                code,
                &[],
                8,
                &DeviceError::InvalidDeviceRequest,
            )?;
        }
    }
    // A known function with the wrong method or access bits is another code: unknown too.
    for known in ALL_IOCTLS {
        let altered = known ^ 0x4000;
        expect_rejected(
            transport,
            &format!("code {known:#010X} with other access bits ({altered:#010X})"),
            altered,
            &[],
            0,
            &DeviceError::InvalidDeviceRequest,
        )?;
    }
    let after = client(transport)
        .config()
        .map_err(|e| format!("GET_CONFIG: {e}"))?;
    if after == config {
        Ok(())
    } else {
        Err(format!("the matrix changed the configuration to {after:?}"))
    }
}

/// The I/O manager checks each code's access bits against the handle's rights.
pub(super) fn access_bits(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let harness = harness(transport)?;
    let reader = harness
        .open(true, false)
        .map_err(|error| format!("opening a read-only handle: {error}"))?;
    let nothing = harness
        .open(false, false)
        .map_err(|error| format!("opening a handle without data access: {error}"))?;
    let config = PipeConfig::DEFAULT.as_bytes().to_vec();
    let mut failures = Vec::new();
    for (handle, name, read, write) in [
        (reader, "read-only", true, false),
        (nothing, "no-access", false, false),
    ] {
        for code in ALL_IOCTLS {
            let access = access_of(code);
            let allowed = (access & 1 == 0 || read) && (access & 2 == 0 || write);
            let (input, out_len) = match code {
                IOCTL_IOLAB_SET_CONFIG => (config.clone(), 0),
                IOCTL_IOLAB_GET_INFO => (Vec::new(), INFO_REPLY_SIZE),
                IOCTL_IOLAB_GET_STATS => (Vec::new(), STATS_REPLY_SIZE),
                IOCTL_IOLAB_GET_CONFIG => (Vec::new(), PIPE_CONFIG_SIZE),
                IOCTL_IOLAB_ECHO | IOCTL_IOLAB_ECHO_DIRECT_OUT => (b"abc".to_vec(), 3),
                IOCTL_IOLAB_ECHO_DIRECT_IN => (fnv1a64(b"abc").to_le_bytes().to_vec(), 3),
                _ => (Vec::new(), 0),
            };
            let op = start(
                harness,
                handle,
                Op::Ioctl {
                    code,
                    input,
                    output_length: out_len,
                },
            )?;
            let result = finished(harness, op, "an IOCTL")?.result;
            let denied = matches!(result, Err(DeviceError::AccessDenied));
            if denied == allowed {
                failures.push(format!("{code:#010X} on a {name} handle: {result:?}"));
            }
        }
        let write = start(harness, handle, Op::Write(b"x".to_vec()))?;
        let result = finished(harness, write, "a write")?.result;
        if !matches!(result, Err(DeviceError::AccessDenied)) {
            failures.push(format!("a write on a {name} handle: {result:?}"));
        }
    }
    harness.close(reader);
    harness.close(nothing);
    if failures.is_empty() {
        fresh(transport)
    } else {
        Err(failures.join("; "))
    }
}

// ---- reads and writes ------------------------------------------------------------------------

pub(super) fn write_then_read(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let harness = harness(transport)?;
    write_now(harness, b"hello, ")?;
    write_now(harness, b"pipe")?;
    read_now(harness, 5, b"hello")?;
    read_now(harness, 100, b", pipe")?;
    Ok(())
}

pub(super) fn pattern_integrity(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MAX_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let capacity = usize::try_from(MAX_CAPACITY).unwrap_or(usize::MAX);
    for (index, length) in [1, 2, 255, 4096, 65_537, 1 << 20, capacity]
        .into_iter()
        .enumerate()
    {
        let data = pattern(length, u8::try_from(index).unwrap_or(0));
        write_now(harness, &data)?;
        read_now(harness, length, &data)?;
    }
    // Split across the ring's end: 3/4 of the capacity twice.
    let three_quarters = capacity / 4 * 3;
    let first = pattern(three_quarters, 40);
    let second = pattern(three_quarters, 41);
    write_now(harness, &first)?;
    read_now(harness, three_quarters, &first)?;
    write_now(harness, &second)?;
    read_now(harness, three_quarters, &second)?;
    fresh(transport)
}

pub(super) fn zero_length_and_oversize(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let read = start(harness, MAIN_HANDLE, Op::Read(0))?;
    expect_bytes(
        "a zero-length read of an empty pipe",
        &finished(harness, read, "it")?,
        &[],
    )?;
    let write = start(harness, MAIN_HANDLE, Op::Write(Vec::new()))?;
    expect_bytes("a zero-length write", &finished(harness, write, "it")?, &[])?;
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    let big = start(harness, MAIN_HANDLE, Op::Write(pattern(capacity + 1, 5)))?;
    expect_status(
        "a write one byte longer than the capacity",
        finished(harness, big, "it")?.result,
        STATUS_INVALID_BUFFER_SIZE,
    )?;
    write_now(harness, &pattern(capacity, 6))?;
    let full = start(harness, MAIN_HANDLE, Op::Write(Vec::new()))?;
    expect_bytes(
        "a zero-length write to a full pipe",
        &finished(harness, full, "it")?,
        &[],
    )?;
    read_now(harness, capacity, &pattern(capacity, 6))?;
    fresh(transport)
}

pub(super) fn waiting_read_gets_later_write(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let harness = harness(transport)?;
    let read = start(harness, MAIN_HANDLE, Op::Read(10))?;
    harness.sleep(SETTLE);
    still_waiting(harness, read, "a read of an empty pipe")?;
    write_now(harness, b"late")?;
    expect_bytes("the waiting read", &finished(harness, read, "it")?, b"late")
}

pub(super) fn waiting_write_gets_room(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    write_now(harness, &pattern(capacity - 10, 7))?;
    let blocked = start(harness, MAIN_HANDLE, Op::Write(pattern(20, 8)))?;
    harness.sleep(SETTLE);
    still_waiting(harness, blocked, "a 20-byte write with 10 bytes of room")?;
    // Nothing of it went in (all or nothing): the pipe still holds exactly the first write.
    read_now(harness, 5, &pattern(capacity - 10, 7)[..5])?;
    still_waiting(harness, blocked, "a 20-byte write with 15 bytes of room")?;
    read_now(harness, 5, &pattern(capacity - 10, 7)[5..10])?;
    let done = finished(harness, blocked, "the waiting write")?;
    if done.result != Ok(20) {
        return Err(format!("the waiting write ended with {:?}", done.result));
    }
    let mut rest = pattern(capacity - 10, 7)[10..].to_vec();
    rest.extend(pattern(20, 8));
    read_now(harness, capacity, &rest)?;
    fresh(transport)
}

pub(super) fn waiters_served_in_order(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let other = harness
        .open(true, true)
        .map_err(|e| format!("opening a handle: {e}"))?;
    let reads: Vec<OpId> = (0..4)
        .map(|i| {
            start(
                harness,
                if i % 2 == 0 { MAIN_HANDLE } else { other },
                Op::Read(3),
            )
        })
        .collect::<Result<_, _>>()?;
    write_now(harness, b"aaabbbcccdd")?;
    for (op, expected) in reads.iter().zip([&b"aaa"[..], b"bbb", b"ccc", b"dd"]) {
        expect_bytes(
            "a waiting read, in arrival order",
            &finished(harness, *op, "it")?,
            expected,
        )?;
    }
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    write_now(harness, &pattern(capacity, 9))?;
    let writes: Vec<OpId> = [(b'x', 100), (b'y', 1), (b'z', 50)]
        .into_iter()
        .enumerate()
        .map(|(i, (byte, n))| {
            start(
                harness,
                if i % 2 == 0 { other } else { MAIN_HANDLE },
                Op::Write(vec![byte; n]),
            )
        })
        .collect::<Result<_, _>>()?;
    // 60 bytes of room: the 1-byte write fits but must not overtake the 100-byte one.
    read_now(harness, 60, &pattern(capacity, 9)[..60])?;
    harness.sleep(SETTLE);
    for op in &writes {
        still_waiting(harness, *op, "a write behind a longer one")?;
    }
    read_now(harness, 100, &pattern(capacity, 9)[60..160])?;
    for op in writes {
        finished(harness, op, "a waiting write")?
            .result
            .map_err(|error| format!("a waiting write failed: {error}"))?;
    }
    let mut tail = pattern(capacity, 9)[160..].to_vec();
    tail.extend([vec![b'x'; 100], vec![b'y'], vec![b'z'; 50]].concat());
    read_now(harness, capacity, &tail)?;
    harness.close(other);
    fresh(transport)
}

pub(super) fn read_timeout(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(DEFAULT_CAPACITY, 50, 0))?;
    let harness = harness(transport)?;
    let read = start(harness, MAIN_HANDLE, Op::Read(8))?;
    harness.sleep(Duration::from_millis(30));
    still_waiting(harness, read, "a read 30 ms into its 50 ms timeout")?;
    harness.sleep(Duration::from_millis(30));
    expect_status(
        "a read past its timeout",
        finished(harness, read, "it")?.result,
        STATUS_IO_TIMEOUT,
    )?;
    fresh(transport)
}

pub(super) fn write_timeout(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 40))?;
    let harness = harness(transport)?;
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    write_now(harness, &pattern(capacity, 3))?;
    let write = start(harness, MAIN_HANDLE, Op::Write(b"more".to_vec()))?;
    harness.sleep(Duration::from_millis(20));
    still_waiting(harness, write, "a write 20 ms into its 40 ms timeout")?;
    harness.sleep(Duration::from_millis(30));
    expect_status(
        "a write past its timeout",
        finished(harness, write, "it")?.result,
        STATUS_IO_TIMEOUT,
    )?;
    read_now(harness, capacity + 10, &pattern(capacity, 3))?;
    fresh(transport)
}

pub(super) fn cancel_waiting(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let first = start(harness, MAIN_HANDLE, Op::Read(4))?;
    let second = start(harness, MAIN_HANDLE, Op::Read(4))?;
    harness.cancel(first);
    expect_error(
        "a cancelled read",
        finished(harness, first, "it")?.result,
        &DeviceError::Cancelled,
    )?;
    still_waiting(harness, second, "the read behind the cancelled one")?;
    write_now(harness, b"abcd")?;
    expect_bytes(
        "the read behind the cancelled one",
        &finished(harness, second, "it")?,
        b"abcd",
    )?;
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    write_now(harness, &pattern(capacity - 2, 4))?;
    let big = start(harness, MAIN_HANDLE, Op::Write(pattern(5, 1)))?;
    let small = start(harness, MAIN_HANDLE, Op::Write(b"z".to_vec()))?;
    harness.cancel(big);
    expect_error(
        "a cancelled write",
        finished(harness, big, "it")?.result,
        &DeviceError::Cancelled,
    )?;
    // With the 5-byte write gone, the 1-byte one behind it fits.
    if finished(harness, small, "the write behind the cancelled one")?.result != Ok(1) {
        return Err("the write behind a cancelled one did not go in".to_owned());
    }
    let mut all = pattern(capacity - 2, 4);
    all.push(b'z');
    read_now(harness, capacity, &all)?;
    fresh(transport)
}

pub(super) fn close_cancels_own_waiters(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    let harness = harness(transport)?;
    let closing = harness
        .open(true, true)
        .map_err(|e| format!("opening a handle: {e}"))?;
    let staying = harness
        .open(true, true)
        .map_err(|e| format!("opening a handle: {e}"))?;
    let mine = [
        start(harness, closing, Op::Read(2))?,
        start(harness, closing, Op::Read(2))?,
    ];
    let theirs = start(harness, staying, Op::Read(2))?;
    harness.close(closing);
    for op in mine {
        expect_error(
            "a read of a closed handle",
            finished(harness, op, "it")?.result,
            &DeviceError::Cancelled,
        )?;
    }
    harness.sleep(SETTLE);
    still_waiting(harness, theirs, "a read on another handle")?;
    write_now(harness, b"ok")?;
    expect_bytes(
        "the other handle's read",
        &finished(harness, theirs, "it")?,
        b"ok",
    )?;
    harness.close(staying);
    fresh(transport)
}

pub(super) fn purge_keeps_readers(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
    write_now(harness, &pattern(capacity, 2))?;
    let write = start(harness, MAIN_HANDLE, Op::Write(b"after".to_vec()))?;
    client(transport)
        .purge()
        .map_err(|e| format!("PURGE: {e}"))?;
    let harness = self::harness(transport)?;
    if finished(harness, write, "a write waiting at the purge")?.result != Ok(5) {
        return Err("the write waiting at the purge did not go in".to_owned());
    }
    read_now(harness, 100, b"after")?;
    let read = start(harness, MAIN_HANDLE, Op::Read(3))?;
    client(transport)
        .purge()
        .map_err(|e| format!("PURGE: {e}"))?;
    let harness = self::harness(transport)?;
    harness.sleep(SETTLE);
    still_waiting(harness, read, "a read waiting at the purge")?;
    write_now(harness, b"new")?;
    expect_bytes(
        "the read after the purge",
        &finished(harness, read, "it")?,
        b"new",
    )?;
    fresh(transport)
}

/// Writers and readers on several handles at once: a stream of checksummed chunks arrives with
/// nothing lost, duplicated or reordered (reads are served in arrival order, so their results in
/// the order they were issued are the stream; writes go in whole, in the order they were issued).
pub(super) fn concurrent_stream(transport: &mut dyn Transport) -> Result<(), String> {
    fresh(transport)?;
    set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
    let harness = harness(transport)?;
    let handles: Vec<usize> = (0..4)
        .map(|_| harness.open(true, true))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("opening handles: {e}"))?;
    let mut state = 0x2545_F491_u32;
    let mut next = move |bound: u32| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state % bound
    };
    let mut stream: Vec<u8> = Vec::new();
    let mut writes = Vec::new();
    for sequence in 0..60_u32 {
        let owner = sequence % 3;
        let length = 16 + usize::try_from(next(700)).unwrap_or(0);
        let mut chunk = Vec::with_capacity(length + 16);
        chunk.extend(owner.to_le_bytes());
        chunk.extend(sequence.to_le_bytes());
        chunk.extend(u32::try_from(length).unwrap_or(0).to_le_bytes());
        let body = pattern(length, u8::try_from(sequence % 251).unwrap_or(0));
        chunk.extend(fnv1a64(&body).to_le_bytes()[..4].iter());
        chunk.extend(&body);
        stream.extend(&chunk);
        let handle = handles[usize::try_from(owner).unwrap_or(0)];
        writes.push(start(harness, handle, Op::Write(chunk))?);
    }
    let mut received: Vec<u8> = Vec::new();
    let mut reader = 0;
    while received.len() < stream.len() {
        let round: Vec<OpId> = (0..3)
            .map(|_| {
                reader = (reader + 1) % handles.len();
                start(
                    harness,
                    handles[reader],
                    Op::Read(1 + usize::try_from(next(900)).unwrap_or(0)),
                )
            })
            .collect::<Result<_, _>>()?;
        for op in round {
            if received.len() >= stream.len() {
                harness.cancel(op);
                let late = finished(harness, op, "a surplus read")?;
                if let Ok(length) = late.result {
                    return Err(format!(
                        "a read issued after the whole stream got {length} more bytes"
                    ));
                }
                continue;
            }
            let completion = finished(harness, op, "a read of the stream")?;
            let length = completion
                .result
                .map_err(|e| format!("a read failed: {e}"))?;
            received.extend(&completion.output[..length]);
        }
    }
    for op in writes {
        let result = finished(harness, op, "a write of the stream")?.result;
        if result.is_err() {
            return Err(format!("a write of the stream ended with {result:?}"));
        }
    }
    for handle in handles {
        harness.close(handle);
    }
    if received != stream {
        let at = received
            .iter()
            .zip(&stream)
            .position(|(a, b)| a != b)
            .unwrap_or(received.len().min(stream.len()));
        return Err(format!(
            "the stream came out different from byte {at} ({} bytes received, {} written)",
            received.len(),
            stream.len()
        ));
    }
    fresh(transport)
}

/// Removal with reads and writes waiting: each ends (cancelled), none is lost; a fresh device
/// then works. Both orderly and surprise removal; over a transport that cannot cause one of them
/// (a real device cannot be surprise-removed from user mode) the scenario is not run, saying
/// which half was checked.
pub(super) fn removal_with_requests_in_flight(
    transport: &mut dyn Transport,
) -> Result<(), NotPassed> {
    for surprise in [false, true] {
        let kind = if surprise {
            "surprise removal"
        } else {
            "removal"
        };
        fresh(transport)?;
        set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
        let name = transport.name();
        let harness = harness(transport)?;
        // Asked before any I/O starts, so none is left waiting when it cannot be done: this
        // check is then not made, and the scenario says it was not run rather than passing.
        if let Err(why) = harness.can_remove(surprise) {
            let done = if surprise {
                " (the orderly removal was checked and passed)"
            } else {
                ""
            };
            return Err(NotPassed::NotRun(format!(
                "{kind} with requests in flight cannot be checked over the {name} transport: \
                 {why}{done}"
            )));
        }
        let other = harness
            .open(true, true)
            .map_err(|e| format!("opening a handle: {e}"))?;
        let reads = [
            start(harness, MAIN_HANDLE, Op::Read(8))?,
            start(harness, other, Op::Read(8))?,
        ];
        harness.remove_and_restart(surprise)?;
        for op in reads {
            let result = finished(harness, op, &format!("a read waiting at the {kind}"))?.result;
            if !matches!(result, Err(DeviceError::Cancelled)) {
                return Err(format!("a read waiting at the {kind} ended with {result:?}").into());
            }
        }
        let capacity = usize::try_from(MIN_CAPACITY).unwrap_or(usize::MAX);
        set_config(transport, PipeConfig::new(MIN_CAPACITY, 0, 0))?;
        let harness = self::harness(transport)?;
        write_now(harness, &pattern(capacity, 1))?;
        let writes = [
            start(harness, MAIN_HANDLE, Op::Write(b"w1".to_vec()))?,
            start(harness, MAIN_HANDLE, Op::Write(b"w2".to_vec()))?,
        ];
        harness.remove_and_restart(surprise)?;
        for op in writes {
            let result = finished(harness, op, &format!("a write waiting at the {kind}"))?.result;
            if !matches!(result, Err(DeviceError::Cancelled)) {
                return Err(format!("a write waiting at the {kind} ended with {result:?}").into());
            }
        }
        write_now(harness, b"fresh")?;
        read_now(harness, 10, b"fresh")?;
    }
    Ok(fresh(transport)?)
}
