//! ETW's kernel routines behind the mirror's hook (`EtwRegister`, `EtwUnregister`, the enabled
//! check, `EtwWriteTransfer`): the shared prologue (the current simulation, the IRQL), then the
//! sink in [`crate::etw`]. DDI: "EtwRegister function (wdm.h)" (PASSIVE_LEVEL),
//! "EtwUnregister function" (PASSIVE_LEVEL), "EtwWriteTransfer function" (any IRQL).

use kmdf_sim_wdk_sys as sys;
use sys::__sim::{EtwEvent, EtwProvider};

use crate::irql::{self, PASSIVE};
use crate::state::current_for_kernel;

pub(crate) fn etw_register(provider: &EtwProvider) -> sys::NTSTATUS {
    const CALL: &str = "EtwRegister";
    let sim = current_for_kernel(CALL);
    irql::check_max(&sim, CALL, PASSIVE);
    sim.lock().extra.etw.register(provider.id, provider.name);
    sys::STATUS_SUCCESS
}

pub(crate) fn etw_unregister(provider: &EtwProvider) {
    const CALL: &str = "EtwUnregister";
    let sim = current_for_kernel(CALL);
    irql::check_max(&sim, CALL, PASSIVE);
    sim.lock().extra.etw.unregister(provider.id);
}

pub(crate) fn etw_enabled(provider: &EtwProvider, level: u8, keyword: u64) -> bool {
    let sim = current_for_kernel("EtwEventEnabled");
    sim.lock().extra.etw.enabled(provider.id, level, keyword)
}

pub(crate) fn etw_write(event: &EtwEvent<'_>) {
    let sim = current_for_kernel("EtwWriteTransfer");
    sim.lock().extra.etw.write(event);
}
