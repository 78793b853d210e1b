//! Timers on virtual time and work items on a simulated system worker thread (wdftimer.h,
//! wdfworkitem.h). DDI: "WdfTimerCreate function (wdftimer.h)", "WdfTimerStart function",
//! "WdfTimerStop function", "WdfWorkItemCreate function (wdfworkitem.h)", "WdfWorkItemEnqueue",
//! "WdfWorkItemFlush".
//!
//! Time is the scheduler's virtual clock: it moves when no simulated thread can run (to the
//! earliest due time) or when a test waits with `Simulation::advance`. Due timers fire in due
//! order on a simulated timer thread at DISPATCH_LEVEL, as DPCs; a timer created with
//! `ExecutionLevel = WdfExecutionLevelPassive` has its callback run by the system worker thread at
//! PASSIVE_LEVEL instead. Work items run on one simulated system worker thread, at PASSIVE_LEVEL,
//! in the order they were queued. Both threads start when first needed.

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::ddi_device::write_out;
use crate::engine;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::scheduler::Wake;
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
        serialized: config.AutomaticSerialization != 0,
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
    ensure_timer_thread(&sim);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Timer, Kind::Timer, CALL) else {
        return 0;
    };
    let now = sim.now();
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
        if Wait != 0 && timer.running.is_some() && timer.running == sim.sched.current() {
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
        wait_for_timer_callback(&sim, id);
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
        serialized: config.AutomaticSerialization != 0,
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
        drop(state);
        ensure_worker(&sim);
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
    if state.worker.is_some() && state.worker == sim.sched.current() {
        let described = state.describe(id);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "flushing a work item from the worker thread deadlocks".to_owned(),
        );
        return;
    }
    flush(&sim, state, id);
}

/// Blocks (on the scheduler) until work item `id` is neither queued nor running.
fn flush(sim: &Arc<Sim>, state: std::sync::MutexGuard<'_, State>, id: ObjId) {
    drop(state);
    let shared = Arc::clone(sim);
    let _ =
        sim.sched
            .block("a work item to finish (WdfWorkItemFlush)", move |_| {
                let busy = shared.lock().objects.get(&id).is_some_and(
                    |o| matches!(&o.data, ObjData::WorkItem(w) if w.queued || w.running),
                );
                if busy { Wake::Later } else { Wake::Ready }
            });
}

/// Blocks until timer `id`'s callback is not running on another thread.
fn wait_for_timer_callback(sim: &Arc<Sim>, id: ObjId) {
    let me = sim.sched.current();
    let shared = Arc::clone(sim);
    let _ = sim
        .sched
        .block("a timer's EvtTimerFunc to return", move |_| {
            let running = shared.lock().objects.get(&id).is_some_and(
                |o| matches!(&o.data, ObjData::Timer(t) if t.running.is_some() && t.running != me),
            );
            if running { Wake::Later } else { Wake::Ready }
        });
}

/// Starts the simulated system worker thread, if it is not running yet.
pub(crate) fn ensure_worker(sim: &Arc<Sim>) {
    {
        let mut state = sim.lock();
        if state.worker.is_some() || state.worker_stop {
            return;
        }
        // Reserve the slot before the thread exists, so a second caller does not start another.
        state.worker = Some(crate::scheduler::Tid::MAX);
    }
    let shared = Arc::clone(sim);
    let tid = sim.sched.spawn("the system worker thread", move || {
        worker(&shared);
    });
    sim.lock().worker = Some(tid);
}

/// Starts the simulated timer (DPC) thread, if it is not running yet.
pub(crate) fn ensure_timer_thread(sim: &Arc<Sim>) {
    {
        let mut state = sim.lock();
        if state.timer_thread.is_some() || state.timer_stop {
            return;
        }
        state.timer_thread = Some(crate::scheduler::Tid::MAX);
    }
    let shared = Arc::clone(sim);
    let tid = sim.sched.spawn("the timer thread (DPCs)", move || {
        timer_thread(&shared);
    });
    sim.lock().timer_thread = Some(tid);
}

/// The simulated system worker thread: runs queued work items (and passive-level timers) at
/// PASSIVE_LEVEL, in the order they were queued, until told to stop.
fn worker(sim: &Arc<Sim>) {
    irql::set(PASSIVE);
    loop {
        let shared = Arc::clone(sim);
        let _ = sim
            .sched
            .block("work to do (the system worker thread)", move |_| {
                let state = shared.lock();
                if state.work_queue.is_empty() && !state.worker_stop {
                    Wake::Later
                } else {
                    Wake::Ready
                }
            });
        let next = {
            let mut state = sim.lock();
            match state.work_queue.pop_front() {
                Some(id) => match state.objects.get_mut(&id).map(|o| &mut o.data) {
                    Some(ObjData::WorkItem(item)) => {
                        item.queued = false;
                        item.running = true;
                        item.callback.map(|f| Work::Item(id, f))
                    }
                    Some(ObjData::Timer(timer)) => timer.callback.map(|f| Work::Timer(id, f)),
                    Some(ObjData::Queue(_)) => Some(Work::Present(id)),
                    _ => None,
                },
                None if state.worker_stop => {
                    state.worker = None;
                    return;
                }
                None => None,
            }
        };
        match next {
            Some(Work::Item(id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::engine::run_synchronized(sim, lock, "EvtWorkItemFunc", PASSIVE, || {
                    // SAFETY: the driver's work item callback, with its live work item.
                    unsafe { callback(handle(id)) };
                });
                if let Some(item) = work_item_mut(&mut sim.lock(), id) {
                    item.running = false;
                }
            }
            Some(Work::Timer(id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::engine::run_synchronized(sim, lock, "EvtTimerFunc", PASSIVE, || {
                    // SAFETY: the driver's timer callback, with its live timer.
                    unsafe { callback(handle(id)) };
                });
                if let Some(timer) = timer_mut(&mut sim.lock(), id) {
                    timer.running = None;
                }
            }
            Some(Work::Present(queue)) => crate::engine::dispatch(sim, queue),
            None => {}
        }
    }
}

enum Work {
    Item(ObjId, unsafe extern "C" fn(sys::WDFWORKITEM)),
    Timer(ObjId, unsafe extern "C" fn(sys::WDFTIMER)),
    /// A passive-level queue with requests to present (deferred from DISPATCH_LEVEL).
    Present(ObjId),
}

/// Whether, at virtual time `now`, no timer is due or running and no work is queued or running:
/// what `Simulation::advance` waits for once the time has come.
pub(crate) fn settled(state: &State, now: u64) -> bool {
    next_due(state).is_none_or(|(due, _)| due > now)
        && state.work_queue.is_empty()
        && !state.objects.values().any(|o| match &o.data {
            ObjData::Timer(t) => t.running.is_some(),
            ObjData::WorkItem(w) => w.running,
            _ => false,
        })
}

/// The earliest due time among live timers.
fn next_due(state: &State) -> Option<(u64, ObjId)> {
    state
        .objects
        .iter()
        .filter_map(|(id, o)| match &o.data {
            ObjData::Timer(t) if !o.deleting => t.due.map(|due| (due, *id)),
            _ => None,
        })
        .min()
}

/// The simulated timer thread: at DISPATCH_LEVEL, as a DPC, fires each timer when virtual time
/// reaches its due time, in due order; a passive-level timer's callback goes to the worker.
fn timer_thread(sim: &Arc<Sim>) {
    irql::set(DISPATCH);
    let me = sim.sched.current();
    loop {
        let shared = Arc::clone(sim);
        let _ = sim
            .sched
            .block("a timer to fall due (the timer thread)", move |now| {
                let state = shared.lock();
                if state.timer_stop {
                    return Wake::Ready;
                }
                match next_due(&state) {
                    Some((due, _)) if due <= now => Wake::Ready,
                    Some((due, _)) => Wake::At(due),
                    None => Wake::Later,
                }
            });
        let now = sim.now();
        let fire = {
            let mut state = sim.lock();
            if state.timer_stop {
                state.timer_thread = None;
                return;
            }
            let Some((due, id)) = next_due(&state).filter(|(due, _)| *due <= now) else {
                continue;
            };
            let Some(timer) = timer_mut(&mut state, id) else {
                continue;
            };
            timer.due = (timer.period > 0).then(|| due.saturating_add(timer.period));
            timer.running = me;
            let (callback, passive) = (timer.callback, timer.passive);
            if passive {
                state.work_queue.push_back(id);
                None
            } else {
                callback.map(|f| (id, f))
            }
        };
        match fire {
            Some((id, callback)) => {
                let lock = sim.lock().serialization_lock(id);
                crate::engine::run_synchronized(sim, lock, "EvtTimerFunc", DISPATCH, || {
                    // SAFETY: the driver's timer callback, with its live timer.
                    unsafe { callback(handle(id)) };
                });
                if let Some(timer) = timer_mut(&mut sim.lock(), id) {
                    timer.running = None;
                }
            }
            None => ensure_worker(sim),
        }
    }
}

/// Stops the timer and worker threads (at the end of the simulation) and waits for them.
pub(crate) fn stop_system_threads(sim: &Arc<Sim>) {
    let (worker, timer) = {
        let mut state = sim.lock();
        state.worker_stop = true;
        state.timer_stop = true;
        (state.worker, state.timer_thread)
    };
    for tid in [timer, worker].into_iter().flatten() {
        let _ = sim.sched.join(tid);
    }
}

/// Before an object tree is deleted: stop its timers (waiting for running callbacks) and flush
/// its work items, as the framework does when it deletes them.
pub(crate) fn quiesce(sim: &Arc<Sim>, ids: &[ObjId]) {
    for id in ids {
        let state = sim.lock();
        match state.objects.get(id).map(|o| &o.data) {
            Some(ObjData::Timer(_)) => {
                drop(state);
                if let Some(timer) = timer_mut(&mut sim.lock(), *id) {
                    timer.due = None;
                }
                wait_for_timer_callback(sim, *id);
            }
            Some(ObjData::WorkItem(_))
                if state.worker.is_none() || state.worker != sim.sched.current() =>
            {
                flush(sim, state, *id);
            }
            _ => {}
        }
    }
}
