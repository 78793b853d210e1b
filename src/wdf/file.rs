//! File objects (one per open handle): the device context's [`FileCallbacks`] make each
//! handle's context at EvtDeviceFileCreate and hear of EvtFileCleanup (the handle is closed:
//! end its pending I/O) and EvtFileClose. DDI: "WDF_FILEOBJECT_CONFIG structure (wdfdevice.h)",
//! "EVT_WDF_DEVICE_FILE_CREATE", "EVT_WDF_FILE_CLEANUP", "EVT_WDF_FILE_CLOSE".

use wdk_sys::{
    _WDF_FILEOBJECT_CLASS, _WDF_TRI_STATE, ULONG, WDF_FILEOBJECT_CONFIG, WDFDEVICE, WDFFILEOBJECT,
    WDFREQUEST, call_unsafe_wdf_function_binding,
};

use super::context::{self, ObjectContext};
use super::request::Request;
use super::status::NtStatus;
use super::trace::IoMeta;

/// A device context whose handles carry a `File` context.
pub trait FileCallbacks: ObjectContext {
    /// Each handle's context.
    type File: ObjectContext;
    /// EvtDeviceFileCreate: the context of a new handle.
    ///
    /// # Errors
    /// The status that fails the open.
    fn file_create(&self) -> Result<Self::File, NtStatus>;
    /// EvtFileCleanup: the handle was closed; I/O still pending on it must end.
    fn file_cleanup(&self, file: &Self::File);
    /// EvtFileClose: the handle's last I/O is done.
    fn file_close(&self, file: &Self::File);
}

/// The `WDF_FILEOBJECT_CONFIG` of `T` (`WDF_FILEOBJECT_CONFIG_INIT`).
pub(crate) fn config<T: FileCallbacks>() -> WDF_FILEOBJECT_CONFIG {
    #[expect(clippy::cast_possible_truncation, reason = "the structure is 40 bytes")]
    let size = size_of::<WDF_FILEOBJECT_CONFIG>() as ULONG;
    WDF_FILEOBJECT_CONFIG {
        Size: size,
        EvtDeviceFileCreate: Some(evt_file_create::<T>),
        EvtFileClose: Some(evt_file_close::<T>),
        EvtFileCleanup: Some(evt_file_cleanup::<T>),
        AutoForwardCleanupClose: _WDF_TRI_STATE::WdfUseDefault,
        FileObjectClass: _WDF_FILEOBJECT_CLASS::WdfFileObjectWdfCannotUseFsContexts,
    }
}

unsafe extern "C" fn evt_file_create<T: FileCallbacks>(
    device: WDFDEVICE,
    request: WDFREQUEST,
    file: WDFFILEOBJECT,
) {
    let meta = IoMeta::arrived(wdk_sys::IRP_MJ_CREATE, 0);
    // SAFETY: the framework hands the create request to the driver, which must complete it.
    let request = unsafe { Request::from_raw(request, meta) };
    // SAFETY: a live device, for the callback.
    let Some(device) = (unsafe { context::get::<T>(device.cast()) }) else {
        request.complete(Err(NtStatus::UNSUCCESSFUL));
        return;
    };
    let result = device.file_create().and_then(|value| {
        // SAFETY: a new file object created with `attributes_for::<T::File>()` (set by
        // `set_file_callbacks`), not yet initialised, used by no other thread before its
        // create completes.
        unsafe { context::init::<T::File>(file.cast(), value) }
    });
    request.complete(result.map(|()| 0));
}

/// The device and handle contexts of a file object.
///
/// # Safety
/// `file` is a live file object for the duration of `'a`.
unsafe fn contexts<'a, T: FileCallbacks>(file: WDFFILEOBJECT) -> Option<(&'a T, &'a T::File)> {
    // SAFETY: a live file object (this function's contract).
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfFileObjectGetDevice, file) };
    // SAFETY: the device outlives its file objects.
    let device = unsafe { context::get::<T>(device.cast()) }?;
    // SAFETY: this function's contract.
    let handle = unsafe { context::get::<T::File>(file.cast()) }?;
    Some((device, handle))
}

unsafe extern "C" fn evt_file_cleanup<T: FileCallbacks>(file: WDFFILEOBJECT) {
    // SAFETY: the framework passes a live file object for the callback.
    if let Some((device, handle)) = unsafe { contexts::<T>(file) } {
        device.file_cleanup(handle);
    }
}

unsafe extern "C" fn evt_file_close<T: FileCallbacks>(file: WDFFILEOBJECT) {
    // SAFETY: as above.
    if let Some((device, handle)) = unsafe { contexts::<T>(file) } {
        device.file_close(handle);
    }
}
