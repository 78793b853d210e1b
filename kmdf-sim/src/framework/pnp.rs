//! The framework's side of PnP and power (FxPkgPnp): device add, the start sequence, the
//! removal sequence (queues purged as KMDF does, every request and callback waited for), and
//! the leak checks at removal and unload.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::irql::{self, PASSIVE};
use crate::memory::tag_text;
use crate::pnp_power::PnpStep;
use crate::state::{InitData, Kind, ObjData, ObjId, Sim, SimError, State, handle};
use crate::verifier::Rule;

/// Completed requests of a removed device that a driver reference still keeps: each reference
/// never released is a leak. Reported, then freed so the run can go on.
pub(crate) fn report_kept_requests(sim: &Sim, device: ObjId, step: &'static str) {
    let kept: Vec<ObjId> = {
        let state = sim.lock();
        state
            .objects
            .iter()
            .filter_map(|(id, o)| match &o.data {
                ObjData::Request(r) if r.device == Some(device) && r.completed.is_some() => {
                    Some(*id)
                }
                _ => None,
            })
            .collect()
    };
    for id in kept {
        {
            let mut state = sim.lock();
            let described = state.describe(id);
            let sites: Vec<String> = state
                .objects
                .get(&id)
                .map(|o| o.references.iter().map(|r| r.site.clone()).collect())
                .unwrap_or_default();
            state.violation(
                Rule::ObjectLeak,
                step,
                described,
                format!(
                    "the completed request is still referenced when its device is removed \
                     (WdfObjectReference at {} never released)",
                    sites.join(", ")
                ),
            );
            if let Some(object) = state.objects.get_mut(&id) {
                object.references.clear();
            }
        }
        crate::framework::destroy(sim, id, "freed after its leaked reference was reported");
    }
}

/// Reports everything still alive after the driver object was deleted, then frees it.
pub(crate) fn leak_check(state: &mut State, step: &str) {
    let leaked: Vec<ObjId> = state
        .objects
        .keys()
        .copied()
        .filter(|id| {
            state
                .objects
                .get(id)
                .is_some_and(|o| o.kind != Kind::DeviceInit)
        })
        .collect();
    for id in leaked {
        let described = state.describe(id);
        let references: Vec<String> = state
            .objects
            .get(&id)
            .map(|o| o.references.iter().map(|r| r.site.clone()).collect())
            .unwrap_or_default();
        let detail = if references.is_empty() {
            "still allocated when the driver unloaded".to_owned()
        } else {
            format!(
                "still referenced when the driver unloaded (WdfObjectReference at {} never released)",
                references.join(", ")
            )
        };
        state.violation(Rule::ObjectLeak, step, described, detail);
    }
    state.objects.clear();
    let mut blocks: Vec<(usize, u32, usize)> = state
        .pool
        .iter()
        .map(|(addr, b)| (*addr, b.tag, b.buffer.len()))
        .collect();
    blocks.sort_unstable();
    for (address, tag, size) in blocks {
        state.violation(
            Rule::PoolLeak,
            step,
            format!("pool block {address:#x} tag '{}'", tag_text(tag)),
            format!("{size} bytes allocated with ExAllocatePool2 were never freed"),
        );
    }
    state.pool.clear();
    crate::framework::check_quarantine(state, step);
}

pub(crate) fn add_device(sim: &Arc<Sim>, hardware_id: &str) -> Result<usize, SimError> {
    let (driver, device_add, node, init) = {
        let mut state = sim.lock();
        let Some(driver) = state.driver else {
            return Err(SimError::NoDriverCreated);
        };
        let device_add = match state.objects.get(&driver).map(|o| &o.data) {
            Some(ObjData::Driver(data)) => data.device_add,
            _ => None,
        };
        let Some(device_add) = device_add else {
            return Err(SimError::NoDeviceAdd);
        };
        let node = state.devnodes.len();
        state.devnodes.push(crate::state::DevNode {
            hardware_id: hardware_id.to_owned(),
            device: None,
        });
        let init = state.insert(
            Kind::DeviceInit,
            None,
            ObjData::DeviceInit(Box::new(InitData {
                devnode: Some(node),
                io_type: sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
                exclusive: false,
                pnp: None,
                file: None,
                request_attributes: None,
                filter: false,
            })),
        );
        (driver, device_add, node, init)
    };
    let status = irql::run_callback(sim, "EvtDriverDeviceAdd", PASSIVE, || {
        // SAFETY: the driver's EvtDriverDeviceAdd, with its live WDFDRIVER and a fresh init.
        unsafe { device_add(handle(driver), handle(init)) }
    });
    let device = {
        let mut state = sim.lock();
        if state.objects.contains_key(&init) {
            crate::framework::remove_object(
                &mut state,
                init,
                "freed by the framework when EvtDriverDeviceAdd returned",
            );
        }
        state.devnodes.get(node).and_then(|n| n.device)
    };
    if !sys::NT_SUCCESS(status) {
        if let Some(device) = device {
            discard_device(sim, node, device);
        }
        return Err(SimError::DeviceAddFailed(status));
    }
    let Some(device) = device else {
        return Err(SimError::NoDeviceCreated);
    };
    if let Err(error) = start_device(sim, device) {
        discard_device(sim, node, device);
        return Err(error);
    }
    Ok(node)
}

fn start_device(sim: &Arc<Sim>, device: ObjId) -> Result<(), SimError> {
    for step in [
        PnpStep::PrepareHardware,
        PnpStep::D0Entry,
        PnpStep::SelfManagedIoInit,
    ] {
        let Some(status) = run_pnp(sim, device, step) else {
            continue;
        };
        if !sys::NT_SUCCESS(status) {
            if step != PnpStep::PrepareHardware {
                run_pnp(sim, device, PnpStep::ReleaseHardware);
            }
            return Err(SimError::StartFailed {
                callback: step.name(),
                status,
            });
        }
    }
    if let Some(data) = sim.lock().device_mut(device) {
        data.started = true;
    }
    Ok(())
}

/// Runs one PnP/power callback of the device, if the driver registered it; returns its
/// status (`STATUS_SUCCESS` for callbacks that return nothing).
fn run_pnp(sim: &Arc<Sim>, device: ObjId, step: PnpStep) -> Option<NTSTATUS> {
    let pnp = sim.lock().device(device).and_then(|d| d.pnp)?;
    let d = handle::<sys::WDFDEVICE__>(device);
    let d3 = sys::_WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3Final;
    let none = std::ptr::null_mut();
    let ok = sys::STATUS_SUCCESS;
    // Each call: the driver's own callback, with its live device, at PASSIVE_LEVEL, in the
    // order the PnP manager uses for start and removal (a root-enumerated device has no
    // hardware resources, so the resource lists are null).
    let call: Box<dyn FnOnce() -> NTSTATUS> = match step {
        PnpStep::PrepareHardware => {
            let f = pnp.EvtDevicePrepareHardware?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, none, none) })
        }
        PnpStep::D0Entry => {
            let f = pnp.EvtDeviceD0Entry?;
            // SAFETY: see above; the first start comes from D3Final.
            Box::new(move || unsafe { f(d, d3) })
        }
        PnpStep::SelfManagedIoInit => {
            let f = pnp.EvtDeviceSelfManagedIoInit?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d) })
        }
        PnpStep::SelfManagedIoSuspend => {
            let f = pnp.EvtDeviceSelfManagedIoSuspend?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d) })
        }
        PnpStep::D0Exit => {
            let f = pnp.EvtDeviceD0Exit?;
            // SAFETY: see above; removal leaves for D3Final.
            Box::new(move || unsafe { f(d, d3) })
        }
        PnpStep::SelfManagedIoFlush => {
            let f = pnp.EvtDeviceSelfManagedIoFlush?;
            Box::new(move || {
                // SAFETY: see above.
                unsafe { f(d) };
                ok
            })
        }
        PnpStep::SelfManagedIoCleanup => {
            let f = pnp.EvtDeviceSelfManagedIoCleanup?;
            Box::new(move || {
                // SAFETY: see above.
                unsafe { f(d) };
                ok
            })
        }
        PnpStep::ReleaseHardware => {
            let f = pnp.EvtDeviceReleaseHardware?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, none) })
        }
    };
    Some(irql::run_callback(sim, step.name(), PASSIVE, call))
}

fn discard_device(sim: &Arc<Sim>, node: usize, device: ObjId) {
    if let Some(n) = sim.lock().devnodes.get_mut(node) {
        n.device = None;
    }
    crate::framework::delete_tree(sim, device, "deleted after a failed device add or start");
}

/// Removes a device, as `pnputil /remove-device` does: open handles are closed (cleanup and
/// close), its queues purged (waiting requests cancelled; cancelable requests the driver owns
/// cancelled; any the driver still owns reported), the removal callbacks run, and the device
/// and its children deleted (cleanup callbacks children-first, then destroy callbacks).
///
/// # Errors
/// If the device was already removed.
pub(crate) fn remove_device(
    sim: &Arc<Sim>,
    node: usize,
    step: &'static str,
) -> Result<(), SimError> {
    let (device, files) = {
        let mut state = sim.lock();
        let Some(device) = state.devnodes.get_mut(node).and_then(|n| n.device.take()) else {
            return Err(SimError::DeviceGone);
        };
        if let Some(data) = state.device_mut(device) {
            data.removing = true;
        }
        let files: Vec<ObjId> = state
            .subtree_children_first(device)
            .into_iter()
            .filter(|id| matches!(state.objects.get(id).map(|o| &o.data), Some(ObjData::FileObject(f)) if !f.cleaned_up))
            .collect();
        (device, files)
    };
    for file in files {
        crate::framework::file::close_file(sim, file);
    }
    // As KMDF removes a started device: power-managed queues are purged as the device leaves
    // D0 (EvtIoStop for what the driver owns, then a wait for all of it), the others after
    // EvtDeviceSelfManagedIoFlush; each wait ends only when every request is completed and
    // every callback has returned, or when nothing left could complete them.
    run_pnp(sim, device, PnpStep::SelfManagedIoSuspend);
    crate::framework::queue::purge_for_removal(sim, device, true, step);
    run_pnp(sim, device, PnpStep::D0Exit);
    run_pnp(sim, device, PnpStep::SelfManagedIoFlush);
    crate::framework::queue::purge_for_removal(sim, device, false, step);
    run_pnp(sim, device, PnpStep::SelfManagedIoCleanup);
    run_pnp(sim, device, PnpStep::ReleaseHardware);
    crate::framework::delete_tree(sim, device, "deleted when its device was removed");
    report_kept_requests(sim, device, step);
    crate::framework::check_quarantine(&mut sim.lock(), step);
    Ok(())
}
