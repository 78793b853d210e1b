//! The framework's machinery shared by the DDIs and the test-facing API: creating objects from
//! `WDF_OBJECT_ATTRIBUTES`, deleting object trees (cleanup children-first, then destroy),
//! presenting requests from queues, completing requests, cancelling and purging.
//!
//! The state lock is never held while a driver callback runs: each operation takes what it needs
//! under the lock, releases it, calls the driver, and takes it again.

use std::ffi::CStr;

use kmdf_sim_wdk_sys as sys;
use sys::NTSTATUS;

use crate::irql;
use crate::memory::{POISON, SimBuffer};
use crate::scheduler::{Outcome, Wake};
use crate::state::{
    Completion, Context, Fate, Kind, ObjData, ObjId, ObjectCallbacks, Owner, QUARANTINE_KEPT,
    Quarantined, QueueData, RequestKind, Sim, State, SyncLock, TOMBSTONES_KEPT, Tombstone, handle,
};
use crate::verifier::Rule;

thread_local! {
    /// Queues whose dispatch loop runs on this thread (a completion inside a callback must not
    /// start a nested loop for the same queue; the running loop picks the next request up).
    static DISPATCHING: std::cell::RefCell<Vec<ObjId>> = const { std::cell::RefCell::new(Vec::new()) };
}

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

/// Runs a driver callback under `lock` (a synchronization-scope lock, if the object has one):
/// the lock is taken for the calling simulated thread, blocking on the scheduler while another
/// thread holds it (a thread already holding it takes it again); a spin-lock scope raises the
/// callback to DISPATCH_LEVEL. Otherwise the callback runs at `level`.
pub(crate) fn run_synchronized<R>(
    sim: &Sim,
    lock: Option<SyncLock>,
    name: &str,
    level: u8,
    run: impl FnOnce() -> R,
) -> R {
    let Some(lock) = lock else {
        return irql::run_callback(sim, name, level, run);
    };
    let me = sim.sched.current().unwrap_or_default();
    loop {
        {
            let mut state = sim.lock();
            match state.sync_locks.get_mut(&lock.owner) {
                None => {
                    state.sync_locks.insert(lock.owner, (me, 1));
                    break;
                }
                Some((holder, depth)) if *holder == me => {
                    *depth += 1;
                    break;
                }
                Some(_) => {}
            }
        }
        let owner = lock.owner;
        let outcome = sim.block_until("a synchronization-scope lock", move |state, _| {
            if state.sync_locks.contains_key(&owner) {
                Wake::Later
            } else {
                Wake::Ready
            }
        });
        if outcome == Outcome::Stuck {
            let described = sim.lock().describe(lock.owner);
            sim.violation(
                Rule::LockMisuse,
                name,
                described,
                "deadlock: the synchronization-scope lock is held by a thread that can never release it".to_owned(),
            );
            return irql::run_callback(sim, name, level, run);
        }
    }
    let level = if lock.passive {
        level
    } else {
        irql::DISPATCH.max(level)
    };
    let result = irql::run_callback(sim, name, level, run);
    let mut state = sim.lock();
    if let Some((_, depth)) = state.sync_locks.get_mut(&lock.owner) {
        *depth = depth.saturating_sub(1);
        if *depth == 0 {
            state.sync_locks.remove(&lock.owner);
        }
    }
    result
}

fn context_for(
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
    if state.allocation_fails() {
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
/// when more than [`TOMBSTONES_KEPT`] are kept).
pub(crate) fn remove_object(state: &mut State, id: ObjId, fate: impl Into<Fate>) {
    let mut fate = fate.into();
    if let Some(object) = state.objects.remove(&id) {
        if let Some(parent) = object.parent.and_then(|p| state.objects.get_mut(&p)) {
            parent.children.retain(|c| *c != id);
        }
        let request = match object.data {
            ObjData::Request(request) => {
                if let Some(completion) = request.completed {
                    fate = Fate::Completed {
                        status: completion.status,
                        by: completion.by,
                    };
                }
                let kind = request.kind;
                for buffer in [request.input, request.output].into_iter().flatten() {
                    quarantine(state, buffer, id);
                }
                Some(kind)
            }
            _ => None,
        };
        state.tombstones.insert(
            id,
            Tombstone {
                kind: object.kind,
                request,
                fate,
            },
        );
        while state.tombstones.len() > TOMBSTONES_KEPT {
            state.tombstones.pop_first();
        }
    }
}

/// Poisons a buffer a request no longer owns and keeps it (in a bounded ring) so that a later
/// write through a saved pointer is caught; the oldest entry is checked when it leaves.
fn quarantine(state: &mut State, mut buffer: SimBuffer, request: ObjId) {
    buffer.fill(POISON);
    state.quarantine.push_back(Quarantined {
        buffer,
        owner: request,
    });
    while state.quarantine.len() > QUARANTINE_KEPT {
        if let Some(mut oldest) = state.quarantine.pop_front()
            && let Some(offset) = oldest.buffer.first_not(POISON)
        {
            oldest.buffer.fill(POISON);
            report_write_after_completion(state, "a later completion", &oldest, offset);
        }
    }
}

fn report_write_after_completion(
    state: &mut State,
    checkpoint: &str,
    entry: &Quarantined,
    offset: usize,
) {
    let owner = format!("{} {:#x}", Kind::Request.type_name(), entry.owner << 4);
    state.violation(
        Rule::BufferUsedAfterCompletion,
        checkpoint,
        owner,
        format!(
            "the request's {}-byte buffer was written at offset {offset} after the request was completed",
            entry.buffer.len()
        ),
    );
}

/// Checks every poisoned buffer; a changed byte means a write after completion.
pub(crate) fn check_quarantine(state: &mut State, checkpoint: &str) {
    let mut found = Vec::new();
    for entry in &mut state.quarantine {
        if let Some(offset) = entry.buffer.first_not(POISON) {
            entry.buffer.fill(POISON);
            found.push((entry.owner, entry.buffer.len(), offset));
        }
    }
    for (owner, len, offset) in found {
        let entry = Quarantined {
            buffer: SimBuffer::zeroed(len),
            owner,
        };
        report_write_after_completion(state, checkpoint, &entry, offset);
    }
}

/// Deletes `root` and its descendants: cleanup callbacks children-first, then destroy callbacks
/// children-first for every object the driver holds no reference on. Requests still owned by
/// the driver are reported and completed first.
pub(crate) fn delete_tree(sim: &Sim, root: ObjId, fate: impl Into<Fate>) {
    let fate = fate.into();
    let order = {
        let mut state = sim.lock();
        let order: Vec<ObjId> = state
            .subtree_children_first(root)
            .into_iter()
            .filter(|id| state.objects.get(id).is_some_and(|o| !o.deleting))
            .collect();
        for id in &order {
            if let Some(object) = state.objects.get_mut(id) {
                object.deleting = true;
            }
        }
        order
    };
    crate::ddi_timer::quiesce(&sim.arc(), &order);
    for id in &order {
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
    for id in order {
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

/// Whether the calling thread is inside a callback of `queue` (its dispatch loop, or a
/// cancel/stop callback of it).
pub(crate) fn in_callback_of(queue: ObjId) -> bool {
    DISPATCHING.with(|d| d.borrow().contains(&queue))
}

/// Presents waiting requests of `queue` to the driver, as its dispatch type allows.
pub(crate) fn dispatch(sim: &Sim, queue: ObjId) {
    let already = DISPATCHING.with(|d| d.borrow().contains(&queue));
    if already {
        return;
    }
    if irql::current() > irql::PASSIVE {
        let deferred = {
            let mut state = sim.lock();
            let ready = state
                .queue(queue)
                .is_some_and(|q| q.started && !q.pending.is_empty());
            let passive = ready && state.passive_level(queue);
            if passive && !state.work_queue.contains(&queue) {
                // A passive-level queue's callbacks never run at DISPATCH_LEVEL: the framework
                // presents from a worker thread instead.
                state.work_queue.push_back(queue);
            }
            passive
        };
        if deferred {
            crate::ddi_timer::ensure_worker(&sim.arc());
            return;
        }
    }
    DISPATCHING.with(|d| d.borrow_mut().push(queue));
    loop {
        let next = {
            let mut state = sim.lock();
            next_to_present(&mut state, queue)
        };
        let Some((request, kind, config)) = next else {
            break;
        };
        present(sim, queue, request, kind, &config);
        if let Some(data) = sim.lock().queue_mut(queue) {
            data.in_flight = data.in_flight.saturating_sub(1);
        }
        notify_queue_state(sim, queue);
    }
    DISPATCHING.with(|d| d.borrow_mut().retain(|q| *q != queue));
}

fn next_to_present(
    state: &mut State,
    queue_id: ObjId,
) -> Option<(ObjId, RequestKind, sys::WDF_IO_QUEUE_CONFIG)> {
    let queue = state.queue_mut(queue_id)?;
    if !queue.started || queue.pending.is_empty() {
        return None;
    }
    let limit = match queue.dispatch {
        sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential => 1,
        sys::_WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel => queue.max_presented,
        _ => return None,
    };
    if queue.presented >= limit {
        return None;
    }
    let request = queue.pending.pop_front()?;
    queue.presented += 1;
    queue.in_flight += 1;
    let config = queue.config;
    let data = state.request_mut(request)?;
    data.owner = Owner::Driver {
        queue: Some(queue_id),
    };
    data.delivered = true;
    Some((request, data.kind, config))
}

/// Calls the queue's callback for `request` at the presenting thread's IRQL, under the queue's
/// synchronization-scope lock if it has one, or fails the request the way the framework does
/// when the queue has no callback for it.
fn present(
    sim: &Sim,
    queue: ObjId,
    request: ObjId,
    kind: RequestKind,
    config: &sys::WDF_IO_QUEUE_CONFIG,
) {
    let (q, r) = (
        handle::<sys::WDFQUEUE__>(queue),
        handle::<sys::WDFREQUEST__>(request),
    );
    let lock = sim.lock().sync_lock(queue);
    let level = irql::current();
    let called = match kind {
        RequestKind::DeviceControl {
            code,
            input_length,
            output_length,
        } => config.EvtIoDeviceControl.map(|f| {
            run_synchronized(sim, lock, "EvtIoDeviceControl", level, || {
                // SAFETY: a queue callback the driver registered, called with live handles.
                unsafe { f(q, r, output_length, input_length, code) };
            });
        }),
        RequestKind::Read { length } => config.EvtIoRead.map(|f| {
            run_synchronized(sim, lock, "EvtIoRead", level, || {
                // SAFETY: as above.
                unsafe { f(q, r, length) };
            });
        }),
        RequestKind::Write { length } => config.EvtIoWrite.map(|f| {
            run_synchronized(sim, lock, "EvtIoWrite", level, || {
                // SAFETY: as above.
                unsafe { f(q, r, length) };
            });
        }),
        RequestKind::Create => None,
    };
    let called = called.or_else(|| {
        config.EvtIoDefault.map(|f| {
            run_synchronized(sim, lock, "EvtIoDefault", level, || {
                // SAFETY: as above.
                unsafe { f(q, r) };
            });
        })
    });
    if called.is_none() {
        complete(
            sim,
            request,
            sys::STATUS_INVALID_DEVICE_REQUEST,
            None,
            "the framework (no queue callback)",
        );
    }
}

/// Completes a request, as `WdfRequestComplete*` does: in one step under the state lock, a
/// second completion is caught (the first result stands), ownership, cancel state and
/// information are checked, the I/O result is published to the caller and the buffers are
/// given back (poisoned and quarantined). Then the request's children are deleted and its
/// cleanup callbacks run; the framework's reference goes, and the request object is freed unless
/// the driver still holds a reference (then it goes with the last `WdfObjectDereference`). The
/// queue presents its next request. `information` is `None` to use the value set with
/// `WdfRequestSetInformation`.
pub(crate) fn complete(
    sim: &Sim,
    request: ObjId,
    status: NTSTATUS,
    information: Option<u64>,
    call: &'static str,
) {
    let (queue, file) = {
        let mut state = sim.lock();
        let Some(data) = state.request_mut(request) else {
            return;
        };
        if let Some(first) = data.completed {
            let described = state.describe(request);
            state.violation(
                Rule::DoubleCompletion,
                call,
                described,
                format!(
                    "the request was already {}; the first completion stands",
                    Fate::Completed {
                        status: first.status,
                        by: first.by
                    }
                ),
            );
            return;
        }
        data.completed = Some(Completion { status, by: call });
        let information = information.unwrap_or(data.information);
        let mut problems = Vec::new();
        let queue = match data.owner {
            Owner::Driver { queue } => queue,
            Owner::Queued(_) => {
                problems.push((
                    Rule::RequestNotOwned,
                    "the request is still in a queue; the driver does not own it".to_owned(),
                ));
                None
            }
        };
        if data.cancel_routine.take().is_some() {
            problems.push((
                Rule::CompletedWhileCancelable,
                "completed while still marked cancelable: call WdfRequestUnmarkCancelable first"
                    .to_owned(),
            ));
        }
        let limit = data.kind.information_limit();
        let reported = if !sys::NT_ERROR(status) && information > limit {
            problems.push((
                Rule::InformationExceedsBuffer,
                format!("information {information} exceeds the {limit}-byte buffer of the request"),
            ));
            limit
        } else {
            information
        };
        let copy = if sys::NT_ERROR(status) {
            0
        } else {
            usize::try_from(reported).unwrap_or(usize::MAX)
        };
        let output = match data.kind {
            RequestKind::Read { .. } | RequestKind::DeviceControl { .. } => data
                .output
                .as_ref()
                .or(data.input.as_ref())
                .map(|b| b.as_slice().get(..copy).unwrap_or(b.as_slice()).to_vec())
                .unwrap_or_default(),
            RequestKind::Write { .. } | RequestKind::Create => Vec::new(),
        };
        let irp = data.irp;
        let file = data.file;
        let buffers = [data.input.take(), data.output.take()];
        if !problems.is_empty() {
            let described = state.describe(request);
            for (rule, detail) in problems {
                state.violation(rule, call, described.clone(), detail);
            }
        }
        if let Some(record) = state.irps.get_mut(&irp) {
            record.result = Some(crate::IoResult {
                status,
                information: reported,
                output,
            });
            record.request = None;
        }
        if let Some(queue) = queue.and_then(|q| state.queue_mut(q)) {
            queue.presented = queue.presented.saturating_sub(1);
        }
        for buffer in buffers.into_iter().flatten() {
            quarantine(&mut state, buffer, request);
        }
        (queue, file)
    };
    delete_tree(sim, request, Fate::Completed { status, by: call });
    if let Some(queue) = queue {
        dispatch(sim, queue);
        notify_queue_state(sim, queue);
    }
    if let Some(file) = file {
        crate::simulation::finish_close(sim, file);
    }
}

/// Cancels a request. Waiting in a queue: the framework takes it out and, if the driver had
/// already received it once (it was requeued or forwarded there) and the queue has
/// EvtIoCanceledOnQueue, hands it to the driver through that callback; otherwise it completes it
/// with STATUS_CANCELLED itself. Owned by the driver and cancelable: its cancel routine runs,
/// once. Otherwise the cancel is remembered for `WdfRequestIsCanceled` and
/// `WdfRequestMarkCancelableEx`. Callbacks run at the canceller's IRQL.
pub(crate) fn cancel_request(sim: &Sim, request: ObjId) {
    enum Action {
        None,
        CanceledOnQueue(ObjId, unsafe extern "C" fn(sys::WDFQUEUE, sys::WDFREQUEST)),
        CompleteCancelled,
        CancelRoutine(unsafe extern "C" fn(sys::WDFREQUEST)),
    }
    let action = {
        let mut state = sim.lock();
        let Some(data) = state.request_mut(request) else {
            return;
        };
        if data.completed.is_some() {
            return;
        }
        data.cancel_requested = true;
        let delivered = data.delivered;
        match data.owner {
            Owner::Queued(queue) => {
                data.owner = Owner::Driver { queue: Some(queue) };
                let callback = state.queue_mut(queue).and_then(|q| {
                    q.pending.retain(|r| *r != request);
                    q.presented += 1;
                    q.config.EvtIoCanceledOnQueue
                });
                match callback {
                    Some(callback) if delivered => Action::CanceledOnQueue(queue, callback),
                    _ => Action::CompleteCancelled,
                }
            }
            Owner::Driver { .. } => data
                .cancel_routine
                .take()
                .map_or(Action::None, Action::CancelRoutine),
        }
    };
    let level = irql::current();
    match action {
        Action::None => {}
        Action::CanceledOnQueue(queue, callback) => {
            queue_callback(sim, queue, "EvtIoCanceledOnQueue", level, || {
                // SAFETY: the queue's registered callback, with live handles; the driver now owns
                // the request and must complete it.
                unsafe { callback(handle(queue), handle(request)) };
            });
        }
        Action::CompleteCancelled => {
            complete(
                sim,
                request,
                sys::STATUS_CANCELLED,
                Some(0),
                "the framework (request cancelled in its queue)",
            );
        }
        Action::CancelRoutine(routine) => {
            let lock = {
                let state = sim.lock();
                match state.request(request).map(|r| r.owner) {
                    Some(Owner::Driver { queue: Some(queue) }) => state.sync_lock(queue),
                    _ => None,
                }
            };
            run_synchronized(sim, lock, "EvtRequestCancel", level, || {
                // SAFETY: the cancel routine the driver registered for this live request.
                unsafe { routine(handle(request)) };
            });
        }
    }
}

/// Runs a callback of `queue`, counted as in flight (a removal or a synchronous stop waits for
/// it to return).
pub(crate) fn queue_callback(sim: &Sim, queue: ObjId, name: &str, level: u8, run: impl FnOnce()) {
    if let Some(data) = sim.lock().queue_mut(queue) {
        data.in_flight += 1;
    }
    DISPATCHING.with(|d| d.borrow_mut().push(queue));
    let lock = sim.lock().sync_lock(queue);
    run_synchronized(sim, lock, name, level, run);
    DISPATCHING.with(|d| {
        let mut running = d.borrow_mut();
        if let Some(position) = running.iter().rposition(|q| *q == queue) {
            running.remove(position);
        }
    });
    if let Some(data) = sim.lock().queue_mut(queue) {
        data.in_flight = data.in_flight.saturating_sub(1);
    }
    notify_queue_state(sim, queue);
}

/// What a queue state change does (wdfio.h): which requests it cancels and whether the queue
/// keeps accepting and delivering requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QueueChange {
    /// `WdfIoQueueStop`: stop delivering; queued requests stay, new ones are queued.
    Stop,
    /// `WdfIoQueuePurge`: stop accepting (new requests fail with STATUS_INVALID_DEVICE_STATE),
    /// cancel queued requests and driver-owned cancelable ones.
    Purge,
    #[expect(
        dead_code,
        reason = "WdfIoQueueStopAndPurge is implemented once the mirror binds it (wdfio.h)"
    )]
    /// `WdfIoQueueStopAndPurge`: stop delivering, cancel queued requests and driver-owned
    /// cancelable ones, but keep accepting new requests (held until `WdfIoQueueStart`).
    StopAndPurge,
    /// `WdfIoQueueDrain`: stop accepting; queued requests are still delivered.
    Drain,
}

impl QueueChange {
    /// The queue is idle for this change: no request delivered and not completed, no callback
    /// running, and (for a drain) nothing left waiting.
    pub(crate) fn idle(self, queue: &QueueData) -> bool {
        queue.presented == 0
            && queue.in_flight == 0
            && (self != Self::Drain || queue.pending.is_empty())
    }
}

/// Applies a state change to `queue`: its flags, then the cancellations it implies (queued
/// requests first, in arrival order, then the driver's cancelable ones). With `stop_action`,
/// each request the driver still owns from the queue is then presented to EvtIoStop (power-down
/// or removal).
pub(crate) fn change_queue(
    sim: &Sim,
    queue: ObjId,
    change: QueueChange,
    stop_action: Option<sys::_WDF_REQUEST_STOP_ACTION_FLAGS::Type>,
) {
    let waiting: Vec<ObjId> = {
        let mut state = sim.lock();
        let Some(data) = state.queue_mut(queue) else {
            return;
        };
        match change {
            QueueChange::Stop => data.started = false,
            QueueChange::Purge => {
                data.started = false;
                data.accepting = false;
            }
            QueueChange::StopAndPurge => {
                data.started = false;
                data.accepting = true;
            }
            QueueChange::Drain => data.accepting = false,
        }
        if matches!(change, QueueChange::Purge | QueueChange::StopAndPurge) {
            data.pending.iter().copied().collect()
        } else {
            Vec::new()
        }
    };
    for request in waiting {
        cancel_request(sim, request);
    }
    if matches!(change, QueueChange::Purge | QueueChange::StopAndPurge) {
        let owned = owned_requests(&sim.lock(), &[queue]);
        for request in owned {
            cancel_request(sim, request);
        }
    }
    if let Some(action) = stop_action {
        stop_owned(sim, queue, action);
    }
    notify_queue_state(sim, queue);
}

/// Presents each request the driver still owns from `queue` to the queue's EvtIoStop, if it has
/// one, with `action` (plus `WdfRequestStopRequestCancelable` for a cancelable request).
fn stop_owned(sim: &Sim, queue: ObjId, action: sys::_WDF_REQUEST_STOP_ACTION_FLAGS::Type) {
    let (callback, owned) = {
        let state = sim.lock();
        let callback = state.queue(queue).and_then(|q| q.config.EvtIoStop);
        (callback, owned_requests(&state, &[queue]))
    };
    let Some(callback) = callback else {
        return;
    };
    let level = irql::current();
    for request in owned {
        let flags = {
            let state = sim.lock();
            match state.request(request) {
                Some(r) if r.completed.is_none() => {
                    let cancelable = if r.cancel_routine.is_some() {
                        sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopRequestCancelable
                    } else {
                        0
                    };
                    action | cancelable
                }
                _ => continue,
            }
        };
        #[expect(
            clippy::cast_sign_loss,
            reason = "the flags are a bit mask; C passes them as ULONG"
        )]
        let flags = flags as u32;
        queue_callback(sim, queue, "EvtIoStop", level, || {
            // SAFETY: the queue's EvtIoStop, with the live queue and a request the driver owns.
            unsafe { callback(handle(queue), handle(request), flags) };
        });
    }
}

/// Blocks until every queue in `queues` is idle for `change`. If that can never happen (every
/// simulated thread waits and nothing is due), reports each request still owned as
/// RequestNotCompleted naming `checkpoint`, completes it with STATUS_CANCELLED so the run can go
/// on, and returns false.
pub(crate) fn wait_idle(
    sim: &Sim,
    queues: &[ObjId],
    change: QueueChange,
    checkpoint: &'static str,
    what: &'static str,
) -> bool {
    let watched = queues.to_vec();
    let outcome = sim.block_until(what, move |state, _| {
        let idle = watched
            .iter()
            .all(|q| state.queue(*q).is_none_or(|data| change.idle(data)));
        if idle { Wake::Ready } else { Wake::Later }
    });
    if outcome == Outcome::Ready {
        return true;
    }
    let stuck = owned_requests(&sim.lock(), queues);
    for request in stuck {
        let described = sim.lock().describe(request);
        sim.violation(
            Rule::RequestNotCompleted,
            checkpoint,
            described,
            format!(
                "the driver still owned this request when {what}, and nothing left could complete it \
                 (every simulated thread was waiting and no timer was due)"
            ),
        );
        force_complete(sim, request, checkpoint);
    }
    false
}

/// Calls the queue's pending EvtIoQueueState callbacks whose change has become idle.
pub(crate) fn notify_queue_state(sim: &Sim, queue: ObjId) {
    loop {
        let due = {
            let mut state = sim.lock();
            let Some(data) = state.queue_mut(queue) else {
                return;
            };
            let position = {
                let queue: &QueueData = data;
                queue
                    .state_callbacks
                    .iter()
                    .position(|pending| pending.change.idle(queue))
            };
            match position {
                Some(position) => data.state_callbacks.remove(position),
                None => return,
            }
        };
        let level = irql::current();
        irql::run_callback(sim, "EvtIoQueueState", level, || {
            // SAFETY: the driver's EvtIoQueueState for this live queue, with its context.
            unsafe { (due.callback)(handle(queue), due.context) };
        });
    }
}

/// The device's queues (of the power-managed kind, or the other).
pub(crate) fn device_queues(state: &State, device: ObjId, power_managed: bool) -> Vec<ObjId> {
    state
        .subtree_children_first(device)
        .into_iter()
        .filter(|id| {
            state
                .queue(*id)
                .is_some_and(|q| q.power_managed == power_managed)
        })
        .collect()
}

/// Removal's purge of a device's queues of one kind (power-managed ones as the device leaves D0,
/// the others after EvtDeviceSelfManagedIoFlush): purged as `WdfIoQueuePurge` does, EvtIoStop
/// with `WdfRequestStopActionPurge` for requests the driver still owns, then a wait for every
/// request to be completed and every callback to return.
pub(crate) fn purge_for_removal(
    sim: &Sim,
    device: ObjId,
    power_managed: bool,
    checkpoint: &'static str,
) {
    let queues = device_queues(&sim.lock(), device, power_managed);
    for queue in &queues {
        change_queue(
            sim,
            *queue,
            QueueChange::Purge,
            Some(sys::_WDF_REQUEST_STOP_ACTION_FLAGS::WdfRequestStopActionPurge),
        );
    }
    wait_idle(
        sim,
        &queues,
        QueueChange::Purge,
        checkpoint,
        "its device was removed",
    );
}

fn owned_requests(state: &State, queues: &[ObjId]) -> Vec<ObjId> {
    state
        .objects
        .iter()
        .filter_map(|(id, object)| match &object.data {
            ObjData::Request(request) if request.completed.is_none() => match request.owner {
                Owner::Driver { queue: Some(queue) } if queues.contains(&queue) => Some(*id),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Completes a request on the simulator's own authority (after reporting why), without the
/// ownership and cancel checks of a driver completion.
pub(crate) fn force_complete(sim: &Sim, request: ObjId, checkpoint: &'static str) {
    if let Some(data) = sim.lock().request_mut(request) {
        data.cancel_routine = None;
    }
    complete(sim, request, sys::STATUS_CANCELLED, Some(0), checkpoint);
}
