//! The framework's side of PnP and power (FxPkgPnp): device add, the start sequence, the
//! removal sequence (queues purged as KMDF does, every request and callback waited for), and
//! the leak checks at removal and unload.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::irql::{self, PASSIVE};
use crate::memory::tag_text;
use crate::pnp_power::{NodeState, PnpStep};
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
    for (name, id, open) in state.extra.etw.registered() {
        state.violation(
            Rule::EtwProviderNotUnregistered,
            step,
            format!("ETW provider {name} {{{}}}", crate::etw::guid_text(id)),
            format!("registered {open} time(s) with EtwRegister and never unregistered"),
        );
        while state.extra.etw.unregister(id) {}
    }
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
            pdo: Box::new([0; 2]),
            bus,
            pnp: NodeState::Started,
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
                control: None,
                security: None,
                characteristics: 0,
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
        let Some(status) = run_pnp(sim, device, step, D3_FINAL) else {
            continue;
        };
        if !sys::NT_SUCCESS(status) {
            if step != PnpStep::PrepareHardware {
                run_pnp(sim, device, PnpStep::ReleaseHardware, D3_FINAL);
            }
            return Err(SimError::StartFailed {
                callback: step.name(),
                status,
            });
        }
    }
    if let Some(data) = sim.lock().device_mut(device) {
        data.started = true;
        data.in_d0 = true;
    }
    Ok(())
}

/// The power state a first start comes from and a removal goes to.
const D3_FINAL: sys::WDF_POWER_DEVICE_STATE = sys::_WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3Final;
/// The low-power state a power-down goes to and a power-up comes from.
const D3: sys::WDF_POWER_DEVICE_STATE = sys::_WDF_POWER_DEVICE_STATE::WdfPowerDeviceD3;

/// Runs one PnP/power callback of the device, if the driver registered it; returns its
/// status (`STATUS_SUCCESS` for callbacks that return nothing). `power` is the state D0Entry
/// comes from or D0Exit goes to.
fn run_pnp(
    sim: &Arc<Sim>,
    device: ObjId,
    step: PnpStep,
    power: sys::WDF_POWER_DEVICE_STATE,
) -> Option<NTSTATUS> {
    let pnp = sim.lock().device(device).and_then(|d| d.pnp)?;
    let d = handle::<sys::WDFDEVICE__>(device);
    let none = std::ptr::null_mut();
    let ok = sys::STATUS_SUCCESS;
    // Each call: the driver's own callback, with its live device, at PASSIVE_LEVEL, in the
    // order the PnP manager uses (a root-enumerated device has no hardware resources, so the
    // resource lists are null).
    let call: Box<dyn FnOnce() -> NTSTATUS> = match step {
        PnpStep::PrepareHardware => {
            let f = pnp.EvtDevicePrepareHardware?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, none, none) })
        }
        PnpStep::D0Entry => {
            let f = pnp.EvtDeviceD0Entry?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, power) })
        }
        PnpStep::D0Exit => {
            let f = pnp.EvtDeviceD0Exit?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, power) })
        }
        PnpStep::ReleaseHardware => {
            let f = pnp.EvtDeviceReleaseHardware?;
            // SAFETY: see above.
            Box::new(move || unsafe { f(d, none) })
        }
        PnpStep::SelfManagedIoInit => status_callback(d, pnp.EvtDeviceSelfManagedIoInit?),
        PnpStep::SelfManagedIoSuspend => status_callback(d, pnp.EvtDeviceSelfManagedIoSuspend?),
        PnpStep::SelfManagedIoRestart => status_callback(d, pnp.EvtDeviceSelfManagedIoRestart?),
        PnpStep::QueryRemove => status_callback(d, pnp.EvtDeviceQueryRemove?),
        PnpStep::SelfManagedIoFlush => void_callback(d, pnp.EvtDeviceSelfManagedIoFlush?, ok),
        PnpStep::SelfManagedIoCleanup => void_callback(d, pnp.EvtDeviceSelfManagedIoCleanup?, ok),
        PnpStep::SurpriseRemoval => void_callback(d, pnp.EvtDeviceSurpriseRemoval?, ok),
    };
    Some(irql::run_callback(sim, step.name(), PASSIVE, call))
}

type DeviceCallback<R> = unsafe extern "C" fn(sys::WDFDEVICE) -> R;

fn status_callback(
    device: sys::WDFDEVICE,
    f: DeviceCallback<NTSTATUS>,
) -> Box<dyn FnOnce() -> NTSTATUS> {
    // SAFETY: the driver's own callback, with its live device, at PASSIVE_LEVEL.
    Box::new(move || unsafe { f(device) })
}

fn void_callback(
    device: sys::WDFDEVICE,
    f: DeviceCallback<()>,
    ok: NTSTATUS,
) -> Box<dyn FnOnce() -> NTSTATUS> {
    Box::new(move || {
        // SAFETY: the driver's own callback, with its live device, at PASSIVE_LEVEL.
        unsafe { f(device) };
        ok
    })
}

/// Deletes every device of a node whose add or start failed, top first.
fn discard_stack(sim: &Arc<Sim>, node: usize) {
    let stack = match sim.lock().devnodes.get_mut(node) {
        Some(n) => {
            n.pnp = NodeState::Removed;
            std::mem::take(&mut n.stack)
        }
        None => Vec::new(),
    };
    for device in stack.into_iter().rev() {
        crate::framework::delete_tree(sim, device, "deleted after a failed device add or start");
    }
}

/// The devices of node `node`, top first, if its state is one of `from`; else why not.
fn stack_in(
    sim: &Sim,
    node: usize,
    from: &[NodeState],
    asked: &'static str,
) -> Result<Vec<ObjId>, SimError> {
    let state = sim.lock();
    let devnode = state.devnodes.get(node).ok_or(SimError::DeviceGone)?;
    if devnode.pnp == NodeState::Removed || devnode.stack.is_empty() {
        return Err(SimError::DeviceGone);
    }
    if !from.contains(&devnode.pnp) {
        return Err(SimError::InvalidTransition {
            asked,
            state: devnode.pnp.name(),
        });
    }
    Ok(devnode.stack.iter().rev().copied().collect())
}

fn set_node_state(sim: &Sim, node: usize, pnp: NodeState) {
    if let Some(devnode) = sim.lock().devnodes.get_mut(node) {
        devnode.pnp = pnp;
    }
}

/// The file objects of `stack` whose handles are open.
fn open_files(state: &State, stack: &[ObjId]) -> Vec<ObjId> {
    stack
        .iter()
        .flat_map(|device| state.subtree_children_first(*device))
        .filter(|id| {
            matches!(state.objects.get(id).map(|o| &o.data),
                Some(ObjData::FileObject(f)) if !f.cleaned_up)
        })
        .collect()
}

/// IRP_MN_QUERY_REMOVE_DEVICE: vetoed while a handle is open (the PnP manager's own check), or
/// by a driver's EvtDeviceQueryRemove (from the top of the stack down); otherwise the node is
/// query-removed: new opens fail until `cancel_remove` or the removal.
pub(crate) fn query_remove(sim: &Arc<Sim>, node: usize) -> Result<(), SimError> {
    let stack = stack_in(sim, node, &[NodeState::Started], "query-remove")?;
    let open = open_files(&sim.lock(), &stack).len();
    if open > 0 {
        return Err(SimError::RemoveVetoed(format!(
            "{open} handle(s) open on the device"
        )));
    }
    for device in &stack {
        if let Some(status) = run_pnp(sim, *device, PnpStep::QueryRemove, D3_FINAL)
            && !sys::NT_SUCCESS(status)
        {
            return Err(SimError::RemoveVetoed(format!(
                "EvtDeviceQueryRemove returned {}",
                crate::state::status_name(status)
            )));
        }
    }
    set_node_state(sim, node, NodeState::QueryRemoved);
    Ok(())
}

/// IRP_MN_CANCEL_REMOVE_DEVICE: a query-removed node is started again (no driver callback).
pub(crate) fn cancel_remove(sim: &Arc<Sim>, node: usize) -> Result<(), SimError> {
    stack_in(
        sim,
        node,
        &[NodeState::QueryRemoved],
        "cancel the removal of",
    )?;
    set_node_state(sim, node, NodeState::Started);
    Ok(())
}

/// Power-down of each device (top first), as it leaves D0 for `target`: SelfManagedIoSuspend,
/// its power-managed queues `leave`, then D0Exit.
fn leave_d0(
    sim: &Arc<Sim>,
    device: ObjId,
    target: sys::WDF_POWER_DEVICE_STATE,
    leave: impl FnOnce(&Arc<Sim>),
) {
    let in_d0 = sim.lock().device(device).is_some_and(|d| d.in_d0);
    if !in_d0 {
        return;
    }
    run_pnp(sim, device, PnpStep::SelfManagedIoSuspend, target);
    leave(sim);
    run_pnp(sim, device, PnpStep::D0Exit, target);
    if let Some(data) = sim.lock().device_mut(device) {
        data.in_d0 = false;
    }
}

/// A device is removed, as "A User Unplugs a Device" lists it: leaving D0 (power-managed queues
/// purged, what it sent cancelled, all of it waited for), EvtDeviceReleaseHardware,
/// EvtDeviceSelfManagedIoFlush, its other queues purged and waited for.
fn remove_one(sim: &Arc<Sim>, device: ObjId, step: &'static str) {
    leave_d0(sim, device, D3_FINAL, |sim| {
        crate::framework::queue::purge_for_removal(sim, device, true, step);
    });
    // A device that was not in D0 still has its power-managed queues purged.
    crate::framework::queue::purge_for_removal(sim, device, true, step);
    run_pnp(sim, device, PnpStep::ReleaseHardware, D3_FINAL);
    run_pnp(sim, device, PnpStep::SelfManagedIoFlush, D3_FINAL);
    crate::framework::queue::purge_for_removal(sim, device, false, step);
}

/// The end of a removal: EvtDeviceSelfManagedIoCleanup, then the devices are deleted (top
/// first) with their children (cleanup callbacks children-first, then destroy callbacks).
fn finish_remove(sim: &Arc<Sim>, node: usize, stack: &[ObjId], step: &'static str) {
    // A handle closed while its I/O was still in flight gets its EvtFileClose when that I/O
    // completes, possibly on another thread: the devices go only after every such close ran.
    let devices = stack.to_vec();
    let _ = sim.block_until("closed handles' EvtFileClose", move |state, _| {
        let closing = devices.iter().any(|device| {
            state.subtree_children_first(*device).iter().any(|id| {
                matches!(state.objects.get(id).map(|o| &o.data),
                    Some(ObjData::FileObject(f)) if f.cleaned_up)
            })
        });
        if closing {
            crate::scheduler::Wake::Later
        } else {
            crate::scheduler::Wake::Ready
        }
    });
    for device in stack {
        run_pnp(sim, *device, PnpStep::SelfManagedIoCleanup, D3_FINAL);
    }
    for device in stack {
        crate::framework::delete_tree(sim, *device, "deleted when its device was removed");
        report_kept_requests(sim, *device, step);
    }
    if let Some(devnode) = sim.lock().devnodes.get_mut(node) {
        devnode.pnp = NodeState::Removed;
        devnode.stack.clear();
    }
    crate::framework::check_quarantine(&mut sim.lock(), step);
}

fn mark_removing(sim: &Sim, stack: &[ObjId]) {
    let mut state = sim.lock();
    for device in stack {
        if let Some(data) = state.device_mut(*device) {
            data.removing = true;
        }
    }
}

/// Removes a device node, as `pnputil /remove-device` does, with its whole stack: open handles
/// are closed (cleanup and close, down the stack); then each device in turn, from the top down,
/// is removed as "A User Unplugs a Device" lists it (EvtDeviceSelfManagedIoSuspend, its
/// power-managed queues purged and what it sent cancelled, everything waited for,
/// EvtDeviceD0Exit, EvtDeviceReleaseHardware, EvtDeviceSelfManagedIoFlush, its other queues
/// purged and waited for); then EvtDeviceSelfManagedIoCleanup and the devices' deletion. A
/// surprise-removed node finishes its removal here (its handles closed first).
///
/// # Errors
/// If the device was already removed.
pub(crate) fn remove_device(
    sim: &Arc<Sim>,
    node: usize,
    step: &'static str,
) -> Result<(), SimError> {
    let surprise = sim
        .lock()
        .devnodes
        .get(node)
        .is_some_and(|n| n.pnp == NodeState::SurpriseRemoved);
    let stack = stack_in(
        sim,
        node,
        &[
            NodeState::Started,
            NodeState::QueryRemoved,
            NodeState::SurpriseRemoved,
        ],
        "remove",
    )?;
    mark_removing(sim, &stack);
    let files = open_files(&sim.lock(), &stack);
    for file in files {
        crate::framework::file::close_file(sim, file);
    }
    if !surprise {
        for device in &stack {
            remove_one(sim, *device, step);
        }
    }
    finish_remove(sim, node, &stack, step);
    Ok(())
}

/// IRP_MN_SURPRISE_REMOVAL: the hardware is gone. Each device, from the top down, gets
/// EvtDeviceSurpriseRemoval, then is removed as in [`remove_device`] (leaving D0 if it was in
/// it); its interfaces are disabled (no new opens) and open handles fail their new I/O. The
/// removal ends (EvtDeviceSelfManagedIoCleanup and deletion) when the last handle is closed.
pub(crate) fn surprise_remove(
    sim: &Arc<Sim>,
    node: usize,
    step: &'static str,
) -> Result<(), SimError> {
    let stack = stack_in(
        sim,
        node,
        &[NodeState::Started, NodeState::QueryRemoved],
        "surprise-remove",
    )?;
    set_node_state(sim, node, NodeState::SurpriseRemoved);
    mark_removing(sim, &stack);
    for device in &stack {
        run_pnp(sim, *device, PnpStep::SurpriseRemoval, D3_FINAL);
        remove_one(sim, *device, step);
    }
    finish_if_closed(sim, node, step);
    Ok(())
}

/// Ends a surprise removal once no handle is open on the node's stack.
pub(crate) fn finish_if_closed(sim: &Arc<Sim>, node: usize, step: &'static str) {
    let stack = {
        let state = sim.lock();
        match state.devnodes.get(node) {
            Some(n) if n.pnp == NodeState::SurpriseRemoved => {
                let stack: Vec<ObjId> = n.stack.iter().rev().copied().collect();
                if !open_files(&state, &stack).is_empty() {
                    return;
                }
                stack
            }
            _ => return,
        }
    };
    finish_remove(sim, node, &stack, step);
}

/// The device node a device belongs to.
pub(crate) fn node_of(state: &State, device: ObjId) -> Option<usize> {
    state.device(device).and_then(|d| d.devnode)
}

/// The device leaves D0 for D3 while the system runs ("A Device Enters a Low-Power State"):
/// each device from the top down gets EvtDeviceSelfManagedIoSuspend; its power-managed queues
/// stop (requests wait in them) and EvtIoStop gets each request the driver owns from them
/// (`WdfRequestStopActionSuspend`); the power-down waits until each is completed, requeued or
/// acknowledged (`WdfRequestStopAcknowledge`); then EvtDeviceD0Exit(WdfPowerDeviceD3).
pub(crate) fn power_down(sim: &Arc<Sim>, node: usize, step: &'static str) -> Result<(), SimError> {
    let stack = stack_in(sim, node, &[NodeState::Started], "power down")?;
    let top = stack.first().copied().ok_or(SimError::DeviceGone)?;
    if !sim.lock().device(top).is_some_and(|d| d.in_d0) {
        return Err(SimError::InvalidTransition {
            asked: "power down",
            state: "in D3",
        });
    }
    for device in &stack {
        leave_d0(sim, *device, D3, |sim| {
            crate::framework::queue::suspend_for_power_down(sim, *device, step);
        });
    }
    Ok(())
}

/// The device returns to D0 ("A Device Returns to Its Working State"): each device from the
/// bottom up gets EvtDeviceD0Entry(WdfPowerDeviceD3); its power-managed queues restart, with
/// EvtIoResume for each request the driver kept through the power-down; then
/// EvtDeviceSelfManagedIoRestart.
///
/// # Errors
/// If the node is not started and in D3, or a callback fails (the device is then removed, as
/// the framework does with a device that fails to power up).
pub(crate) fn power_up(sim: &Arc<Sim>, node: usize, step: &'static str) -> Result<(), SimError> {
    let stack = stack_in(sim, node, &[NodeState::Started], "power up")?;
    if stack
        .iter()
        .any(|d| sim.lock().device(*d).is_some_and(|d| d.in_d0))
    {
        return Err(SimError::InvalidTransition {
            asked: "power up",
            state: "in D0",
        });
    }
    for device in stack.iter().rev() {
        for callback in [PnpStep::D0Entry, PnpStep::SelfManagedIoRestart] {
            if callback == PnpStep::SelfManagedIoRestart {
                if let Some(data) = sim.lock().device_mut(*device) {
                    data.in_d0 = true;
                }
                crate::framework::queue::resume_after_power_up(sim, *device);
            }
            if let Some(status) = run_pnp(sim, *device, callback, D3)
                && !sys::NT_SUCCESS(status)
            {
                let _ = remove_device(sim, node, step);
                return Err(SimError::StartFailed {
                    callback: callback.name(),
                    status,
                });
            }
        }
    }
    Ok(())
}

/// A control device's deletion (`WdfObjectDelete`, or at unload): its handles are closed, its
/// queues purged and waited for, then it is deleted with its children.
pub(crate) fn delete_control_device(sim: &Arc<Sim>, device: ObjId, step: &'static str) {
    let files = {
        let mut state = sim.lock();
        if let Some(data) = state.device_mut(device) {
            data.removing = true;
        }
        open_files(&state, &[device])
    };
    for file in files {
        crate::framework::file::close_file(sim, file);
    }
    crate::framework::queue::purge_for_removal(sim, device, true, step);
    crate::framework::queue::purge_for_removal(sim, device, false, step);
    crate::framework::delete_tree(sim, device, "deleted by WdfObjectDelete");
}

/// Before a driver unloads: a control device it never deleted, and a control device's
/// WDFDEVICE_INIT it neither used nor freed, are reported, then cleaned up so the run goes on.
pub(crate) fn check_control_leftovers(sim: &Arc<Sim>, driver: ObjId, step: &'static str) {
    let (devices, inits) = {
        let state = sim.lock();
        let mut devices = Vec::new();
        let mut inits = Vec::new();
        for (id, object) in &state.objects {
            match &object.data {
                ObjData::Device(d) if d.control.is_some() && object.parent == Some(driver) => {
                    devices.push(*id);
                }
                ObjData::DeviceInit(init) if init.control.is_some() && init.driver == driver => {
                    inits.push(*id);
                }
                _ => {}
            }
        }
        (devices, inits)
    };
    for device in devices {
        let described = sim.lock().describe(device);
        sim.violation(
            Rule::ControlDeviceNotDeleted,
            step,
            described,
            "the control device was not deleted before its driver unloaded (delete it with \
             WdfObjectDelete, e.g. when the last device it serves goes)"
                .to_owned(),
        );
        delete_control_device(sim, device, step);
    }
    for init in inits {
        let mut state = sim.lock();
        let described = state.describe(init);
        state.violation(
            Rule::DeviceInitNotFreed,
            step,
            described,
            "a WDFDEVICE_INIT from WdfControlDeviceInitAllocate was neither passed to \
             WdfDeviceCreate nor freed with WdfDeviceInitFree"
                .to_owned(),
        );
        crate::framework::remove_object(&mut state, init, "freed at unload after its leak");
    }
}
