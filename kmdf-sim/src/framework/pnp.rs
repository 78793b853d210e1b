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

/// Adds a device node: the PnP manager calls EvtDriverDeviceAdd of each driver of `drivers`
/// (bottom to top: lower filters, the function driver, upper filters), each with a fresh
/// WDFDEVICE_INIT, stacking the device each creates on the one below; then starts the stack
/// from the bottom up. On a failure every device created is deleted again.
pub(crate) fn add_device(
    sim: &Arc<Sim>,
    hardware_id: &str,
    drivers: &[ObjId],
    bus: crate::bus::LowerDevice,
) -> Result<usize, SimError> {
    let node = {
        let mut state = sim.lock();
        let node = state.devnodes.len();
        state.devnodes.push(crate::state::DevNode {
            hardware_id: hardware_id.to_owned(),
            stack: Vec::new(),
            bus,
            removed: false,
        });
        node
    };
    for driver in drivers {
        if let Err(error) = add_to_stack(sim, node, *driver) {
            discard_stack(sim, node);
            return Err(error);
        }
    }
    let stack = sim
        .lock()
        .devnodes
        .get(node)
        .map(|n| n.stack.clone())
        .unwrap_or_default();
    for device in stack {
        if let Err(error) = start_device(sim, device) {
            discard_stack(sim, node);
            return Err(error);
        }
    }
    Ok(node)
}

/// EvtDriverDeviceAdd of `driver` for device node `node`: it must create exactly one device.
fn add_to_stack(sim: &Arc<Sim>, node: usize, driver: ObjId) -> Result<(), SimError> {
    let (device_add, init, depth) = {
        let mut state = sim.lock();
        let device_add = match state.objects.get(&driver).map(|o| &o.data) {
            Some(ObjData::Driver(data)) => data.device_add,
            _ => return Err(SimError::NoDriverCreated),
        };
        let Some(device_add) = device_add else {
            return Err(SimError::NoDeviceAdd);
        };
        let depth = state.devnodes.get(node).map_or(0, |n| n.stack.len());
        let init = state.insert(
            Kind::DeviceInit,
            None,
            ObjData::DeviceInit(Box::new(InitData {
                driver,
                devnode: Some(node),
                io_type: sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
                exclusive: false,
                pnp: None,
                file: None,
                request_attributes: None,
                filter: false,
            })),
        );
        (device_add, init, depth)
    };
    let status = irql::run_callback(sim, "EvtDriverDeviceAdd", PASSIVE, || {
        // SAFETY: the driver's EvtDriverDeviceAdd, with its live WDFDRIVER and a fresh init.
        unsafe { device_add(handle(driver), handle(init)) }
    });
    let created = {
        let mut state = sim.lock();
        if state.objects.contains_key(&init) {
            crate::framework::remove_object(
                &mut state,
                init,
                "freed by the framework when EvtDriverDeviceAdd returned",
            );
        }
        state.devnodes.get(node).map_or(0, |n| n.stack.len()) > depth
    };
    if !sys::NT_SUCCESS(status) {
        return Err(SimError::DeviceAddFailed(status));
    }
    if !created {
        return Err(SimError::NoDeviceCreated);
    }
    Ok(())
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

/// Deletes every device of a node whose add or start failed, top first.
fn discard_stack(sim: &Arc<Sim>, node: usize) {
    let stack = match sim.lock().devnodes.get_mut(node) {
        Some(n) => {
            n.removed = true;
            std::mem::take(&mut n.stack)
        }
        None => Vec::new(),
    };
    for device in stack.into_iter().rev() {
        crate::framework::delete_tree(sim, device, "deleted after a failed device add or start");
    }
}

/// Removes a device node, as `pnputil /remove-device` does, with its whole stack: open handles
/// are closed (cleanup and close, down the stack); then, from the top device down, each device
/// leaves D0 (SelfManagedIoSuspend, its power-managed queues purged and the requests it sent
/// cancelled, everything waited for, D0Exit); then, from the top down, each device is removed
/// (SelfManagedIoFlush, its other queues purged and waited for, SelfManagedIoCleanup,
/// ReleaseHardware) and deleted with its children (cleanup callbacks children-first, then
/// destroy callbacks).
///
/// # Errors
/// If the device was already removed.
pub(crate) fn remove_device(
    sim: &Arc<Sim>,
    node: usize,
    step: &'static str,
) -> Result<(), SimError> {
    let (stack, files) = {
        let mut state = sim.lock();
        let Some(devnode) = state.devnodes.get_mut(node) else {
            return Err(SimError::DeviceGone);
        };
        if devnode.removed || devnode.stack.is_empty() {
            return Err(SimError::DeviceGone);
        }
        devnode.removed = true;
        let stack: Vec<ObjId> = devnode.stack.iter().rev().copied().collect();
        let mut files = Vec::new();
        for device in &stack {
            if let Some(data) = state.device_mut(*device) {
                data.removing = true;
            }
            files.extend(
                state
                    .subtree_children_first(*device)
                    .into_iter()
                    .filter(|id| {
                        matches!(state.objects.get(id).map(|o| &o.data),
                    Some(ObjData::FileObject(f)) if !f.cleaned_up)
                    }),
            );
        }
        (stack, files)
    };
    for file in files {
        crate::framework::file::close_file(sim, file);
    }
    // As KMDF removes a started device: power-managed queues are purged as the device leaves
    // D0 (EvtIoStop for what the driver owns, the requests it sent to other devices cancelled,
    // then a wait for all of it), the others after EvtDeviceSelfManagedIoFlush; each wait ends
    // only when every request is completed and every callback has returned, or when nothing
    // left could complete them.
    for device in &stack {
        run_pnp(sim, *device, PnpStep::SelfManagedIoSuspend);
        crate::framework::queue::purge_for_removal(sim, *device, true, step);
        run_pnp(sim, *device, PnpStep::D0Exit);
    }
    for device in &stack {
        run_pnp(sim, *device, PnpStep::SelfManagedIoFlush);
        crate::framework::queue::purge_for_removal(sim, *device, false, step);
        run_pnp(sim, *device, PnpStep::SelfManagedIoCleanup);
        run_pnp(sim, *device, PnpStep::ReleaseHardware);
        crate::framework::delete_tree(sim, *device, "deleted when its device was removed");
        report_kept_requests(sim, *device, step);
    }
    if let Some(devnode) = sim.lock().devnodes.get_mut(node) {
        devnode.stack.clear();
    }
    crate::framework::check_quarantine(&mut sim.lock(), step);
    Ok(())
}
