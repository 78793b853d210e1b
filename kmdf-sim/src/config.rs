//! How a simulation runs: the configuration a test hands to [`crate::Simulation::load_with`].

use std::sync::OnceLock;
use std::time::Duration;

use crate::etw::EtwSession;
use crate::faults::FaultPlan;
use crate::registry::Registry;
use crate::scheduler::Policy;

/// What to do when the driver breaks a rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnViolation {
    /// Panic (in the test's thread, at the next simulator call) with every new violation: the
    /// simulator's bug check. The default.
    #[default]
    Panic,
    /// Record violations for [`crate::Simulation::take_violations`]; used by tests of broken drivers.
    Record,
}

/// How a simulation runs.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The driver's service name (registry path `...\Services\<name>`).
    pub driver_name: String,
    /// What a violation does.
    pub on_violation: OnViolation,
    /// How long (virtual time) [`crate::PendingIo::wait`] waits before declaring the I/O hung. (An
    /// I/O that nothing can ever complete is reported at once, whatever this says.)
    pub io_wait_limit: Duration,
    /// The seed of the schedule: which simulated thread runs at each yield point. The same seed
    /// replays the same interleaving. `KMDF_SIM_SEED` in the environment overrides it.
    pub seed: u64,
    /// How the scheduler chooses among runnable threads.
    pub policy: Policy,
    /// Driver Verifier special pool's no-access pages, where the host allows it (unix): every
    /// buffer and pool block gets pages of its own (`mmap`), and a retired one (a completed
    /// request's buffer, freed pool, a deleted WDFMEMORY) is made inaccessible while it sits in
    /// the quarantine ring, so that a read or write through a stale pointer faults; the fault
    /// handler prints the report (rule and object) to stderr and the process ends with SIGSEGV.
    /// Costs three system calls per buffer (`mmap`, `mprotect`, `munmap`) and at least a page
    /// each; off by default. `KMDF_SIM_PAGE_PROTECT=1` in the environment turns it on. Elsewhere
    /// it does nothing (poison and guard checks still apply).
    pub page_protection: bool,
    /// Which pool allocations and object creations fail, counted from load (so DriverEntry's
    /// can fail too); [`crate::SimHandle::set_fault_plan`] installs another later. Off by default.
    pub faults: FaultPlan,
    /// The registry the simulation starts with (the driver's `Parameters` key, a device's
    /// hardware or software key, ...): what DriverEntry and EvtDriverDeviceAdd read. Empty by
    /// default; [`crate::SimHandle::set_registry_value`] changes it later.
    pub registry: Registry,
    /// ETW sessions listening from load on (an autologger's sessions), so that DriverEntry's
    /// events are captured too; [`crate::SimHandle::enable_etw`] starts one later. None by
    /// default: nothing is captured.
    pub etw: Vec<EtwSession>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            driver_name: "driver".to_owned(),
            on_violation: OnViolation::Panic,
            io_wait_limit: Duration::from_secs(10),
            seed: 0,
            policy: Policy::Random,
            page_protection: false,
            faults: FaultPlan::Off,
            registry: Registry::new(),
            etw: Vec::new(),
        }
    }
}

/// Whether `KMDF_SIM_TRACE` turns tracing on: print violations and the driver's debug output as
/// they happen. Read once per process, so the hot path does not look the variable up. A value
/// [`trace_setting`] does not accept leaves tracing off and says so once on stderr.
pub(crate) fn trace() -> bool {
    static TRACE: OnceLock<bool> = OnceLock::new();
    *TRACE.get_or_init(|| {
        trace_setting(std::env::var_os("KMDF_SIM_TRACE").as_deref()).unwrap_or_else(|message| {
            eprintln!("kmdf-sim: {message}; tracing stays off");
            false
        })
    })
}

/// What a value of `KMDF_SIM_TRACE` means: unset, empty, `0`, `false`, `off` or `no` is off;
/// `1`, `true`, `on` or `yes` is on (ASCII case-insensitive, surrounding spaces ignored).
///
/// # Errors
/// Any other value, named in the message.
pub fn trace_setting(value: Option<&std::ffi::OsStr>) -> Result<bool, String> {
    let Some(value) = value else {
        return Ok(false);
    };
    let text = value.to_string_lossy();
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "off" | "no" => Ok(false),
        "1" | "true" | "on" | "yes" => Ok(true),
        _ => Err(format!(
            "KMDF_SIM_TRACE={text:?} is not understood (use 1, true, on or yes to trace; 0, false, \
             off, no or nothing not to)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::trace_setting;

    #[test]
    fn trace_values() {
        for off in [
            None,
            Some(""),
            Some("0"),
            Some("false"),
            Some("OFF"),
            Some(" no "),
        ] {
            assert_eq!(trace_setting(off.map(OsStr::new)), Ok(false), "{off:?}");
        }
        for on in ["1", "true", "On", "YES"] {
            assert_eq!(trace_setting(Some(OsStr::new(on))), Ok(true), "{on}");
        }
        assert_eq!(
            trace_setting(Some(OsStr::new("verbose"))),
            Err(
                "KMDF_SIM_TRACE=\"verbose\" is not understood (use 1, true, on or yes to trace; \
                 0, false, off, no or nothing not to)"
                    .to_owned()
            )
        );
    }
}
