//! Request helpers of the stack tests' drivers (tests/stack.rs, tests/internal_ioctl.rs): a
//! status check that fails the test without unwinding, a request's buffers, a queue's default
//! I/O target.

use kmdf_sim::wdk_sys::{
    NTSTATUS, STATUS_SUCCESS, WDFIOTARGET, WDFQUEUE, WDFREQUEST, call_unsafe_wdf_function_binding,
};

/// Fails the test (without unwinding) unless `status` is success.
pub fn check(status: NTSTATUS, what: &str) -> bool {
    if status == STATUS_SUCCESS {
        true
    } else {
        kmdf_sim::fail_test(&format!("{what} failed with {status:#x}"));
        false
    }
}

/// The request's output (`output`) or input buffer, as a raw pointer and length.
pub fn buffer(request: WDFREQUEST, output: bool) -> Option<(*mut u8, usize)> {
    let (mut pointer, mut length) = (core::ptr::null_mut(), 0_usize);
    let status = if output {
        // SAFETY: the caller owns the request; out-pointers are locals.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveOutputBuffer,
                request,
                0,
                &raw mut pointer,
                &raw mut length
            )
        }
    } else {
        // SAFETY: as above.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfRequestRetrieveInputBuffer,
                request,
                0,
                &raw mut pointer,
                &raw mut length
            )
        }
    };
    (status == STATUS_SUCCESS).then_some((pointer.cast(), length))
}

/// The default I/O target of `queue`'s device.
pub fn default_target(queue: WDFQUEUE) -> WDFIOTARGET {
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    // SAFETY: its live device.
    unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetIoTarget, device) }
}
