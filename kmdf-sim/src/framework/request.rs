//! Requests (FxRequest): completion as one state transition, cancellation (in a queue, or
//! through the driver's cancel routine), and completion on the simulator's own authority.

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use super::delete_tree;
use super::queue::{dispatch, notify_queue_state, queue_callback};
use super::sync::run_synchronized;
use super::target::{finish_level, then};
use crate::irql;
use crate::state::{
    Completion, FailedSend, Fate, IrpId, Level, ObjId, Owner, Sim, handle, status_name,
};
use crate::verifier::Rule;

/// Completes a request, as `WdfRequestComplete*` does: in one step under the state lock, a
/// second completion is caught (the first result stands), ownership, cancel state and
/// information are checked, the I/O result is published to the caller and the buffers are
/// given back (poisoned and quarantined). Then the request's children are deleted and its
/// cleanup callbacks run; the framework's reference goes, and the request object is freed unless
/// the driver still holds a reference (then it goes with the last `WdfObjectDereference`). The
/// queue presents its next request. `information` is `None` to use the value set with
/// `WdfRequestSetInformation`.
pub(crate) fn complete(
    sim: &Sim,
    request: ObjId,
    status: NTSTATUS,
    information: Option<u64>,
    call: &'static str,
) {
    let (queue, file, next) = {
        let mut state = sim.lock();
        // A request the driver can complete is in no other state that ends a failed send's
        // record (sent again, queued, completed before), so it is taken here.
        let failed_send = state.failed_sends.remove(&request);
        let Some(data) = state.request_mut(request) else {
            return;
        };
        if let Some(first) = data.completed {
            let described = state.describe(request);
            state.violation(
                Rule::DoubleCompletion,
                call,
                described,
                format!(
                    "the request was already {}; the first completion stands",
                    Fate::Completed {
                        status: first.status,
                        by: first.by
                    }
                ),
            );
            return;
        }
        if let Some(why) = cannot_complete(data) {
            state.violation_on(Rule::RequestNotOwned, call, request, why.to_owned());
            return;
        }
        data.completed = Some(Completion { status, by: call });
        let information = information.unwrap_or(data.information);
        let mut problems: Vec<(Rule, String)> =
            status_replaced(failed_send, status).into_iter().collect();
        let queue = match data.owner {
            Owner::Driver { queue } | Owner::Sent { queue, .. } => queue,
            Owner::Queued(_) => {
                problems.push((
                    Rule::RequestNotOwned,
                    "the request is still in a queue; the driver does not own it".to_owned(),
                ));
                None
            }
        };
        if data.cancel_routine.take().is_some() {
            problems.push((
                Rule::CompletedWhileCancelable,
                "completed while still marked cancelable: call WdfRequestUnmarkCancelable first"
                    .to_owned(),
            ));
        }
        let limit = data.kind.information_limit();
        let reported = if !sys::NT_ERROR(status) && information > limit {
            problems.push((
                Rule::InformationExceedsBuffer,
                format!("information {information} exceeds the {limit}-byte buffer of the request"),
            ));
            limit
        } else {
            information
        };
        let (irp, kind, upper, file) = (data.irp, data.kind, data.upper, data.file);
        let buffers = [data.input.take(), data.output.take()];
        if !problems.is_empty() {
            let described = state.describe(request);
            for (rule, detail) in problems {
                state.violation(rule, call, described.clone(), detail);
            }
        }
        if let Some(queue) = queue.and_then(|q| state.queue_mut(q)) {
            queue.presented = queue.presented.saturating_sub(1);
        }
        let next = finish_level(
            &mut state,
            Level { irp, kind, upper },
            status,
            reported,
            buffers,
            request,
            call,
        );
        (queue, file, next)
    };
    delete_tree(sim, request, Fate::Completed { status, by: call });
    if let Some(queue) = queue {
        dispatch(sim, queue);
        notify_queue_state(sim, queue);
    }
    if let Some(file) = file {
        crate::framework::file::finish_close(sim, file);
    }
    then(sim, next);
}

/// The `FailedSendStatusReplaced` report of a completion with `status`, if the request's send
/// failed (`failed`) with another status and the driver did not say why.
fn status_replaced(failed: Option<FailedSend>, status: NTSTATUS) -> Option<(Rule, String)> {
    let failed = failed.filter(|f| f.status != status && !f.explained)?;
    Some((
        Rule::FailedSendStatusReplaced,
        format!(
            "WdfRequestSend returned FALSE with {} (WdfRequestGetStatus), and the request was \
             completed with {} without saying why: complete it with the send's status, or print \
             the reason (wdk::println!, DbgPrint) on the thread the send failed on before \
             completing it",
            status_name(failed.status),
            status_name(status)
        ),
    ))
}

/// Why a driver cannot complete a request that is not in a queue, if it cannot.
fn cannot_complete(data: &crate::state::RequestData) -> Option<&'static str> {
    if data.created {
        Some(
            "the driver created this request (WdfRequestCreate): it is deleted with \
             WdfObjectDelete, never completed",
        )
    } else if matches!(data.owner, Owner::Sent { .. }) {
        Some(
            "the request was sent to an I/O target and has not come back; it cannot be \
             completed until its completion routine runs (or WdfRequestSend returns)",
        )
    } else {
        None
    }
}

/// Cancels a request. Waiting in a queue: the framework takes it out and, if the driver had
/// already received it once (it was requeued or forwarded there) and the queue has
/// EvtIoCanceledOnQueue, hands it to the driver through that callback; otherwise it completes it
/// with STATUS_CANCELLED itself. Owned by the driver and cancelable: its cancel routine runs,
/// once. Otherwise the cancel is remembered for `WdfRequestIsCanceled` and
/// `WdfRequestMarkCancelableEx`. Callbacks run at the canceller's IRQL.
pub(crate) fn cancel_request(sim: &Sim, request: ObjId) {
    enum Action {
        None,
        CanceledOnQueue(ObjId, unsafe extern "C" fn(sys::WDFQUEUE, sys::WDFREQUEST)),
        CompleteCancelled,
        CancelRoutine(unsafe extern "C" fn(sys::WDFREQUEST)),
        /// Sent to an I/O target: the cancel goes down to where the request is now.
        Lower(ObjId),
        Bus(IrpId),
    }
    let action = {
        let mut state = sim.lock();
        let Some(data) = state.request_mut(request) else {
            return;
        };
        if data.completed.is_some() {
            return;
        }
        data.cancel_requested = true;
        let delivered = data.delivered;
        match data.owner {
            Owner::Queued(queue) => {
                data.owner = Owner::Driver { queue: Some(queue) };
                let callback = state.queue_mut(queue).and_then(|q| {
                    q.pending.retain(|r| *r != request);
                    q.presented += 1;
                    q.config.EvtIoCanceledOnQueue
                });
                match callback {
                    Some(callback) if delivered => Action::CanceledOnQueue(queue, callback),
                    _ => Action::CompleteCancelled,
                }
            }
            Owner::Driver { .. } => data
                .cancel_routine
                .take()
                .map_or(Action::None, Action::CancelRoutine),
            Owner::Sent { .. } => match data.sent.and_then(|s| s.lower) {
                Some(lower) => Action::Lower(lower),
                None => Action::Bus(data.irp),
            },
        }
    };
    let level = irql::current();
    match action {
        Action::None => {}
        Action::CanceledOnQueue(queue, callback) => {
            queue_callback(sim, queue, "EvtIoCanceledOnQueue", level, || {
                // SAFETY: the queue's registered callback, with live handles; the driver now owns
                // the request and must complete it.
                unsafe { callback(handle(queue), handle(request)) };
            });
        }
        Action::CompleteCancelled => {
            complete(
                sim,
                request,
                sys::STATUS_CANCELLED,
                Some(0),
                "the framework (request cancelled in its queue)",
            );
        }
        Action::Lower(lower) => cancel_request(sim, lower),
        Action::Bus(irp) => super::target::cancel_at_bus(sim, Some(request), irp),
        Action::CancelRoutine(routine) => {
            let lock = {
                let state = sim.lock();
                match state.request(request).map(|r| r.owner) {
                    Some(Owner::Driver { queue: Some(queue) }) => state.sync_lock(queue),
                    _ => None,
                }
            };
            run_synchronized(sim, lock, "EvtRequestCancel", level, || {
                // SAFETY: the cancel routine the driver registered for this live request.
                unsafe { routine(handle(request)) };
            });
        }
    }
}

/// Completes a request on the simulator's own authority (after reporting why), without the
/// ownership and cancel checks of a driver completion.
pub(crate) fn force_complete(sim: &Sim, request: ObjId, checkpoint: &'static str) {
    {
        let mut state = sim.lock();
        state.failed_sends.remove(&request);
        if let Some(data) = state.request_mut(request) {
            data.cancel_routine = None;
        }
    }
    complete(sim, request, sys::STATUS_CANCELLED, Some(0), checkpoint);
}
