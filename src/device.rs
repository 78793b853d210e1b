//! The iolab function device: what EvtDriverDeviceAdd builds (a device with a typed context,
//! iolab's device interface, a parallel default queue) and how its IOCTLs are answered.

use iolab_protocol::{GUID_DEVINTERFACE_IOLAB, Role};
use wdk_sys::GUID;

use crate::control;
use crate::wdf::device::{DeviceInit, IoType};
use crate::wdf::driver::DriverCallbacks;
use crate::wdf::queue::{self, DeviceControl, Dispatch};
use crate::wdf::request::{IoctlParams, Request};
use crate::wdf::status::Result;

/// The driver: its driver-level callbacks.
pub struct IoLab;

/// The function device's context.
pub struct DeviceContext {
    role: Role,
}

crate::declare_context!(DeviceContext, DEVICE_CONTEXT_TYPE_INFO);

/// iolab's device interface class, in the framework's spelling.
pub const INTERFACE_GUID: GUID = GUID {
    Data1: GUID_DEVINTERFACE_IOLAB.data1,
    Data2: GUID_DEVINTERFACE_IOLAB.data2,
    Data3: GUID_DEVINTERFACE_IOLAB.data3,
    Data4: GUID_DEVINTERFACE_IOLAB.data4,
};

impl DriverCallbacks for IoLab {
    fn device_add(mut init: DeviceInit<'_>) -> Result {
        init.set_io_type(IoType::Buffered);
        let device = init.create(DeviceContext {
            role: Role::Function,
        })?;
        device.create_interface(&INTERFACE_GUID)?;
        queue::create_default_queue::<DeviceContext>(&device, Dispatch::Parallel)?;
        wdk::println!("iolab: function device added");
        Ok(())
    }

    fn unload() {
        wdk::println!("iolab: unloading");
    }
}

impl DeviceControl for DeviceContext {
    fn device_control(&self, mut request: Request, params: IoctlParams) {
        let result = request
            .system_buffer(&params)
            .and_then(|mut io| control::handle_ioctl(params.code, &mut io, self.role));
        request.complete(result);
    }
}
