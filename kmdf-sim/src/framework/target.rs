//! I/O targets (FxIoTarget) and device stacks: where an IRP is handled at each device (the queue
//! the device dispatches it to, or, for a filter without one, the next lower device: the
//! framework forwards it), `WdfRequestSend` (asynchronous with a completion routine or without
//! one, synchronous, send-and-forget), the bus device at the bottom of every stack, and a
//! finished level of I/O going back up: to the request it was sent from, or to the caller.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::bus::{LowerDevice, LowerMajor, LowerRequest, LowerResponse};
use crate::irql::{self, DISPATCH};
use crate::memory::{POISON, SimBuffer};
use crate::scheduler::Wake;
use crate::state::{
    BusCompletion, Completion, CompletionRoutine, Fate, IoResult, IrpId, Kind, Level, ObjData,
    ObjId, OutputSink, Owner, Remote, RequestData, RequestKind, Retired, SendMode, Sent, Sim,
    State, handle,
};

/// Where an IRP is handled at a device.
#[derive(Clone, Copy)]
pub(crate) enum Route {
    /// By a new WDFREQUEST at `device`, waiting in `queue` (with `file`, that device's file
    /// object of the open, if any).
    Queue {
        device: ObjId,
        queue: ObjId,
        attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
        file: Option<ObjId>,
    },
    /// By the bus device under the stack of device node `node`.
    Bus { node: usize },
}

/// The next lower level under `device` in its stack: `Ok(device)`, or `Err(node)` when the bus
/// device of node `node` is next. None if `device` is in no stack.
pub(crate) fn below(state: &State, device: ObjId) -> Option<Result<ObjId, usize>> {
    let node = state.device(device)?.devnode?;
    let stack = &state.devnodes.get(node)?.stack;
    let at = stack.iter().position(|d| *d == device)?;
    Some(match at.checked_sub(1).and_then(|i| stack.get(i)) {
        Some(lower) => Ok(*lower),
        None => Err(node),
    })
}

/// The file object of the same open at the next lower device.
fn lower_file(state: &State, file: Option<ObjId>) -> Option<ObjId> {
    match state.objects.get(&file?).map(|o| &o.data) {
        Some(ObjData::FileObject(data)) => data.lower,
        _ => None,
    }
}

/// Where an IRP of `kind` arriving at `device` (with that device's file object `file`) is
/// handled: in the queue the device dispatches it to; a filter device without one has the
/// framework pass it on to the next lower device, down to the bus device. `Err` carries the
/// status the I/O completes with at once (STATUS_SUCCESS for a zero-length read or write the
/// queue does not want to see).
pub(crate) fn route(
    state: &State,
    mut device: ObjId,
    mut file: Option<ObjId>,
    kind: RequestKind,
) -> Result<Route, NTSTATUS> {
    loop {
        let data = state.device(device).ok_or(sys::STATUS_NO_SUCH_DEVICE)?;
        let queue = data
            .dispatching
            .get(&kind.request_type())
            .copied()
            .or(data.default_queue);
        if let Some(queue) = queue {
            let queue_data = state
                .queue(queue)
                .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
            if !queue_data.accepting {
                return Err(sys::STATUS_INVALID_DEVICE_STATE);
            }
            let zero_length = matches!(
                kind,
                RequestKind::Read { length: 0 } | RequestKind::Write { length: 0 }
            );
            if zero_length && queue_data.config.AllowZeroLengthRequests == 0 {
                return Err(sys::STATUS_SUCCESS);
            }
            return Ok(Route::Queue {
                device,
                queue,
                attributes: data.request_attributes,
                file,
            });
        }
        if !data.filter {
            return Err(sys::STATUS_INVALID_DEVICE_REQUEST);
        }
        file = lower_file(state, file);
        match below(state, device) {
            Some(Ok(lower)) => device = lower,
            Some(Err(node)) => return Ok(Route::Bus { node }),
            None => return Err(sys::STATUS_INVALID_DEVICE_REQUEST),
        }
    }
}

/// Makes the WDFREQUEST of I/O `irp` at a [`Route::Queue`] level, carrying `buffers`, sent from
/// `upper` (None: from the I/O manager), and queues it. Returns it and its queue; on failure the
/// buffers come back with the status.
#[expect(
    clippy::type_complexity,
    reason = "the buffers are handed back on failure"
)]
pub(crate) fn enqueue(
    state: &mut State,
    irp: IrpId,
    kind: RequestKind,
    route: Route,
    buffers: [Option<SimBuffer>; 2],
    upper: Option<ObjId>,
) -> Result<(ObjId, ObjId), (NTSTATUS, [Option<SimBuffer>; 2])> {
    let Route::Queue {
        device,
        queue,
        attributes,
        file,
    } = route
    else {
        return Err((sys::STATUS_INVALID_DEVICE_REQUEST, buffers));
    };
    let mut data = RequestData::new(irp, kind, device, Owner::Queued(queue));
    data.file = file;
    data.upper = upper;
    let request = match super::create_object(
        state,
        Kind::Request,
        None,
        attributes,
        ObjData::Request(Box::new(data)),
        "the I/O manager",
    ) {
        Ok(id) => id,
        Err(status) => return Err((status, buffers)),
    };
    let [input, output] = buffers;
    if let Some(data) = state.request_mut(request) {
        data.input = input;
        data.output = output;
    }
    if let Some(queue_data) = state.queue_mut(queue) {
        queue_data.pending.push_back(request);
    }
    Ok((request, queue))
}

/// What is left to do once a level of I/O has finished and the state lock is released.
#[must_use]
#[derive(Clone, Copy)]
pub(crate) enum Then {
    Nothing,
    /// Call the sender's completion routine.
    Routine {
        request: ObjId,
        target: ObjId,
        routine: CompletionRoutine,
        kind: RequestKind,
        status: NTSTATUS,
        information: u64,
    },
    /// The sender set no completion routine: the framework completes its request.
    Complete {
        request: ObjId,
        status: NTSTATUS,
        information: u64,
    },
}

/// A level of I/O `irp` finished with `status` and `information` (checked against the buffer
/// already), giving back `buffers`: to the request it was sent from (`upper`), or, at the top,
/// to the caller (the output copied out, the buffers' guards checked, the buffers poisoned and
/// quarantined as `owner`'s; `call` is what completed it, for a damaged guard's report).
pub(crate) fn finish_level(
    state: &mut State,
    level: Level,
    status: NTSTATUS,
    information: u64,
    buffers: [Option<SimBuffer>; 2],
    owner: ObjId,
    call: &str,
) -> Then {
    let Level { irp, kind, upper } = level;
    if let Some(upper) = upper
        && let Some(data) = state.request_mut(upper)
        && let Owner::Sent { queue, target } = data.owner
    {
        let [input, output] = buffers;
        data.input = input;
        data.output = output;
        data.owner = Owner::Driver { queue };
        let sent = data.sent.take();
        let mode = sent.map(|s| s.mode);
        // A synchronous send the framework cancelled at its timeout fails with STATUS_IO_TIMEOUT.
        let status = match sent {
            Some(s) if s.timed_out && s.mode == SendMode::Synchronous => sys::STATUS_IO_TIMEOUT,
            _ => status,
        };
        data.returned = Some((status, information));
        let routine = data.completion_routine;
        if let Some(deadline) = sent.and_then(|s| s.deadline) {
            state.send_deadlines.remove(&(deadline, upper));
        }
        if !sys::NT_ERROR(status) {
            deliver_output(state, upper, information);
        }
        return match (mode, routine) {
            (Some(SendMode::Synchronous), _) => Then::Nothing,
            (_, Some(routine)) => Then::Routine {
                request: upper,
                target,
                routine,
                kind,
                status,
                information,
            },
            (_, None) => Then::Complete {
                request: upper,
                status,
                information,
            },
        };
    }
    // A caller that dropped its PendingIo gets nothing copied out.
    let abandoned = state.irps.get(&irp).is_none_or(|record| record.abandoned);
    // What comes back is at most the caller's output buffer (an internal IOCTL's information
    // is not checked against it).
    let copy = if sys::NT_ERROR(status) || abandoned {
        0
    } else {
        usize::try_from(information)
            .unwrap_or(usize::MAX)
            .min(kind.output_capacity())
    };
    let (out, buffers) = give_back(kind, buffers, copy);
    crate::io_manager::publish(
        state,
        irp,
        IoResult {
            status,
            information,
            output: out,
        },
    );
    for buffer in buffers.into_iter().flatten() {
        super::quarantine_poisoned(state, buffer, Retired::Request(owner), call);
    }
    Then::Nothing
}

/// Takes the buffers of a finished I/O back from the framework (`[input, output]`): the first
/// `copy` bytes of the one that returns data (a separate output buffer, else the system buffer;
/// none for a write) are copied out for the caller while that buffer is poisoned, in one sweep;
/// any other buffer is poisoned. Returns the caller's bytes and the poisoned buffers.
fn give_back(
    kind: RequestKind,
    buffers: [Option<SimBuffer>; 2],
    copy: usize,
) -> (Vec<u8>, [Option<SimBuffer>; 2]) {
    let [input, output] = buffers;
    let mut buffers = [output, input];
    let mut out = Vec::new();
    let mut returned = matches!(kind, RequestKind::Write { .. } | RequestKind::Create);
    for buffer in buffers.iter_mut().flatten() {
        if returned {
            buffer.fill(POISON);
        } else {
            out = buffer.take_and_poison(copy, POISON);
            returned = true;
        }
    }
    (out, buffers)
}

/// Copies what a driver-created request brought back into the memory its format named.
fn deliver_output(state: &mut State, request: ObjId, information: u64) {
    let Some(data) = state.request(request) else {
        return;
    };
    let Some(sink) = data.sink else {
        return;
    };
    let Some(buffer) = data.output.as_ref().or(data.input.as_ref()) else {
        return;
    };
    let wanted = usize::try_from(information).unwrap_or(usize::MAX);
    let (pointer, room) = match sink {
        OutputSink::Memory {
            memory,
            offset,
            length,
        } => match state.objects.get(&memory).map(|o| &o.data) {
            Some(ObjData::Memory(m)) if offset <= m.region().1 => {
                let (base, size) = m.region();
                (base.wrapping_add(offset), length.min(size - offset))
            }
            _ => return,
        },
        OutputSink::Pointer { pointer, length } => (pointer, length),
    };
    let n = wanted.min(room).min(buffer.len());
    let Some(bytes) = buffer.as_slice().get(..n) else {
        return;
    };
    // SAFETY: `pointer` has `room` >= n writable bytes: a live WDFMEMORY's buffer from `offset`
    // (checked against its length above), or the caller's descriptor buffer of a synchronous
    // send, valid until that send returns, which is after this. It is not the request's own
    // buffer (a format copies into a fresh system buffer).
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), pointer, n) };
}

/// Does what [`finish_level`] left to do, on the completing thread at its IRQL.
pub(crate) fn then(sim: &Sim, then: Then) {
    match then {
        Then::Nothing => {}
        Then::Routine {
            request,
            target,
            routine,
            kind,
            status,
            information,
        } => {
            let mut params = completion_params(kind, status, information);
            irql::run_callback(sim, "EvtRequestCompletionRoutine", irql::current(), || {
                // SAFETY: the completion routine the driver set for this live request, with
                // its target, completion parameters that outlive the call, and its context.
                unsafe {
                    (routine.routine)(
                        handle(request),
                        handle(target),
                        &raw mut params,
                        routine.context,
                    );
                }
            });
        }
        Then::Complete {
            request,
            status,
            information,
        } => super::complete(
            sim,
            request,
            status,
            Some(information),
            "the framework (a sent request came back and the driver set no completion routine)",
        ),
    }
}

/// The `WDF_REQUEST_COMPLETION_PARAMS` of a request formatted with its current type: type and
/// I/O status (the per-type parameters are filled only for requests formatted by an
/// `WdfIoTargetFormatRequestFor*` call, so they stay zero).
pub(crate) fn completion_params(
    kind: RequestKind,
    status: NTSTATUS,
    information: u64,
) -> sys::WDF_REQUEST_COMPLETION_PARAMS {
    // SAFETY: WDF_REQUEST_COMPLETION_PARAMS is plain C data (integers, pointers and unions of
    // them); all-zero is a valid value of every field.
    let mut params: sys::WDF_REQUEST_COMPLETION_PARAMS = unsafe { std::mem::zeroed() };
    params.Size = u32::try_from(size_of::<sys::WDF_REQUEST_COMPLETION_PARAMS>()).unwrap_or(0);
    params.Type = kind.request_type();
    params.IoStatus.__bindgen_anon_1.Status = status;
    params.IoStatus.Information = information;
    params
}

/// How `WdfRequestSend` was asked to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SendHow {
    Asynchronous,
    Synchronous,
    SendAndForget,
}

/// Where a sent request goes next, once the state lock is released.
enum Next {
    /// Presented at the lower device (the new request there).
    Present(ObjId),
    /// Handed to the bus device.
    Bus(LowerDevice, Level, [Option<SimBuffer>; 2]),
    /// The lower device's framework completed it at once (a zero-length read or write its queue
    /// does not take, a queue not accepting, no queue for the type, no request object): the
    /// send succeeded and the completion comes back now.
    Completed(Then),
}

/// Sends `request` (which the driver owns) to `target`, as `WdfRequestSend` does. `Err` carries
/// the status the framework fails the send with (the driver still owns the request and sees it
/// with `WdfRequestGetStatus`).
pub(crate) fn send(
    sim: &Arc<Sim>,
    request: ObjId,
    target: ObjId,
    how: SendHow,
    timeout: Option<i64>,
) -> Result<(), NTSTATUS> {
    let (next, forgotten) = {
        let mut state = sim.lock();
        let handed = hand_down(&mut state, request, target, how)?;
        if let Some(timeout) = timeout
            && handed.1.is_none()
        {
            // Negative: relative, in 100 ns units; positive: an absolute (virtual) time.
            let now = sim.now();
            let deadline = if timeout < 0 {
                now.saturating_add(timeout.unsigned_abs())
            } else {
                timeout.cast_unsigned()
            };
            // (A request the device below completed at once is no longer out.)
            if let Some(sent) = state.request_mut(request).and_then(|r| r.sent.as_mut()) {
                sent.deadline = Some(deadline);
                state.send_deadlines.insert((deadline, request));
            }
        }
        handed
    };
    if timeout.is_some() && forgotten.is_none() {
        ensure_bus_thread(sim);
    }
    if let Some(Forgotten { queue }) = forgotten {
        super::delete_tree(
            sim,
            request,
            Fate::Completed {
                status: sys::STATUS_PENDING,
                by: FORGOTTEN,
            },
        );
        if let Some(queue) = queue {
            super::dispatch(sim, queue);
            super::notify_queue_state(sim, queue);
        }
    }
    match next {
        Next::Present(lower) => {
            let queue = sim.lock().request(lower).and_then(|r| r.owner.queue());
            if let Some(queue) = queue {
                super::dispatch(sim, queue);
            }
        }
        Next::Bus(bus, level, buffers) => to_bus(sim, &bus, level, buffers),
        Next::Completed(done) => then(sim, done),
    }
    if how == SendHow::Synchronous {
        let _ = sim.block_until("a synchronous WdfRequestSend to return", move |state, _| {
            if state.request(request).is_some_and(|r| r.sent.is_some()) {
                Wake::Later
            } else {
                Wake::Ready
            }
        });
    }
    Ok(())
}

/// A send-and-forget request left the driver; it came from `queue`.
struct Forgotten {
    queue: Option<ObjId>,
}

/// How a send-and-forget request ended, for reports of later use.
const FORGOTTEN: &str = "WdfRequestSend (WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET)";

/// Where a send of an I/O of `kind` from `owner_device` (its file object `file`) to a target
/// (remote, or the default one) goes. The outer `Err` fails the send (the target's own state);
/// the inner one is the device below answering at once (`route`'s errors): the lower framework
/// completing the I/O it was given, which the sender sees in its completion routine.
fn route_send(
    state: &State,
    remote: Option<Remote>,
    owner_device: ObjId,
    file: Option<ObjId>,
    kind: RequestKind,
) -> Result<Result<Route, NTSTATUS>, NTSTATUS> {
    Ok(match remote {
        // A remote target sends to the top of the stack it opened, with its own file object.
        Some(Remote {
            opened: Some((device, remote_file)),
        }) => {
            if state.device(device).is_none_or(|d| d.removing) {
                return Err(sys::STATUS_INVALID_DEVICE_STATE);
            }
            route(state, device, Some(remote_file), kind)
        }
        Some(Remote { opened: None }) => return Err(sys::STATUS_INVALID_DEVICE_STATE),
        None => match below(state, owner_device) {
            Some(Ok(lower)) => route(state, lower, lower_file(state, file), kind),
            Some(Err(node)) => Ok(Route::Bus { node }),
            None => return Err(sys::STATUS_INVALID_DEVICE_REQUEST),
        },
    })
}

/// The I/O of `level` with its `buffers`, routed to `routed`: presented at the lower device or
/// handed to the bus device (`Next`), or completed at once by the lower framework (its status,
/// and the buffers, which come back with the completion).
#[expect(
    clippy::type_complexity,
    reason = "the buffers are handed back when the I/O completes at once"
)]
fn pass_down(
    state: &mut State,
    routed: Result<Route, NTSTATUS>,
    level: Level,
    buffers: [Option<SimBuffer>; 2],
) -> (Option<Next>, Option<(NTSTATUS, [Option<SimBuffer>; 2])>) {
    match routed {
        Err(status) => (None, Some((status, buffers))),
        Ok(route @ Route::Queue { .. }) => {
            match enqueue(state, level.irp, level.kind, route, buffers, level.upper) {
                Ok((lower, _)) => (Some(Next::Present(lower)), None),
                Err((status, buffers)) => (None, Some((status, buffers))),
            }
        }
        Ok(Route::Bus { node }) => {
            let bus = state
                .devnodes
                .get(node)
                .map(|n| n.bus.clone())
                .unwrap_or_default();
            (Some(Next::Bus(bus, level, buffers)), None)
        }
    }
}

/// The part of [`send`] under the state lock: the request's buffers go to a new request at the
/// lower device (or to the bus device), and the request is marked sent; a send-and-forget request
/// leaves the driver ([`Forgotten`]), and what comes back goes past it.
fn hand_down(
    state: &mut State,
    request: ObjId,
    target: ObjId,
    how: SendHow,
) -> Result<(Next, Option<Forgotten>), NTSTATUS> {
    let target_data = state
        .target(target)
        .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    let (owner_device, remote) = (target_data.device, target_data.remote);
    if state.device(owner_device).is_none_or(|d| d.removing) {
        return Err(sys::STATUS_INVALID_DEVICE_STATE);
    }
    let data = state
        .request(request)
        .ok_or(sys::STATUS_INVALID_DEVICE_REQUEST)?;
    let Owner::Driver { queue } = data.owner else {
        return Err(sys::STATUS_INVALID_DEVICE_STATE);
    };
    if data.created && !data.formatted {
        // A created request carries no I/O until a format gives it one.
        return Err(sys::STATUS_INVALID_DEVICE_REQUEST);
    }
    let (irp, kind, file, upper) = (data.irp, data.kind, data.file, data.upper);
    let routed = route_send(state, remote, owner_device, file, kind)?;
    let forget = how == SendHow::SendAndForget;
    let level = Level {
        irp,
        kind,
        upper: if forget { upper } else { Some(request) },
    };
    let buffers = match state.request_mut(request) {
        Some(data) => [data.input.take(), data.output.take()],
        None => [None, None],
    };
    let (next, at_once) = pass_down(state, routed, level, buffers);
    let finish = |state: &mut State, next: Option<Next>, at_once| match (next, at_once) {
        (Some(next), _) => next,
        (None, Some((status, buffers))) => Next::Completed(finish_level(
            state,
            level,
            status,
            0,
            buffers,
            request,
            "WdfRequestSend (the device below completed it at once)",
        )),
        (None, None) => Next::Completed(Then::Nothing),
    };
    let lower = match next {
        Some(Next::Present(lower)) => Some(lower),
        _ => None,
    };
    // Sent after all: an earlier failed send of it is history.
    state.failed_sends.remove(&request);
    if forget {
        if upper.is_none()
            && let Some(record) = state.irps.get_mut(&irp)
        {
            record.request = lower;
        }
        if let Some(data) = state.request_mut(request) {
            data.completed = Some(Completion {
                status: sys::STATUS_PENDING,
                by: FORGOTTEN,
            });
        }
        if let Some(queue) = queue.and_then(|q| state.queue_mut(q)) {
            queue.presented = queue.presented.saturating_sub(1);
        }
        let next = finish(state, next, at_once);
        return Ok((next, Some(Forgotten { queue })));
    }
    if let Some(data) = state.request_mut(request) {
        data.owner = Owner::Sent { queue, target };
        data.returned = None;
        data.sent = Some(Sent {
            mode: if how == SendHow::Synchronous {
                SendMode::Synchronous
            } else {
                SendMode::Asynchronous
            },
            lower,
            deadline: None,
            timed_out: false,
        });
    }
    Ok((finish(state, next, at_once), None))
}

/// Hands a level of I/O to the bus device `bus`: it answers at once (completed now, on
/// this thread) or after its delay (from the bus thread). What comes back goes to `upper` (None:
/// to the caller).
pub(crate) fn to_bus(
    sim: &Arc<Sim>,
    bus: &LowerDevice,
    level: Level,
    buffers: [Option<SimBuffer>; 2],
) {
    let response = bus.answer(&lower_request(level.kind, &buffers));
    let delay = response.delay;
    let [input, output] = buffers;
    let pending = BusCompletion {
        level,
        input,
        output,
        response,
    };
    if delay.is_zero() {
        bus_complete(sim, pending);
        return;
    }
    let ticks = u64::try_from(delay.as_nanos() / 100).unwrap_or(u64::MAX);
    {
        let mut state = sim.lock();
        let due = sim.now().saturating_add(ticks);
        let key = state.fresh_id();
        state.bus_pending.insert((due, key), pending);
    }
    ensure_bus_thread(sim);
}

/// The request as the bus device sees it.
fn lower_request(kind: RequestKind, buffers: &[Option<SimBuffer>; 2]) -> LowerRequest {
    let [input, _] = buffers;
    let bytes = |length: usize| {
        input
            .as_ref()
            .map(|b| b.as_slice().get(..length).unwrap_or(b.as_slice()).to_vec())
            .unwrap_or_default()
    };
    match kind {
        RequestKind::Create => LowerRequest {
            major: LowerMajor::Create,
            ioctl: 0,
            input: Vec::new(),
            output_length: 0,
        },
        RequestKind::Read { length } => LowerRequest {
            major: LowerMajor::Read,
            ioctl: 0,
            input: Vec::new(),
            output_length: length,
        },
        RequestKind::Write { length } => LowerRequest {
            major: LowerMajor::Write,
            ioctl: 0,
            input: bytes(length),
            output_length: 0,
        },
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        } => LowerRequest {
            major: LowerMajor::DeviceControl,
            ioctl: code,
            input: bytes(input_length),
            output_length,
        },
        RequestKind::InternalDeviceControl {
            code,
            input_length,
            output_length,
        } => LowerRequest {
            major: LowerMajor::InternalDeviceControl,
            ioctl: code,
            input: bytes(input_length),
            output_length,
        },
    }
}

/// The bus device completes a request: its data goes into the output buffer, then the level
/// finishes.
pub(crate) fn bus_complete(sim: &Sim, mut pending: BusCompletion) {
    let next = {
        let mut state = sim.lock();
        let response = &pending.response;
        let kind = pending.level.kind;
        let information = response.information.min(kind.information_limit());
        if !sys::NT_ERROR(response.status)
            && kind.output_capacity() > 0
            && let Some(buffer) = pending.output.as_mut().or(pending.input.as_mut())
        {
            let room = kind.output_capacity().min(buffer.len());
            let n = response.data.len().min(room);
            if let (Some(to), Some(from)) =
                (buffer.as_mut_slice().get_mut(..n), response.data.get(..n))
            {
                to.copy_from_slice(from);
            }
        }
        let status = response.status;
        finish_level(
            &mut state,
            pending.level,
            status,
            information,
            [pending.input.take(), pending.output.take()],
            0,
            "the lower device's completion",
        )
    };
    then(sim, next);
}

/// Cancels what the bus device still holds for `request` (sent to it and not answered yet, or,
/// with `request` None, reached by I/O `irp` directly): completed at once with STATUS_CANCELLED.
pub(crate) fn cancel_at_bus(sim: &Sim, request: Option<ObjId>, irp: IrpId) {
    let cancelled: Vec<BusCompletion> = {
        let mut state = sim.lock();
        let keys: Vec<(u64, ObjId)> = state
            .bus_pending
            .iter()
            .filter(|(_, p)| p.level.upper == request && (request.is_some() || p.level.irp == irp))
            .map(|(k, _)| *k)
            .collect();
        keys.iter()
            .filter_map(|k| state.bus_pending.remove(k))
            .collect()
    };
    for mut pending in cancelled {
        pending.response = LowerResponse::fail(sys::STATUS_CANCELLED);
        bus_complete(sim, pending);
    }
}

/// Starts the bus device's simulated thread (delayed completions), if it is not running yet.
fn ensure_bus_thread(sim: &Arc<Sim>) {
    {
        let mut state = sim.lock();
        if state.bus_thread.is_some() || state.bus_stop {
            return;
        }
        state.bus_thread = Some(crate::scheduler::Tid::MAX);
    }
    let shared = Arc::clone(sim);
    let tid = sim
        .sched
        .spawn("the bus device (delayed completions)", move || {
            bus_thread(&shared);
        });
    sim.lock().bus_thread = Some(tid);
}

/// Completes the bus device's delayed requests as their virtual time comes, at DISPATCH_LEVEL,
/// until told to stop.
fn bus_thread(sim: &Arc<Sim>) {
    irql::set(DISPATCH);
    loop {
        let _ = sim.block_until(
            "a bus completion or a send timeout to fall due",
            |state, now| {
                let next = [
                    state.bus_pending.keys().next().map(|k| k.0),
                    state.send_deadlines.first().map(|k| k.0),
                ]
                .into_iter()
                .flatten()
                .min();
                match next {
                    _ if state.bus_stop => Wake::Ready,
                    Some(due) if due <= now => Wake::Ready,
                    Some(due) => Wake::At(due),
                    None => Wake::Later,
                }
            },
        );
        let (due, expired) = {
            let mut state = sim.lock();
            if state.bus_stop {
                state.bus_thread = None;
                return;
            }
            let now = sim.now();
            let due = match state.bus_pending.first_key_value().map(|(k, _)| *k) {
                Some(key) if key.0 <= now => state.bus_pending.remove(&key),
                _ => None,
            };
            let expired = match state.send_deadlines.first().copied() {
                Some(key) if key.0 <= now => {
                    state.send_deadlines.remove(&key);
                    let sent = state.request_mut(key.1).and_then(|r| r.sent.as_mut());
                    sent.map(|s| s.timed_out = true).map(|()| key.1)
                }
                _ => None,
            };
            (due, expired)
        };
        if let Some(pending) = due {
            bus_complete(sim, pending);
        }
        if let Some(request) = expired {
            // The framework cancels a sent request whose timeout passed.
            super::cancel_request(sim, request);
        }
    }
}

/// Stops the bus device's thread (the simulation is ending) and waits for it.
pub(crate) fn stop_bus_thread(sim: &Arc<Sim>) {
    let tid = {
        let mut state = sim.lock();
        state.bus_stop = true;
        state.bus_thread
    };
    if let Some(tid) = tid
        && tid != crate::scheduler::Tid::MAX
    {
        let _ = sim.sched.join(tid);
    }
}

/// Formats a driver-created request for `kind`, with `input` as its data, `output` as what its
/// direct output buffer holds (the data a METHOD_IN_DIRECT IOCTL sends), and `sink` for what
/// comes back (`WdfIoTargetFormatRequestFor*`): fresh buffers, as the I/O manager builds them
/// for the transfer type.
pub(crate) fn format(
    state: &mut State,
    request: ObjId,
    kind: RequestKind,
    input: &[u8],
    output: &[u8],
    sink: Option<OutputSink>,
) {
    let transfer =
        crate::io_manager::Transfer::of(kind, sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered);
    let (input_buffer, output_buffer) =
        crate::io_manager::buffers_for(kind, transfer, input, output, |len, data| {
            super::request_buffer(state, len, data)
        });
    if let Some(data) = state.request_mut(request) {
        data.kind = kind;
        data.input = input_buffer;
        data.output = output_buffer;
        data.sink = sink;
        data.formatted = true;
        data.returned = None;
    }
}

/// The path a device interface of device node `node` gets (what `IoRegisterDeviceInterface`
/// returns; user mode sees it with `\\?\` in front): `\??\ROOT#<device>#<instance>#{guid}`,
/// then `\<reference>` if the driver gave a reference string.
pub(crate) fn interface_path(
    hardware_id: &str,
    node: usize,
    interface: &sys::GUID,
    reference: Option<&str>,
) -> String {
    let device = hardware_id
        .split_once('\\')
        .map_or(hardware_id, |(_, rest)| rest)
        .replace('\\', "#")
        .to_uppercase();
    let guid = super::file::guid_text(interface).to_lowercase();
    let mut path = format!(r"\??\ROOT#{device}#{node:04}#{guid}");
    if let Some(reference) = reference {
        path.push('\\');
        path.push_str(reference);
    }
    path
}

/// The started device nodes' interface paths for `interface` (as `CM_Get_Device_Interface_List`
/// lists them), with the stack each belongs to (top first).
pub(crate) fn interface_paths(
    state: &State,
    interface: Option<&sys::GUID>,
) -> Vec<(String, Vec<ObjId>)> {
    let mut paths = Vec::new();
    for (index, node) in state.devnodes.iter().enumerate() {
        if node.top().is_none() {
            continue;
        }
        let stack: Vec<ObjId> = node.stack.iter().rev().copied().collect();
        for device in &node.stack {
            let Some(data) = state.device(*device).filter(|d| d.started && !d.removing) else {
                continue;
            };
            for (guid, reference) in &data.interfaces {
                let disabled = super::device_state::interface_disabled(
                    state,
                    *device,
                    guid,
                    reference.as_deref(),
                );
                if !disabled && interface.is_none_or(|wanted| super::file::same_guid(wanted, guid))
                {
                    let path = interface_path(&node.hardware_id, index, guid, reference.as_deref());
                    paths.push((path, stack.clone()));
                }
            }
        }
    }
    paths
}

/// Opens remote target `target` on the device whose interface path is `name` (`\??\...` or
/// `\\?\...`, case-insensitive): the create goes down that stack as a handle's would.
pub(crate) fn open_remote(sim: &Arc<Sim>, target: ObjId, name: &str) -> Result<(), NTSTATUS> {
    let wanted = name.replacen(r"\\?\", r"\??\", 1).to_lowercase();
    let stack = {
        let state = sim.lock();
        if state
            .target(target)
            .is_none_or(|t| t.remote.is_none_or(|r| r.opened.is_some()))
        {
            return Err(sys::STATUS_INVALID_DEVICE_STATE);
        }
        interface_paths(&state, None)
            .into_iter()
            .find(|(path, _)| path.to_lowercase() == wanted)
            .map(|(_, stack)| stack)
            .ok_or(sys::STATUS_OBJECT_NAME_NOT_FOUND)?
    };
    let (file, device) = match super::file::open_stack(sim, &stack) {
        Some(Ok(opened)) => opened,
        Some(Err(crate::state::SimError::CreateFailed(status))) => return Err(status),
        _ => return Err(sys::STATUS_OBJECT_NAME_NOT_FOUND),
    };
    if let Some(remote) = sim
        .lock()
        .target_mut(target)
        .and_then(|t| t.remote.as_mut())
    {
        remote.opened = Some((device, file));
    }
    Ok(())
}

/// Closes remote target `target` (`WdfIoTargetClose`, or its deletion): the requests sent
/// through it are cancelled and waited for, then its handle on the other stack is closed.
pub(crate) fn close_remote(sim: &Arc<Sim>, target: ObjId) {
    let sent: Vec<ObjId> = {
        let state = sim.lock();
        state
            .objects
            .iter()
            .filter_map(|(id, o)| match &o.data {
                ObjData::Request(r) if matches!(r.owner, Owner::Sent { target: t, .. } if t == target) => {
                    Some(*id)
                }
                _ => None,
            })
            .collect()
    };
    for request in &sent {
        super::cancel_request(sim, *request);
    }
    let _ = sim.block_until("the requests sent to a closing I/O target to come back", move |state, _| {
        let busy = state.objects.values().any(|o| {
            matches!(&o.data, ObjData::Request(r) if matches!(r.owner, Owner::Sent { target: t, .. } if t == target))
        });
        if busy { Wake::Later } else { Wake::Ready }
    });
    let opened = sim
        .lock()
        .target_mut(target)
        .and_then(|t| t.remote.as_mut())
        .and_then(|r| r.opened.take());
    if let Some((_, file)) = opened {
        super::file::close_file(sim, file);
    }
}

/// Before objects are deleted: close the remote targets among them.
pub(crate) fn close_targets(sim: &Arc<Sim>, ids: &[ObjId]) {
    for id in ids {
        let open = sim
            .lock()
            .target(*id)
            .is_some_and(|t| t.remote.is_some_and(|r| r.opened.is_some()));
        if open {
            close_remote(sim, *id);
        }
    }
}

/// A `WdfIoTargetSend*Synchronously` call: formats `request` (or a request the framework makes
/// for the call) for `kind` with `input`, sends it synchronously to `target` with `timeout`, and
/// returns the status and information it came back with; its output goes to `sink`.
pub(crate) fn send_synchronously(
    sim: &Arc<Sim>,
    target: ObjId,
    request: Option<ObjId>,
    kind: RequestKind,
    input: &[u8],
    sink: Option<OutputSink>,
    timeout: Option<i64>,
) -> (NTSTATUS, u64) {
    let (request, internal) = match request {
        Some(request) => (request, false),
        None => match create_request(
            &mut sim.lock(),
            target,
            None,
            "WdfIoTargetSend*Synchronously",
        ) {
            Ok(request) => (request, true),
            Err(status) => return (status, 0),
        },
    };
    format(&mut sim.lock(), request, kind, input, &[], sink);
    let result = match send(sim, request, target, SendHow::Synchronous, timeout) {
        Ok(()) => sim
            .lock()
            .request(request)
            .and_then(|r| r.returned)
            .unwrap_or((sys::STATUS_UNSUCCESSFUL, 0)),
        Err(status) => (status, 0),
    };
    // The caller's descriptor buffer is only valid during the call.
    if let Some(data) = sim.lock().request_mut(request) {
        data.sink = None;
    }
    if internal {
        super::delete_tree(sim, request, "deleted when its synchronous send returned");
    }
    result
}

/// A driver-created request (`WdfRequestCreate`, or one a synchronous send makes for itself):
/// owned by the driver, with no I/O until a format gives it one. Its parent is `attributes`'
/// parent or the driver (of `target`'s device, if given).
pub(crate) fn create_request(
    state: &mut State,
    target: ObjId,
    attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    call: &str,
) -> Result<ObjId, NTSTATUS> {
    let device = state.target(target).map(|t| t.device);
    let parent = device
        .and_then(|d| driver_of(state, d))
        .or_else(|| state.default_parent());
    let mut data = RequestData::new(0, RequestKind::Create, 0, Owner::Driver { queue: None });
    data.device = None;
    data.created = true;
    let request = super::create_object(
        state,
        Kind::Request,
        parent,
        attributes,
        ObjData::Request(Box::new(data)),
        call,
    )?;
    // Each created request is its own I/O: give it an id of its own.
    let irp = state.fresh_id();
    if let Some(data) = state.request_mut(request) {
        data.irp = irp;
    }
    Ok(request)
}

/// The WDFDRIVER an object belongs to (the root of its tree).
fn driver_of(state: &State, id: ObjId) -> Option<ObjId> {
    let mut cursor = Some(id);
    while let Some(current) = cursor {
        let object = state.objects.get(&current)?;
        if object.kind == Kind::Driver {
            return Some(current);
        }
        cursor = object.parent;
    }
    None
}
