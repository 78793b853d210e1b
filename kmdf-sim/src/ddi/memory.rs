//! Framework entry points for memory objects over the driver's own buffers and lookaside lists
//! (wdfmemory.h). DDI: "WdfMemoryCreatePreallocated function (wdfmemory.h)",
//! "WdfMemoryAssignBuffer", "WdfLookasideListCreate", "WdfMemoryCreateFromLookaside".

#![expect(non_snake_case, reason = "parameter names follow the C prototypes")]

use kmdf_sim_wdk_sys as sys;
use sys::{NTSTATUS, PWDF_DRIVER_GLOBALS};

use super::write_out;
use crate::framework;
use crate::irql::{self, APC, DISPATCH};
use crate::memory::{SimBuffer, UNINITIALIZED_FILL};
use crate::state::{Kind, LookasideData, MemoryData, ObjData, State, current, handle};
use crate::verifier::Rule;

/// Reports a null buffer or a zero size (STATUS_INVALID_PARAMETER), as these DDIs validate them.
fn check_buffer(state: &mut State, call: &str, buffer: sys::PVOID, size: usize) -> bool {
    if buffer.is_null() || size == 0 {
        state.violation(
            Rule::InvalidArgument,
            call,
            "WDFMEMORY".to_owned(),
            format!("Buffer {buffer:p} with BufferSize {size}: a non-null buffer of at least one byte is required"),
        );
        return false;
    }
    true
}

pub(crate) unsafe extern "C" fn WdfMemoryCreatePreallocated(
    globals: PWDF_DRIVER_GLOBALS,
    Attributes: sys::PWDF_OBJECT_ATTRIBUTES,
    Buffer: sys::PVOID,
    BufferSize: usize,
    Memory: *mut sys::WDFMEMORY,
) -> NTSTATUS {
    const CALL: &str = "WdfMemoryCreatePreallocated";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    write_out(Memory, std::ptr::null_mut());
    if !check_buffer(&mut state, CALL, Buffer, BufferSize) {
        return sys::STATUS_INVALID_PARAMETER;
    }
    let parent = state.default_parent();
    // The driver's buffer, viewed: the framework neither frees nor poisons it.
    let data = MemoryData {
        buffer: SimBuffer::zeroed(0),
        view: Some((Buffer.cast(), BufferSize)),
    };
    match framework::create_object(
        &mut state,
        Kind::Memory,
        parent,
        framework::read_attributes(Attributes),
        ObjData::Memory(data),
        CALL,
    ) {
        Ok(id) => {
            state.extra.preallocated.insert(id);
            write_out(Memory, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfMemoryAssignBuffer(
    globals: PWDF_DRIVER_GLOBALS,
    Memory: sys::WDFMEMORY,
    Buffer: sys::PVOID,
    BufferSize: usize,
) -> NTSTATUS {
    const CALL: &str = "WdfMemoryAssignBuffer";
    let sim = irql::enter(globals, CALL, DISPATCH);
    let mut state = sim.lock();
    let Some(id) = state.expect_object(Memory, Kind::Memory, CALL) else {
        return sys::STATUS_INVALID_HANDLE;
    };
    if !check_buffer(&mut state, CALL, Buffer, BufferSize) {
        return sys::STATUS_INVALID_PARAMETER;
    }
    if !state.extra.preallocated.contains(&id) {
        // Only a memory object from WdfMemoryCreatePreallocated takes another buffer.
        return sys::STATUS_INVALID_DEVICE_REQUEST;
    }
    if let Some(ObjData::Memory(data)) = state.objects.get_mut(&id).map(|o| &mut o.data) {
        data.view = Some((Buffer.cast(), BufferSize));
    }
    sys::STATUS_SUCCESS
}

pub(crate) unsafe extern "C" fn WdfLookasideListCreate(
    globals: PWDF_DRIVER_GLOBALS,
    LookasideAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    BufferSize: usize,
    PoolType: sys::POOL_TYPE,
    MemoryAttributes: sys::PWDF_OBJECT_ATTRIBUTES,
    PoolTag: sys::ULONG,
    Lookaside: *mut sys::WDFLOOKASIDE,
) -> NTSTATUS {
    const CALL: &str = "WdfLookasideListCreate";
    let sim = current(globals, CALL);
    let paged = PoolType & 1 == 1;
    irql::check_max(&sim, CALL, if paged { APC } else { DISPATCH });
    sim.sched.yield_now();
    let mut state = sim.lock();
    write_out(Lookaside, std::ptr::null_mut());
    if BufferSize == 0 {
        state.violation(
            Rule::InvalidArgument,
            CALL,
            "WDFLOOKASIDE".to_owned(),
            "BufferSize is 0".to_owned(),
        );
        return sys::STATUS_INVALID_PARAMETER;
    }
    let memory_attributes = framework::read_attributes(MemoryAttributes);
    if let Some(attributes) = &memory_attributes
        && let Err(status) = framework::validate_attributes(&mut state, attributes, CALL)
    {
        return status;
    }
    // Buffers are tracked as memory objects (leaks name the WDFMEMORY), not by pool tag.
    let _ = PoolTag;
    let parent = state.default_parent();
    let data = LookasideData {
        size: BufferSize,
        paged,
        memory_attributes,
    };
    match framework::create_object(
        &mut state,
        Kind::Lookaside,
        parent,
        framework::read_attributes(LookasideAttributes),
        ObjData::Lookaside(data),
        CALL,
    ) {
        Ok(id) => {
            write_out(Lookaside, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}

pub(crate) unsafe extern "C" fn WdfMemoryCreateFromLookaside(
    globals: PWDF_DRIVER_GLOBALS,
    Lookaside: sys::WDFLOOKASIDE,
    Memory: *mut sys::WDFMEMORY,
) -> NTSTATUS {
    const CALL: &str = "WdfMemoryCreateFromLookaside";
    let sim = current(globals, CALL);
    let (size, paged, attributes) = {
        let mut state = sim.lock();
        write_out(Memory, std::ptr::null_mut());
        let Some(id) = state.expect_object(Lookaside, Kind::Lookaside, CALL) else {
            return sys::STATUS_INVALID_HANDLE;
        };
        match state.objects.get(&id).map(|o| &o.data) {
            Some(ObjData::Lookaside(data)) => (data.size, data.paged, data.memory_attributes),
            _ => return sys::STATUS_INVALID_HANDLE,
        }
    };
    irql::check_max(&sim, CALL, if paged { APC } else { DISPATCH });
    sim.sched.yield_now();
    let mut state = sim.lock();
    let Some(mut buffer) = SimBuffer::try_zeroed(size) else {
        return sys::STATUS_INSUFFICIENT_RESOURCES;
    };
    // A lookaside buffer is not zeroed: it holds whatever its last user left.
    buffer.fill(UNINITIALIZED_FILL);
    let parent = state.default_parent();
    match framework::create_object(
        &mut state,
        Kind::Memory,
        parent,
        attributes,
        ObjData::Memory(MemoryData { buffer, view: None }),
        CALL,
    ) {
        Ok(id) => {
            write_out(Memory, handle(id));
            sys::STATUS_SUCCESS
        }
        Err(status) => status,
    }
}
