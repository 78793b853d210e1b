//! Fault injection, as Driver Verifier's low-resources simulation: a [`FaultPlan`] says which
//! pool allocations and object creations fail, and every allocating DDI asks the [`Injector`]
//! before it allocates. A failed one returns the DDI's documented failure value (NULL from
//! `ExAllocatePool2`, `STATUS_INSUFFICIENT_RESOURCES` from the `Wdf*Create` DDIs); the caller
//! decides what the failure means to the driver.
//!
//! A fault point is named by a [`FaultSite`]: the DDI that allocates (or, for what the framework
//! creates on a caller's behalf, the object type: `WDFREQUEST`, `WDFFILEOBJECT`) and the ordinal
//! of that DDI's allocations. The scheduler is deterministic, so one seed and one scenario pass
//! the same sites in the same order: a site seen in one run names the same call in the next.

use std::collections::BTreeMap;
use std::fmt;

/// One place where the framework allocates: the `ordinal`th allocation made by `call`, counted
/// from when the fault plan was installed (at load for [`crate::SimConfig::faults`]).
///
/// A site is not named by the driver's return address: that differs between builds (debug and
/// release inline differently) and runs (address randomisation), and stable Rust cannot read the
/// caller of an `extern "C"` function portably. The DDI and its ordinal are deterministic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaultSite {
    /// The DDI (`WdfIoQueueCreate`, `ExAllocatePool2`, ...), or the object type the framework
    /// creates on a caller's behalf: `WDFFILEOBJECT` for an open, `WDFREQUEST` for an I/O.
    pub call: String,
    /// 1 for the first allocation by `call`.
    pub ordinal: u64,
}

impl FaultSite {
    /// The `ordinal`th allocation by `call`.
    #[must_use]
    pub fn new(call: &str, ordinal: u64) -> Self {
        Self {
            call: call.to_owned(),
            ordinal,
        }
    }
}

impl fmt::Display for FaultSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} #{}", self.call, self.ordinal)
    }
}

/// Which pool allocations and object creations fail. A plan counts fault points from when it is
/// installed: at load ([`crate::SimConfig::faults`]) or by [`crate::SimHandle::set_fault_plan`].
///
/// ```ignore
/// // Fail the first WdfIoQueueCreate of the run, once:
/// let config = SimConfig {
///     faults: FaultPlan::Site(FaultSite::new("WdfIoQueueCreate", 1)),
///     ..SimConfig::default()
/// };
/// // Fail about one allocation in ten, the same ones for the same seed and schedule:
/// sim.set_fault_plan(FaultPlan::Random { seed: 7, probability: 0.1 });
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub enum FaultPlan {
    /// Nothing fails. The default.
    #[default]
    Off,
    /// The `n`th fault point (1 = the first) fails, once.
    Nth(u64),
    /// This site fails, once.
    Site(FaultSite),
    /// Each fault point fails with probability `probability` (0.0 to 1.0), drawn from `seed` and
    /// the fault point's number: the same seed and schedule fail the same points.
    Random {
        /// The seed of the draws (print it with a failure).
        seed: u64,
        /// The chance that one fault point fails.
        probability: f64,
    },
}

/// What fault injection has seen since the plan was installed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FaultCounts {
    /// Fault points passed.
    pub total: u64,
    /// Fault points passed, by call ([`FaultSite::call`]).
    pub by_call: BTreeMap<String, u64>,
    /// Fault points failed.
    pub injected: u64,
    /// The last fault point failed.
    pub last_injected: Option<FaultSite>,
}

impl FaultCounts {
    /// The sites passed since `earlier` (a snapshot of the same run), by call, then ordinal:
    /// what one step of a scenario allocates, to fail in turn.
    #[must_use]
    pub fn sites_since(&self, earlier: &Self) -> Vec<FaultSite> {
        let mut sites = Vec::new();
        for (call, count) in &self.by_call {
            let before = earlier.by_call.get(call).copied().unwrap_or(0);
            sites.extend(
                (before.saturating_add(1)..=*count).map(|ordinal| FaultSite::new(call, ordinal)),
            );
        }
        sites
    }
}

/// The plan in force and the counts since it was installed (the simulation's state holds one).
#[derive(Debug, Default)]
pub(crate) struct Injector {
    plan: FaultPlan,
    counts: FaultCounts,
}

/// SplitMix64: the draw for fault point `n` of a random plan.
fn draw(seed: u64, n: u64) -> u64 {
    let mut z = seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Injector {
    pub(crate) fn new(plan: FaultPlan) -> Self {
        Self {
            plan,
            counts: FaultCounts::default(),
        }
    }

    /// Installs `plan`; counting starts again.
    pub(crate) fn set_plan(&mut self, plan: FaultPlan) {
        *self = Self::new(plan);
    }

    pub(crate) fn counts(&self) -> &FaultCounts {
        &self.counts
    }

    /// Counts a fault point of `call`; true if the plan fails it. Allocates only the first time
    /// a call is seen (the counts are bounded by the number of allocating DDIs).
    pub(crate) fn fails(&mut self, call: &str) -> bool {
        let counts = &mut self.counts;
        counts.total = counts.total.saturating_add(1);
        let ordinal = if let Some(count) = counts.by_call.get_mut(call) {
            *count = count.saturating_add(1);
            *count
        } else {
            counts.by_call.insert(call.to_owned(), 1);
            1
        };
        let fails = match &self.plan {
            FaultPlan::Off => false,
            FaultPlan::Nth(n) => counts.total == *n,
            FaultPlan::Site(site) => site.call == call && site.ordinal == ordinal,
            FaultPlan::Random { seed, probability } => {
                // The draw's top 32 bits as a fraction of 2^32.
                let high = u32::try_from(draw(*seed, counts.total) >> 32).unwrap_or(u32::MAX);
                f64::from(high) / 4_294_967_296.0 < *probability
            }
        };
        if fails {
            counts.injected = counts.injected.saturating_add(1);
            counts.last_injected = Some(FaultSite::new(call, ordinal));
        }
        fails
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(plan: FaultPlan, calls: &[&str]) -> Vec<usize> {
        let mut injector = Injector::new(plan);
        calls
            .iter()
            .enumerate()
            .filter(|(_, call)| injector.fails(call))
            .map(|(i, _)| i)
            .collect()
    }

    const CALLS: [&str; 6] = ["A", "B", "A", "C", "A", "B"];

    #[test]
    fn nth_and_site_fail_exactly_one_point() {
        assert_eq!(failures(FaultPlan::Off, &CALLS), Vec::<usize>::new());
        assert_eq!(failures(FaultPlan::Nth(4), &CALLS), [3]);
        assert_eq!(failures(FaultPlan::Nth(7), &CALLS), Vec::<usize>::new());
        assert_eq!(
            failures(FaultPlan::Site(FaultSite::new("A", 3)), &CALLS),
            [4]
        );
        assert_eq!(
            failures(FaultPlan::Site(FaultSite::new("B", 2)), &CALLS),
            [5]
        );
        assert_eq!(
            failures(FaultPlan::Site(FaultSite::new("C", 2)), &CALLS),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn counts_name_every_site_and_the_one_failed() {
        let mut injector = Injector::new(FaultPlan::Site(FaultSite::new("A", 2)));
        let start = injector.counts().clone();
        for call in CALLS {
            let _ = injector.fails(call);
        }
        let counts = injector.counts();
        assert_eq!(counts.total, 6);
        assert_eq!(counts.injected, 1);
        assert_eq!(counts.last_injected, Some(FaultSite::new("A", 2)));
        let names: Vec<String> = counts
            .sites_since(&start)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(names, ["A #1", "A #2", "A #3", "B #1", "B #2", "C #1"]);
    }

    #[test]
    fn a_random_plan_fails_its_fraction_and_the_same_points_for_the_same_seed() {
        let calls = vec!["A"; 10_000];
        let plan = |seed| FaultPlan::Random {
            seed,
            probability: 0.25,
        };
        let first = failures(plan(1), &calls);
        assert_eq!(first, failures(plan(1), &calls));
        assert_ne!(first, failures(plan(2), &calls));
        assert!((2_300..2_700).contains(&first.len()), "{}", first.len());
        let all = FaultPlan::Random {
            seed: 3,
            probability: 1.0,
        };
        assert_eq!(failures(all, &calls).len(), 10_000);
        let none = FaultPlan::Random {
            seed: 3,
            probability: 0.0,
        };
        assert!(failures(none, &calls).is_empty());
    }
}
