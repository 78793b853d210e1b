//! Running one scenario under many seeded schedules, and naming the seed that fails.

use crate::scheduler::Policy;

use crate::config::SimConfig;

/// What [`explore`] saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exploration {
    /// Schedules run (seeds tried).
    pub runs: u64,
    /// Distinct interleavings among them (by schedule fingerprint, as reported by the scenario).
    pub distinct: usize,
}

/// Runs `scenario` once per seed in `seeds` (or only for the seed in `KMDF_SIM_SEED`, when set,
/// to replay one), each time with a [`SimConfig`] carrying that seed and `policy`; the scenario
/// loads its driver with that configuration and returns the simulation's
/// [`SimHandle::schedule_fingerprint`] at its end.
///
/// # Panics
/// At the first seed whose run panics (a failed assertion, a verifier violation): with the seed,
/// the way to replay it, and the run's own message.
pub fn explore(
    seeds: std::ops::Range<u64>,
    policy: Policy,
    scenario: impl Fn(SimConfig) -> u64,
) -> Exploration {
    let only = std::env::var("KMDF_SIM_SEED")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let seeds: Vec<u64> = match only {
        Some(seed) => vec![seed],
        None => seeds.collect(),
    };
    let mut fingerprints = std::collections::BTreeSet::new();
    for seed in &seeds {
        let config = SimConfig {
            seed: *seed,
            policy,
            ..SimConfig::default()
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scenario(config)));
        match outcome {
            Ok(fingerprint) => {
                fingerprints.insert(fingerprint);
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!(
                    "kmdf-sim explore: the scenario failed under seed {seed} ({policy:?}); replay it \
                     with KMDF_SIM_SEED={seed} (or SimConfig {{ seed: {seed}, policy: {policy:?}, .. }}):\n{message}"
                );
            }
        }
    }
    Exploration {
        runs: u64::try_from(seeds.len()).unwrap_or(u64::MAX),
        distinct: fingerprints.len(),
    }
}
