//! A device's one-shot timer, started for a relative due time and calling the device context's
//! [`TimerCallback`] at DISPATCH_LEVEL. DDI: "WdfTimerCreate function (wdftimer.h)",
//! "WdfTimerStart function (wdftimer.h)".

use core::ffi::c_void;
use core::sync::atomic::{AtomicPtr, Ordering};

use wdk_sys::{ULONG, WDF_TIMER_CONFIG, WDFTIMER, call_unsafe_wdf_function_binding};

use super::context::{self, ObjectContext};
use super::device::Device;
use super::status::{NtStatus, Result, to_result};

/// A device context that owns a [`Timer`].
pub trait TimerCallback: ObjectContext {
    /// EvtTimerFunc, at DISPATCH_LEVEL.
    fn timer_fired(&self);
}

/// A WDFTIMER created after its device (so its slot starts empty); deleted with the device.
pub struct Timer {
    raw: AtomicPtr<c_void>,
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}

impl Timer {
    /// A slot without a timer yet.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            raw: AtomicPtr::new(core::ptr::null_mut()),
        }
    }

    /// `WdfTimerCreate`, one-shot, parented to `device`, calling `T::timer_fired`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn create<T: TimerCallback>(&self, device: &Device<'_, T>) -> Result {
        #[expect(clippy::cast_possible_truncation, reason = "the structure is 32 bytes")]
        let size = size_of::<WDF_TIMER_CONFIG>() as ULONG;
        let mut config = WDF_TIMER_CONFIG {
            Size: size,
            EvtTimerFunc: Some(evt_timer::<T>),
            Period: 0,
            AutomaticSerialization: 1,
            TolerableDelay: 0,
            ..WDF_TIMER_CONFIG::default()
        };
        let mut attributes = context::plain_attributes();
        attributes.ParentObject = device.raw().cast();
        let mut timer: WDFTIMER = core::ptr::null_mut();
        // SAFETY: `config`, `attributes` and `timer` outlive the call; the parent is a live
        // device; at most DISPATCH_LEVEL.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfTimerCreate,
                &raw mut config,
                &raw mut attributes,
                &raw mut timer
            )
        };
        to_result(status)?;
        if timer.is_null() {
            return Err(NtStatus::INSUFFICIENT_RESOURCES);
        }
        self.raw.store(timer.cast(), Ordering::Release);
        Ok(())
    }

    /// `WdfTimerStart`: fires once, `ticks` of 100 ns from now (at least one tick); a timer
    /// already due is reset to the new time. Nothing happens before [`Timer::create`].
    pub fn start(&self, ticks: u64) {
        let raw: WDFTIMER = self.raw.load(Ordering::Acquire).cast();
        if raw.is_null() {
            return;
        }
        let due = i64::try_from(ticks.max(1)).map_or(i64::MIN, |t| 0_i64.saturating_sub(t));
        // SAFETY: a live timer (deleted only with its device, after every caller is done);
        // a negative due time is relative; at most DISPATCH_LEVEL.
        let _ = unsafe { call_unsafe_wdf_function_binding!(WdfTimerStart, raw, due) };
    }
}

unsafe extern "C" fn evt_timer<T: TimerCallback>(timer: WDFTIMER) {
    // SAFETY: the framework passes its live timer; its parent is the device it was created on.
    let parent = unsafe { call_unsafe_wdf_function_binding!(WdfTimerGetParentObject, timer) };
    // SAFETY: the device outlives its timer's callbacks.
    if let Some(context) = unsafe { context::get::<T>(parent) } {
        context.timer_fired();
    }
}
