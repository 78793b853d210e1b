//! How a simulation runs: the configuration a test hands to [`crate::Simulation::load_with`].

use std::time::Duration;

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
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            driver_name: "driver".to_owned(),
            on_violation: OnViolation::Panic,
            io_wait_limit: Duration::from_secs(10),
            seed: 0,
            policy: Policy::Random,
        }
    }
}
