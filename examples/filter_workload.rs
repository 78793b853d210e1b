//! A fixed, deterministic workload for counting the filter's instructions under callgrind
//! (`benches/callgrind-filter.sh` runs it): `filter_workload STACK WORKLOAD COUNT` sends COUNT
//! times WORKLOAD (`ping`, `echo-64`, `write-read-64`) to STACK (`bare`: `Root\IoLab`; `on`, `off`:
//! `Root\IoLabMonitored` with monitoring on or off), after a warm-up of the same requests, inside
//! [`measured`], which is never inlined so that callgrind can collect it alone
//! (`--toggle-collect`). The same bare and monitored stacks are set up in every run, whichever
//! is measured; afterwards the filter's counts are checked (the monitored requests recorded, the
//! unmonitored ones forwarded as such) and the driver unloads with nothing left.

#[cfg(any(not(windows), iolab_sim))]
#[path = "../benches/filter/stacks.rs"]
mod stacks;

#[cfg(any(not(windows), iolab_sim))]
mod workload {
    use kmdf_sim::FileHandle;

    use crate::stacks::{SMALL, Stack, Stacks, Workload};

    /// Requests sent before the measured ones (first-use costs: IOCTL slots, caches).
    const WARM_UP: u64 = 16;

    /// The measured loop: `count` times `workload` on `handle`.
    #[inline(never)]
    fn measured(handle: &FileHandle, data: &[u8; SMALL], workload: Workload, count: u64) {
        for _ in 0..count {
            Stacks::send(handle, data, workload);
        }
    }

    fn parse<T: Copy>(all: &[T], name: fn(T) -> &'static str, arg: Option<&str>) -> Option<T> {
        all.iter().copied().find(|item| Some(name(*item)) == arg)
    }

    pub fn main() -> Result<(), String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let arg = |i: usize| args.get(i).map(String::as_str);
        let usage = || {
            let stacks: Vec<_> = Stack::ALL.map(Stack::name).into();
            let workloads: Vec<_> = Workload::ALL.map(Workload::name).into();
            format!(
                "usage: filter_workload {} {} COUNT",
                stacks.join("|"),
                workloads.join("|")
            )
        };
        let stack = parse(&Stack::ALL, Stack::name, arg(0)).ok_or_else(usage)?;
        let workload = parse(&Workload::ALL, Workload::name, arg(1)).ok_or_else(usage)?;
        let count: u64 = arg(2).and_then(|n| n.parse().ok()).ok_or_else(usage)?;

        let mut stacks = Stacks::new();
        stacks.reset_filter_stats();
        let (handle, data) = stacks.parts(stack);
        for _ in 0..WARM_UP {
            Stacks::send(handle, data, workload);
        }
        measured(handle, data, workload, count);
        let sent = (WARM_UP + count) * workload.requests();
        match stack {
            Stack::Bare => stacks.assert_filter_saw(0, 0),
            Stack::On => stacks.assert_filter_saw(sent, 0),
            Stack::Off => stacks.assert_filter_saw(0, sent),
        }
        stacks.finish();
        println!(
            "{} {} x {count} (+{WARM_UP} warm-up): {} requests",
            stack.name(),
            workload.name(),
            count * workload.requests()
        );
        Ok(())
    }
}

#[cfg(any(not(windows), iolab_sim))]
fn main() -> Result<(), String> {
    workload::main()
}

/// The driver's kernel build has no simulator to measure in.
#[cfg(all(windows, not(iolab_sim)))]
fn main() {}
