//! `wdk::wdf::Timer`. DDI: "WdfTimerCreate function (wdftimer.h)", "WdfTimerStart",
//! "WdfTimerStop".

use kmdf_sim_wdk_sys::{
    NTSTATUS, WDF_OBJECT_ATTRIBUTES, WDF_TIMER_CONFIG, WDFTIMER, call_unsafe_wdf_function_binding,
};

use crate::nt_success;

/// A framework timer (`WDFTIMER`); its callback and period are in the `WDF_TIMER_CONFIG` it is
/// created with, its parent (a device, a queue, ...) in the attributes.
pub struct Timer {
    /// The framework's handle, written once by `WdfTimerCreate`.
    wdf_timer: WDFTIMER,
}

impl Timer {
    /// Creates the timer.
    ///
    /// # Errors
    /// The status `WdfTimerCreate` returns when it fails (STATUS_INSUFFICIENT_RESOURCES,
    /// STATUS_INVALID_PARAMETER, STATUS_WDF_PARENT_NOT_SPECIFIED for a parent that does not lead
    /// to a device).
    pub fn try_new(
        timer_config: &mut WDF_TIMER_CONFIG,
        attributes: &mut WDF_OBJECT_ATTRIBUTES,
    ) -> Result<Self, NTSTATUS> {
        let mut wdf_timer: WDFTIMER = core::ptr::null_mut();
        // SAFETY:
        // - `timer_config` and `attributes` are valid, initialised structures (references);
        // - `wdf_timer` is a local the framework writes the new handle to.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfTimerCreate,
                timer_config,
                attributes,
                &raw mut wdf_timer
            )
        };
        if nt_success(status) {
            Ok(Self { wdf_timer })
        } else {
            Err(status)
        }
    }

    /// The same as [`Timer::try_new`].
    ///
    /// # Errors
    /// As [`Timer::try_new`].
    pub fn create(
        timer_config: &mut WDF_TIMER_CONFIG,
        attributes: &mut WDF_OBJECT_ATTRIBUTES,
    ) -> Result<Self, NTSTATUS> {
        Self::try_new(timer_config, attributes)
    }

    /// Starts the timer: `due_time` in 100 ns units, negative for relative to now, positive for
    /// absolute system time. Returns whether it was already in the system's timer queue.
    #[must_use]
    pub fn start(&self, due_time: i64) -> bool {
        // SAFETY: `wdf_timer` is the handle `WdfTimerCreate` returned; the framework keeps the
        // timer until its parent is deleted.
        let was_queued =
            unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, self.wdf_timer, due_time) };
        was_queued != 0
    }

    /// Stops the timer; with `wait`, also waits for a running callback to return (PASSIVE_LEVEL
    /// only). Returns whether it was in the system's timer queue.
    #[must_use]
    pub fn stop(&self, wait: bool) -> bool {
        // SAFETY: as in `start`.
        let was_queued = unsafe {
            call_unsafe_wdf_function_binding!(WdfTimerStop, self.wdf_timer, u8::from(wait))
        };
        was_queued != 0
    }
}
