//! Devices: the init-only [`DeviceInit`] of EvtDriverDeviceAdd, consumed by
//! [`DeviceInit::create`], and [`Device`], a WDFDEVICE borrowed for a callback and tied to its
//! context type. DDI: "WdfDeviceCreate function (wdfdevice.h)",
//! "WdfDeviceInitAssignSDDLString function", "WdfDeviceInitSetCharacteristics function",
//! "WdfDeviceInitSetFileObjectConfig function", "WdfDeviceCreateDeviceInterface function".

use core::marker::PhantomData;

use wdk_sys::{
    DEVICE_REGISTRY_PROPERTY, GUID, PWDFDEVICE_INIT, UNICODE_STRING, WDF_DEVICE_IO_TYPE,
    WDF_OBJECT_ATTRIBUTES, WDFDEVICE, WDFOBJECT, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::driver::Driver;
use super::file::{self, FileCallbacks};
use super::pnp::{self, PnpCallbacks};
use super::pool::PoolSlice;
use super::request;
use super::status::{NtStatus, Result, to_result};
use super::trace::{self, Pnp};

/// Pool tag of property buffers read in EvtDriverDeviceAdd (`'IoLp'`).
const PROPERTY_TAG: u32 = u32::from_le_bytes(*b"IoLp");

/// A device node's physical device object, by address: equal for every driver of one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhysicalDevice(usize);

impl PhysicalDevice {
    /// The address, for display and for tables of known nodes.
    #[must_use]
    pub const fn value(self) -> usize {
        self.0
    }
}

/// A WDFDEVICE's identity, kept by the driver to find the device again (in a collection) after
/// EvtDriverDeviceAdd returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceId(WDFDEVICE);

// SAFETY: a handle value; every use of it goes through a DDI that accepts it from any thread.
unsafe impl Send for DeviceId {}
// SAFETY: as above; it is never dereferenced.
unsafe impl Sync for DeviceId {}

impl DeviceId {
    pub(crate) fn object(self) -> WDFOBJECT {
        self.0.cast()
    }

    /// Wraps a handle the framework gave.
    pub(crate) const fn from_raw(raw: WDFDEVICE) -> Self {
        Self(raw)
    }
}

/// A device context that hears of its device's removal: the device's cleanup callback calls
/// [`DeviceRemoval::removed`], at PASSIVE_LEVEL, before the context is dropped.
pub trait DeviceRemoval: ObjectContext {
    /// The device is being deleted; `driver` is its driver and `device` the device.
    fn removed(&self, driver: Driver, device: DeviceId);
}

/// The device object's EvtCleanupCallback for [`DeviceInit::create`]: the `DeviceCleanup` event,
/// then the context's drop.
unsafe extern "C" fn evt_traced_cleanup<T: ObjectContext>(object: WDFOBJECT) {
    trace::pnp(Pnp::DeviceCleanup, Ok(()));
    // SAFETY: the framework's cleanup of a device created with `attributes_for::<T>()`, once.
    unsafe { context::drop_context::<T>(object) };
}

/// The device object's EvtCleanupCallback for [`DeviceInit::create_removable`]: the
/// `DeviceCleanup` event, the context's [`DeviceRemoval::removed`], then its drop.
unsafe extern "C" fn evt_device_cleanup<T: DeviceRemoval>(object: WDFOBJECT) {
    trace::pnp(Pnp::DeviceCleanup, Ok(()));
    // SAFETY: the framework passes the device being cleaned up; it is live for the callback.
    if let Some(device) = unsafe { context::get::<T>(object) } {
        // SAFETY: a live device.
        let driver =
            unsafe { call_unsafe_wdf_function_binding!(WdfDeviceGetDriver, object.cast()) };
        // SAFETY: the device's driver outlives its devices.
        let driver = unsafe { Driver::from_raw(driver) };
        device.removed(driver, DeviceId(object.cast()));
    }
    // SAFETY: the device's cleanup callback, called once (this function is it).
    unsafe { context::drop_context::<T>(object) };
}

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
    pub(crate) fn as_unicode(&self) -> UNICODE_STRING {
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

    /// `WdfFdoInitSetFilter`: the device is a filter; requests it has no queue for go down the
    /// stack untouched.
    pub fn set_filter(&mut self) {
        // SAFETY: live, unconsumed init; PASSIVE_LEVEL in EvtDriverDeviceAdd.
        unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitSetFilter, self.raw) };
    }

    /// `WdfFdoInitWdmGetPhysicalDevice`: the node's physical device object.
    #[must_use]
    pub fn physical_device(&self) -> PhysicalDevice {
        // SAFETY: live, unconsumed init of EvtDriverDeviceAdd.
        let pdo =
            unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitWdmGetPhysicalDevice, self.raw) };
        PhysicalDevice(pdo.addr())
    }

    /// The node's hardware IDs (`DevicePropertyHardwareID`): UTF-16 strings, each ended by a
    /// NUL, and a NUL ending the list (REG_MULTI_SZ).
    ///
    /// # Errors
    /// As [`DeviceInit::query_property`].
    pub fn hardware_ids(&self) -> Result<PoolSlice<u16>> {
        self.query_property(DEVICE_REGISTRY_PROPERTY::DevicePropertyHardwareID)
    }

    /// The name of the node's physical device object (`DevicePropertyPhysicalDeviceObjectName`,
    /// `\Device\...`, NUL-ended).
    ///
    /// # Errors
    /// As [`DeviceInit::query_property`].
    pub fn physical_device_name(&self) -> Result<PoolSlice<u16>> {
        self.query_property(DEVICE_REGISTRY_PROPERTY::DevicePropertyPhysicalDeviceObjectName)
    }

    /// `WdfFdoInitQueryProperty`, twice: the size, then the property into pool of that size
    /// (EvtDriverDeviceAdd only, never per request).
    ///
    /// # Errors
    /// The framework's status; `STATUS_INSUFFICIENT_RESOURCES` if the pool allocation fails.
    fn query_property(&self, property: DEVICE_REGISTRY_PROPERTY::Type) -> Result<PoolSlice<u16>> {
        let mut needed: u32 = 0;
        // SAFETY: live, unconsumed init; PASSIVE_LEVEL; no buffer with length 0 is allowed;
        // `needed` outlives the call.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfFdoInitQueryProperty,
                self.raw,
                property,
                0,
                core::ptr::null_mut(),
                &raw mut needed
            )
        };
        if status != wdk_sys::STATUS_BUFFER_TOO_SMALL {
            to_result(status)?;
        }
        let units = usize::try_from(needed / 2).map_err(|_| NtStatus::INSUFFICIENT_RESOURCES)?;
        let mut buffer = PoolSlice::<u16>::zeroed(units, PROPERTY_TAG)?;
        let length = u32::try_from(units.saturating_mul(2)).unwrap_or(0);
        let mut written: u32 = 0;
        // SAFETY: as above; `buffer` holds `length` bytes, aligned for UTF-16.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfFdoInitQueryProperty,
                self.raw,
                property,
                length,
                buffer.as_mut_ptr().cast(),
                &raw mut written
            )
        };
        to_result(status)?;
        Ok(buffer)
    }

    /// `WdfDeviceInitSetRequestAttributes`: every request the device receives carries a stamp
    /// ([`super::request::Request::set_stamp`]), zero when the request arrives.
    pub fn set_request_stamps(&mut self) {
        let mut attributes = request::stamp_attributes();
        // SAFETY: live, unconsumed init; `attributes` outlives the call (the framework copies
        // it).
        unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceInitSetRequestAttributes,
                self.raw,
                &raw mut attributes
            );
        };
    }

    /// [`DeviceInit::create`] for a context that hears of the device's removal
    /// ([`DeviceRemoval`]).
    ///
    /// # Errors
    /// As [`DeviceInit::create`].
    pub fn create_removable<T: DeviceRemoval>(self, context: T) -> Result<Device<'a, T>> {
        let attributes = WDF_OBJECT_ATTRIBUTES {
            EvtCleanupCallback: Some(evt_device_cleanup::<T>),
            ..context::attributes_for::<T>()
        };
        self.create_with(attributes, context)
    }

    /// `WdfDeviceCreate`, with a `T` context initialised in place to `context`.
    ///
    /// # Errors
    /// The status `WdfDeviceCreate` failed with (the driver must return it from
    /// EvtDriverDeviceAdd).
    pub fn create<T: ObjectContext>(self, context: T) -> Result<Device<'a, T>> {
        let attributes = WDF_OBJECT_ATTRIBUTES {
            EvtCleanupCallback: Some(evt_traced_cleanup::<T>),
            ..context::attributes_for::<T>()
        };
        self.create_with(attributes, context)
    }

    fn create_with<T: ObjectContext>(
        mut self,
        attributes: WDF_OBJECT_ATTRIBUTES,
        context: T,
    ) -> Result<Device<'a, T>> {
        // SAFETY: `self.raw` is a live, unconsumed init (consumed here: `self` is moved in);
        // PASSIVE_LEVEL in EvtDriverDeviceAdd.
        let device = unsafe { create_raw(&mut self.raw, attributes) }?;
        // SAFETY: the device was just created with `T`'s context, not initialised yet, and no
        // callback can run on it before EvtDriverDeviceAdd returns.
        unsafe { context::init::<T>(device.cast(), context) }?;
        // SAFETY: live device, for the rest of EvtDriverDeviceAdd (`'a`).
        unsafe { Device::from_raw(device) }.ok_or(NtStatus::UNSUCCESSFUL)
    }
}

/// `WdfDeviceCreate` of `init` with `attributes`; on success the framework sets `*init` to null
/// (consumed).
///
/// # Safety
/// `*init` is a live, unconsumed WDFDEVICE_INIT; the caller is at PASSIVE_LEVEL.
///
/// # Errors
/// The status the framework failed with; `STATUS_UNSUCCESSFUL` if it returned no device.
pub(crate) unsafe fn create_raw(
    init: &mut PWDFDEVICE_INIT,
    mut attributes: WDF_OBJECT_ATTRIBUTES,
) -> Result<WDFDEVICE> {
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: this function's contract; `attributes` and `device` outlive the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            core::ptr::from_mut(init),
            &raw mut attributes,
            &raw mut device
        )
    };
    to_result(status)?;
    if device.is_null() {
        return Err(NtStatus::UNSUCCESSFUL);
    }
    Ok(device)
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

    /// The device's identity, to keep.
    #[must_use]
    pub fn id(&self) -> DeviceId {
        DeviceId(self.raw)
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
