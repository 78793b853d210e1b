//! The filter role's scenarios: iolab as an upper filter over a lower device the scenario
//! programs (the transport's [`FilterLab`]), checked against a model. The model has two parts:
//! the lower device's behaviour ([`answer`]: what the device below the filter does with each
//! request, which the lab's script runs and the model reads), and what the filter must make of
//! it — the caller gets the lower device's status and information unchanged and its data up to
//! the information ([`expected`]); the lower device gets each request as it was sent
//! ([`lower_of`]); and the statistics are what [`StatsModel`] builds with the protocol's
//! `record` arithmetic from the requests the scenario sent. Nothing expected is read back from
//! the driver.
//!
//! Each scenario removes the devices it added, so they run in any order; one that fails half-way
//! removes what it left. Over a transport without a [`FilterLab`] (a real device) every one
//! reports that it was not run.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use iolab_protocol::filter::{
    ALL_FILTERS, FILTER_LIST_SIZE, FILTER_STATS_SIZE, FilterEntry, FilterList, FilterSelect,
    FilterStats, IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_LIST_FILTERS,
    IOCTL_IOLAB_RESET_FILTER_STATS, IOCTL_IOLAB_SET_MONITORING, IOCTL_SLOTS, OpStats, RequestKind,
    record,
};
use iolab_protocol::{
    FILE_ANY_ACCESS, METHOD_BUFFERED, METHOD_IN_DIRECT, METHOD_NEITHER, METHOD_OUT_DIRECT,
    ctl_code, fnv1a64,
};
use zerocopy::IntoBytes;

use super::{NotPassed, pattern};
use crate::filter_lab::{
    Ended, FilterLab, LabDevice, LowerAnswer, LowerKind, LowerRequest, LowerScript,
};
use crate::harness::{HandleId, Op, OpId};
use crate::{Client, DeviceError, Transport, status_name};

const STATUS_SUCCESS: u32 = 0;
const STATUS_TIMEOUT: u32 = 0x0000_0102;
const STATUS_BUFFER_OVERFLOW: u32 = 0x8000_0005;
const STATUS_NO_MORE_ENTRIES: u32 = 0x8000_001A;
const STATUS_NO_SUCH_DEVICE: u32 = 0xC000_000E;
const STATUS_INVALID_DEVICE_REQUEST: u32 = 0xC000_0010;
const STATUS_END_OF_FILE: u32 = 0xC000_0011;
const STATUS_DEVICE_NOT_READY: u32 = 0xC000_00A3;
const STATUS_NOT_SUPPORTED: u32 = 0xC000_00BB;
const STATUS_CANCELLED: u32 = 0xC000_0120;
const STATUS_NO_MEDIA_IN_DEVICE: u32 = 0xC000_0178;
const STATUS_IO_DEVICE_ERROR: u32 = 0xC000_0185;
const STATUS_DEVICE_REMOVED: u32 = 0xC000_02B6;

/// How long a scenario waits for something that must end.
const LIMIT: Duration = Duration::from_secs(10);
/// The lower device's delay when a scenario wants requests to stay in flight a while.
const SLOW: Duration = Duration::from_millis(3);

// ---- The lower device ---------------------------------------------------------------------------

/// An IOCTL code of the lower device: `FILE_DEVICE_UNKNOWN`, any access.
const fn lower_code(function: u32, method: u32) -> u32 {
    ctl_code(0x22, function, method, FILE_ANY_ACCESS)
}

/// Echoes its input reversed, cut to the output buffer, in each transfer method.
const ECHO_BUFFERED: u32 = lower_code(0x900, METHOD_BUFFERED);
const ECHO_IN_DIRECT: u32 = lower_code(0x901, METHOD_IN_DIRECT);
const ECHO_OUT_DIRECT: u32 = lower_code(0x902, METHOD_OUT_DIRECT);
/// METHOD_NEITHER: succeeds with information 0 (the framework hands its buffers to no one).
const NEITHER: u32 = lower_code(0x903, METHOD_NEITHER);
/// Completes with the status its input holds (four bytes, little-endian; see [`failure`]).
const FAILS_WITH: u32 = lower_code(0x904, METHOD_BUFFERED);
/// A write longer than this, the lower device refuses (STATUS_NOT_SUPPORTED).
const LOWER_WRITE_MAX: usize = 4096;
/// A read of `FAIL_READ + i` bytes completes with `LOWER_STATUSES[i]`.
const FAIL_READ: usize = 1000;
/// A write starting with these bytes completes with the status in the next four.
const FAIL_MAGIC: &[u8] = b"FAIL";

/// Statuses other than STATUS_SUCCESS the lower device answers with, of every class: a success
/// code, warnings (their data still comes back) and errors, STATUS_CANCELLED among them.
const LOWER_STATUSES: [u32; 11] = [
    STATUS_TIMEOUT,
    STATUS_BUFFER_OVERFLOW,
    STATUS_NO_MORE_ENTRIES,
    STATUS_END_OF_FILE,
    STATUS_INVALID_DEVICE_REQUEST,
    STATUS_DEVICE_NOT_READY,
    STATUS_NOT_SUPPORTED,
    STATUS_CANCELLED,
    STATUS_NO_MEDIA_IN_DEVICE,
    STATUS_IO_DEVICE_ERROR,
    STATUS_DEVICE_REMOVED,
];

/// Whether an NTSTATUS is an error (severity 3): the I/O manager copies no data back.
const fn is_error(status: u32) -> bool {
    status >> 30 == 3
}

/// The four bytes after `prefix` at the start of `bytes`, as a status.
fn status_after(bytes: &[u8], prefix: &[u8]) -> Option<u32> {
    let rest = bytes.strip_prefix(prefix)?;
    let word: [u8; 4] = rest.get(..4)?.try_into().ok()?;
    Some(u32::from_le_bytes(word))
}

/// How the lower device completes with `status` a request that can take `room` bytes back: an
/// error with nothing, any other status with `room` bytes of data.
fn failure(status: u32, room: usize) -> LowerAnswer {
    if is_error(status) {
        LowerAnswer::status(status)
    } else {
        LowerAnswer::of(status, pattern(room, 0x5A))
    }
}

/// The lower device: how the device below the filter answers `request` (before any delay).
/// Reads return `length` bytes of a pattern, writes take everything up to [`LOWER_WRITE_MAX`]
/// bytes, IOCTLs echo their input reversed; [`FAIL_READ`], [`FAIL_MAGIC`] and [`FAILS_WITH`]
/// pick another status.
fn answer(request: &LowerRequest) -> LowerAnswer {
    let room = request.output_length;
    match request.kind {
        LowerKind::Read => match room
            .checked_sub(FAIL_READ)
            .and_then(|i| LOWER_STATUSES.get(i))
        {
            Some(&status) => failure(status, room),
            None => LowerAnswer::of(STATUS_SUCCESS, pattern(room, 0x3C)),
        },
        LowerKind::Write => match status_after(&request.input, FAIL_MAGIC) {
            Some(status) => failure(status, 0),
            None if request.input.len() > LOWER_WRITE_MAX => {
                LowerAnswer::status(STATUS_NOT_SUPPORTED)
            }
            None => LowerAnswer {
                information: request.input.len() as u64,
                ..LowerAnswer::status(STATUS_SUCCESS)
            },
        },
        LowerKind::DeviceControl => match request.code {
            NEITHER => LowerAnswer::status(STATUS_SUCCESS),
            FAILS_WITH => failure(
                status_after(&request.input, &[]).unwrap_or(STATUS_INVALID_DEVICE_REQUEST),
                room,
            ),
            _ => {
                let mut data: Vec<u8> = request.input.iter().rev().copied().collect();
                data.truncate(room);
                LowerAnswer::of(STATUS_SUCCESS, data)
            }
        },
        LowerKind::Other => LowerAnswer::status(STATUS_INVALID_DEVICE_REQUEST),
    }
}

/// The lower device answering with [`answer`] after `delay(request)`.
fn script(delay: impl Fn(&LowerRequest) -> Duration + Send + Sync + 'static) -> LowerScript {
    Arc::new(move |request| answer(request).after(delay(request)))
}

/// The lower device answering with [`answer`] after the delay in `micros` at the time.
fn script_with_delay(micros: &Arc<AtomicU64>) -> LowerScript {
    let micros = Arc::clone(micros);
    script(move |_| Duration::from_micros(micros.load(Ordering::Relaxed)))
}

// ---- The model of the filter ----------------------------------------------------------------------

/// The request `op` as it must reach the lower device: unchanged (an IOCTL's input buffer, but
/// none for METHOD_NEITHER, whose buffers the framework never sees).
fn lower_of(op: &Op) -> LowerRequest {
    match op {
        Op::Read(length) => LowerRequest {
            kind: LowerKind::Read,
            code: 0,
            input: Vec::new(),
            output_length: *length,
        },
        Op::Write(data) => LowerRequest {
            kind: LowerKind::Write,
            code: 0,
            input: data.clone(),
            output_length: 0,
        },
        Op::Ioctl {
            code,
            input,
            output_length,
        } => LowerRequest {
            kind: LowerKind::DeviceControl,
            code: *code,
            input: if code & 3 == METHOD_NEITHER {
                Vec::new()
            } else {
                input.clone()
            },
            output_length: *output_length,
        },
    }
}

/// What the caller of `op` gets when the lower device answers `answer`: its status and
/// information unchanged, and its data up to the information — none for an error (the I/O
/// manager copies nothing back), a write, or METHOD_NEITHER (no buffer the framework handles).
fn expected(op: &Op, answer: &LowerAnswer) -> Ended {
    let carries_data = match op {
        Op::Read(_) => true,
        Op::Write(_) => false,
        Op::Ioctl { code, .. } => code & 3 != METHOD_NEITHER,
    };
    let mut output = if carries_data && !is_error(answer.status) {
        answer.data.clone()
    } else {
        Vec::new()
    };
    output.truncate(usize::try_from(answer.information).unwrap_or(usize::MAX));
    Ended {
        status: answer.status,
        information: answer.information,
        output,
    }
}

/// The kind and IOCTL code the filter records `op` under.
fn kind_of(op: &Op) -> (RequestKind, u32) {
    match op {
        Op::Read(_) => (RequestKind::Read, 0),
        Op::Write(_) => (RequestKind::Write, 0),
        Op::Ioctl { code, .. } => (RequestKind::DeviceControl, *code),
    }
}

/// An IOCTL of `code` with `input` and an output buffer of `output_length` bytes.
fn ioctl(code: u32, input: &[u8], output_length: usize) -> Op {
    Op::Ioctl {
        code,
        input: input.to_vec(),
        output_length,
    }
}

/// The statistics of one filter instance as the model expects them.
struct StatsModel {
    stats: FilterStats,
}

impl StatsModel {
    /// A new instance `id`: monitoring on, every counter zero.
    fn new(id: u32) -> Self {
        let mut stats = FilterStats::zeroed(id);
        stats.monitoring = 1;
        for (row, kind) in stats.kinds.iter_mut().zip(RequestKind::ALL) {
            row.kind = kind as u32;
        }
        Self { stats }
    }

    /// RESET_FILTER_STATS: the counters zero and the slots free; monitoring and the in-flight
    /// gauge stay.
    fn reset(&mut self) {
        let mut fresh = Self::new(self.stats.id);
        fresh.stats.monitoring = self.stats.monitoring;
        fresh.stats.in_flight = self.stats.in_flight;
        *self = fresh;
    }

    /// A monitored request ended at the lower device with `status` and `information`, `micros`
    /// after it arrived: counted in its kind, and an IOCTL in its code's slot (slots are taken
    /// in the order codes are first seen; with all [`IOCTL_SLOTS`] taken, in `untracked_ioctls`).
    fn completed(
        &mut self,
        kind: RequestKind,
        code: u32,
        status: u32,
        information: u64,
        micros: u64,
    ) {
        let table = &mut self.stats;
        if let Some(row) = table.kinds.get_mut(kind.index()) {
            record(row, status, information, micros);
        }
        if kind == RequestKind::Read || kind == RequestKind::Write {
            return;
        }
        let used = table.ioctl_slots_used as usize;
        let slot = match table.ioctls[..used]
            .iter()
            .position(|row| row.kind == kind as u32 && row.code == code)
        {
            Some(slot) => Some(slot),
            None if used < IOCTL_SLOTS => {
                table.ioctl_slots_used += 1;
                table.ioctls[used].kind = kind as u32;
                table.ioctls[used].code = code;
                Some(used)
            }
            None => None,
        };
        match slot {
            Some(slot) => record(&mut table.ioctls[slot], status, information, micros),
            None => table.untracked_ioctls += 1,
        }
    }

    /// `op` was monitored and the lower device answered it as [`answer`] does, after `delay`.
    fn answered(&mut self, op: &Op, delay: Duration) {
        let (kind, code) = kind_of(op);
        let answer = answer(&lower_of(op));
        self.completed(kind, code, answer.status, answer.information, micros(delay));
    }
}

fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

// ---- Describing what went wrong -------------------------------------------------------------------

fn status_text(status: u32) -> String {
    match status_name(status) {
        Some(name) => format!("{name} ({status:#010X})"),
        None => format!("{status:#010X}"),
    }
}

fn describe(op: &Op) -> String {
    match op {
        Op::Read(length) => format!("a read of {length} bytes"),
        Op::Write(data) => format!("a write of {} bytes", data.len()),
        Op::Ioctl {
            code,
            input,
            output_length,
        } => {
            let method = ["buffered", "IN_DIRECT", "OUT_DIRECT", "NEITHER"]
                .get((code & 3) as usize)
                .copied()
                .unwrap_or("?");
            format!(
                "IOCTL {code:#010X} ({method}) with {} bytes in and {output_length} out",
                input.len()
            )
        }
    }
}

fn describe_ended(ended: &Ended) -> String {
    format!(
        "{}, information {}, {} bytes back (FNV-1a {:016x})",
        status_text(ended.status),
        ended.information,
        ended.output.len(),
        fnv1a64(&ended.output)
    )
}

fn describe_lower(request: &LowerRequest) -> String {
    format!(
        "{:?} code {:#010X}, {} bytes in (FNV-1a {:016x}), {} bytes of room",
        request.kind,
        request.code,
        request.input.len(),
        fnv1a64(&request.input),
        request.output_length
    )
}

fn expect_ended(what: &str, actual: &Ended, expected: &Ended) -> Result<(), String> {
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{what}: ended with {}; the lower device answered {}",
            describe_ended(actual),
            describe_ended(expected)
        ))
    }
}

fn describe_row(row: &OpStats) -> String {
    let buckets: Vec<String> = row
        .latency_us_log2
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(bucket, n)| format!("{bucket}:{n}"))
        .collect();
    format!(
        "[code {:#x}: requests {}, succeeded {}, failed {}, cancelled {}, bytes {}, last failure \
         {:#x}, latency buckets {}]",
        row.code,
        row.requests,
        row.succeeded,
        row.failed,
        row.cancelled,
        row.bytes,
        row.last_failure,
        buckets.join(" ")
    )
}

/// Where two statistics tables differ, in words; `None` if they are equal byte for byte.
fn stats_difference(actual: &FilterStats, expected: &FilterStats) -> Option<String> {
    if actual.as_bytes() == expected.as_bytes() {
        return None;
    }
    let mut differences = Vec::new();
    for (field, a, e) in [
        ("id", u64::from(actual.id), u64::from(expected.id)),
        (
            "monitoring",
            u64::from(actual.monitoring),
            u64::from(expected.monitoring),
        ),
        ("unmonitored", actual.unmonitored, expected.unmonitored),
        (
            "send_failures",
            actual.send_failures,
            expected.send_failures,
        ),
        (
            "untracked_ioctls",
            actual.untracked_ioctls,
            expected.untracked_ioctls,
        ),
        ("in_flight", actual.in_flight, expected.in_flight),
        (
            "ioctl_slots_used",
            u64::from(actual.ioctl_slots_used),
            u64::from(expected.ioctl_slots_used),
        ),
    ] {
        if a != e {
            differences.push(format!("{field} {a} (expected {e})"));
        }
    }
    for kind in RequestKind::ALL {
        let (a, e) = (actual.kind(kind), expected.kind(kind));
        if a != e {
            differences.push(format!(
                "{} {} (expected {})",
                kind.name(),
                describe_row(a),
                describe_row(e)
            ));
        }
    }
    for (slot, (a, e)) in actual.ioctls.iter().zip(&expected.ioctls).enumerate() {
        if a != e {
            differences.push(format!(
                "IOCTL slot {slot} {} (expected {})",
                describe_row(a),
                describe_row(e)
            ));
        }
    }
    if differences.is_empty() {
        differences.push("the header or reserved bytes".to_owned());
    }
    Some(differences.join("; "))
}

// ---- The lab and the control device ---------------------------------------------------------------

/// The transport's [`FilterLab`], or why the scenario cannot run.
fn lab(transport: &mut dyn Transport) -> Result<&mut dyn FilterLab, NotPassed> {
    let name = transport.name();
    transport.filter_lab().ok_or_else(|| {
        NotPassed::NotRun(format!(
            "the {name} transport cannot put iolab over a lower device it programs (only the \
             simulator builds device stacks)"
        ))
    })
}

/// The devices and handles a scenario added and has not removed or closed yet.
#[derive(Default)]
struct Added {
    devices: Vec<LabDevice>,
    handles: Vec<HandleId>,
}

impl Added {
    fn device(&mut self, lab: &mut dyn FilterLab, lower: LowerScript) -> Result<LabDevice, String> {
        let device = lab.add_filtered(lower)?;
        self.devices.push(device);
        Ok(device)
    }

    fn open(&mut self, lab: &mut dyn FilterLab, device: LabDevice) -> Result<HandleId, String> {
        let handle = lab
            .open(device)
            .map_err(|e| format!("opening the filtered device: {e}"))?;
        self.handles.push(handle);
        Ok(handle)
    }

    fn close(&mut self, lab: &mut dyn FilterLab, handle: HandleId) {
        self.handles.retain(|h| *h != handle);
        lab.close(handle);
    }

    fn remove(
        &mut self,
        lab: &mut dyn FilterLab,
        device: LabDevice,
        surprise: bool,
    ) -> Result<(), String> {
        self.devices.retain(|d| *d != device);
        lab.remove(device, surprise)
    }

    /// Closes and removes what is left (after a failure half-way).
    fn clean_up(self, lab: &mut dyn FilterLab) {
        for handle in self.handles {
            lab.close(handle);
        }
        for device in self.devices {
            let _ = lab.remove(device, false);
        }
    }
}

/// Runs `body` with the transport's lab; whatever it leaves is closed and removed.
fn with_lab(
    transport: &mut dyn Transport,
    body: impl FnOnce(&mut dyn FilterLab, &mut Added) -> Result<(), String>,
) -> Result<(), NotPassed> {
    let lab = lab(transport)?;
    let mut added = Added::default();
    let result = body(lab, &mut added);
    added.clean_up(lab);
    Ok(result?)
}

/// A filtered device over the lower device of [`answer`], answering after the delay `delay`
/// holds; a handle to it; its instance's ID.
fn filtered(
    lab: &mut dyn FilterLab,
    added: &mut Added,
    delay: &Arc<AtomicU64>,
) -> Result<(LabDevice, HandleId, u32), String> {
    let device = added.device(lab, script_with_delay(delay))?;
    let handle = added.open(lab, device)?;
    Ok((device, handle, instance_of(lab, device)?.id))
}

/// Sends a control IOCTL that must succeed with `information` bytes.
fn control_ok(
    lab: &mut dyn FilterLab,
    what: &str,
    code: u32,
    input: &[u8],
    output_length: usize,
    information: usize,
) -> Result<Vec<u8>, String> {
    let ended = lab
        .control(code, input, output_length)
        .map_err(|e| format!("{what}: {e}"))?;
    if ended.status != STATUS_SUCCESS || ended.information != information as u64 {
        return Err(format!(
            "{what}: {}, expected STATUS_SUCCESS with information {information}",
            describe_ended(&ended)
        ));
    }
    Ok(ended.output)
}

/// A control IOCTL naming instance `id` that must fail with STATUS_NO_SUCH_DEVICE.
fn expect_no_such_instance(lab: &mut dyn FilterLab, code: u32, id: u32) -> Result<(), String> {
    let (input, output_length) = if code == IOCTL_IOLAB_GET_FILTER_STATS {
        (FilterSelect::new(id, false), FILTER_STATS_SIZE)
    } else {
        (FilterSelect::new(id, code == IOCTL_IOLAB_SET_MONITORING), 0)
    };
    let ended = lab
        .control(code, input.as_bytes(), output_length)
        .map_err(|e| format!("control IOCTL {code:#010X} for instance {id}: {e}"))?;
    if (ended.status, ended.information) == (STATUS_NO_SUCH_DEVICE, 0) {
        Ok(())
    } else {
        Err(format!(
            "control IOCTL {code:#010X} for the removed instance {id}: {}, expected \
             STATUS_NO_SUCH_DEVICE",
            describe_ended(&ended)
        ))
    }
}

fn list(lab: &mut dyn FilterLab) -> Result<FilterList, String> {
    let what = "LIST_FILTERS";
    let reply = control_ok(
        lab,
        what,
        IOCTL_IOLAB_LIST_FILTERS,
        &[],
        FILTER_LIST_SIZE,
        FILTER_LIST_SIZE,
    )?;
    FilterList::parse(&reply).map_err(|e| format!("{what}: the reply does not parse: {e}"))
}

/// The instances listed now; none if there is no control device.
fn instances(lab: &mut dyn FilterLab) -> Result<Vec<FilterEntry>, String> {
    if lab.control_device_exists() {
        Ok(list(lab)?.listed().to_vec())
    } else {
        Ok(Vec::new())
    }
}

/// The filter instance of `device`: the one LIST_FILTERS names with its PDO's name.
fn instance_of(lab: &mut dyn FilterLab, device: LabDevice) -> Result<FilterEntry, String> {
    let name = lab
        .device_name(device)
        .ok_or_else(|| format!("the lab has no device {device}"))?;
    let listed = list(lab)?;
    let mut found = listed
        .listed()
        .iter()
        .filter(|entry| String::from_utf16_lossy(entry.name_units()) == name);
    match (found.next(), found.next()) {
        (Some(entry), None) => Ok(*entry),
        (None, _) => Err(format!("LIST_FILTERS lists no instance named {name}")),
        (Some(_), Some(_)) => Err(format!("LIST_FILTERS lists {name} twice")),
    }
}

fn stats(lab: &mut dyn FilterLab, id: u32) -> Result<FilterStats, String> {
    let what = format!("GET_FILTER_STATS of instance {id}");
    let reply = control_ok(
        lab,
        &what,
        IOCTL_IOLAB_GET_FILTER_STATS,
        FilterSelect::new(id, false).as_bytes(),
        FILTER_STATS_SIZE,
        FILTER_STATS_SIZE,
    )?;
    FilterStats::parse(&reply).map_err(|e| format!("{what}: the reply does not parse: {e}"))
}

/// Instance `model`'s statistics must equal the model, byte for byte.
fn expect_stats(lab: &mut dyn FilterLab, when: &str, model: &StatsModel) -> Result<(), String> {
    let actual = stats(lab, model.stats.id)?;
    match stats_difference(&actual, &model.stats) {
        None => Ok(()),
        Some(difference) => Err(format!(
            "instance {}'s statistics {when} differ from the traffic: {difference}",
            model.stats.id
        )),
    }
}

fn set_monitoring(lab: &mut dyn FilterLab, id: u32, on: bool) -> Result<(), String> {
    let what = format!("SET_MONITORING {} for instance {id}", on_off(on));
    control_ok(
        lab,
        &what,
        IOCTL_IOLAB_SET_MONITORING,
        FilterSelect::new(id, on).as_bytes(),
        0,
        0,
    )
    .map(drop)
}

fn reset(lab: &mut dyn FilterLab, id: u32) -> Result<(), String> {
    control_ok(
        lab,
        &format!("RESET_FILTER_STATS of {id:#x}"),
        IOCTL_IOLAB_RESET_FILTER_STATS,
        FilterSelect::new(id, false).as_bytes(),
        0,
        0,
    )
    .map(drop)
}

const fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn start(lab: &mut dyn FilterLab, handle: HandleId, op: &Op) -> Result<OpId, String> {
    lab.start(handle, op.clone())
        .map_err(|e| format!("starting {}: {e}", describe(op)))
}

fn finish(lab: &mut dyn FilterLab, op: OpId, what: &str) -> Result<Ended, String> {
    lab.wait(op, LIMIT)
        .ok_or_else(|| format!("{what} did not end within {LIMIT:?}"))
}

/// Waits for operation `op`, which must end with `status`, no information and no data.
fn expect_ends_with(
    lab: &mut dyn FilterLab,
    op: OpId,
    what: &str,
    status: u32,
) -> Result<(), String> {
    let ended = finish(lab, op, what)?;
    let wanted = Ended {
        status,
        information: 0,
        output: Vec::new(),
    };
    if ended == wanted {
        Ok(())
    } else {
        Err(format!(
            "{what}: ended with {}, expected {} with nothing",
            describe_ended(&ended),
            status_text(status)
        ))
    }
}

/// Sends `op`, waits for it, and checks what the caller got and what reached the lower device.
fn pass_through(
    lab: &mut dyn FilterLab,
    device: LabDevice,
    handle: HandleId,
    op: &Op,
    what: &str,
) -> Result<(), String> {
    let id = start(lab, handle, op)?;
    let ended = finish(lab, id, what)?;
    let lower = lower_of(op);
    expect_ended(what, &ended, &expected(op, &answer(&lower)))?;
    let seen = lab.lower_requests(device);
    if seen != [lower.clone()] {
        let seen: Vec<String> = seen.iter().map(describe_lower).collect();
        return Err(format!(
            "{what}: the lower device got [{}], expected the request as sent: {}",
            seen.join("; "),
            describe_lower(&lower)
        ));
    }
    Ok(())
}

/// Every request type and transfer method the filter forwards from user mode, with lengths at
/// and around the edges: reads (zero-length too), writes (one the lower device refuses), IOCTLs
/// in METHOD_BUFFERED (output larger, smaller, absent), IN_DIRECT, OUT_DIRECT and NEITHER, one
/// the lower device fails and one it answers with a warning and data.
fn every_kind() -> Vec<Op> {
    let data = pattern(200, 0x11);
    vec![
        Op::Read(100),
        Op::Read(1),
        Op::Read(0),
        Op::Write(data.clone()),
        Op::Write(Vec::new()),
        Op::Write(pattern(LOWER_WRITE_MAX + 1, 0x12)),
        ioctl(ECHO_BUFFERED, &data[..17], 64),
        ioctl(ECHO_BUFFERED, &data[..40], 8),
        ioctl(ECHO_BUFFERED, &data[..5], 0),
        ioctl(ECHO_BUFFERED, &[], 16),
        ioctl(ECHO_IN_DIRECT, &data[..9], 32),
        ioctl(ECHO_OUT_DIRECT, &data[..33], 33),
        ioctl(ECHO_OUT_DIRECT, &data[..33], 100),
        ioctl(NEITHER, &data[..5], 5),
        ioctl(FAILS_WITH, &STATUS_NOT_SUPPORTED.to_le_bytes(), 4),
        ioctl(FAILS_WITH, &STATUS_BUFFER_OVERFLOW.to_le_bytes(), 10),
    ]
}

// ---- The scenarios ----------------------------------------------------------------------------------

/// Every request type and transfer method ([`every_kind`]) passes through exactly — the caller
/// gets the lower device's status, information and data, the lower device gets the request as
/// sent — with monitoring on and off, answered at once and after a delay; LIST_FILTERS counts
/// each as forwarded.
pub(super) fn pass_through_exact(transport: &mut dyn Transport) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let delay = Arc::new(AtomicU64::new(0));
        let (device, handle, id) = filtered(lab, added, &delay)?;
        let mut sent = 0_u64;
        for monitoring in [true, false] {
            set_monitoring(lab, id, monitoring)?;
            for after in [Duration::ZERO, SLOW] {
                delay.store(micros(after), Ordering::Relaxed);
                for op in every_kind() {
                    let what = format!(
                        "{} (monitoring {}, the lower device answering after {after:?})",
                        describe(&op),
                        on_off(monitoring)
                    );
                    pass_through(lab, device, handle, &op, &what)?;
                    sent += 1;
                }
            }
        }
        let entry = instance_of(lab, device)?;
        if entry.forwarded != sent {
            return Err(format!(
                "LIST_FILTERS: instance {id} forwarded {}, the scenario sent {sent}",
                entry.forwarded
            ));
        }
        added.remove(lab, device, false)
    })
}

/// GET_FILTER_STATS equals, byte for byte, the table the model builds from the traffic: every
/// request type answered at once and after 3 ms (latency buckets exact in virtual time), more
/// IOCTL codes than slots, monitoring off (only `unmonitored` counts), requests in flight (the
/// gauge, not yet rows), and a reset (counters zero, slots free, `forwarded` kept).
pub(super) fn statistics_exact(transport: &mut dyn Transport) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let delay = Arc::new(AtomicU64::new(0));
        let (device, handle, id) = filtered(lab, added, &delay)?;
        let mut model = StatsModel::new(id);
        let mut sent = 0_u64;
        expect_stats(lab, "of a new instance", &model)?;
        let mut run = |lab: &mut dyn FilterLab, op: &Op| -> Result<(), String> {
            sent += 1;
            pass_through(lab, device, handle, op, &describe(op))
        };
        for after in [Duration::ZERO, SLOW] {
            delay.store(micros(after), Ordering::Relaxed);
            for op in every_kind() {
                run(lab, &op)?;
                model.answered(&op, after);
            }
            expect_stats(
                lab,
                &format!("after every kind, answered after {after:?}"),
                &model,
            )?;
        }
        delay.store(0, Ordering::Relaxed);
        for slot in 0..=IOCTL_SLOTS {
            let function = u32::try_from(slot).unwrap_or(0);
            for round in 0..2 {
                let input = pattern(3, u8::try_from(slot).unwrap_or(0) ^ round);
                let op = ioctl(lower_code(0xA00 + function, METHOD_BUFFERED), &input, 3);
                run(lab, &op)?;
                model.answered(&op, Duration::ZERO);
            }
        }
        expect_stats(lab, "after 17 more IOCTL codes", &model)?;
        set_monitoring(lab, id, false)?;
        model.stats.monitoring = 0;
        for op in every_kind() {
            run(lab, &op)?;
            model.stats.unmonitored += 1;
        }
        expect_stats(lab, "with monitoring off", &model)?;
        set_monitoring(lab, id, true)?;
        model.stats.monitoring = 1;
        delay.store(micros(SLOW), Ordering::Relaxed);
        let reads = [Op::Read(10), Op::Read(20), Op::Read(30)];
        let mut started = Vec::new();
        for op in &reads {
            started.push(start(lab, handle, op)?);
            sent += 1;
        }
        model.stats.in_flight = 3;
        expect_stats(lab, "with three reads in flight", &model)?;
        for (op, id) in reads.iter().zip(started) {
            let what = describe(op);
            let ended = finish(lab, id, &what)?;
            expect_ended(&what, &ended, &expected(op, &answer(&lower_of(op))))?;
            model.answered(op, SLOW);
        }
        let _ = lab.lower_requests(device);
        model.stats.in_flight = 0;
        expect_stats(lab, "after the three reads", &model)?;
        reset(lab, id)?;
        model.reset();
        expect_stats(lab, "after RESET_FILTER_STATS", &model)?;
        delay.store(0, Ordering::Relaxed);
        let op = ioctl(lower_code(0xA10, METHOD_BUFFERED), &[7], 1);
        pass_through(lab, device, handle, &op, &describe(&op))?;
        sent += 1;
        model.answered(&op, Duration::ZERO);
        expect_stats(
            lab,
            "after a reset and one IOCTL (its code in slot 0)",
            &model,
        )?;
        let entry = instance_of(lab, device)?;
        if entry.forwarded != sent {
            return Err(format!(
                "LIST_FILTERS: instance {id} forwarded {} (a reset keeps it), the scenario sent \
                 {sent}",
                entry.forwarded
            ));
        }
        added.remove(lab, device, false)
    })
}

/// A request of the toggling scenario, in flight.
struct InFlight {
    op: Op,
    id: OpId,
    monitored: bool,
    /// When the lower device answers it (scenario time).
    due: Duration,
    delay: Duration,
}

/// How long the lower device of the toggling scenario takes for `request`: 0.5 to 3.5 ms, by
/// its lengths.
fn varied_delay(request: &LowerRequest) -> Duration {
    let steps = (request.input.len() + request.output_length) % 7 + 1;
    Duration::from_micros(500 * steps as u64)
}

/// Monitoring is turned on and off while requests of every type are in flight with varied
/// delays and complete between the switches: each request ends exactly as the lower device
/// answered, and is counted by the monitoring it arrived under (a row when it completes, or
/// `unmonitored` when it arrived) — the whole table, `in_flight` included, exact at each look.
pub(super) fn monitoring_toggled_under_load(
    transport: &mut dyn Transport,
) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let device = added.device(lab, script(varied_delay))?;
        let handle = added.open(lab, device)?;
        let id = instance_of(lab, device)?.id;
        let mut model = StatsModel::new(id);
        let mut now = Duration::ZERO;
        let mut in_flight: Vec<InFlight> = Vec::new();
        let mut round = 0_u8;
        for burst in 0..8 {
            for _ in 0..6 {
                round += 1;
                let monitored = round % 4 != 1;
                set_monitoring(lab, id, monitored)?;
                model.stats.monitoring = u32::from(monitored);
                let size = usize::from(round);
                let op = match round % 3 {
                    0 => Op::Read(size),
                    1 => Op::Write(pattern(size, round)),
                    _ => ioctl(ECHO_BUFFERED, &pattern(size % 16 + 1, round), 24),
                };
                let delay = varied_delay(&lower_of(&op));
                let started = start(lab, handle, &op)?;
                if monitored {
                    model.stats.in_flight += 1;
                } else {
                    model.stats.unmonitored += 1;
                }
                in_flight.push(InFlight {
                    op,
                    id: started,
                    monitored,
                    due: now + delay,
                    delay,
                });
            }
            expect_stats(lab, &format!("with burst {burst} started"), &model)?;
            // Time passes to the next answer; everything due by then has ended.
            let Some(next) = in_flight.iter().map(|r| r.due).min() else {
                continue;
            };
            now = next;
            settle(lab, &mut in_flight, &mut model, now)?;
            expect_stats(lab, &format!("after burst {burst}'s first answers"), &model)?;
        }
        if let Some(last) = in_flight.iter().map(|r| r.due).max() {
            settle(lab, &mut in_flight, &mut model, last)?;
        }
        expect_stats(lab, "after every request ended", &model)?;
        set_monitoring(lab, id, true)?;
        added.remove(lab, device, false)
    })
}

/// Waits, in order of their answers, for every request in flight that the lower device answers
/// by `now`, checking each and counting the monitored ones in `model`.
fn settle(
    lab: &mut dyn FilterLab,
    in_flight: &mut Vec<InFlight>,
    model: &mut StatsModel,
    now: Duration,
) -> Result<(), String> {
    in_flight.sort_by_key(|r| r.due);
    let due = in_flight.iter().take_while(|r| r.due <= now).count();
    for request in in_flight.drain(..due) {
        let what = format!(
            "{} (monitored: {}, answered after {:?})",
            describe(&request.op),
            request.monitored,
            request.delay
        );
        let ended = finish(lab, request.id, &what)?;
        expect_ended(
            &what,
            &ended,
            &expected(&request.op, &answer(&lower_of(&request.op))),
        )?;
        if request.monitored {
            model.answered(&request.op, request.delay);
            model.stats.in_flight -= 1;
        }
    }
    Ok(())
}

/// The lower device completes reads, writes and IOCTLs with statuses of every class other than
/// success (a success code, warnings with their data, errors, STATUS_CANCELLED), at once and
/// after a delay, with monitoring on and off: each reaches the caller unchanged, and the
/// statistics count each as the model does (failed, cancelled, last failure, bytes). A request
/// the caller cancels while the lower device holds it ends STATUS_CANCELLED, counted cancelled
/// with the time it was held.
pub(super) fn lower_failures_propagated(transport: &mut dyn Transport) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let delay = Arc::new(AtomicU64::new(0));
        let (device, handle, id) = filtered(lab, added, &delay)?;
        let mut model = StatsModel::new(id);
        for monitoring in [true, false] {
            set_monitoring(lab, id, monitoring)?;
            model.stats.monitoring = u32::from(monitoring);
            for after in [Duration::ZERO, SLOW] {
                delay.store(micros(after), Ordering::Relaxed);
                for (index, status) in LOWER_STATUSES.into_iter().enumerate() {
                    let mut write = FAIL_MAGIC.to_vec();
                    write.extend(status.to_le_bytes());
                    for op in [
                        Op::Read(FAIL_READ + index),
                        Op::Write(write),
                        ioctl(FAILS_WITH, &status.to_le_bytes(), 8),
                    ] {
                        let what = format!(
                            "{} answered {} after {after:?} (monitoring {})",
                            describe(&op),
                            status_text(status),
                            on_off(monitoring)
                        );
                        pass_through(lab, device, handle, &op, &what)?;
                        if monitoring {
                            model.answered(&op, after);
                        } else {
                            model.stats.unmonitored += 1;
                        }
                    }
                }
            }
            expect_stats(
                lab,
                &format!(
                    "after the lower device's failures (monitoring {})",
                    on_off(monitoring)
                ),
                &model,
            )?;
        }
        // The caller cancels what the lower device holds: it honours the cancellation.
        delay.store(micros(SLOW) * 10, Ordering::Relaxed);
        let held = Duration::from_millis(1);
        for monitoring in [true, false] {
            set_monitoring(lab, id, monitoring)?;
            model.stats.monitoring = u32::from(monitoring);
            for op in [Op::Read(64), ioctl(ECHO_OUT_DIRECT, &[1, 2, 3], 3)] {
                let what = format!(
                    "{} cancelled after {held:?} at the lower device (monitoring {})",
                    describe(&op),
                    on_off(monitoring)
                );
                let started = start(lab, handle, &op)?;
                lab.advance(held);
                lab.cancel(started);
                expect_ends_with(lab, started, &what, STATUS_CANCELLED)?;
                let (kind, code) = kind_of(&op);
                if monitoring {
                    model.completed(kind, code, STATUS_CANCELLED, 0, micros(held));
                } else {
                    model.stats.unmonitored += 1;
                }
            }
        }
        expect_stats(lab, "after the cancellations", &model)?;
        added.remove(lab, device, false)
    })
}

/// Orderly and surprise removal of a filtered device while the lower device holds requests the
/// filter sent and monitors, and requests it sent and forgot (monitoring off): the removal
/// cancels the monitored ones (each ends once, STATUS_CANCELLED, through the filter's completion
/// routine); the forgotten ones were no longer the filter's and end as the lower device answers
/// them. After a surprise removal the open handles stay, and new I/O on them fails with
/// STATUS_DEVICE_REMOVED. Then the instance is gone: not listed, its ID unknown — or, if it was
/// the only one, the control device is gone with it.
pub(super) fn removal_with_requests_in_flight(
    transport: &mut dyn Transport,
) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let before = instances(lab)?;
        for surprise in [false, true] {
            let kind = if surprise {
                "surprise removal"
            } else {
                "removal"
            };
            let delay = Arc::new(AtomicU64::new(micros(SLOW) * 2));
            let (device, first, id) = filtered(lab, added, &delay)?;
            let handles = [first, added.open(lab, device)?];
            let mut model = StatsModel::new(id);
            set_monitoring(lab, id, false)?;
            model.stats.monitoring = 0;
            let forgotten = [
                Op::Read(1),
                Op::Write(pattern(2, 2)),
                ioctl(ECHO_BUFFERED, &[3, 3, 3], 3),
            ];
            let monitored = [
                Op::Read(4),
                Op::Write(pattern(5, 5)),
                ioctl(ECHO_BUFFERED, &[6; 6], 6),
                Op::Read(7),
            ];
            let mut started_forgotten = Vec::new();
            for (index, op) in forgotten.iter().enumerate() {
                started_forgotten.push(start(lab, handles[index % 2], op)?);
                model.stats.unmonitored += 1;
            }
            set_monitoring(lab, id, true)?;
            model.stats.monitoring = 1;
            let mut started_monitored = Vec::new();
            for (index, op) in monitored.iter().enumerate() {
                started_monitored.push(start(lab, handles[index % 2], op)?);
                model.stats.in_flight += 1;
            }
            expect_stats(lab, &format!("before the {kind}"), &model)?;
            added.remove(lab, device, surprise)?;
            for (op, started) in monitored.iter().zip(started_monitored) {
                let what = format!("{} monitored at the {kind}", describe(op));
                expect_ends_with(lab, started, &what, STATUS_CANCELLED)?;
            }
            for (op, started) in forgotten.iter().zip(started_forgotten) {
                let what = format!("{} sent and forgotten at the {kind}", describe(op));
                let ended = finish(lab, started, &what)?;
                expect_ended(&what, &ended, &expected(op, &answer(&lower_of(op))))?;
            }
            if surprise {
                for handle in handles {
                    let op = Op::Read(8);
                    let what = format!("a read on a handle still open after the {kind}");
                    let started = start(lab, handle, &op)?;
                    expect_ends_with(lab, started, &what, STATUS_DEVICE_REMOVED)?;
                    added.close(lab, handle);
                }
            } else {
                // The orderly removal closed them.
                for handle in handles {
                    added.close(lab, handle);
                }
            }
            let _ = lab.lower_requests(device);
            expect_gone(lab, &before, id, kind)?;
        }
        Ok(())
    })
}

/// After instance `id` went: the instances are those of `before`, `id` unknown to the control
/// device — or, if `before` had none, the control device is gone.
fn expect_gone(
    lab: &mut dyn FilterLab,
    before: &[FilterEntry],
    id: u32,
    after: &str,
) -> Result<(), String> {
    if before.is_empty() {
        return if lab.control_device_exists() {
            Err(format!(
                "the control device still exists after the {after} of the last filter instance"
            ))
        } else {
            Ok(())
        };
    }
    let ids = |entries: &[FilterEntry]| entries.iter().map(|e| e.id).collect::<Vec<_>>();
    let now = ids(list(lab)?.listed());
    if now != ids(before) {
        return Err(format!(
            "after the {after} of instance {id}, LIST_FILTERS lists {now:?}, expected {:?}",
            ids(before)
        ));
    }
    expect_no_such_instance(lab, IOCTL_IOLAB_GET_FILTER_STATS, id)
}

/// Three filtered devices share one control device: LIST_FILTERS lists each (consecutive new
/// IDs, its PDO's name, what it forwarded, its monitoring), GET_FILTER_STATS and SET_MONITORING
/// act on one instance only, RESET_FILTER_STATS and SET_MONITORING of all on each; a removed
/// instance is unknown to every IOCTL and its ID is never given again.
pub(super) fn devices_share_one_control_device(
    transport: &mut dyn Transport,
) -> Result<(), NotPassed> {
    with_lab(transport, |lab, added| {
        let before = instances(lab)?;
        let highest = before.iter().map(|e| e.id).max().unwrap_or(0);
        let mut devices = Vec::new();
        let mut models: Vec<StatsModel> = Vec::new();
        for index in 0..3 {
            let device = added.device(lab, script(|_| Duration::ZERO))?;
            let handle = added.open(lab, device)?;
            let id = instance_of(lab, device)?.id;
            // IDs go up by one in the order instances are added, and are never given twice.
            let fits = match models.last() {
                Some(previous) => id == previous.stats.id + 1,
                None => id > highest,
            };
            if !fits {
                return Err(format!(
                    "device {index} got instance ID {id}: IDs go up by one in the order \
                     instances are added (the highest listed before was {highest})"
                ));
            }
            let mut model = StatsModel::new(id);
            for _ in 0..=index {
                let op = Op::Read(4);
                pass_through(lab, device, handle, &op, &describe(&op))?;
                model.answered(&op, Duration::ZERO);
            }
            devices.push((device, handle));
            models.push(model);
        }
        // Monitoring off for the second only; it forwards one read unmonitored.
        let (second, second_handle) = devices[1];
        set_monitoring(lab, models[1].stats.id, false)?;
        models[1].stats.monitoring = 0;
        let op = Op::Read(5);
        pass_through(lab, second, second_handle, &op, &describe(&op))?;
        models[1].stats.unmonitored += 1;
        let forwarded = [1, 3, 3];
        expect_listed(lab, &before, &devices, &models, &forwarded)?;
        for model in &models {
            expect_stats(lab, "with three devices", model)?;
        }
        control_ok(
            lab,
            "RESET_FILTER_STATS of all",
            IOCTL_IOLAB_RESET_FILTER_STATS,
            FilterSelect::new(ALL_FILTERS, false).as_bytes(),
            0,
            0,
        )?;
        for model in &mut models {
            model.reset();
            expect_stats(lab, "after a reset of all", model)?;
        }
        monitoring_for_all(lab, &before)?;
        models[1].stats.monitoring = 1;
        expect_listed(lab, &before, &devices, &models, &forwarded)?;
        // The second goes: the others stay as they were; it is unknown from now on.
        let gone = models.remove(1);
        devices.remove(1);
        added.close(lab, second_handle);
        added.remove(lab, second, false)?;
        expect_listed(lab, &before, &devices, &models, &[1, 3])?;
        for code in [
            IOCTL_IOLAB_GET_FILTER_STATS,
            IOCTL_IOLAB_SET_MONITORING,
            IOCTL_IOLAB_RESET_FILTER_STATS,
        ] {
            expect_no_such_instance(lab, code, gone.stats.id)?;
        }
        for model in &models {
            expect_stats(lab, "after the second device went", model)?;
        }
        // A fourth gets a new ID, never the removed one's.
        let fourth = added.device(lab, script(|_| Duration::ZERO))?;
        let id = instance_of(lab, fourth)?.id;
        let last = models.last().map_or(0, |m| m.stats.id);
        if id != last + 1 {
            return Err(format!(
                "a device added after instance {} went got ID {id}, expected {}",
                gone.stats.id,
                last + 1
            ));
        }
        for (device, handle) in devices {
            added.close(lab, handle);
            added.remove(lab, device, false)?;
        }
        added.remove(lab, fourth, false)?;
        expect_gone(lab, &before, id, "removal")
    })
}

/// SET_MONITORING off for all, then on for all: every instance follows; those listed `before`
/// with monitoring off get theirs back after.
fn monitoring_for_all(lab: &mut dyn FilterLab, before: &[FilterEntry]) -> Result<(), String> {
    for on in [false, true] {
        control_ok(
            lab,
            &format!("SET_MONITORING {} for all", on_off(on)),
            IOCTL_IOLAB_SET_MONITORING,
            FilterSelect::new(ALL_FILTERS, on).as_bytes(),
            0,
            0,
        )?;
        if let Some(entry) = list(lab)?.listed().iter().find(|e| e.is_monitoring() != on) {
            return Err(format!(
                "after SET_MONITORING {} for all, instance {} has monitoring {}",
                on_off(on),
                entry.id,
                on_off(entry.is_monitoring())
            ));
        }
    }
    for entry in before.iter().filter(|e| !e.is_monitoring()) {
        set_monitoring(lab, entry.id, false)?;
    }
    Ok(())
}

/// LIST_FILTERS lists `before`'s instances and then `devices`' (ID order), each with its PDO's
/// name, `forwarded` and monitoring as the models say.
fn expect_listed(
    lab: &mut dyn FilterLab,
    before: &[FilterEntry],
    devices: &[(LabDevice, HandleId)],
    models: &[StatsModel],
    forwarded: &[u64],
) -> Result<(), String> {
    let listed = list(lab)?;
    let total = before.len() + devices.len();
    if (listed.count as usize, listed.total as usize) != (total, total) {
        return Err(format!(
            "LIST_FILTERS: count {} and total {}, expected {total} instances",
            listed.count, listed.total
        ));
    }
    let ours = listed.listed().get(before.len()..).unwrap_or_default();
    for (((entry, (device, _)), model), forwarded) in
        ours.iter().zip(devices).zip(models).zip(forwarded)
    {
        let name = lab.device_name(*device).unwrap_or_default();
        let wanted = FilterEntry::new(
            model.stats.id,
            model.stats.is_monitoring(),
            *forwarded,
            &name.encode_utf16().collect::<Vec<_>>(),
        );
        if *entry != wanted {
            return Err(format!(
                "LIST_FILTERS: instance {} listed as ID {}, monitoring {}, forwarded {}, name \
                 {}; expected monitoring {}, forwarded {forwarded}, name {name}",
                model.stats.id,
                entry.id,
                entry.monitoring,
                entry.forwarded,
                String::from_utf16_lossy(entry.name_units()),
                wanted.monitoring,
            ));
        }
    }
    Ok(())
}

/// The last filter instance's removal deletes the control device (one instance going is not
/// enough), with a monitored request in flight that the removal cancels; then the driver
/// unloads with nothing left and no rule broken; loaded again, its first instance is ID 1 and
/// the transport's own device answers.
pub(super) fn last_removed_control_device_deleted_unload_clean(
    transport: &mut dyn Transport,
) -> Result<(), NotPassed> {
    let name = transport.name();
    let before = {
        let lab = lab(transport)?;
        instances(lab)?
    };
    if !before.is_empty() {
        return Err(NotPassed::NotRun(format!(
            "the {name} transport has filter instances of its own ({}), so the control device \
             cannot go with the scenario's last one",
            before.len()
        )));
    }
    with_lab(transport, |lab, added| {
        if lab.control_device_exists() {
            return Err(
                "the control device exists with no filter instance listed (it outlived the last \
                 one)"
                    .to_owned(),
            );
        }
        let delay = Arc::new(AtomicU64::new(micros(SLOW)));
        let first = added.device(lab, script_with_delay(&delay))?;
        if !lab.control_device_exists() {
            return Err("the first filter instance did not create the control device".to_owned());
        }
        let second = added.device(lab, script_with_delay(&delay))?;
        let handle = added.open(lab, second)?;
        let op = Op::Read(16);
        let held = start(lab, handle, &op)?;
        added.remove(lab, first, false)?;
        if !lab.control_device_exists() {
            return Err(
                "the control device went with the first of two filter instances".to_owned(),
            );
        }
        let listed = instances(lab)?;
        let second_id = instance_of(lab, second)?.id;
        if listed.len() != 1 {
            return Err(format!(
                "LIST_FILTERS lists {} instances after one of two went",
                listed.len()
            ));
        }
        added.remove(lab, second, false)?;
        added.close(lab, handle);
        let what = format!(
            "{} in flight at the removal of the last instance",
            describe(&op)
        );
        expect_ends_with(lab, held, &what, STATUS_CANCELLED)?;
        if lab.control_device_exists() {
            return Err(format!(
                "the control device still exists after the last filter instance ({second_id}) \
                 went"
            ));
        }
        match lab.control(IOCTL_IOLAB_LIST_FILTERS, &[], FILTER_LIST_SIZE) {
            Err(DeviceError::NotFound) => {}
            other => {
                return Err(format!(
                    "LIST_FILTERS after the last instance went: {other:?}, expected no control \
                     device to open"
                ));
            }
        }
        lab.unload_and_reload()?;
        // The driver was loaded afresh: instance IDs start again at 1.
        *added = Added::default();
        let again = added.device(lab, script(|_| Duration::ZERO))?;
        let id = instance_of(lab, again)?.id;
        if id != 1 {
            return Err(format!(
                "the first filter instance after the driver was loaded again has ID {id}, \
                 expected 1"
            ));
        }
        added.remove(lab, again, false)?;
        if lab.control_device_exists() {
            return Err("the control device outlived the reloaded driver's instance".to_owned());
        }
        Ok(())
    })?;
    Client::new(transport)
        .info()
        .map(drop)
        .map_err(|e| NotPassed::Failed(format!("the transport's device after the reload: {e}")))
}
