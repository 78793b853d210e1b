//! Framework entry points that change a queue's state (wdfio.h): stop, purge, stop-and-purge and
//! drain, each asynchronous (with an EvtIoQueueState callback when the queue is idle) or
//! synchronous (blocking on the scheduler until it is), and `WdfRequestStopAcknowledge`. DDI:
//! "WdfIoQueueStop function (wdfio.h)", "WdfIoQueuePurgeSynchronously", "WdfIoQueueDrain",
//! "WdfIoQueueStopAndPurge", "WdfRequestStopAcknowledge function (wdfrequest.h)".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::PWDF_DRIVER_GLOBALS;

use crate::framework;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::QueueChange;
use crate::state::{Kind, Owner, PendingQueueState};
use crate::verifier::Rule;

/// The body of every queue state change DDI.
pub(crate) fn change(
    globals: PWDF_DRIVER_GLOBALS,
    call: &'static str,
    queue: sys::WDFQUEUE,
    change: QueueChange,
    notify: Option<(sys::PFN_WDF_IO_QUEUE_STATE, sys::WDFCONTEXT)>,
) {
    let synchronous = notify.is_none();
    let sim = irql::enter(globals, call, if synchronous { PASSIVE } else { DISPATCH });
    let id = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(queue, Kind::Queue, call) else {
            return;
        };
        if synchronous && framework::in_callback_of(id) {
            let described = state.describe(id);
            state.violation(
                Rule::InvalidArgument,
                call,
                described,
                "called from a callback of the same queue, it waits for that callback to return: \
                 a deadlock (SDV NoIoQueuePurgeSynchronously / ChangeQueueState)"
                    .to_owned(),
            );
            return;
        }
        if let Some((Some(callback), context)) = notify
            && let Some(data) = state.queue_mut(id)
        {
            data.state_callbacks.push(PendingQueueState {
                change,
                callback,
                context,
            });
        }
        id
    };
    framework::change_queue(&sim, id, change, None);
    if synchronous {
        framework::wait_idle(
            &sim,
            &[id],
            change,
            call,
            "the queue state change waited for it",
        );
    }
}

pub(crate) unsafe extern "C" fn WdfIoQueueStop(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    StopComplete: sys::PFN_WDF_IO_QUEUE_STATE,
    Context: sys::WDFCONTEXT,
) {
    change(
        globals,
        "WdfIoQueueStop",
        Queue,
        QueueChange::Stop,
        Some((StopComplete, Context)),
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueueStopSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) {
    change(
        globals,
        "WdfIoQueueStopSynchronously",
        Queue,
        QueueChange::Stop,
        None,
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueuePurge(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
    PurgeComplete: sys::PFN_WDF_IO_QUEUE_STATE,
    Context: sys::WDFCONTEXT,
) {
    change(
        globals,
        "WdfIoQueuePurge",
        Queue,
        QueueChange::Purge,
        Some((PurgeComplete, Context)),
    );
}

pub(crate) unsafe extern "C" fn WdfIoQueuePurgeSynchronously(
    globals: PWDF_DRIVER_GLOBALS,
    Queue: sys::WDFQUEUE,
) {
    change(
        globals,
        "WdfIoQueuePurgeSynchronously",
        Queue,
        QueueChange::Purge,
        None,
    );
}

pub(crate) unsafe extern "C" fn WdfRequestStopAcknowledge(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Requeue: sys::BOOLEAN,
) {
    const CALL: &str = "WdfRequestStopAcknowledge";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let (queue, id) = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(Request, Kind::Request, CALL) else {
            return;
        };
        let Some(Owner::Driver { queue: Some(queue) }) = state.request(id).map(|r| r.owner) else {
            let described = state.describe(id);
            state.violation(
                Rule::RequestNotOwned,
                CALL,
                described,
                "only a request the driver received from a queue can be stop-acknowledged"
                    .to_owned(),
            );
            return;
        };
        if Requeue == 0 {
            // The driver keeps it through the power-down; EvtIoResume returns it.
            if let Some(data) = state.request_mut(id) {
                data.stop_acknowledged = true;
            }
            return;
        }
        if state
            .request(id)
            .is_some_and(|r| r.cancel_routine.is_some())
        {
            let described = state.describe(id);
            state.violation(
                Rule::CancelMisuse,
                CALL,
                described,
                "a request must be unmarked cancelable before it is requeued".to_owned(),
            );
            return;
        }
        framework::queue::hand_back(&mut state, id, queue, queue, true);
        (queue, id)
    };
    framework::queue::cancel_if_requested(&sim, id);
    framework::notify_queue_state(&sim, queue);
}
