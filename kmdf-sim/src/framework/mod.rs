//! The framework: KMDF's semantics over the object model — objects created from
//! `WDF_OBJECT_ATTRIBUTES` (contexts, callbacks, execution level, synchronization scope), the
//! object tree and its deletion order, and, in the submodules, queues, requests, file objects,
//! timers and work items, synchronization scope locks, request admission, and the framework's
//! side of PnP (device add, start, removal, unload).

pub(crate) mod device_state;
pub(crate) mod dpc;
pub(crate) mod file;
pub(crate) mod io;
pub(crate) mod pnp;
pub(crate) mod queue;
pub(crate) mod request;
pub(crate) mod sync;
pub(crate) mod target;
pub(crate) mod timer;

pub(crate) use queue::{change_queue, dispatch, in_callback_of, notify_queue_state, wait_idle};
pub(crate) use request::{cancel_request, complete};
pub(crate) use sync::run_synchronized;

use std::ffi::CStr;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::irql;
use crate::memory::{Damage, FRESH_FILL, Finding, POISON, SimBuffer, tag_text};
use crate::state::{
    Context, Fate, Kind, ObjData, ObjId, ObjectCallbacks, Retired, Sim, State, Tombstone, handle,
};
use crate::verifier::Rule;

/// Reads a driver-supplied `WDF_OBJECT_ATTRIBUTES` (null means none).
pub(crate) fn read_attributes(
    attributes: sys::PWDF_OBJECT_ATTRIBUTES,
) -> Option<sys::WDF_OBJECT_ATTRIBUTES> {
    // SAFETY: the DDI contract: a non-null attributes pointer points at a readable
    // WDF_OBJECT_ATTRIBUTES for the duration of the call.
    unsafe { attributes.as_ref() }.copied()
}

/// A configuration structure whose first field is its `ULONG Size`.
pub(crate) trait SizedConfig: Copy {
    /// The structure's C name, for reports.
    const NAME: &'static str;
    /// The value of its `Size` field.
    fn size_field(&self) -> u32;
}

macro_rules! sized_configs {
    ($($ty:ident),* $(,)?) => {$(
        impl SizedConfig for sys::$ty {
            const NAME: &'static str = stringify!($ty);
            fn size_field(&self) -> u32 {
                self.Size
            }
        }
    )*};
}
sized_configs!(
    WDF_DRIVER_CONFIG,
    WDF_PNPPOWER_EVENT_CALLBACKS,
    WDF_FILEOBJECT_CONFIG,
    WDF_IO_QUEUE_CONFIG,
    WDF_TIMER_CONFIG,
    WDF_WORKITEM_CONFIG,
    WDF_REQUEST_SEND_OPTIONS,
    WDF_REQUEST_COMPLETION_PARAMS,
    WDF_IO_TARGET_OPEN_PARAMS,
    WDF_REQUEST_REUSE_PARAMS,
    WDF_DPC_CONFIG,
);

/// Reads a driver-supplied configuration structure, as the framework validates it: a null
/// pointer fails with STATUS_INVALID_PARAMETER, a wrong `Size` with STATUS_INFO_LENGTH_MISMATCH
/// (each reported as `InvalidArgument`).
pub(crate) fn read_config<T: SizedConfig>(
    state: &mut State,
    config: *const T,
    call: &str,
) -> Result<T, NTSTATUS> {
    // SAFETY: the DDI contract: a non-null configuration pointer points at a readable T.
    let Some(value) = unsafe { config.as_ref() }.copied() else {
        state.violation(
            Rule::InvalidArgument,
            call,
            T::NAME.to_owned(),
            format!("the {} pointer is null", T::NAME),
        );
        return Err(sys::STATUS_INVALID_PARAMETER);
    };
    let expected = size_of::<T>();
    if usize::try_from(value.size_field()).ok() != Some(expected) {
        state.violation(
            Rule::InvalidArgument,
            call,
            T::NAME.to_owned(),
            format!(
                "Size is {}, expected {expected} (sizeof({}))",
                value.size_field(),
                T::NAME
            ),
        );
        return Err(sys::STATUS_INFO_LENGTH_MISMATCH);
    }
    Ok(value)
}

/// Validates attributes as KMDF's `FxValidateObjectAttributes` does. Returns the failure status.
pub(crate) fn validate_attributes(
    state: &mut State,
    attributes: &sys::WDF_OBJECT_ATTRIBUTES,
    call: &str,
) -> Result<(), NTSTATUS> {
    let expected = size_of::<sys::WDF_OBJECT_ATTRIBUTES>();
    if usize::try_from(attributes.Size).ok() != Some(expected) {
        state.violation(
            Rule::InvalidArgument,
            call,
            "WDF_OBJECT_ATTRIBUTES".to_owned(),
            format!("Size is {}, expected {expected}", attributes.Size),
        );
        return Err(sys::STATUS_INFO_LENGTH_MISMATCH);
    }
    let level_ok = (sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent
        ..=sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelDispatch)
        .contains(&attributes.ExecutionLevel);
    let scope_ok = (sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent
        ..=sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeNone)
        .contains(&attributes.SynchronizationScope);
    if !level_ok || !scope_ok {
        state.violation(
            Rule::InvalidArgument,
            call,
            "WDF_OBJECT_ATTRIBUTES".to_owned(),
            format!(
                "ExecutionLevel {} / SynchronizationScope {} is invalid (WDF_OBJECT_ATTRIBUTES_INIT sets both to \
                 InheritFromParent)",
                attributes.ExecutionLevel, attributes.SynchronizationScope
            ),
        );
        return Err(sys::STATUS_INVALID_PARAMETER);
    }
    Ok(())
}

/// Allocates the context an attributes structure asks for, and records its callbacks.
pub(crate) fn attach_attributes(
    state: &mut State,
    id: ObjId,
    attributes: &sys::WDF_OBJECT_ATTRIBUTES,
    call: &str,
) -> Result<(), NTSTATUS> {
    let context = match context_for(attributes, call) {
        Ok(context) => context,
        Err(detail) => {
            let described = state.describe(id);
            state.violation(Rule::InvalidArgument, call, described, detail);
            return Err(sys::STATUS_INVALID_PARAMETER);
        }
    };
    let Some(object) = state.objects.get_mut(&id) else {
        return Err(sys::STATUS_INVALID_HANDLE);
    };
    if let Some(context) = context {
        if object
            .contexts
            .iter()
            .any(|c| c.unique_type == context.unique_type)
        {
            return Err(sys::STATUS_OBJECT_NAME_COLLISION);
        }
        object.contexts.push(context);
    }
    object.callbacks.push(ObjectCallbacks {
        cleanup: attributes.EvtCleanupCallback,
        destroy: attributes.EvtDestroyCallback,
    });
    if attributes.ExecutionLevel != sys::_WDF_EXECUTION_LEVEL::WdfExecutionLevelInheritFromParent {
        object.execution_level = attributes.ExecutionLevel;
    }
    if attributes.SynchronizationScope
        != sys::_WDF_SYNCHRONIZATION_SCOPE::WdfSynchronizationScopeInheritFromParent
    {
        object.synchronization_scope = attributes.SynchronizationScope;
    }
    Ok(())
}

pub(crate) fn context_for(
    attributes: &sys::WDF_OBJECT_ATTRIBUTES,
    call: &str,
) -> Result<Option<Context>, String> {
    let info = attributes.ContextTypeInfo;
    if info.is_null() {
        if attributes.ContextSizeOverride != 0 {
            return Err(format!(
                "{call}: ContextSizeOverride without ContextTypeInfo"
            ));
        }
        return Ok(None);
    }
    // SAFETY: the DDI contract: ContextTypeInfo points at the driver's (static)
    // WDF_OBJECT_CONTEXT_TYPE_INFO.
    let Some(type_info) = (unsafe { info.as_ref() }) else {
        return Ok(None);
    };
    if usize::try_from(type_info.Size).ok() != Some(size_of::<sys::WDF_OBJECT_CONTEXT_TYPE_INFO>())
    {
        return Err(format!(
            "WDF_OBJECT_CONTEXT_TYPE_INFO Size is {}",
            type_info.Size
        ));
    }
    let unique = if type_info.UniqueType.is_null() {
        info
    } else {
        type_info.UniqueType
    };
    let name = if type_info.ContextName.is_null() {
        "<unnamed context>".to_owned()
    } else {
        // SAFETY: ContextName is a NUL-terminated string in the driver's static data.
        unsafe { CStr::from_ptr(type_info.ContextName) }
            .to_string_lossy()
            .into_owned()
    };
    let size = attributes.ContextSizeOverride.max(type_info.ContextSize);
    Ok(Some(Context {
        unique_type: unique.addr(),
        name,
        memory: SimBuffer::zeroed(size),
    }))
}

/// Creates an object with optional driver attributes: validated, parented, context allocated.
/// Fault injection applies. Returns the new id or the failure status.
pub(crate) fn create_object(
    state: &mut State,
    kind: Kind,
    default_parent: Option<ObjId>,
    attributes: Option<sys::WDF_OBJECT_ATTRIBUTES>,
    data: ObjData,
    call: &str,
) -> Result<ObjId, NTSTATUS> {
    let mut parent = default_parent;
    if let Some(attributes) = &attributes {
        validate_attributes(state, attributes, call)?;
        if !attributes.ParentObject.is_null() {
            let Some(id) = crate::state::id_of(attributes.ParentObject)
                .filter(|id| state.objects.contains_key(id))
            else {
                state.violation(
                    Rule::InvalidHandle,
                    call,
                    "WDF_OBJECT_ATTRIBUTES.ParentObject".to_owned(),
                    format!("{:p} is not a live object", attributes.ParentObject),
                );
                return Err(sys::STATUS_INVALID_PARAMETER);
            };
            parent = Some(id);
        }
    }
    // What the framework creates on a caller's behalf (not through a `Wdf*` DDI) is a fault
    // site named by its object type.
    let site = if call.starts_with("Wdf") {
        call
    } else {
        kind.type_name()
    };
    if state.allocation_fails(site) {
        return Err(sys::STATUS_INSUFFICIENT_RESOURCES);
    }
    let id = state.insert(kind, parent, data);
    if let Some(attributes) = &attributes
        && let Err(status) = attach_attributes(state, id, attributes, call)
    {
        remove_object(state, id, "discarded after a failed create");
        return Err(status);
    }
    Ok(id)
}

/// Removes an object from the table (no callbacks), leaving a tombstone (the oldest one goes
/// when more than [`crate::state::TOMBSTONES_KEPT`] are kept). Its buffers go to the quarantine and its
/// contexts' guard bytes are checked.
pub(crate) fn remove_object(state: &mut State, id: ObjId, fate: impl Into<Fate>) {
    let mut fate = fate.into();
    state.extra.forget(id);
    state.failed_sends.remove(&id);
    if let Some(mut object) = state.objects.remove(&id) {
        if let Some(parent) = object.parent.and_then(|p| state.objects.get_mut(&p)) {
            parent.children.retain(|c| *c != id);
        }
        let mut retired = [None, None];
        let request = match object.data {
            ObjData::Request(request) => {
                if let Some(completion) = request.completed {
                    fate = Fate::Completed {
                        status: completion.status,
                        by: completion.by,
                    };
                }
                retired = [request.input, request.output];
                Some(request.kind)
            }
            // A view's bytes are its request's, which retires them itself.
            ObjData::Memory(memory) if memory.view.is_none() => {
                retired = [Some(memory.buffer), None];
                None
            }
            _ => None,
        };
        state.bury(
            id,
            Tombstone {
                kind: object.kind,
                request,
                fate,
            },
        );
        let owner = if object.kind == Kind::Memory {
            Retired::Memory(id)
        } else {
            Retired::Request(id)
        };
        for buffer in retired.into_iter().flatten() {
            quarantine(state, buffer, owner, DELETION);
        }
        for context in &mut object.contexts {
            if let Some(damage) = context.memory.check_guards() {
                let object = format!("{} context {}", state.describe(id), context.name);
                let detail = format!(
                    "the {}-byte context was written outside its bounds: {damage} (found when \
                     the object was {fate})",
                    context.memory.len()
                );
                state.violation(Rule::BufferOverrun, DELETION, object, detail);
            }
        }
    }
}

/// The checkpoint named in reports found when an object is freed.
const DELETION: &str = "the object's deletion";

/// Retires a buffer the driver no longer owns into the quarantine (guards checked, poisoned,
/// kept in a bounded ring so that a later write through a saved pointer is caught; the oldest
/// entry is checked when it leaves), and reports what the checks found. `call` is the framework
/// call that gave the buffer back.
pub(crate) fn quarantine(state: &mut State, buffer: SimBuffer, owner: Retired, call: &str) {
    let findings = state.quarantine.retire(buffer, owner);
    report_retirement(state, findings, call);
}

/// [`quarantine`] for a buffer already poisoned by the sweep that copied its output out.
pub(crate) fn quarantine_poisoned(
    state: &mut State,
    buffer: SimBuffer,
    owner: Retired,
    call: &str,
) {
    let findings = state.quarantine.retire_poisoned(buffer, owner);
    report_retirement(state, findings, call);
}

/// A buffer for a new request: `len` bytes holding `data`, then `FRESH_FILL`. When the
/// quarantine ring is full and its oldest block is a request's buffer of exactly `len` bytes (not
/// page-protected), that block leaves the ring and is reused: its poison is checked in the same
/// sweep that writes the new contents, and its guards after (a write after completion or an
/// overrun is reported then, with the checkpoint "a later request", as when a block leaves the
/// ring). Otherwise a fresh block.
pub(crate) fn request_buffer(state: &mut State, len: usize, data: &[u8]) -> SimBuffer {
    let from_request = |owner: &Retired| matches!(owner, Retired::Request(_));
    let Some((mut buffer, owner)) = state.quarantine.reuse(len, from_request) else {
        return crate::io_manager::new_buffer(len, data);
    };
    let written = buffer.refill_checked(data, FRESH_FILL, POISON);
    let guards = buffer.check_guards();
    let damage = written
        .map(Damage::WrittenAfterRetired)
        .or(guards.map(Damage::Guard));
    if let Some(damage) = damage {
        let finding = Finding {
            owner,
            at_retirement: false,
            len,
            damage,
        };
        report_finding(state, "a later request", &finding);
    }
    buffer
}

fn report_retirement(state: &mut State, findings: Vec<Finding<Retired>>, call: &str) {
    for finding in findings {
        let checkpoint = if finding.at_retirement {
            call
        } else {
            "a later retirement (the quarantine ring was full)"
        };
        report_finding(state, checkpoint, &finding);
    }
}

/// Reports a quarantine finding: a damaged guard (`BufferOverrun`), or a write after the block
/// was retired (`BufferUsedAfterCompletion` for a request's buffer, `FreedMemoryUsed` for pool
/// and memory objects).
fn report_finding(state: &mut State, checkpoint: &str, finding: &Finding<Retired>) {
    let len = finding.len;
    let (object, whose, after) = match finding.owner {
        Retired::Request(id) => (
            state.describe(id),
            "the request's",
            "after the request was completed",
        ),
        Retired::Memory(id) => (
            state.describe(id),
            "the memory object's",
            "after the memory object was deleted",
        ),
        Retired::Pool { address, tag } => (
            format!("pool block {address:#x} tag '{}'", tag_text(tag)),
            "the pool block's",
            "after it was freed",
        ),
    };
    let (rule, detail) = match finding.damage {
        Damage::Guard(damage) => (
            Rule::BufferOverrun,
            format!("{whose} {len}-byte buffer was written outside its bounds: {damage}"),
        ),
        Damage::WrittenAfterRetired(offset) => (
            if matches!(finding.owner, Retired::Request(_)) {
                Rule::BufferUsedAfterCompletion
            } else {
                Rule::FreedMemoryUsed
            },
            format!("{whose} {len}-byte buffer was written at offset {offset} {after}"),
        ),
    };
    state.violation(rule, checkpoint, object, detail);
}

/// Checks every quarantined buffer: a changed byte means a write after completion or free, a
/// changed guard a write outside the buffer.
pub(crate) fn check_quarantine(state: &mut State, checkpoint: &str) {
    for finding in state.quarantine.check_all() {
        report_finding(state, checkpoint, &finding);
    }
}

/// Deletes `root` and its descendants: cleanup callbacks children-first, then destroy callbacks
/// children-first for every object the driver holds no reference on. Requests still owned by
/// the driver are reported and completed first.
pub(crate) fn delete_tree(sim: &Sim, root: ObjId, fate: impl Into<Fate>) {
    let fate = fate.into();
    // A leaf (a completed request, usually) needs no list of its subtree.
    let leaf;
    let subtree: Vec<ObjId>;
    let order: &[ObjId] = {
        let mut state = sim.lock();
        match state.objects.get_mut(&root) {
            Some(object) if object.children.is_empty() => {
                leaf = if object.deleting {
                    None
                } else {
                    object.deleting = true;
                    Some(root)
                };
                leaf.as_slice()
            }
            _ => {
                subtree = state
                    .subtree_children_first(root)
                    .into_iter()
                    .filter(|id| state.objects.get(id).is_some_and(|o| !o.deleting))
                    .collect();
                for id in &subtree {
                    if let Some(object) = state.objects.get_mut(id) {
                        object.deleting = true;
                    }
                }
                &subtree
            }
        }
    };
    crate::framework::timer::quiesce(&sim.arc(), order);
    crate::framework::target::close_targets(&sim.arc(), order);
    for id in order {
        let (kind, callbacks) = {
            let state = sim.lock();
            match state.objects.get(id) {
                Some(object) => (object.kind, object.callbacks.clone()),
                None => continue,
            }
        };
        for callback in callbacks.iter().filter_map(|c| c.cleanup) {
            irql::run_callback(
                sim,
                &format!("EvtCleanupCallback of {}", kind.type_name()),
                irql::PASSIVE,
                || {
                    // SAFETY: the driver registered this cleanup callback for this object; the
                    // handle is live until its destroy callback has run.
                    unsafe { callback(handle(*id)) };
                },
            );
        }
    }
    for &id in order {
        let referenced = sim
            .lock()
            .objects
            .get(&id)
            .is_some_and(|o| !o.references.is_empty());
        if !referenced {
            destroy(sim, id, fate);
        }
    }
}

/// Runs an object's destroy callbacks and frees it (its context memory with it).
pub(crate) fn destroy(sim: &Sim, id: ObjId, fate: impl Into<Fate>) {
    let (kind, callbacks) = {
        let state = sim.lock();
        match state.objects.get(&id) {
            Some(object) => (object.kind, object.callbacks.clone()),
            None => return,
        }
    };
    for callback in callbacks.iter().filter_map(|c| c.destroy) {
        irql::run_callback(
            sim,
            &format!("EvtDestroyCallback of {}", kind.type_name()),
            irql::PASSIVE,
            || {
                // SAFETY: the driver registered this destroy callback; the object (and its context)
                // is still allocated until this loop finishes.
                unsafe { callback(handle(id)) };
            },
        );
    }
    let mut state = sim.lock();
    // Children that outlived their parent through references are re-parented to nothing.
    let children: Vec<ObjId> = state
        .objects
        .get(&id)
        .map(|o| o.children.clone())
        .unwrap_or_default();
    for child in children {
        if let Some(child) = state.objects.get_mut(&child) {
            child.parent = None;
        }
    }
    remove_object(&mut state, id, fate);
}
