//! Framework entry points for general objects and their synchronization locks (wdfobject.h,
//! wdfsync.h), and the request queries and completion that need no buffer (wdfrequest.h). DDI:
//! "WdfObjectCreate function (wdfobject.h)", "WdfObjectContextGetObject", "WdfObjectAcquireLock
//! function (wdfsync.h)", "WdfObjectReleaseLock", "WdfRequestMarkCancelable function
//! (wdfrequest.h)", "WdfRequestIsFrom32BitProcess", "WdfRequestGetRequestorProcessId",
//! "WdfRequestCompleteWithPriorityBoost".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use std::cell::RefCell;

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::request::{complete, owned_request};
use super::write_out;
use crate::framework;
use crate::irql::{self, APC, DISPATCH};
use crate::scheduler::{Outcome, Wake};
use crate::state::{Kind, ObjData, ObjId, State, current, handle};
use crate::verifier::Rule;

thread_local! {
    /// The IRQL each `WdfObjectAcquireLock` of this thread raised from, innermost last.
    static SAVED_IRQL: RefCell<Vec<(ObjId, u8)>> = const { RefCell::new(Vec::new()) };
}

pub(crate) unsafe extern "C" fn WdfObjectCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Object: *mut sys::WDFOBJECT,
) -> NTSTATUS {
    const CALL: &str = "WdfObjectCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(Object, std::ptr::null_mut());
    let parent = state.default_parent();
    match framework::create_object(
        &mut state,
        Kind::Object,
        parent,
        framework::read_attributes(Attributes),
        ObjData::General,
        CALL,
    ) {
        Ok(id) => {
            write_out(Object, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfObjectContextGetObject(
    globals: PWDF_DRIVER_GLOBALS,
    ContextPointer: sys::PVOID,
) -> sys::WDFOBJECT {
    const CALL: &str = "WdfObjectContextGetObject";
    let sim = current(globals, CALL);
    let mut state = sim.lock();
    let found = state.objects.iter().find_map(|(id, object)| {
        object
            .contexts
            .iter()
            .any(|c| c.memory.as_ptr().cast() == ContextPointer)
            .then_some(*id)
    });
    if let Some(id) = found {
        return handle(id);
    }
    state.violation(
        Rule::InvalidArgument,
        CALL,
        format!("context pointer {ContextPointer:p}"),
        "not the start of a live object's context".to_owned(),
    );
    std::ptr::null_mut()
}

/// The synchronization lock `object` (a device or a queue) has, and whether it is a passive-level
/// one; None after a report.
fn object_lock(state: &mut State, object: sys::WDFOBJECT, call: &str) -> Option<(ObjId, bool)> {
    let id = super::object::any_object(state, object, call)?;
    let kind = state.objects.get(&id).map(|o| o.kind);
    if !matches!(kind, Some(Kind::Device | Kind::Queue)) {
        state.violation_on(
            Rule::InvalidArgument,
            call,
            id,
            "only a device or a queue has a synchronization lock".to_owned(),
        );
        return None;
    }
    Some((id, state.passive_level(id)))
}

pub(crate) unsafe extern "C" fn WdfObjectAcquireLock(
    globals: PWDF_DRIVER_GLOBALS,
    Object: sys::WDFOBJECT,
) {
    const CALL: &str = "WdfObjectAcquireLock";
    let sim = current(globals, CALL);
    let Some((id, passive)) = object_lock(&mut sim.lock(), Object, CALL) else {
        return;
    };
    // A passive-level object's lock is a fast mutex (APC_LEVEL at most); otherwise a spin lock.
    irql::check_max(&sim, CALL, if passive { APC } else { DISPATCH });
    sim.sched.yield_now();
    let me = sim.sched.current().unwrap_or_default();
    loop {
        {
            let mut state = sim.lock();
            match state.sync_locks.get(&id) {
                None => {
                    state.sync_locks.insert(id, (me, 1));
                    break;
                }
                Some((holder, _)) if *holder == me => {
                    state.violation_on(
                        Rule::LockMisuse,
                        CALL,
                        id,
                        "the thread already holds this synchronization lock (in a callback the \
                         framework serialises with it, or acquired before): a deadlock"
                            .to_owned(),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
        let outcome = sim.block_until("an object's synchronization lock", move |state, _| {
            if state.sync_locks.contains_key(&id) {
                Wake::Later
            } else {
                Wake::Ready
            }
        });
        if outcome == Outcome::Stuck {
            sim.lock().violation_on(
                Rule::LockMisuse,
                CALL,
                id,
                "deadlock: the lock is held by a thread that can never release it".to_owned(),
            );
            return;
        }
    }
    SAVED_IRQL.with(|saved| saved.borrow_mut().push((id, irql::current())));
    if !passive {
        irql::set(DISPATCH);
        irql::add_spin_lock(1);
    }
}

pub(crate) unsafe extern "C" fn WdfObjectReleaseLock(
    globals: PWDF_DRIVER_GLOBALS,
    Object: sys::WDFOBJECT,
) {
    const CALL: &str = "WdfObjectReleaseLock";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let me = sim.sched.current().unwrap_or_default();
    let mut state = sim.lock();
    let Some((id, passive)) = object_lock(&mut state, Object, CALL) else {
        return;
    };
    let saved = SAVED_IRQL.with(|saved| {
        let mut saved = saved.borrow_mut();
        let at = saved.iter().rposition(|(lock, _)| *lock == id)?;
        Some(saved.remove(at).1)
    });
    let held = state
        .sync_locks
        .get(&id)
        .is_some_and(|(holder, _)| *holder == me);
    let (Some(level), true) = (saved, held) else {
        state.violation_on(
            Rule::LockMisuse,
            CALL,
            id,
            "released by a thread that did not acquire it with WdfObjectAcquireLock".to_owned(),
        );
        return;
    };
    state.sync_locks.remove(&id);
    drop(state);
    if !passive {
        irql::add_spin_lock(-1);
        irql::set(level);
    }
}

pub(crate) unsafe extern "C" fn WdfRequestMarkCancelable(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    EvtRequestCancel: sys::PFN_WDF_REQUEST_CANCEL,
) {
    // SAFETY: the same contract as this DDI's.
    let status =
        unsafe { super::request::WdfRequestMarkCancelableEx(globals, Request, EvtRequestCancel) };
    // Unlike the Ex form, a request already cancelled gets its cancel routine at once.
    if status == sys::STATUS_CANCELLED
        && let Some(routine) = EvtRequestCancel
    {
        let sim = current(globals, "WdfRequestMarkCancelable");
        let level = irql::current();
        irql::run_callback(&sim, "EvtRequestCancel", level, || {
            // SAFETY: the driver's cancel routine, with the request it owns.
            unsafe { routine(Request) };
        });
    }
}

pub(crate) unsafe extern "C" fn WdfRequestIsFrom32BitProcess(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfRequestIsFrom32BitProcess";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let _ = owned_request(&mut sim.lock(), Request, CALL);
    // The simulated callers are the test's own (64-bit) process.
    0
}

pub(crate) unsafe extern "C" fn WdfRequestGetRequestorProcessId(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
) -> sys::ULONG {
    const CALL: &str = "WdfRequestGetRequestorProcessId";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = owned_request(&mut state, Request, CALL) else {
        return 0;
    };
    // A request the I/O manager made came from the caller: this process. A driver-created one
    // has no user-mode requestor.
    if state.request(id).is_some_and(|r| r.created) {
        0
    } else {
        std::process::id()
    }
}

pub(crate) unsafe extern "C" fn WdfRequestCompleteWithPriorityBoost(
    globals: PWDF_DRIVER_GLOBALS,
    Request: sys::WDFREQUEST,
    Status: NTSTATUS,
    PriorityBoost: sys::CCHAR,
) {
    // The boost raises the waiting thread's priority; simulated threads have none.
    let _ = PriorityBoost;
    complete(
        globals,
        "WdfRequestCompleteWithPriorityBoost",
        Request,
        Status,
        None,
    );
}
