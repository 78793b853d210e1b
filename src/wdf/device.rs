//! Devices: the init-only [`DeviceInit`] of EvtDriverDeviceAdd, consumed by
//! [`DeviceInit::create`], and [`Device`], a WDFDEVICE borrowed for a callback and tied to its
//! context type. DDI: "WdfDeviceCreate function (wdfdevice.h)",
//! "WdfDeviceInitAssignSDDLString function", "WdfDeviceInitSetCharacteristics function",
//! "WdfDeviceInitSetFileObjectConfig function", "WdfDeviceCreateDeviceInterface function".

use core::marker::PhantomData;

use wdk_sys::{
    GUID, PWDFDEVICE_INIT, UNICODE_STRING, WDF_DEVICE_IO_TYPE, WDF_OBJECT_ATTRIBUTES, WDFDEVICE,
    WDFOBJECT, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::file::{self, FileCallbacks};
use super::pnp::{self, PnpCallbacks};
use super::status::{NtStatus, Result, to_result};
use super::trace::{self, Pnp};

/// The WDFDEVICE_INIT of one EvtDriverDeviceAdd call. It exists only during that callback (the
/// lifetime), and [`DeviceInit::create`] consumes it, so no `WdfDeviceInit*` call can follow
/// `WdfDeviceCreate`.
pub struct DeviceInit<'a> {
    raw: PWDFDEVICE_INIT,
    _callback: PhantomData<&'a mut ()>,
}

/// How the device receives read, write and IOCTL buffers (`WDF_DEVICE_IO_TYPE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoType {
    /// The I/O manager copies through a system buffer.
    Buffered,
    /// The I/O manager locks the caller's pages (MDLs).
    Direct,
}

/// A UTF-16 string fixed at compile time, for `UNICODE_STRING` parameters
/// (`DECLARE_CONST_UNICODE_STRING`). Build it with [`WideStr::from_ascii`].
pub struct WideStr<const N: usize> {
    units: [u16; N],
}

impl<const N: usize> WideStr<N> {
    /// The ASCII text `text` (exactly `N` bytes) as UTF-16.
    ///
    /// # Panics
    /// If `text` is not `N` bytes of ASCII: meant for constants, where that fails the build.
    #[must_use]
    #[expect(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        reason = "used for constants: evaluated at compile time, where the assert bounds every index"
    )]
    pub const fn from_ascii(text: &str) -> Self {
        let bytes = text.as_bytes();
        assert!(bytes.len() == N, "the length must be the text's");
        let mut units = [0u16; N];
        let mut index = 0;
        while index < N {
            assert!(bytes[index].is_ascii(), "ASCII only");
            units[index] = bytes[index] as u16;
            index += 1;
        }
        Self { units }
    }

    /// A `UNICODE_STRING` viewing the text (valid while `self` is).
    fn as_unicode(&self) -> UNICODE_STRING {
        let bytes = u16::try_from(N.saturating_mul(2)).unwrap_or(u16::MAX);
        UNICODE_STRING {
            Length: bytes,
            MaximumLength: bytes,
            Buffer: self.units.as_ptr().cast_mut(),
        }
    }
}

impl<'a> DeviceInit<'a> {
    /// Wraps the init pointer of an EvtDriverDeviceAdd call.
    ///
    /// # Safety
    /// `raw` is the live WDFDEVICE_INIT the framework passed to the running EvtDriverDeviceAdd,
    /// and the returned value does not outlive that callback.
    pub(crate) unsafe fn from_raw(raw: PWDFDEVICE_INIT) -> Self {
        Self {
            raw,
            _callback: PhantomData,
        }
    }

    /// `WdfDeviceInitSetIoType`.
    pub fn set_io_type(&mut self, io_type: IoType) {
        let io_type: WDF_DEVICE_IO_TYPE = match io_type {
            IoType::Buffered => wdk_sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoBuffered,
            IoType::Direct => wdk_sys::_WDF_DEVICE_IO_TYPE::WdfDeviceIoDirect,
        };
        // SAFETY: `self.raw` is live and not yet consumed (it is consumed only by `create`,
        // which takes `self`); the I/O type is a valid enumerator.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitSetIoType, self.raw, io_type) };
    }

    /// `WdfDeviceInitAssignSDDLString`: who may open the device.
    ///
    /// # Errors
    /// The status the framework failed with (`STATUS_INVALID_PARAMETER` for a malformed SDDL).
    pub fn assign_sddl<const N: usize>(&mut self, sddl: &WideStr<N>) -> Result {
        let string = sddl.as_unicode();
        // SAFETY: live, unconsumed init; `string` and the text it views outlive the call (the
        // framework copies the descriptor); PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceInitAssignSDDLString,
                self.raw,
                &raw const string
            )
        };
        to_result(status)
    }

    /// `WdfDeviceInitSetCharacteristics`, adding `characteristics` to the device's.
    pub fn add_characteristics(&mut self, characteristics: u32) {
        // SAFETY: live, unconsumed init; OrInValues = TRUE keeps the characteristics already set.
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceInitSetCharacteristics,
                self.raw,
                characteristics,
                1
            );
        };
    }

    /// `WdfDeviceInitSetFileObjectConfig`: each handle gets a `T::File` context, made by
    /// `T::file_create` and told of cleanup and close.
    pub fn set_file_callbacks<T: FileCallbacks>(&mut self) {
        let mut config = file::config::<T>();
        let mut attributes = context::attributes_for::<T::File>();
        // SAFETY: live, unconsumed init; `config` and `attributes` outlive the call (the
        // framework copies them).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceInitSetFileObjectConfig,
                self.raw,
                &raw mut config,
                &raw mut attributes
            );
        };
    }

    /// `WdfDeviceInitSetPnpPowerEventCallbacks`: the device context hears of self-managed I/O
    /// suspend and restart.
    pub fn set_pnp_callbacks<T: PnpCallbacks>(&mut self) {
        let mut callbacks = pnp::callbacks::<T>();
        // SAFETY: live, unconsumed init; `callbacks` outlives the call (the framework copies it).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceInitSetPnpPowerEventCallbacks,
                self.raw,
                &raw mut callbacks
            );
        };
    }

    /// `WdfDeviceCreate`, with a `T` context initialised in place to `context`.
    ///
    /// # Errors
    /// The status `WdfDeviceCreate` failed with (the driver must return it from
    /// EvtDriverDeviceAdd).
    pub fn create<T: ObjectContext>(mut self, context: T) -> Result<Device<'a, T>> {
        let mut attributes = WDF_OBJECT_ATTRIBUTES {
            EvtCleanupCallback: Some(evt_device_cleanup::<T>),
            ..context::attributes_for::<T>()
        };
        let mut device: WDFDEVICE = core::ptr::null_mut();
        // SAFETY: `self.raw` is a live, unconsumed init (consumed here: `self` is moved in);
        // `attributes` and `device` outlive the call; PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreate,
                &raw mut self.raw,
                &raw mut attributes,
                &raw mut device
            )
        };
        to_result(status)?;
        if device.is_null() {
            return Err(NtStatus::UNSUCCESSFUL);
        }
        // SAFETY: the device was just created with `attributes_for::<T>()`, its context is not
        // initialised yet and no callback can run on it before EvtDriverDeviceAdd returns.
        unsafe { context::init::<T>(device.cast(), context) }?;
        // SAFETY: live device, for the rest of EvtDriverDeviceAdd (`'a`).
        unsafe { Device::from_raw(device) }.ok_or(NtStatus::UNSUCCESSFUL)
    }
}

/// The device object's EvtCleanupCallback: the `DeviceCleanup` event, then the context's drop.
unsafe extern "C" fn evt_device_cleanup<T: ObjectContext>(object: WDFOBJECT) {
    trace::pnp(Pnp::DeviceCleanup, Ok(()));
    // SAFETY: the framework's cleanup of a device created with `attributes_for::<T>()`, once.
    unsafe { context::drop_context::<T>(object) };
}

/// A WDFDEVICE with a `T` context, borrowed for the duration of a callback.
pub struct Device<'a, T> {
    raw: WDFDEVICE,
    context: &'a T,
}

impl<'a, T: ObjectContext> Device<'a, T> {
    /// The device behind `raw`, if it has an initialised `T` context.
    ///
    /// # Safety
    /// `raw` is a live device that stays live for `'a`.
    pub(crate) unsafe fn from_raw(raw: WDFDEVICE) -> Option<Self> {
        // SAFETY: this function's contract.
        let context = unsafe { context::get::<T>(raw.cast()) }?;
        Some(Self { raw, context })
    }

    pub(crate) fn raw(&self) -> WDFDEVICE {
        self.raw
    }

    /// The device's context.
    #[must_use]
    pub fn context(&self) -> &'a T {
        self.context
    }

    /// `WdfDeviceCreateDeviceInterface`: registers (and, when the device starts, enables) an
    /// instance of the interface class `guid`.
    ///
    /// # Errors
    /// The status the framework failed with.
    pub fn create_interface(&self, guid: &GUID) -> Result {
        // SAFETY: live device; `guid` outlives the call; no reference string (null is allowed);
        // PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreateDeviceInterface,
                self.raw,
                core::ptr::from_ref(guid),
                core::ptr::null()
            )
        };
        to_result(status)
    }
}
