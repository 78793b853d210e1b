//! Timers on virtual time and work items on a simulated system worker thread (wdftimer.h,
//! wdfworkitem.h). DDI: "WdfTimerCreate function (wdftimer.h)", "WdfTimerStart function",
//! "WdfTimerStop function", "WdfWorkItemCreate function (wdfworkitem.h)", "WdfWorkItemEnqueue",
//! "WdfWorkItemFlush".
//!
//! Time moves only when a test calls `Simulation::advance`: due timers fire then, in due order,
//! on the test's thread, at DISPATCH_LEVEL (PASSIVE_LEVEL for a timer created with
//! `ExecutionLevel = WdfExecutionLevelPassive`). Work items run on one worker thread per
//! simulation, at PASSIVE_LEVEL, in the order they were queued.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::ddi_device::write_out;
use crate::engine;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{Kind, ObjData, ObjId, Sim, State, TimerData, WorkItemData, handle};
use crate::verifier::Rule;

/// Timers and work items need a parent: a device, a queue, or an object below a device.
fn parent_below_device(
    state: &mut State,
    attributes: Option<&sys::WDF_OBJECT_ATTRIBUTES>,
    call: &str,
) -> Result<(), NTSTATUS> {
    let parent = attributes
        .map(|a| a.ParentObject)
        .filter(|p| !p.is_null())
        .and_then(|p| crate::state::id_of(p.cast_const()));
    let mut cursor = parent;
    while let Some(id) = cursor {
        let Some(object) = state.objects.get(&id) else {
            break;
        };
        if object.kind == Kind::Device {
            return Ok(());
        }
        cursor = object.parent;
    }
    state.violation(
        Rule::InvalidArgument,
        call,
        "WDF_OBJECT_ATTRIBUTES.ParentObject".to_owned(),
        "must be a device, a queue, or another object whose parents lead to a device".to_owned(),
    );
    Err(sys::STATUS_WDF_PARENT_NOT_SPECIFIED)
}

/// What WdfTimerCreate and WdfWorkItemCreate share after reading their configuration: the
/// callback is required, the parent must lead to a device, then the object is created and its
/// handle written out.
fn create_device_child<H>(
    state: &mut State,
    call: &str,
    callback_missing: Option<&str>,
    attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    kind: Kind,
    data: ObjData,
    out: *mut *mut H,
) -> NTSTATUS {
    if let Some(callback) = callback_missing {
        state.violation(
            Rule::InvalidArgument,
            call,
            callback.to_owned(),
            format!("{callback} is null"),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    if let Err(status) = parent_below_device(state, attributes.as_ref(), call) {
        return status;
    }
    match engine::create_object(state, kind, None, attributes, data, call) {
        Ok(id) => {
            write_out(out, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

fn timer_mut(state: &mut State, id: ObjId) -> Option<&mut TimerData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::Timer(timer)) => Some(timer),
        _ => None,
    }
}

fn work_item_mut(state: &mut State, id: ObjId) -> Option<&mut WorkItemData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::WorkItem(item)) => Some(item),
        _ => None,
    }
}

pub(crate) unsafe extern "C" fn WdfTimerCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Config: sys::PWDF_TIMER_CONFIG,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Timer: *mut sys::WDFTIMER,
) -> NTSTATUS {
    const CALL: &str = "WdfTimerCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    write_out(Timer, std::ptr::null_mut());
    let attributes = engine::read_attributes(Attributes);
    let mut state = sim.lock();
    let config = match engine::read_config(&mut state, Config, CALL) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let data = TimerData {
        callback: config.EvtTimerFunc,
        period: u64::from(config.Period).saturating_mul(10_000),
        due: None,
        passive: attributes.is_some_and(|a| {
            a.ExecutionLevel == sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelPassive
        }),
        running: None,
    };
    let missing = config.EvtTimerFunc.is_none().then_some("EvtTimerFunc");
    create_device_child(
        &mut state,
        CALL,
        missing,
        attributes,
        Kind::Timer,
        ObjData::Timer(data),
        Timer,
    )
}

pub(crate) unsafe extern "C" fn WdfTimerStart(
    globals: PWDF_DRIVER_GLOBALS,
    Timer: sys::WDFTIMER,
    DueTime: sys::LONGLONG,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfTimerStart";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Timer, Kind::Timer, CALL) else {
        return 0;
    };
    let now = state.now;
    // Negative: relative, in 100 ns units. Otherwise absolute (here: on the virtual clock).
    let due = if DueTime < 0 {
        now.saturating_add(DueTime.unsigned_abs())
    } else {
        now.max(DueTime.unsigned_abs())
    };
    let Some(timer) = timer_mut(&mut state, id) else {
        return 0;
    };
    u8::from(timer.due.replace(due).is_some())
}

pub(crate) unsafe extern "C" fn WdfTimerStop(
    globals: PWDF_DRIVER_GLOBALS,
    Timer: sys::WDFTIMER,
    Wait: sys::BOOLEAN,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfTimerStop";
    let sim = irql::enter(globals, CALL, if Wait != 0 { PASSIVE } else { DISPATCH });
    let (id, was_queued) = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(Timer, Kind::Timer, CALL) else {
            return 0;
        };
        let described = state.describe(id);
        let Some(timer) = timer_mut(&mut state, id) else {
            return 0;
        };
        let was_queued = timer.due.take().is_some();
        if Wait != 0 && timer.running == Some(std::thread::current().id()) {
            state.violation(
                Rule::InvalidArgument,
                CALL,
                described,
                "waiting for the timer's own EvtTimerFunc from inside it deadlocks".to_owned(),
            );
            return u8::from(was_queued);
        }
        (id, was_queued)
    };
    if Wait != 0 {
        // Wait for a callback running on another thread to return.
        while sim
            .lock()
            .objects
            .get(&id)
            .is_some_and(|o| matches!(&o.data, ObjData::Timer(t) if t.running.is_some()))
        {
            std::thread::yield_now();
        }
    }
    u8::from(was_queued)
}

pub(crate) unsafe extern "C" fn WdfTimerGetParentObject(
    globals: PWDF_DRIVER_GLOBALS,
    Timer: sys::WDFTIMER,
) -> sys::WDFOBJECT {
    const CALL: &str = "WdfTimerGetParentObject";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Timer, Kind::Timer, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .objects
        .get(&id)
        .and_then(|o| o.parent)
        .map_or(std::ptr::null_mut(), handle)
}

/// Advances virtual time to `target`, firing every timer that falls due on the way, in due
/// order (a periodic timer as often as its period fits).
pub(crate) fn advance_to(sim: &Sim, target: u64) {
    loop {
        let next = {
            let mut state = sim.lock();
            let next = state
                .objects
                .iter()
                .filter_map(|(id, o)| match &o.data {
                    ObjData::Timer(t) if !o.deleting => {
                        t.due.filter(|due| *due <= target).map(|due| (due, *id))
                    }
                    _ => None,
                })
                .min();
            let Some((due, id)) = next else {
                state.now = state.now.max(target);
                break;
            };
            state.now = state.now.max(due);
            let Some(timer) = timer_mut(&mut state, id) else {
                continue;
            };
            timer.due = (timer.period > 0).then(|| due.saturating_add(timer.period));
            timer.running = Some(std::thread::current().id());
            (id, timer.callback, timer.passive)
        };
        let (id, callback, passive) = next;
        if let Some(callback) = callback {
            let level = if passive { PASSIVE } else { DISPATCH };
            irql::run_callback(sim, "EvtTimerFunc", level, || {
                // SAFETY: the driver's timer callback, with its live timer.
                unsafe { callback(handle(id)) };
            });
        }
        if let Some(timer) = timer_mut(&mut sim.lock(), id) {
            timer.running = None;
        }
    }
}

pub(crate) unsafe extern "C" fn WdfWorkItemCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Config: sys::PWDF_WORKITEM_CONFIG,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    WorkItem: *mut sys::WDFWORKITEM,
) -> NTSTATUS {
    const CALL: &str = "WdfWorkItemCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    write_out(WorkItem, std::ptr::null_mut());
    let attributes = engine::read_attributes(Attributes);
    let mut state = sim.lock();
    let config = match engine::read_config(&mut state, Config, CALL) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let data = WorkItemData {
        callback: config.EvtWorkItemFunc,
        queued: false,
        running: false,
    };
    let missing = config
        .EvtWorkItemFunc
        .is_none()
        .then_some("EvtWorkItemFunc");
    create_device_child(
        &mut state,
        CALL,
        missing,
        attributes,
        Kind::WorkItem,
        ObjData::WorkItem(data),
        WorkItem,
    )
}

pub(crate) unsafe extern "C" fn WdfWorkItemEnqueue(
    globals: PWDF_DRIVER_GLOBALS,
    WorkItem: sys::WDFWORKITEM,
) {
    const CALL: &str = "WdfWorkItemEnqueue";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(WorkItem, Kind::WorkItem, CALL) else {
        return;
    };
    let Some(item) = work_item_mut(&mut state, id) else {
        return;
    };
    if !item.queued {
        item.queued = true;
        state.work_queue.push_back(id);
        sim.work.notify_all();
    }
}

pub(crate) unsafe extern "C" fn WdfWorkItemGetParentObject(
    globals: PWDF_DRIVER_GLOBALS,
    WorkItem: sys::WDFWORKITEM,
) -> sys::WDFOBJECT {
    const CALL: &str = "WdfWorkItemGetParentObject";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(WorkItem, Kind::WorkItem, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .objects
        .get(&id)
        .and_then(|o| o.parent)
        .map_or(std::ptr::null_mut(), handle)
}

pub(crate) unsafe extern "C" fn WdfWorkItemFlush(
    globals: PWDF_DRIVER_GLOBALS,
    WorkItem: sys::WDFWORKITEM,
) {
    const CALL: &str = "WdfWorkItemFlush";
    let sim = irql::enter(globals, CALL, PASSIVE);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(WorkItem, Kind::WorkItem, CALL) else {
        return;
    };
    if state.worker == Some(std::thread::current().id()) {
        let described = state.describe(id);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "flushing a work item from the worker thread deadlocks".to_owned(),
        );
        return;
    }
    flush_locked(&sim, state, id);
}

/// Waits, with the state lock released while waiting, until work item `id` is neither queued
/// nor running.
fn flush_locked(sim: &Sim, mut state: std::sync::MutexGuard<'_, State>, id: ObjId) {
    while state
        .objects
        .get(&id)
        .is_some_and(|o| matches!(&o.data, ObjData::WorkItem(w) if w.queued || w.running))
    {
        state = sim
            .work
            .wait(state)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
    }
}

/// The simulated system worker thread: runs queued work items at PASSIVE_LEVEL until told to
/// stop.
pub(crate) fn worker(sim: &Arc<Sim>) {
    sim.lock().worker = Some(std::thread::current().id());
    loop {
        let (id, callback) = {
            let mut state = sim.lock();
            loop {
                if let Some(id) = state.work_queue.pop_front() {
                    let Some(item) = work_item_mut(&mut state, id) else {
                        continue;
                    };
                    item.queued = false;
                    item.running = true;
                    break (id, item.callback);
                }
                if state.worker_stop {
                    state.worker = None;
                    return;
                }
                state = sim
                    .work
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        };
        if let Some(callback) = callback {
            irql::run_callback(sim, "EvtWorkItemFunc", PASSIVE, || {
                // SAFETY: the driver's work item callback, with its live work item.
                unsafe { callback(handle(id)) };
            });
        }
        if let Some(item) = work_item_mut(&mut sim.lock(), id) {
            item.running = false;
        }
        sim.work.notify_all();
    }
}

/// Before an object tree is deleted: stop its timers (waiting for running callbacks) and flush
/// its work items, as the framework does when it deletes them.
pub(crate) fn quiesce(sim: &Sim, ids: &[ObjId]) {
    let me = std::thread::current().id();
    for id in ids {
        let state = sim.lock();
        match state.objects.get(id).map(|o| &o.data) {
            Some(ObjData::Timer(_)) => {
                drop(state);
                if let Some(timer) = timer_mut(&mut sim.lock(), *id) {
                    timer.due = None;
                }
                while sim.lock().objects.get(id).is_some_and(
                    |o| matches!(&o.data, ObjData::Timer(t) if t.running.is_some_and(|t| t != me)),
                ) {
                    std::thread::yield_now();
                }
            }
            Some(ObjData::WorkItem(_)) if state.worker != Some(me) => flush_locked(sim, state, *id),
            _ => {}
        }
    }
}
