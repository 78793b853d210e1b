//! Framework entry points for objects, context memory, memory objects and locks (wdfobject.h,
//! wdfmemory.h, wdfsync.h), and the kernel routines of `ntddk` (pool, IRQL, time, debug print).

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use std::ffi::CStr;
use std::sync::Arc;

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use crate::ddi::write_out;
use crate::framework;
use crate::irql::{self, APC, DISPATCH, PASSIVE};
use crate::memory::{PoolBlock, SimBuffer, UNINITIALIZED_FILL, tag_text};
use crate::scheduler::{Outcome, Wake};
use crate::state::{
    DriverReference, Kind, LockData, MemoryData, ObjData, Retired, Sim, State, current,
    current_for_kernel, handle, id_of,
};
use crate::verifier::Rule;

/// Finds a live object of any kind.
pub(crate) fn any_object(state: &mut State, object: sys::WDFOBJECT, call: &str) -> Option<u64> {
    let id = id_of(object).filter(|id| state.objects.contains_key(id));
    if id.is_none() {
        let described =
            id_of(object).map_or_else(|| format!("handle {object:p}"), |id| state.describe(id));
        let fate = id_of(object)
            .and_then(|id| state.tombstone(id))
            .map(|t| (t.kind, t.fate));
        match fate {
            Some((Kind::Request, fate)) => state.violation(
                Rule::RequestUsedAfterCompletion,
                call,
                described,
                format!("the request was used after it was {fate}"),
            ),
            Some((_, fate)) => {
                state.violation(
                    Rule::InvalidHandle,
                    call,
                    described,
                    format!("the object was used after it was {fate}"),
                );
            }
            None => state.violation(
                Rule::InvalidHandle,
                call,
                described,
                "not a live framework object".to_owned(),
            ),
        }
    }
    id
}

pub(crate) unsafe extern "C" fn WdfObjectGetTypedContextWorker(
    globals: PWDF_DRIVER_GLOBALS,
    Handle: sys::WDFOBJECT,
    TypeInfo: sys::PCWDF_OBJECT_CONTEXT_TYPE_INFO,
) -> sys::PVOID {
    const CALL: &str = "WdfObjectGetTypedContextWorker";
    let sim = current(globals, CALL);
    let mut state = sim.lock();
    let Some(id) = any_object(&mut state, Handle, CALL) else {
        return std::ptr::null_mut();
    };
    // SAFETY: the DDI contract: TypeInfo points at the driver's WDF_OBJECT_CONTEXT_TYPE_INFO.
    let Some(info) = (unsafe { TypeInfo.as_ref() }) else {
        let described = state.describe(id);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "TypeInfo is null".to_owned(),
        );
        return std::ptr::null_mut();
    };
    let unique = if info.UniqueType.is_null() {
        TypeInfo
    } else {
        info.UniqueType
    };
    let found = state
        .objects
        .get(&id)
        .and_then(|o| o.contexts.iter().find(|c| c.unique_type == unique.addr()))
        .map(|c| c.memory.as_ptr().cast());
    if let Some(found) = found {
        return found;
    }
    let name = if info.ContextName.is_null() {
        "<unnamed>".to_owned()
    } else {
        // SAFETY: ContextName is a NUL-terminated string in the driver's static data.
        unsafe { CStr::from_ptr(info.ContextName) }
            .to_string_lossy()
            .into_owned()
    };
    let described = state.describe(id);
    state.violation(
        Rule::InvalidArgument,
        CALL,
        described,
        format!("the object has no context of type {name}"),
    );
    std::ptr::null_mut()
}

pub(crate) unsafe extern "C" fn WdfObjectAllocateContext(
    globals: PWDF_DRIVER_GLOBALS,
    Handle: sys::WDFOBJECT,
    ContextAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Context: *mut sys::PVOID,
) -> NTSTATUS {
    const CALL: &str = "WdfObjectAllocateContext";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(Context, std::ptr::null_mut());
    let Some(id) = any_object(&mut state, Handle, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    let Some(attributes) =
        framework::read_attributes(ContextAttributes).filter(|a| !a.ContextTypeInfo.is_null())
    else {
        let described = state.describe(id);
        state.violation(
            Rule::InvalidArgument,
            CALL,
            described,
            "ContextAttributes with a ContextTypeInfo is required".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    };
    if let Err(status) = framework::validate_attributes(&mut state, &attributes, CALL) {
        return status;
    }
    if state.allocation_fails(CALL) {
        return sys::STATUS_INSUFFICIENT_RESOURCES;
    }
    if let Err(status) = framework::attach_attributes(&mut state, id, &attributes, CALL) {
        return status;
    }
    let pointer = state
        .objects
        .get(&id)
        .and_then(|o| o.contexts.last())
        .map_or(std::ptr::null_mut(), |c| c.memory.as_ptr().cast());
    write_out(Context, pointer);
    sys::STATUS_SUCCESS
}

pub(crate) fn site(line: sys::LONG, file: sys::PCCH) -> String {
    if file.is_null() {
        return format!("line {line}");
    }
    // SAFETY: the DDI contract: File is a NUL-terminated string (the caller's __FILE__).
    let file = unsafe { CStr::from_ptr(file) }.to_string_lossy();
    format!("{file}:{line}")
}

pub(crate) unsafe extern "C" fn WdfObjectReferenceActual(
    globals: PWDF_DRIVER_GLOBALS,
    Handle: sys::WDFOBJECT,
    Tag: sys::PVOID,
    Line: sys::LONG,
    File: sys::PCCH,
) {
    const CALL: &str = "WdfObjectReferenceActual";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = any_object(&mut state, Handle, CALL) else {
        return;
    };
    if let Some(object) = state.objects.get_mut(&id) {
        object.references.push(DriverReference {
            tag: Tag.addr(),
            site: site(Line, File),
        });
    }
}

pub(crate) unsafe extern "C" fn WdfObjectDereferenceActual(
    globals: PWDF_DRIVER_GLOBALS,
    Handle: sys::WDFOBJECT,
    Tag: sys::PVOID,
    Line: sys::LONG,
    File: sys::PCCH,
) {
    const CALL: &str = "WdfObjectDereferenceActual";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let destroy_now = {
        let mut state = sim.lock();
        let Some(id) = any_object(&mut state, Handle, CALL) else {
            return;
        };
        let Some(object) = state.objects.get_mut(&id) else {
            return;
        };
        if let Some(position) = object.references.iter().position(|r| r.tag == Tag.addr()) {
            object.references.remove(position);
            (object.references.is_empty() && object.deleting).then_some(id)
        } else {
            state.violation_on(
                Rule::ObjectDeleteMisuse,
                CALL,
                id,
                format!(
                    "no reference with tag {:p} is held (at {})",
                    Tag,
                    site(Line, File)
                ),
            );
            None
        }
    };
    if let Some(id) = destroy_now {
        framework::destroy(&sim, id, "deleted (last reference released)");
    }
}

pub(crate) unsafe extern "C" fn WdfObjectDelete(
    globals: PWDF_DRIVER_GLOBALS,
    Object: sys::WDFOBJECT,
) {
    const CALL: &str = "WdfObjectDelete";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let id = {
        let mut state = sim.lock();
        let Some(id) = any_object(&mut state, Object, CALL) else {
            return;
        };
        let kind = state.objects.get(&id).map(|o| o.kind);
        if kind == Some(Kind::Request)
            && let Some(request) = state.request(id).filter(|r| r.created)
            && request.sent.is_some()
        {
            state.violation_on(
                Rule::ObjectDeleteMisuse,
                CALL,
                id,
                "the request is with an I/O target; delete it once it came back".to_owned(),
            );
            return;
        }
        let created = state.request(id).is_some_and(|r| r.created);
        let control = state.device(id).is_some_and(|d| d.control.is_some());
        let framework_owned = match kind {
            Some(Kind::Request) => !created,
            // A control device is the driver's to delete; a PnP device is the framework's.
            Some(Kind::Device) => !control,
            Some(Kind::Driver | Kind::FileObject | Kind::DeviceInit) => true,
            Some(Kind::Queue) => state.queue(id).is_some_and(|q| q.default_queue),
            _ => false,
        };
        if framework_owned {
            let described = state.describe(id);
            state.violation(
                Rule::ObjectDeleteMisuse,
                CALL,
                described,
                "the framework owns this object's lifetime; a driver must not delete it".to_owned(),
            );
            return;
        }
        id
    };
    if sim.lock().device(id).is_some_and(|d| d.control.is_some()) {
        framework::pnp::delete_control_device(&sim, id, CALL);
        return;
    }
    framework::delete_tree(&sim, id, "deleted by WdfObjectDelete");
}

pub(crate) unsafe extern "C" fn WdfMemoryCreate(
    globals: PWDF_DRIVER_GLOBALS,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    PoolType: sys::POOL_TYPE,
    PoolTag: sys::ULONG,
    BufferSize: usize,
    Memory: *mut sys::WDFMEMORY,
    Buffer: *mut sys::PVOID,
) -> NTSTATUS {
    const CALL: &str = "WdfMemoryCreate";
    let sim = current(globals, CALL);
    let paged = PoolType & 1 == 1;
    irql::check_max(&sim, CALL, if paged { APC } else { DISPATCH });
    let mut state = sim.lock();
    write_out(Memory, std::ptr::null_mut());
    write_out(Buffer, std::ptr::null_mut());
    if BufferSize == 0 {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDFMEMORY".to_owned(),
            "BufferSize is 0".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let Some(mut buffer) = SimBuffer::try_zeroed(BufferSize) else {
        return sys::STATUS_INSUFFICIENT_RESOURCES;
    };
    buffer.fill(UNINITIALIZED_FILL);
    let pointer = buffer.as_ptr();
    // Memory objects are tracked as objects (leaks name the WDFMEMORY), not by pool tag.
    let _ = PoolTag;
    let parent = state.default_parent();
    match framework::create_object(
        &mut state,
        Kind::Memory,
        parent,
        framework::read_attributes(Attributes),
        ObjData::Memory(MemoryData { buffer, view: None }),
        CALL,
    ) {
        Ok(id) => {
            write_out(Memory, handle(id));
            write_out(Buffer, pointer.cast());
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) fn memory_buffer(
    state: &mut State,
    memory: sys::WDFMEMORY,
    call: &str,
) -> Option<(*mut u8, usize)> {
    let id = state.expect_object(memory, Kind::Memory, call)?;
    match state.objects.get(&id).map(|o| &o.data) {
        Some(ObjData::Memory(data)) => Some(data.region()),
        _ => None,
    }
}

pub(crate) unsafe extern "C" fn WdfMemoryGetBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    Memory: sys::WDFMEMORY,
    BufferSize: *mut usize,
) -> sys::PVOID {
    const CALL: &str = "WdfMemoryGetBuffer";
    let sim = current(globals, CALL);
    let mut state = sim.lock();
    let Some((pointer, len)) = memory_buffer(&mut state, Memory, CALL) else {
        return std::ptr::null_mut();
    };
    write_out(BufferSize, len);
    pointer.cast()
}

pub(crate) fn memory_copy(
    globals: PWDF_DRIVER_GLOBALS,
    call: &str,
    memory: sys::WDFMEMORY,
    offset: usize,
    buffer: sys::PVOID,
    count: usize,
    to_memory: bool,
) -> NTSTATUS {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let Some((pointer, len)) = memory_buffer(&mut state, memory, call) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if buffer.is_null() {
        state.violation(
            Rule::InvalidArgument,
            call,
            "buffer".to_owned(),
            "Buffer is null".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    if offset.checked_add(count).is_none_or(|end| end > len) {
        return sys::STATUS_BUFFER_TOO_SMALL;
    }
    // SAFETY: `offset + count <= len`, so the range lies inside the memory object's block.
    let inside = unsafe { pointer.add(offset) };
    let (source, destination) = if to_memory {
        (buffer.cast::<u8>().cast_const(), inside)
    } else {
        (inside.cast_const(), buffer.cast::<u8>())
    };
    // SAFETY: the DDI contract makes `buffer` valid for `count` bytes; the other side is checked
    // above; the driver's buffer and the framework's block are distinct allocations.
    unsafe { std::ptr::copy_nonoverlapping(source, destination, count) };
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfMemoryCopyToBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    SourceMemory: sys::WDFMEMORY,
    SourceOffset: usize,
    Buffer: sys::PVOID,
    NumBytesToCopyTo: usize,
) -> NTSTATUS {
    memory_copy(
        globals,
        "WdfMemoryCopyToBuffer",
        SourceMemory,
        SourceOffset,
        Buffer,
        NumBytesToCopyTo,
        false,
    )
}

pub(crate) unsafe extern "C" fn WdfMemoryCopyFromBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    DestinationMemory: sys::WDFMEMORY,
    DestinationOffset: usize,
    Buffer: sys::PVOID,
    NumBytesToCopyFrom: usize,
) -> NTSTATUS {
    memory_copy(
        globals,
        "WdfMemoryCopyFromBuffer",
        DestinationMemory,
        DestinationOffset,
        Buffer,
        NumBytesToCopyFrom,
        true,
    )
}

pub(crate) fn create_lock(
    globals: PWDF_DRIVER_GLOBALS,
    call: &str,
    kind: Kind,
    attributes: sys::PWDF_OBJECT_ATTRIBUTES,
) -> Result<u64, NTSTATUS> {
    let sim = irql::enter(globals, call, DISPATCH);
    let mut state = sim.lock();
    let parent = state.default_parent();
    let data = if kind == Kind::SpinLock {
        ObjData::SpinLock(LockData::default())
    } else {
        ObjData::WaitLock(LockData::default())
    };
    framework::create_object(
        &mut state,
        kind,
        parent,
        framework::read_attributes(attributes),
        data,
        call,
    )
}

pub(crate) unsafe extern "C" fn WdfSpinLockCreate(
    globals: PWDF_DRIVER_GLOBALS,
    SpinLockAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    SpinLock: *mut sys::WDFSPINLOCK,
) -> NTSTATUS {
    write_out(SpinLock, std::ptr::null_mut());
    match create_lock(
        globals,
        "WdfSpinLockCreate",
        Kind::SpinLock,
        SpinLockAttributes,
    ) {
        Ok(id) => {
            write_out(SpinLock, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfWaitLockCreate(
    globals: PWDF_DRIVER_GLOBALS,
    LockAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Lock: *mut sys::WDFWAITLOCK,
) -> NTSTATUS {
    write_out(Lock, std::ptr::null_mut());
    match create_lock(globals, "WdfWaitLockCreate", Kind::WaitLock, LockAttributes) {
        Ok(id) => {
            write_out(Lock, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) fn lock_data(state: &mut State, id: u64) -> Option<&mut LockData> {
    match state.objects.get_mut(&id).map(|o| &mut o.data) {
        Some(ObjData::SpinLock(data) | ObjData::WaitLock(data)) => Some(data),
        _ => None,
    }
}

/// Takes a lock for the calling simulated thread, blocking on the scheduler while another thread
/// holds it. `deadline` (virtual time) bounds the wait; `Some(0)`-like deadlines in the past
/// give up after one look. Returns false if not taken.
pub(crate) fn acquire(sim: &Arc<Sim>, id: u64, call: &str, deadline: Option<u64>) -> bool {
    let me = sim.sched.current();
    loop {
        {
            let mut state = sim.lock();
            let Some(data) = lock_data(&mut state, id) else {
                return false;
            };
            match data.holder {
                None => {
                    data.holder = me;
                    return true;
                }
                Some(holder) if Some(holder) == me => {
                    state.violation_on(
                        Rule::LockMisuse,
                        call,
                        id,
                        "acquired again by the thread that holds it (deadlock)".to_owned(),
                    );
                    return false;
                }
                Some(_) => {}
            }
        }
        if deadline.is_some_and(|d| sim.now() >= d) {
            return false;
        }
        let shared = Arc::clone(sim);
        let outcome = sim.sched.block("a lock held by another thread", move |now| {
            let free = shared
                .lock()
                .objects
                .get(&id)
                .is_some_and(|o| matches!(&o.data, ObjData::SpinLock(l) | ObjData::WaitLock(l) if l.holder.is_none()));
            match deadline {
                _ if free => Wake::Ready,
                Some(d) if now >= d => Wake::Ready,
                Some(d) => Wake::At(d),
                None => Wake::Later,
            }
        });
        if outcome == Outcome::Stuck {
            let mut state = sim.lock();
            let described = state.describe(id);
            state.violation(
                Rule::LockMisuse,
                call,
                described,
                "deadlock: the lock is held by a thread that can never release it (every simulated thread is waiting)".to_owned(),
            );
            return false;
        }
    }
}

pub(crate) fn release(sim: &crate::state::Sim, id: u64, call: &str) -> bool {
    let me = sim.sched.current();
    let mut state = sim.lock();
    let Some(data) = lock_data(&mut state, id) else {
        return false;
    };
    if data.holder.is_some() && data.holder == me {
        data.holder = None;
        return true;
    }
    state.violation_on(
        Rule::LockMisuse,
        call,
        id,
        "released by a thread that does not hold it".to_owned(),
    );
    false
}

thread_local! {
    static SAVED_IRQL: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub(crate) unsafe extern "C" fn WdfSpinLockAcquire(
    globals: PWDF_DRIVER_GLOBALS,
    SpinLock: sys::WDFSPINLOCK,
) {
    const CALL: &str = "WdfSpinLockAcquire";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let Some(id) = sim.lock().expect_object(SpinLock, Kind::SpinLock, CALL) else {
        return;
    };
    if acquire(&sim, id, CALL, None) {
        SAVED_IRQL.with(|s| s.borrow_mut().push(irql::current()));
        irql::set(DISPATCH);
        irql::add_spin_lock(1);
    }
}

pub(crate) unsafe extern "C" fn WdfSpinLockRelease(
    globals: PWDF_DRIVER_GLOBALS,
    SpinLock: sys::WDFSPINLOCK,
) {
    const CALL: &str = "WdfSpinLockRelease";
    let sim = current(globals, CALL);
    let Some(id) = sim.lock().expect_object(SpinLock, Kind::SpinLock, CALL) else {
        return;
    };
    if !release(&sim, id, CALL) {
        return;
    }
    if irql::current() != DISPATCH {
        let mut state = sim.lock();
        let detail = format!(
            "released at {}, not DISPATCH_LEVEL",
            irql::name(irql::current())
        );
        state.violation_on(Rule::LockMisuse, CALL, id, detail);
    }
    let saved = SAVED_IRQL.with(|s| s.borrow_mut().pop()).unwrap_or(PASSIVE);
    irql::set(saved);
    irql::add_spin_lock(-1);
}

pub(crate) unsafe extern "C" fn WdfWaitLockAcquire(
    globals: PWDF_DRIVER_GLOBALS,
    Lock: sys::WDFWAITLOCK,
    Timeout: sys::PLONGLONG,
) -> NTSTATUS {
    const CALL: &str = "WdfWaitLockAcquire";
    let sim = current(globals, CALL);
    // SAFETY: the DDI contract: Timeout is null or points at a LONGLONG.
    let timeout = unsafe { Timeout.as_ref() }.copied();
    irql::check_max(&sim, CALL, if timeout == Some(0) { APC } else { PASSIVE });
    let Some(id) = sim.lock().expect_object(Lock, Kind::WaitLock, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    // A relative timeout is negative, in 100 ns units; an absolute one is a time on the clock.
    let deadline = timeout.map(|t| {
        if t < 0 {
            sim.now().saturating_add(t.unsigned_abs())
        } else {
            t.unsigned_abs()
        }
    });
    if acquire(&sim, id, CALL, deadline) {
        sys::STATUS_SUCCESS
    } else {
        sys::STATUS_TIMEOUT
    }
}

pub(crate) unsafe extern "C" fn WdfWaitLockRelease(
    globals: PWDF_DRIVER_GLOBALS,
    Lock: sys::WDFWAITLOCK,
) {
    const CALL: &str = "WdfWaitLockRelease";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let Some(id) = sim.lock().expect_object(Lock, Kind::WaitLock, CALL) else {
        return;
    };
    release(&sim, id, CALL);
}

// ---------------------------------------------------------------------------------------------
// Kernel routines

pub(crate) fn ex_allocate_pool2(
    flags: sys::POOL_FLAGS,
    size: sys::SIZE_T,
    tag: sys::ULONG,
) -> sys::PVOID {
    const CALL: &str = "ExAllocatePool2";
    let sim = current_for_kernel(CALL);
    let kinds = flags
        & (sys::POOL_FLAG_NON_PAGED | sys::POOL_FLAG_NON_PAGED_EXECUTE | sys::POOL_FLAG_PAGED);
    let paged = kinds == sys::POOL_FLAG_PAGED;
    irql::check_max(&sim, CALL, if paged { APC } else { DISPATCH });
    let mut state = sim.lock();
    if kinds.count_ones() != 1 {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            format!("pool tag '{}'", tag_text(tag)),
            format!("flags {flags:#x} must name exactly one pool type (POOL_FLAG_NON_PAGED, _NON_PAGED_EXECUTE or _PAGED)"),
        );
        return std::ptr::null_mut();
    }
    if tag == 0 {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "pool tag 0".to_owned(),
            "the tag must be non-zero".to_owned(),
        );
        return std::ptr::null_mut();
    }
    let Ok(size) = usize::try_from(size) else {
        return std::ptr::null_mut();
    };
    if state.allocation_fails(CALL) {
        return std::ptr::null_mut();
    }
    let Some(mut buffer) = SimBuffer::try_zeroed(size) else {
        return std::ptr::null_mut();
    };
    if flags & sys::POOL_FLAG_UNINITIALIZED != 0 {
        buffer.fill(UNINITIALIZED_FILL);
    }
    let pointer = buffer.as_ptr();
    state
        .pool
        .insert(pointer.addr(), PoolBlock { buffer, tag, flags });
    pointer.cast()
}

pub(crate) fn ex_free_pool(pointer: sys::PVOID, tag: Option<sys::ULONG>) {
    let call = if tag.is_some() {
        "ExFreePoolWithTag"
    } else {
        "ExFreePool"
    };
    let sim = current_for_kernel(call);
    irql::check_max(&sim, call, DISPATCH);
    let mut state = sim.lock();
    let Some(block) = state.pool.remove(&pointer.addr()) else {
        state.violation(
            Rule::BadPoolFree,
            call,
            format!("address {pointer:p}"),
            "not a live pool allocation (freed twice, or never allocated)".to_owned(),
        );
        return;
    };
    if block.flags & sys::POOL_FLAG_PAGED != 0 && irql::current() > APC {
        state.violation(
            Rule::IrqlTooHigh,
            call,
            format!("address {pointer:p}"),
            "paged pool freed above APC_LEVEL".to_owned(),
        );
    }
    if let Some(tag) = tag.filter(|t| *t != block.tag) {
        state.violation(
            Rule::BadPoolFree,
            call,
            format!("address {pointer:p}"),
            format!(
                "freed with tag '{}' but allocated with '{}'",
                tag_text(tag),
                tag_text(block.tag)
            ),
        );
    }
    let owner = Retired::Pool {
        address: pointer.addr(),
        tag: block.tag,
    };
    framework::quarantine(&mut state, block.buffer, owner, call);
}

pub(crate) fn ke_query_performance_counter(frequency: sys::PLARGE_INTEGER) -> sys::LARGE_INTEGER {
    let sim = current_for_kernel("KeQueryPerformanceCounter");
    if !frequency.is_null() {
        // SAFETY: the routine's contract: a non-null frequency pointer is valid for a write.
        unsafe {
            frequency.write(sys::LARGE_INTEGER {
                QuadPart: 10_000_000,
            });
        };
    }
    let now = i64::try_from(sim.now()).unwrap_or(i64::MAX);
    sys::LARGE_INTEGER { QuadPart: now }
}

pub(crate) fn ke_query_interrupt_time_precise(qpc: sys::PULONG64) -> sys::ULONG64 {
    let sim = current_for_kernel("KeQueryInterruptTimePrecise");
    let now = sim.now();
    write_out(qpc, now);
    now
}

pub(crate) fn debug_print(text: &str) {
    let sim = current_for_kernel("DbgPrint");
    if crate::config::trace() {
        eprint!("[driver] {text}");
    }
    let thread = sim.sched.current();
    let mut state = sim.lock();
    state.log_debug(text);
    if !state.failed_sends.is_empty() && !text.trim().is_empty() {
        state.note_explanation(thread);
    }
}
