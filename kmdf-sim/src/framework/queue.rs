//! Queues (FxIoQueue): presenting requests by dispatch type, at the presenting context's IRQL
//! (or from the worker for passive-level queues); state changes (stop, purge, stop-and-purge,
//! drain) with their cancellations, EvtIoStop and EvtIoQueueState; waiting for a queue to be idle;
//! removal's purge.

use kmdf_sim_wdk_sys as sys;

use super::request::{cancel_request, complete, force_complete};
use super::sync::run_synchronized;
use crate::irql;
use crate::scheduler::{Outcome, Wake};
use crate::state::{
    ObjData, ObjId, Owner, QueueChange, QueueData, RequestKind, Sim, State, handle,
};
use crate::verifier::Rule;

thread_local! {
    /// Queues whose dispatch loop runs on this thread (a completion inside a callback must not
    /// start a nested loop for the same queue; the running loop picks the next request up).
    static DISPATCHING: std::cell::RefCell<Vec<ObjId>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the calling thread is inside a callback of `queue` (its dispatch loop, or a
/// cancel/stop callback of it).
pub(crate) fn in_callback_of(queue: ObjId) -> bool {
    DISPATCHING.with(|d| d.borrow().contains(&queue))
}

/// Presents waiting requests of `queue` to the driver, as its dispatch type allows.
pub(crate) fn dispatch(sim: &Sim, queue: ObjId) {
    notify_ready(sim, queue);
    let already = DISPATCHING.with(|d| d.borrow().contains(&queue));
    if already {
        return;
    }
    if irql::current() > irql::PASSIVE {
        let deferred = {
            let mut state = sim.lock();
            let ready = state
                .queue(queue)
                .is_some_and(|q| q.started && !q.pending.is_empty());
            let passive = ready && state.passive_level(queue);
            if passive && !state.work_queue.contains(&queue) {
                // A passive-level queue's callbacks never run at DISPATCH_LEVEL: the framework
                // presents from a worker thread instead.
                state.work_queue.push_back(queue);
            }
            passive
        };
        if deferred {
            crate::framework::timer::ensure_worker(&sim.arc());
            return;
        }
    }
    DISPATCHING.with(|d| d.borrow_mut().push(queue));
    loop {
        let next = {
            let mut state = sim.lock();
            next_to_present(&mut state, queue)
        };
        let Some((request, kind, config)) = next else {
            break;
        };
        present(sim, queue, request, kind, &config);
        if let Some(data) = sim.lock().queue_mut(queue) {
            data.in_flight = data.in_flight.saturating_sub(1);
        }
        notify_queue_state(sim, queue);
    }
    DISPATCHING.with(|d| d.borrow_mut().retain(|q| *q != queue));
}

pub(crate) fn next_to_present(
    state: &mut State,
    queue_id: ObjId,
) -> Option<(ObjId, RequestKind, sys::WDF_IO_QUEUE_CONFIG)> {
    let queue = state.queue_mut(queue_id)?;
    if !queue.started || queue.pending.is_empty() {
        return None;
    }
    let limit = match queue.dispatch {
        sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential => 1,
        sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel => queue.max_presented,
        _ => return None,
    };
    if queue.presented >= limit {
        return None;
    }
    let request = queue.pending.pop_front()?;
    queue.presented += 1;
    queue.in_flight += 1;
    let config = queue.config;
    let data = state.request_mut(request)?;
    data.owner = Owner::Driver {
        queue: Some(queue_id),
    };
    data.delivered = true;
    Some((request, data.kind, config))
}

/// Calls the queue's callback for `request` at the presenting thread's IRQL, under the queue's
/// synchronization-scope lock if it has one, or fails the request the way the framework does
/// when the queue has no callback for it.
pub(crate) fn present(
    sim: &Sim,
    queue: ObjId,
    request: ObjId,
    kind: RequestKind,
    config: &sys::WDF_IO_QUEUE_CONFIG,
) {
    let (q, r) = (
        handle::<sys::WDFQUEUE__>(queue),
        handle::<sys::WDFREQUEST__>(request),
    );
    let lock = sim.lock().sync_lock(queue);
    let level = irql::current();
    let called = match kind {
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        } => config.EvtIoDeviceControl.map(|f| {
            run_synchronized(sim, lock, "EvtIoDeviceControl", level, || {
                // SAFETY: a queue callback the driver registered, called with live handles.
                unsafe { f(q, r, output_length, input_length, code) };
            });
        }),
        RequestKind::InternalDeviceControl {
            code,
            input_length,
            output_length,
        } => config.EvtIoInternalDeviceControl.map(|f| {
            run_synchronized(sim, lock, "EvtIoInternalDeviceControl", level, || {
                // SAFETY: as above.
                unsafe { f(q, r, output_length, input_length, code) };
            });
        }),
        RequestKind::Read { length } => config.EvtIoRead.map(|f| {
            run_synchronized(sim, lock, "EvtIoRead", level, || {
                // SAFETY: as above.
                unsafe { f(q, r, length) };
            });
        }),
        RequestKind::Write { length } => config.EvtIoWrite.map(|f| {
            run_synchronized(sim, lock, "EvtIoWrite", level, || {
                // SAFETY: as above.
                unsafe { f(q, r, length) };
            });
        }),
        RequestKind::Create => None,
    };
    let called = called.or_else(|| {
        config.EvtIoDefault.map(|f| {
            run_synchronized(sim, lock, "EvtIoDefault", level, || {
                // SAFETY: as above.
                unsafe { f(q, r) };
            });
        })
    });
    if called.is_none() {
        complete(
            sim,
            request,
            sys::STATUS_INVALID_DEVICE_REQUEST,
            None,
            "the framework (no queue callback)",
        );
    }
}

/// Runs a callback of `queue`, counted as in flight (a removal or a synchronous stop waits for
/// it to return).
pub(crate) fn queue_callback(sim: &Sim, queue: ObjId, name: &str, level: u8, run: impl FnOnce()) {
    if let Some(data) = sim.lock().queue_mut(queue) {
        data.in_flight += 1;
    }
    DISPATCHING.with(|d| d.borrow_mut().push(queue));
    let lock = sim.lock().sync_lock(queue);
    run_synchronized(sim, lock, name, level, run);
    DISPATCHING.with(|d| {
        let mut running = d.borrow_mut();
        if let Some(position) = running.iter().rposition(|q| *q == queue) {
            running.remove(position);
        }
    });
    if let Some(data) = sim.lock().queue_mut(queue) {
        data.in_flight = data.in_flight.saturating_sub(1);
    }
    notify_queue_state(sim, queue);
}

/// Applies a state change to `queue`: its flags, then the cancellations it implies (queued
/// requests first, in arrival order, then the driver's cancelable ones). With `stop_action`,
/// each request the driver still owns from the queue is then presented to EvtIoStop (power-down
/// or removal).
pub(crate) fn change_queue(
    sim: &Sim,
    queue: ObjId,
    change: QueueChange,
    stop_action: Option<sys::_WDF_REQUEST_STOP_ACTION_FLAGS::Type>,
) {
    let waiting: Vec<ObjId> = {
        let mut state = sim.lock();
        let Some(data) = state.queue_mut(queue) else {
            return;
        };
        match change {
            QueueChange::Stop => data.started = false,
            QueueChange::Purge => {
                data.started = false;
                data.accepting = false;
            }
            QueueChange::StopAndPurge => {
                data.started = false;
                data.accepting = true;
            }
            QueueChange::Drain => data.accepting = false,
        }
        if matches!(change, QueueChange::Purge | QueueChange::StopAndPurge) {
            data.pending.iter().copied().collect()
        } else {
            Vec::new()
        }
    };
    for request in waiting {
        cancel_request(sim, request);
    }
    if matches!(change, QueueChange::Purge | QueueChange::StopAndPurge) {
        let owned = owned_requests(&sim.lock(), &[queue]);
        for request in owned {
            cancel_request(sim, request);
        }
    }
    if let Some(action) = stop_action {
        stop_owned(sim, queue, action);
    }
    notify_queue_state(sim, queue);
}

/// Presents each request the driver still owns from `queue` to the queue's EvtIoStop, if it has
/// one, with `action` (plus `WdfRequestStopRequestCancelable` for a cancelable request).
pub(crate) fn stop_owned(
    sim: &Sim,
    queue: ObjId,
    action: sys::_WDF_REQUEST_STOP_ACTION_FLAGS::Type,
) {
    let (callback, owned) = {
        let state = sim.lock();
        let callback = state.queue(queue).and_then(|q| q.config.EvtIoStop);
        (callback, owned_requests(&state, &[queue]))
    };
    let Some(callback) = callback else {
        return;
    };
    let level = irql::current();
    for request in owned {
        let flags = {
            let state = sim.lock();
            match state.request(request) {
                Some(r) if r.completed.is_none() => {
                    let cancelable = if r.cancel_routine.is_some() {
                        sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopRequestCancelable
                    } else {
                        0
                    };
                    action | cancelable
                }
                _ => continue,
            }
        };
        #[expect(
            clippy::cast_sign_loss,
            reason = "the flags are a bit mask; C passes them as ULONG"
        )]
        let flags = flags as u32;
        queue_callback(sim, queue, "EvtIoStop", level, || {
            // SAFETY: the queue's EvtIoStop, with the live queue and a request the driver owns.
            unsafe { callback(handle(queue), handle(request), flags) };
        });
    }
}

/// Blocks until every queue in `queues` is idle for `change`. If that can never happen (every
/// simulated thread waits and nothing is due), reports each request still owned as
/// RequestNotCompleted naming `checkpoint`, completes it with STATUS_CANCELLED so the run can go
/// on, and returns false.
pub(crate) fn wait_idle(
    sim: &Sim,
    queues: &[ObjId],
    change: QueueChange,
    checkpoint: &'static str,
    what: &'static str,
) -> bool {
    let watched = queues.to_vec();
    let outcome = sim.block_until(what, move |state, _| {
        let idle = watched
            .iter()
            .all(|q| state.queue(*q).is_none_or(|data| change.idle(data)));
        if idle { Wake::Ready } else { Wake::Later }
    });
    if outcome == Outcome::Ready {
        return true;
    }
    let stuck = owned_requests(&sim.lock(), queues);
    for request in stuck {
        let described = sim.lock().describe(request);
        sim.violation(
            Rule::RequestNotCompleted,
            checkpoint,
            described,
            format!(
                "the driver still owned this request when {what}, and nothing left could complete it \
                 (every simulated thread was waiting and no timer was due)"
            ),
        );
        force_complete(sim, request, checkpoint);
    }
    false
}

/// Calls the queue's pending EvtIoQueueState callbacks whose change has become idle.
pub(crate) fn notify_queue_state(sim: &Sim, queue: ObjId) {
    loop {
        let due = {
            let mut state = sim.lock();
            let Some(data) = state.queue_mut(queue) else {
                return;
            };
            let position = {
                let queue: &QueueData = data;
                queue
                    .state_callbacks
                    .iter()
                    .position(|pending| pending.change.idle(queue))
            };
            match position {
                Some(position) => data.state_callbacks.remove(position),
                None => return,
            }
        };
        let level = irql::current();
        irql::run_callback(sim, "EvtIoQueueState", level, || {
            // SAFETY: the driver's EvtIoQueueState for this live queue, with its context.
            unsafe { (due.callback)(handle(queue), due.context) };
        });
    }
}

/// The device's queues (of the power-managed kind, or the other).
pub(crate) fn device_queues(state: &State, device: ObjId, power_managed: bool) -> Vec<ObjId> {
    state
        .subtree_children_first(device)
        .into_iter()
        .filter(|id| {
            state
                .queue(*id)
                .is_some_and(|q| q.power_managed == power_managed)
        })
        .collect()
}

/// Removal's purge of a device's queues of one kind (power-managed ones as the device leaves D0,
/// the others after EvtDeviceSelfManagedIoFlush): purged as `WdfIoQueuePurge` does, EvtIoStop
/// with `WdfRequestStopActionPurge` for requests the driver still owns, then a wait for every
/// request to be completed and every callback to return.
pub(crate) fn purge_for_removal(
    sim: &Sim,
    device: ObjId,
    power_managed: bool,
    checkpoint: &'static str,
) {
    let queues = device_queues(&sim.lock(), device, power_managed);
    for queue in &queues {
        change_queue(
            sim,
            *queue,
            QueueChange::Purge,
            Some(sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionPurge),
        );
    }
    wait_idle(
        sim,
        &queues,
        QueueChange::Purge,
        checkpoint,
        "its device was removed",
    );
}

pub(crate) fn owned_requests(state: &State, queues: &[ObjId]) -> Vec<ObjId> {
    state
        .objects
        .iter()
        .filter_map(|(id, object)| match &object.data {
            ObjData::Request(request) if request.completed.is_none() => match request.owner {
                Owner::Driver { queue: Some(queue) }
                | Owner::Sent {
                    queue: Some(queue), ..
                } if queues.contains(&queue) => Some(*id),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// A power-down's stop of a device's power-managed queues: they stop presenting (new requests
/// wait in them), EvtIoStop gets each request the driver owns from them
/// (`WdfRequestStopActionSuspend`), and the power-down waits until each is completed, requeued
/// or acknowledged with `WdfRequestStopAcknowledge`. One that nothing left could settle is
/// reported (the power-down would never end).
pub(crate) fn suspend_for_power_down(sim: &Sim, device: ObjId, checkpoint: &'static str) {
    let queues = device_queues(&sim.lock(), device, true);
    for queue in &queues {
        change_queue(
            sim,
            *queue,
            QueueChange::Stop,
            Some(sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionSuspend),
        );
    }
    let watched = queues.clone();
    let settled = move |state: &State| {
        owned_requests(state, &watched)
            .iter()
            .all(|r| state.request(*r).is_some_and(|r| r.stop_acknowledged))
            && watched
                .iter()
                .all(|q| state.queue(*q).is_none_or(|q| q.in_flight == 0))
    };
    let outcome = sim.block_until("the power-down to settle every request", move |state, _| {
        if settled(state) {
            Wake::Ready
        } else {
            Wake::Later
        }
    });
    if outcome == Outcome::Ready {
        return;
    }
    let stuck: Vec<ObjId> = {
        let state = sim.lock();
        owned_requests(&state, &queues)
            .into_iter()
            .filter(|r| state.request(*r).is_some_and(|r| !r.stop_acknowledged))
            .collect()
    };
    for request in stuck {
        let described = sim.lock().describe(request);
        sim.violation(
            Rule::RequestNotCompleted,
            checkpoint,
            described,
            "the driver neither completed, requeued nor acknowledged (WdfRequestStopAcknowledge) \
             this request when its device left D0, and nothing left could: the power-down \
             would wait forever (bug check 0x9F DRIVER_POWER_STATE_FAILURE on Windows)"
                .to_owned(),
        );
    }
}

/// A power-up's restart of a device's power-managed queues: each request the driver kept
/// through the power-down goes to EvtIoResume, then the queues present again.
pub(crate) fn resume_after_power_up(sim: &Sim, device: ObjId) {
    let queues = device_queues(&sim.lock(), device, true);
    let level = irql::current();
    for queue in queues {
        let (resume, kept) = {
            let mut state = sim.lock();
            let kept: Vec<ObjId> = owned_requests(&state, &[queue])
                .into_iter()
                .filter(|r| state.request(*r).is_some_and(|r| r.stop_acknowledged))
                .collect();
            for request in &kept {
                if let Some(data) = state.request_mut(*request) {
                    data.stop_acknowledged = false;
                }
            }
            let Some(data) = state.queue_mut(queue) else {
                continue;
            };
            data.started = true;
            (data.config.EvtIoResume, kept)
        };
        if let Some(resume) = resume {
            for request in kept {
                queue_callback(sim, queue, "EvtIoResume", level, || {
                    // SAFETY: the queue's EvtIoResume, with the live queue and a request the
                    // driver kept through the power-down.
                    unsafe { resume(handle(queue), handle(request)) };
                });
            }
        }
        dispatch(sim, queue);
    }
}

/// The driver gives a request it owns back to a queue (`WdfRequestForwardToIoQueue`,
/// `WdfRequestRequeue`, `WdfRequestStopAcknowledge` with requeue): it leaves `from`'s presented
/// count and waits in `to`, at the front (requeued) or the back (forwarded). The caller then
/// calls [`cancel_if_requested`] with the state lock released.
pub(crate) fn hand_back(state: &mut State, request: ObjId, from: ObjId, to: ObjId, front: bool) {
    if let Some(queue) = state.queue_mut(from) {
        queue.presented = queue.presented.saturating_sub(1);
    }
    if let Some(queue) = state.queue_mut(to) {
        if front {
            queue.pending.push_front(request);
        } else {
            queue.pending.push_back(request);
        }
    }
    if let Some(data) = state.request_mut(request) {
        data.owner = Owner::Queued(to);
    }
    // The driver chose another way for a request whose send failed: no longer the send's to end.
    state.failed_sends.remove(&request);
}

/// A request put (back) into a queue after its I/O was cancelled is cancelled there at once, as
/// the framework does when the IRP's cancel flag is already set.
pub(crate) fn cancel_if_requested(sim: &Sim, request: ObjId) {
    let cancelled = sim.lock().request(request).is_some_and(|r| {
        r.cancel_requested && r.completed.is_none() && matches!(r.owner, Owner::Queued(_))
    });
    if cancelled {
        cancel_request(sim, request);
    }
}

/// A manual queue's EvtIoQueueReadyNotify (`WdfIoQueueReadyNotify`): called when the queue goes
/// from empty to holding a request (every arrival dispatches, so one waiting request is that
/// moment).
fn notify_ready(sim: &Sim, queue: ObjId) {
    let ready = {
        let state = sim.lock();
        let Some(&(callback, context)) = state.extra.ready_notify.get(&queue) else {
            return;
        };
        let arrived = state
            .queue(queue)
            .is_some_and(|q| q.started && q.pending.len() == 1);
        arrived.then_some((callback, context))
    };
    if let Some((callback, context)) = ready {
        let level = irql::current();
        queue_callback(sim, queue, "EvtIoQueueReadyNotify", level, || {
            // SAFETY: the driver's EvtIoQueueState for this live queue, with its context.
            unsafe {
                callback(
                    handle(queue),
                    std::ptr::with_exposed_provenance_mut(context),
                );
            };
        });
    }
}
