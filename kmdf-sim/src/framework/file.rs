//! File objects (FxFileObject): IRP_MJ_CREATE through EvtDeviceFileCreate, IRP_MJ_CLEANUP
//! (EvtFileCleanup, then the file's queued requests cancelled) and IRP_MJ_CLOSE once no I/O of
//! the file is left.

use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;

use crate::irql::{self, PASSIVE};
use crate::state::{
    FileData, Irp, Kind, ObjData, ObjId, Owner, RequestData, RequestKind, Sim, SimError, State,
    handle,
};

/// IRP_MJ_CREATE on the first started device node whose stack exposes `interface` (on any of
/// its devices), as [`open_stack`] does it. Returns the top device's file object and the top
/// device.
pub(crate) fn open_file(
    sim: &Arc<Sim>,
    interface: &sys::GUID,
    access: crate::io_manager::Access,
    caller: crate::security::Caller,
) -> Result<(ObjId, ObjId), SimError> {
    sim.sched.assert_member();
    let stack: Vec<ObjId> = {
        let state = sim.lock();
        let exposes = |d: &ObjId| {
            state.device(*d).is_some_and(|data| {
                data.started
                    && !data.removing
                    && data.interfaces.iter().any(|(g, r)| {
                        same_guid(g, interface)
                            && !super::device_state::interface_disabled(&state, *d, g, r.as_deref())
                    })
            })
        };
        let node = state
            .devnodes
            .iter()
            .find(|n| n.top().is_some() && n.stack.iter().any(exposes));
        let Some(node) = node else {
            return Err(SimError::NoSuchInterface(guid_text(interface)));
        };
        // The I/O manager's access check against each device's security descriptor.
        let refused = node.stack.iter().any(|d| {
            state
                .device(*d)
                .and_then(|data| data.security.as_ref())
                .is_some_and(|sd| !sd.grants(caller, access.read, access.write))
        });
        if refused {
            return Err(SimError::CreateFailed(sys::STATUS_ACCESS_DENIED));
        }
        node.stack.iter().rev().copied().collect()
    };
    open_stack(sim, &stack).unwrap_or_else(|| Err(SimError::NoSuchInterface(guid_text(interface))))
}

/// IRP_MJ_CREATE down `stack` (its devices, top first): from the top device down, each device
/// gets its file object of the open and its EvtDeviceFileCreate, if it has one; a filter device
/// passes the create on to the next lower device, a function device ends it. Returns the top
/// device's file object and the top device (None if the stack is empty).
pub(crate) fn open_stack(
    sim: &Arc<Sim>,
    stack: &[ObjId],
) -> Option<Result<(ObjId, ObjId), SimError>> {
    // An exclusive device takes one handle at a time (the I/O manager's check).
    let busy = {
        let state = sim.lock();
        stack.iter().any(|device| {
            state.device(*device).is_some_and(|d| d.exclusive)
                && state.subtree_children_first(*device).iter().any(|id| {
                    matches!(state.objects.get(id).map(|o| &o.data),
                        Some(ObjData::FileObject(f)) if !f.cleaned_up)
                })
        })
    };
    if busy {
        return Some(Err(SimError::CreateFailed(sys::STATUS_ACCESS_DENIED)));
    }
    let mut opened: Vec<ObjId> = Vec::new();
    for device in stack {
        let (file, filter) = match create_on(sim, *device, opened.last().copied()) {
            Ok(done) => done,
            Err(error) => {
                if let Some(top) = opened.first() {
                    close_file(sim, *top);
                }
                return Some(Err(error));
            }
        };
        opened.push(file);
        if !filter {
            break;
        }
    }
    match (opened.first(), stack.first()) {
        (Some(file), Some(device)) => Some(Ok((*file, *device))),
        _ => None,
    }
}

/// Whether two GUIDs are the same, field by field: wdk-sys's `GUID` (and so the mirror's) has no
/// `PartialEq`.
pub(crate) fn same_guid(a: &sys::GUID, b: &sys::GUID) -> bool {
    a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 && a.Data4 == b.Data4
}

pub(crate) fn guid_text(interface: &sys::GUID) -> String {
    format!(
        "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{}}}",
        interface.Data1,
        interface.Data2,
        interface.Data3,
        interface.Data4[0],
        interface.Data4[1],
        interface
            .Data4
            .get(2..)
            .unwrap_or_default()
            .iter()
            .fold(String::new(), |mut text, b| {
                let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{b:02X}"));
                text
            })
    )
}

/// The create at one device of the stack: its file object (linked under `upper`, the file
/// object of the device above) and its EvtDeviceFileCreate. Returns the file object and whether
/// the device is a filter (the create goes on down).
fn create_on(
    sim: &Arc<Sim>,
    device: ObjId,
    upper: Option<ObjId>,
) -> Result<(ObjId, bool), SimError> {
    let (file, filter, create) = {
        let mut state = sim.lock();
        let config = state.device(device).and_then(|d| d.file);
        let filter = state.device(device).is_some_and(|d| d.filter);
        let file = crate::framework::create_object(
            &mut state,
            Kind::FileObject,
            Some(device),
            config.and_then(|c| c.attributes),
            ObjData::FileObject(FileData {
                device,
                lower: None,
                cleaned_up: false,
                cleanup_finished: false,
                closing: false,
            }),
            "IRP_MJ_CREATE",
        )
        .map_err(SimError::CreateFailed)?;
        if let Some(ObjData::FileObject(data)) = upper
            .and_then(|u| state.objects.get_mut(&u))
            .map(|o| &mut o.data)
        {
            data.lower = Some(file);
        }
        let create = config.and_then(|c| c.create).map(|callback| {
            let irp = state.fresh_id();
            let mut data = RequestData::new(
                irp,
                RequestKind::Create,
                device,
                Owner::Driver { queue: None },
            );
            data.file = Some(file);
            let request = state.insert(Kind::Request, None, ObjData::Request(Box::new(data)));
            state.irps.insert(
                irp,
                Irp {
                    kind: RequestKind::Create,
                    request: Some(request),
                    result: None,
                    cancel_requested: false,
                    abandoned: false,
                },
            );
            (irp, request, callback)
        });
        (file, filter, create)
    };
    if let Some((irp, request, callback)) = create {
        irql::run_callback(sim, "EvtDeviceFileCreate", PASSIVE, || {
            // SAFETY: the driver's EvtDeviceFileCreate with live device, request and file object.
            unsafe { callback(handle(device), handle(request), handle(file)) };
        });
        let result = crate::io_manager::wait_for_irp(sim, irp);
        if !sys::NT_SUCCESS(result.status) {
            let mut state = sim.lock();
            if let Some(ObjData::FileObject(data)) = upper
                .and_then(|u| state.objects.get_mut(&u))
                .map(|o| &mut o.data)
            {
                data.lower = None;
            }
            drop(state);
            crate::framework::delete_tree(sim, file, "deleted after its create request failed");
            return Err(SimError::CreateFailed(result.status));
        }
    }
    Ok((file, filter))
}

/// IRP_MJ_CLEANUP, as KMDF handles it: EvtFileCleanup runs first; then the requests of this
/// file still waiting in the device's queues are cancelled, queue by queue in arrival order;
/// close (EvtFileClose, then the file object's deletion) follows once no I/O of the file is left.
/// Then the same at the next lower device of the stack.
pub(crate) fn close_file(sim: &Arc<Sim>, file: ObjId) {
    let (config, device, lower) = {
        let mut state = sim.lock();
        let (device, lower) = match state.objects.get_mut(&file).map(|o| &mut o.data) {
            Some(ObjData::FileObject(data)) if !data.cleaned_up => {
                data.cleaned_up = true;
                (data.device, data.lower)
            }
            _ => return,
        };
        (state.device(device).and_then(|d| d.file), device, lower)
    };
    if let Some(cleanup) = config.and_then(|c| c.cleanup) {
        irql::run_callback(sim, "EvtFileCleanup", PASSIVE, || {
            // SAFETY: the driver's EvtFileCleanup with the live file object.
            unsafe { cleanup(handle(file)) };
        });
    }
    let waiting: Vec<ObjId> = {
        let state = sim.lock();
        let mut queues = crate::framework::queue::device_queues(&state, device, true);
        queues.extend(crate::framework::queue::device_queues(
            &state, device, false,
        ));
        queues
            .iter()
            .filter_map(|q| state.queue(*q))
            .flat_map(|q| q.pending.iter().copied())
            .filter(|r| state.request(*r).is_some_and(|r| r.file == Some(file)))
            .collect()
    };
    for request in waiting {
        crate::framework::cancel_request(sim, request);
    }
    if let Some(ObjData::FileObject(data)) = sim.lock().objects.get_mut(&file).map(|o| &mut o.data)
    {
        data.cleanup_finished = true;
    }
    finish_close(sim, file);
    // IRP_MJ_CLEANUP goes on down the stack.
    if let Some(lower) = lower {
        close_file(sim, lower);
    }
}

/// Runs EvtFileClose and deletes the file object if its handle is closed and no I/O remains.
pub(crate) fn finish_close(sim: &Sim, file: ObjId) {
    let config = {
        let mut state = sim.lock();
        let Some(ObjData::FileObject(data)) = state.objects.get(&file).map(|o| &o.data) else {
            return;
        };
        if !data.cleanup_finished || data.closing {
            return;
        }
        let device = data.device;
        let busy = state
            .objects
            .values()
            .any(|o| matches!(&o.data, ObjData::Request(r) if r.file == Some(file) && r.completed.is_none()));
        if busy {
            return;
        }
        if let Some(ObjData::FileObject(data)) = state.objects.get_mut(&file).map(|o| &mut o.data) {
            data.closing = true;
        }
        state.device(device).and_then(|d| d.file)
    };
    if let Some(close) = config.and_then(|c| c.close) {
        irql::run_callback(sim, "EvtFileClose", PASSIVE, || {
            // SAFETY: the driver's EvtFileClose with the live file object, once.
            unsafe { close(handle(file)) };
        });
    }
    crate::framework::delete_tree(sim, file, "deleted when its handle was closed");
}

/// A name as the object manager resolves it: `\\.\X`, `\\?\X`, `\DosDevices\X`,
/// `\DosDevices\Global\X`, `\GLOBAL??\X` and `\??\X` are one name; case does not matter.
pub(crate) fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase();
    for prefix in [
        r"\\.\",
        r"\\?\",
        r"\dosdevices\global\",
        r"\dosdevices\",
        r"\global??\",
        r"\??\global\",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return format!(r"\??\{rest}");
        }
    }
    lower
}

/// The control device that `name` names (its `\Device\...` name or one of its links).
pub(crate) fn named_device(state: &State, name: &str) -> Option<ObjId> {
    let wanted = normalize_name(name);
    state
        .objects
        .iter()
        .find_map(|(id, object)| match &object.data {
            ObjData::Device(device) if !device.removing => {
                let control = device.control.as_ref()?;
                let names = control.name.iter().chain(control.links.iter());
                names
                    .map(|n| normalize_name(n))
                    .any(|n| n == wanted)
                    .then_some(*id)
            }
            _ => None,
        })
}

/// The stack (top first) of the started device node whose physical device object is named
/// `name` (`\Device\00000001`, or `\\.\GLOBALROOT\Device\...` as user mode spells it): the
/// object manager finds the PDO and the I/O manager sends the create to the top of its stack.
fn pdo_stack(state: &State, name: &str) -> Option<Vec<ObjId>> {
    let lower = name.to_lowercase();
    let wanted = lower
        .strip_prefix(r"\\.\globalroot")
        .or_else(|| lower.strip_prefix(r"\\?\globalroot"))
        .unwrap_or(&lower);
    state.devnodes.iter().enumerate().find_map(|(index, node)| {
        (node.top().is_some() && crate::state::DevNode::pdo_name(index).to_lowercase() == wanted)
            .then(|| node.stack.iter().rev().copied().collect())
    })
}

/// IRP_MJ_CREATE by name, as `CreateFileW` on a path does: a device interface path opens down
/// that device's stack, and so does the name of a node's physical device object; a control
/// device's name or symbolic link opens the control device (once it finished initialising;
/// before, the I/O manager refuses with STATUS_NO_SUCH_DEVICE).
pub(crate) fn open_by_name(sim: &Arc<Sim>, name: &str) -> Result<(ObjId, ObjId), SimError> {
    sim.sched.assert_member();
    let wanted = normalize_name(name);
    let stack = {
        let state = sim.lock();
        let by_interface = crate::framework::target::interface_paths(&state, None)
            .into_iter()
            .find(|(path, _)| normalize_name(path) == wanted)
            .map(|(_, stack)| stack);
        if let Some(stack) = by_interface.or_else(|| pdo_stack(&state, name)) {
            stack
        } else {
            let device =
                named_device(&state, name).ok_or_else(|| SimError::NoSuchName(name.to_owned()))?;
            if state
                .device(device)
                .and_then(|d| d.control.as_ref())
                .is_some_and(|c| c.initializing)
            {
                return Err(SimError::CreateFailed(sys::STATUS_NO_SUCH_DEVICE));
            }
            vec![device]
        }
    };
    open_stack(sim, &stack).unwrap_or_else(|| Err(SimError::NoSuchName(name.to_owned())))
}
