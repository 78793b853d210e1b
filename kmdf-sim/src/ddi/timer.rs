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

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::ddi::write_out;
use crate::framework;
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{Kind, ObjData, State, TimerData, WorkItemData, handle};
use crate::verifier::Rule;

/// `STATUS_WDF_PARENT_NOT_SPECIFIED` (ntstatus.h, 0xC0200212). wdk-sys 0.5.2 does not bind the
/// `STATUS_WDF_*` codes, so neither does the mirror; the simulator keeps its own.
#[expect(
    clippy::cast_possible_wrap,
    reason = "an NTSTATUS written as its hex bit pattern"
)]
const STATUS_WDF_PARENT_NOT_SPECIFIED: NTSTATUS = 0xC020_0212_u32 as i32;

/// Timers and work items need a parent: a device, a queue, or an object below a device.
pub(crate) fn parent_below_device(
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
    Err(STATUS_WDF_PARENT_NOT_SPECIFIED)
}

/// What WdfTimerCreate and WdfWorkItemCreate share after reading their configuration: the
/// callback is required, the parent must lead to a device, then the object is created and its
/// handle written out.
pub(crate) fn create_device_child<H>(
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
    match framework::create_object(state, kind, None, attributes, data, call) {
        Ok(id) => {
            write_out(out, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
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
    let attributes = framework::read_attributes(Attributes);
    let mut state = sim.lock();
    let config = match framework::read_config(&mut state, Config, CALL) {
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
    crate::framework::timer::ensure_timer_thread(&sim);
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
    let Some(timer) = crate::framework::timer::timer_mut(&mut state, id) else {
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
        let Some(timer) = crate::framework::timer::timer_mut(&mut state, id) else {
            return 0;
        };
        let was_queued = timer.due.take().is_some();
        if Wait != 0 && timer.running.is_some() && timer.running == sim.sched.current() {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                id,
                "waiting for the timer's own EvtTimerFunc from inside it deadlocks".to_owned(),
            );
            return u8::from(was_queued);
        }
        (id, was_queued)
    };
    if Wait != 0 {
        crate::framework::timer::wait_for_timer_callback(&sim, id);
    }
    u8::from(was_queued)
}

pub(crate) unsafe extern "C" fn WdfTimerGetParentObject(
    globals: PWDF_DRIVER_GLOBALS,
    Timer: sys::WDFTIMER,
) -> sys::WDFOBJECT {
    parent_object(globals, Timer, Kind::Timer, "WdfTimerGetParentObject")
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
    let attributes = framework::read_attributes(Attributes);
    let mut state = sim.lock();
    let config = match framework::read_config(&mut state, Config, CALL) {
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
    let Some(item) = crate::framework::timer::work_item_mut(&mut state, id) else {
        return;
    };
    if !item.queued {
        item.queued = true;
        state.work_queue.push_back(id);
        drop(state);
        crate::framework::timer::ensure_worker(&sim);
    }
}

pub(crate) unsafe extern "C" fn WdfWorkItemGetParentObject(
    globals: PWDF_DRIVER_GLOBALS,
    WorkItem: sys::WDFWORKITEM,
) -> sys::WDFOBJECT {
    parent_object(
        globals,
        WorkItem,
        Kind::WorkItem,
        "WdfWorkItemGetParentObject",
    )
}

/// `WdfTimerGetParentObject` and `WdfWorkItemGetParentObject`: the parent given at creation.
fn parent_object<T>(
    globals: PWDF_DRIVER_GLOBALS,
    object: *const T,
    kind: Kind,
    call: &'static str,
) -> sys::WDFOBJECT {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(object, kind, call) else {
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
    crate::framework::timer::flush(&sim, state, id);
}
