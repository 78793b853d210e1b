//! Framework entry points for DPC objects (wdfdpc.h), run on the simulated timer (DPC) thread at
//! DISPATCH_LEVEL (`framework::dpc`). DDI: "WdfDpcCreate function (wdfdpc.h)", "WdfDpcEnqueue",
//! "WdfDpcCancel", "WdfDpcGetParentObject".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::timer::create_device_child;
use super::write_out;
use crate::framework::{self, dpc};
use crate::irql::{self, DISPATCH, PASSIVE};
use crate::state::{DpcData, Kind, ObjData, current, handle};
use crate::verifier::Rule;

/// `HIGH_LEVEL`: `WdfDpcEnqueue` may be called at any IRQL.
const HIGH_LEVEL: u8 = 15;

pub(crate) unsafe extern "C" fn WdfDpcCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Config: sys::PWDF_DPC_CONFIG,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Dpc: *mut sys::WDFDPC,
) -> NTSTATUS {
    const CALL: &str = "WdfDpcCreate";
    let sim = irql::enter(globals, CALL, DISPATCH);
    write_out(Dpc, std::ptr::null_mut());
    let attributes = framework::read_attributes(Attributes);
    let mut state = sim.lock();
    let config = match framework::read_config(&mut state, Config, CALL) {
        Ok(config) => config,
        Err(status) => return status,
    };
    let data = DpcData {
        callback: config.EvtDpcFunc,
        queued: false,
        running: None,
        serialized: config.AutomaticSerialization != 0,
    };
    let missing = config.EvtDpcFunc.is_none().then_some("EvtDpcFunc");
    create_device_child(
        &mut state,
        CALL,
        missing,
        attributes,
        Kind::Dpc,
        ObjData::Dpc(data),
        Dpc,
    )
}

pub(crate) unsafe extern "C" fn WdfDpcEnqueue(
    globals: PWDF_DRIVER_GLOBALS,
    Dpc: sys::WDFDPC,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfDpcEnqueue";
    let sim = irql::enter(globals, CALL, HIGH_LEVEL);
    let queued = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(Dpc, Kind::Dpc, CALL) else {
            return 0;
        };
        let Some(data) = dpc::dpc_mut(&mut state, id) else {
            return 0;
        };
        if data.queued {
            // Already in the DPC queue: not queued again.
            return 0;
        }
        data.queued = true;
        state.extra.dpc_queue.push_back(id);
        true
    };
    framework::timer::ensure_timer_thread(&sim);
    u8::from(queued)
}

pub(crate) unsafe extern "C" fn WdfDpcCancel(
    globals: PWDF_DRIVER_GLOBALS,
    Dpc: sys::WDFDPC,
    Wait: sys::BOOLEAN,
) -> sys::BOOLEAN {
    const CALL: &str = "WdfDpcCancel";
    let sim = irql::enter(globals, CALL, if Wait != 0 { PASSIVE } else { HIGH_LEVEL });
    let (id, was_queued) = {
        let mut state = sim.lock();
        let Some(id) = state.expect_object(Dpc, Kind::Dpc, CALL) else {
            return 0;
        };
        let was_queued = dpc::dequeue(&mut state, id);
        let running_here = dpc::dpc_mut(&mut state, id)
            .is_some_and(|d| d.running.is_some() && d.running == sim.sched.current());
        if Wait != 0 && running_here {
            state.violation_on(
                Rule::InvalidArgument,
                CALL,
                id,
                "waiting for the DPC's own EvtDpcFunc from inside it deadlocks".to_owned(),
            );
            return u8::from(was_queued);
        }
        (id, was_queued)
    };
    if Wait != 0 {
        dpc::wait_for_callback(&sim, id);
    }
    u8::from(was_queued)
}

pub(crate) unsafe extern "C" fn WdfDpcGetParentObject(
    globals: PWDF_DRIVER_GLOBALS,
    Dpc: sys::WDFDPC,
) -> sys::WDFOBJECT {
    const CALL: &str = "WdfDpcGetParentObject";
    let sim = current(globals, CALL);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Dpc, Kind::Dpc, CALL) else {
        return std::ptr::null_mut();
    };
    state
        .objects
        .get(&id)
        .and_then(|o| o.parent)
        .map_or(std::ptr::null_mut(), handle)
}
