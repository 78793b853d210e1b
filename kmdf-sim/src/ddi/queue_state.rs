//! Framework entry points that stop-and-purge or drain a queue, report its state, notify a manual
//! queue's driver of arrivals, and find requests in a queue without taking them (wdfio.h). DDI:
//! "WdfIoQueueStopAndPurge function (wdfio.h)", "WdfIoQueueDrain", "WdfIoQueueGetState",
//! "WdfIoQueueReadyNotify", "WdfIoQueueFindRequest", "WdfIoQueueRetrieveFoundRequest",
//! "WdfIoQueueRetrieveRequestByFileObject".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::queue::change;
use super::write_out;
use crate::framework::queue::owned_requests;
use crate::irql::{self, DISPATCH};
use crate::state::{DriverReference, Kind, ObjId, Owner, QueueChange, State, handle, id_of};
use crate::verifier::Rule;

/// `STATUS_NOT_FOUND` (ntstatus.h).
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its bit pattern"
)]
const STATUS_NOT_FOUND: NTSTATUS = 0xC000_0225_u32 as i32;

pub(crate) unsafe extern "C" fn WdfIoQueueStopAndPurge(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    StopAndPurgeComplete: sys::PFN_WDF_IO_QUEUE_STATE,
    Context: sys::WDFCONTEXT,
) {
    let notify = Some((StopAndPurgeComplete, Context));
    change(
        globals,
        "WdfIoQueueStopAndPurge",
        Queue,
        QueueChange::StopAndPurge,
        notify,
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueueStopAndPurgeSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) {
    let call = "WdfIoQueueStopAndPurgeSynchronously";
    change(globals, call, Queue, QueueChange::StopAndPurge, None);
}

pub(crate) unsafe extern "C" fn WdfIoQueueDrain(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    DrainComplete: sys::PFN_WDF_IO_QUEUE_STATE,
    Context: sys::WDFCONTEXT,
) {
    let notify = Some((DrainComplete, Context));
    change(
        globals,
        "WdfIoQueueDrain",
        Queue,
        QueueChange::Drain,
        notify,
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueueDrainSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) {
    change(
        globals,
        "WdfIoQueueDrainSynchronously",
        Queue,
        QueueChange::Drain,
        None,
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueueGetState(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    QueueRequests: sys::PULONG,
    DriverRequests: sys::PULONG,
) -> sys::WDF_IO_QUEUE_STATE {
    use sys::_WDF_IO_QUEUE_STATE as S;
    const CALL: &str = "WdfIoQueueGetState";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
        return 0;
    };
    let owned = owned_requests(&state, &[queue]).len();
    let Some(data) = state.queue(queue) else {
        return 0;
    };
    let held = data.power_managed
        && state
            .device(data.device)
            .is_some_and(|d| d.control.is_none() && !d.in_d0);
    let mut bits = 0;
    if data.accepting {
        bits |= S::WdfIoQueueAcceptRequests;
    }
    if data.started {
        bits |= S::WdfIoQueueDispatchRequests;
    }
    if data.pending.is_empty() {
        bits |= S::WdfIoQueueNoRequests;
    }
    if owned == 0 {
        bits |= S::WdfIoQueueDriverNoRequests;
    }
    if held {
        bits |= S::WdfIoQueuePnpHeld;
    }
    write_out(
        QueueRequests,
        u32::try_from(data.pending.len()).unwrap_or(u32::MAX),
    );
    write_out(DriverRequests, u32::try_from(owned).unwrap_or(u32::MAX));
    bits
}

/// The queue `queue` names if it is a manual queue; otherwise reports and returns the status.
fn manual_queue(state: &mut State, queue: sys::WDFQUEUE, call: &str) -> Result<ObjId, NTSTATUS> {
    let id = state
        .expect_object(queue, Kind::Queue, call)
        .ok_or(sys::STATUS_INVALID_HANDLE)?;
    if state
        .queue(id)
        .is_some_and(|q| q.dispatch != sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchManual)
    {
        state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            "only a manual queue hands out requests on demand and notifies of arrivals".to_owned(),
        );
        return Err(sys::STATUS_INVALID_DEVICE_REQUEST);
    }
    Ok(id)
}

pub(crate) unsafe extern "C" fn WdfIoQueueReadyNotify(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    QueueReady: sys::PFN_WDF_IO_QUEUE_STATE,
    Context: sys::WDFCONTEXT,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueReadyNotify";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let queue = match manual_queue(&mut state, Queue, CALL) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    match QueueReady {
        // NULL unregisters.
        None => {
            state.extra.ready_notify.remove(&queue);
            sys::STATUS_SUCCESS
        }
        // A second registration without unregistering first.
        Some(_) if state.extra.ready_notify.contains_key(&queue) => {
            sys::STATUS_INVALID_DEVICE_STATE
        }
        Some(callback) => {
            state
                .extra
                .ready_notify
                .insert(queue, (callback, Context.expose_provenance()));
            sys::STATUS_SUCCESS
        }
    }
}

/// Hands a waiting request of `queue` to the driver (as `WdfIoQueueRetrieveNextRequest` does).
fn retrieve(
    state: &mut State,
    queue: ObjId,
    request: ObjId,
    out: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    let Some(data) = state.queue_mut(queue) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(position) = data.pending.iter().position(|r| *r == request) else {
        return STATUS_NOT_FOUND;
    };
    data.pending.remove(position);
    data.presented += 1;
    if let Some(r) = state.request_mut(request) {
        r.owner = Owner::Driver { queue: Some(queue) };
        r.delivered = true;
    }
    write_out(out, handle(request));
    sys::STATUS_SUCCESS
}

/// The request a driver-passed handle names, without reports (a found request may have been
/// cancelled and completed since: then it is simply not in the queue).
fn request_id(state: &State, request: sys::WDFREQUEST) -> Option<ObjId> {
    id_of(request).filter(|id| state.request(*id).is_some())
}

pub(crate) unsafe extern "C" fn WdfIoQueueFindRequest(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    FoundRequest: sys::WDFREQUEST,
    FileObject: sys::WDFFILEOBJECT,
    Parameters: sys::PWDF_REQUEST_PARAMETERS,
    OutRequest: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueFindRequest";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(OutRequest, std::ptr::null_mut());
    let Some(queue) = state.expect_object(Queue, Kind::Queue, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let pending: Vec<ObjId> = state
        .queue(queue)
        .map(|q| q.pending.iter().copied().collect())
        .unwrap_or_default();
    // Searching resumes after the request found last time, which must still be in the queue.
    let start = if FoundRequest.is_null() {
        0
    } else {
        let found = request_id(&state, FoundRequest);
        match pending.iter().position(|r| Some(*r) == found) {
            Some(at) => at + 1,
            None => return STATUS_NOT_FOUND,
        }
    };
    let file = id_of(FileObject);
    let found = pending
        .iter()
        .skip(start)
        .copied()
        .find(|r| file.is_none() || state.request(*r).is_some_and(|data| data.file == file));
    let Some(found) = found else {
        return sys::STATUS_NO_MORE_ENTRIES;
    };
    // The framework takes a reference for the driver, which WdfObjectDereference releases.
    if let Some(object) = state.objects.get_mut(&found) {
        object.references.push(DriverReference {
            tag: 0,
            site: CALL.to_owned(),
        });
    }
    if !Parameters.is_null()
        && let Some(parameters) = state.request(found).map(super::request::parameters_of)
    {
        // SAFETY: the DDI contract: a non-null Parameters points at a WDF_REQUEST_PARAMETERS.
        unsafe { Parameters.write(parameters) };
    }
    write_out(OutRequest, handle(found));
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfIoQueueRetrieveFoundRequest(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    FoundRequest: sys::WDFREQUEST,
    OutRequest: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueRetrieveFoundRequest";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(OutRequest, std::ptr::null_mut());
    let queue = match manual_queue(&mut state, Queue, CALL) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    let Some(request) = request_id(&state, FoundRequest) else {
        return STATUS_NOT_FOUND;
    };
    retrieve(&mut state, queue, request, OutRequest)
}

pub(crate) unsafe extern "C" fn WdfIoQueueRetrieveRequestByFileObject(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    FileObject: sys::WDFFILEOBJECT,
    OutRequest: *mut sys::WDFREQUEST,
) -> NTSTATUS {
    const CALL: &str = "WdfIoQueueRetrieveRequestByFileObject";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(OutRequest, std::ptr::null_mut());
    let queue = match manual_queue(&mut state, Queue, CALL) {
        Ok(queue) => queue,
        Err(status) => return status,
    };
    let Some(file) = state.expect_object(FileObject, Kind::FileObject, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let found = state.queue(queue).and_then(|q| {
        q.pending.iter().copied().find(|r| {
            state
                .request(*r)
                .is_some_and(|data| data.file == Some(file))
        })
    });
    match found {
        Some(request) => retrieve(&mut state, queue, request, OutRequest),
        None => sys::STATUS_NO_MORE_ENTRIES,
    }
}
