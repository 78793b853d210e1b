//! The stacks the filter's measurements compare, in one simulation: the bare pipe (`Root\IoLab`)
//! and the monitored pipe (`Root\IoLabMonitored`: iolab's pipe with iolab's monitor above it),
//! with monitoring switched on and off through the control device (SET_MONITORING), and the
//! requests sent to them. Shared by `benches/filter.rs` (time) and
//! `examples/filter_workload.rs` (instructions, under callgrind).

use iolab_client::sim::{HARDWARE_ID, MONITORED_HARDWARE_ID};
use iolab_protocol::filter::{FILTER_LIST_SIZE, FILTER_STATS_SIZE};
use iolab_protocol::{
    FILTER_CONTROL_PATH, FilterList, FilterSelect, FilterStats, IOCTL_IOLAB_ECHO,
    IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_LIST_FILTERS, IOCTL_IOLAB_PING,
    IOCTL_IOLAB_RESET_FILTER_STATS, IOCTL_IOLAB_SET_MONITORING,
};
use kmdf_sim::{Access, DeviceRef, FileHandle, LowerDevice, Simulation};
use zerocopy::IntoBytes;

/// Bytes of each ECHO, WRITE and READ.
pub const SMALL: usize = 64;

/// Where a request goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stack {
    /// The bare pipe, `Root\IoLab`: no filter.
    Bare,
    /// The monitored pipe with monitoring on: formatted, sent with a completion routine, recorded.
    On,
    /// The monitored pipe with monitoring off: send-and-forget.
    Off,
}

impl Stack {
    /// Every stack, in the order they are reported.
    pub const ALL: [Self; 3] = [Self::Bare, Self::On, Self::Off];

    /// The stack's name in reports and on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Bare => "bare",
            Self::On => "on",
            Self::Off => "off",
        }
    }
}

/// What is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// One PING (an IOCTL without buffers).
    Ping,
    /// One 64-byte ECHO (a buffered IOCTL, in and out).
    Echo,
    /// A 64-byte WRITE, then a 64-byte READ of the same bytes (two requests, direct I/O).
    WriteRead,
}

impl Workload {
    /// Every workload, in the order they are reported.
    pub const ALL: [Self; 3] = [Self::Ping, Self::Echo, Self::WriteRead];

    /// The workload's name in reports and on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Ping => "ping",
            Self::Echo => "echo-64",
            Self::WriteRead => "write-read-64",
        }
    }

    /// Requests per [`Stacks::send`].
    pub const fn requests(self) -> u64 {
        match self {
            Self::Ping | Self::Echo => 1,
            Self::WriteRead => 2,
        }
    }
}

/// The bare and the monitored pipe in one simulation, a handle to each, and one to the control
/// device.
pub struct Stacks {
    // Field order is drop order: handles before the simulation.
    bare: FileHandle,
    monitored: FileHandle,
    control: FileHandle,
    filter: u32,
    monitoring: bool,
    nodes: [DeviceRef; 2],
    data: [u8; SMALL],
    sim: Simulation,
}

impl Stacks {
    /// Loads iolab, adds both nodes, opens a handle to each (by interface path) and to the
    /// control device; monitoring is on (the filter's default).
    pub fn new() -> Self {
        let sim = Simulation::load(iolab::driver_entry).expect("iolab loads");
        let bare_node = sim.add_device(HARDWARE_ID).expect("Root\\IoLab starts");
        let driver = sim.driver();
        let monitored_node = sim
            .add_device_stack(
                MONITORED_HARDWARE_ID,
                &[driver, driver],
                LowerDevice::root(),
            )
            .expect("Root\\IoLabMonitored starts");
        let paths = sim.interface_paths(&iolab::device::INTERFACE_GUID);
        let path = |monitored: bool| {
            paths
                .iter()
                .find(|path| path.contains("#IOLABMONITORED#") == monitored)
                .expect("each node exposes iolab's interface")
                .clone()
        };
        let bare = sim
            .open_by_name(&path(false), Access::READ_WRITE)
            .expect("the bare pipe opens");
        let monitored = sim
            .open_by_name(&path(true), Access::READ_WRITE)
            .expect("the monitored pipe opens");
        let control = sim
            .open_by_name(FILTER_CONTROL_PATH, Access::READ_WRITE)
            .expect("the control device opens");
        let reply = control.ioctl(IOCTL_IOLAB_LIST_FILTERS, &[], FILTER_LIST_SIZE);
        let list = FilterList::parse(&reply.output).expect("LIST_FILTERS answers");
        let [entry] = list.listed() else {
            panic!("one filter instance, on the monitored pipe");
        };
        let data = core::array::from_fn(|i| u8::try_from(i % 251).unwrap_or(0));
        Self {
            bare,
            monitored,
            control,
            filter: entry.id,
            monitoring: true,
            nodes: [bare_node, monitored_node],
            data,
            sim,
        }
    }

    /// SET_MONITORING through the control device (only when it changes).
    fn set_monitoring(&mut self, on: bool) {
        if self.monitoring == on {
            return;
        }
        let select = FilterSelect::new(self.filter, on);
        let reply = self
            .control
            .ioctl(IOCTL_IOLAB_SET_MONITORING, select.as_bytes(), 0);
        assert_eq!(reply.status, 0, "SET_MONITORING");
        self.monitoring = on;
    }

    /// Sends `workload` once on `handle` and checks that it succeeded with what it should.
    pub fn send(handle: &FileHandle, data: &[u8; SMALL], workload: Workload) {
        match workload {
            Workload::Ping => {
                let reply = handle.ioctl(IOCTL_IOLAB_PING, &[], 0);
                assert_eq!((reply.status, reply.information), (0, 0), "PING");
            }
            Workload::Echo => {
                let reply = handle.ioctl(IOCTL_IOLAB_ECHO, data, SMALL);
                assert_eq!((reply.status, reply.output.as_slice()), (0, &data[..]));
            }
            Workload::WriteRead => {
                let written = handle.write(data).wait();
                assert_eq!((written.status, written.information), (0, SMALL as u64));
                let read = handle.read(SMALL).wait();
                assert_eq!((read.status, read.output.as_slice()), (0, &data[..]));
            }
        }
    }

    /// The handle `stack`'s requests go to (monitoring set for it) and the bytes ECHO and WRITE
    /// send, for a loop of [`Stacks::send`].
    pub fn parts(&mut self, stack: Stack) -> (&FileHandle, &[u8; SMALL]) {
        if stack != Stack::Bare {
            self.set_monitoring(stack == Stack::On);
        }
        let handle = match stack {
            Stack::Bare => &self.bare,
            Stack::On | Stack::Off => &self.monitored,
        };
        (handle, &self.data)
    }

    /// RESET_FILTER_STATS of the filter instance.
    pub fn reset_filter_stats(&self) {
        let select = FilterSelect::new(self.filter, false);
        let reply = self
            .control
            .ioctl(IOCTL_IOLAB_RESET_FILTER_STATS, select.as_bytes(), 0);
        assert_eq!(reply.status, 0, "RESET_FILTER_STATS");
    }

    /// Checks, with GET_FILTER_STATS, that since the last reset the filter recorded exactly
    /// `monitored` requests and forwarded exactly `unmonitored` without monitoring: the
    /// measured requests took the paths they were meant to.
    pub fn assert_filter_saw(&self, monitored: u64, unmonitored: u64) {
        let select = FilterSelect::new(self.filter, false);
        let reply = self.control.ioctl(
            IOCTL_IOLAB_GET_FILTER_STATS,
            select.as_bytes(),
            FILTER_STATS_SIZE,
        );
        let stats = FilterStats::parse(&reply.output).expect("GET_FILTER_STATS answers");
        let recorded: u64 = stats.kinds.iter().map(|row| row.requests).sum();
        assert_eq!(
            (recorded, stats.unmonitored, stats.send_failures),
            (monitored, unmonitored, 0),
            "the filter's counts (recorded, unmonitored, send failures)"
        );
    }

    /// Closes the handles, removes both nodes and unloads the driver, which must break no rule
    /// and leave nothing behind.
    pub fn finish(self) {
        let Self {
            bare,
            monitored,
            control,
            nodes,
            sim,
            ..
        } = self;
        for handle in [bare, monitored, control] {
            handle.close();
        }
        for node in nodes {
            sim.remove_device(node).expect("the node is removed");
        }
        let violations = sim.unload();
        assert!(
            violations.is_empty(),
            "the driver broke rules: {violations:?}"
        );
    }
}

impl Default for Stacks {
    fn default() -> Self {
        Self::new()
    }
}
