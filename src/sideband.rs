//! The filter role's control device (`\\.\IoLabFilter`, the sideband pattern): its IOCTLs as the
//! driver answers them (`iolab_protocol::filter` documents each). Pure logic over a
//! [`SystemBuffer`] and a [`FilterRegistry`]: inputs are validated whole, nothing is written
//! past the caller's output length, replies are written in place over zeroed bytes (so no byte
//! of a reply is left unset), and the information returned is exactly the reply's size.

use iolab_protocol::filter::{
    ALL_FILTERS, FILTER_LIST_SIZE, FILTER_SELECT_SIZE, FILTER_STATS_SIZE, FilterList, FilterSelect,
    FilterStats, IOCTL_IOLAB_GET_FILTER_STATS, IOCTL_IOLAB_LIST_FILTERS,
    IOCTL_IOLAB_RESET_FILTER_STATS, IOCTL_IOLAB_SET_MONITORING,
};
use iolab_protocol::{IOCTL_IOLAB_GET_INFO, InfoReply, Role};
use zerocopy::{FromBytes, IntoBytes};

use crate::control::DRIVER_VERSION;
use crate::wdf::driver::Driver;
use crate::wdf::queue::IoCallbacks;
use crate::wdf::request::{IoctlRequest, Request, SystemBuffer};
use crate::wdf::status::{NtStatus, Result};

/// What the control device's IOCTLs need of the driver: its filter instances.
pub trait FilterRegistry {
    /// Appends every instance to `out`, in ID order.
    fn list_into(&self, out: &mut FilterList);
    /// Fills `out` with instance `id`'s statistics (not its header); false if there is none.
    fn stats_into(&self, id: u32, out: &mut FilterStats) -> bool;
    /// Zeroes the counters of instance `id` (or of all, [`ALL_FILTERS`]); false if `id` names
    /// no instance.
    fn reset(&self, id: u32) -> bool;
    /// Turns monitoring on or off for instance `id` (or all); false if `id` names none.
    fn set_monitoring(&self, id: u32, on: bool) -> bool;
}

/// Answers an IOCTL of the control device; returns the number of output bytes written.
///
/// # Errors
/// As [`handle`]; `STATUS_INVALID_DEVICE_REQUEST` for a transfer type other than buffered.
pub fn dispatch(request: &mut IoctlRequest, registry: &impl FilterRegistry) -> Result<usize> {
    let code = request.params().code();
    let mut io = request.system_buffer()?;
    handle(code, &mut io, registry)
}

/// Answers one IOCTL.
///
/// # Errors
/// `STATUS_INVALID_PARAMETER` for a malformed input (length, header, reserved bytes, `enabled`
/// other than 0 or 1, or not 0 where it must be, [`ALL_FILTERS`] for GET_FILTER_STATS) or a
/// buffer where none is taken; `STATUS_BUFFER_TOO_SMALL` for an output shorter than the reply;
/// `STATUS_NO_SUCH_DEVICE` for an ID no instance has; `STATUS_INVALID_DEVICE_REQUEST` for any
/// other code.
pub fn handle(
    code: u32,
    io: &mut SystemBuffer<'_>,
    registry: &impl FilterRegistry,
) -> Result<usize> {
    match code {
        IOCTL_IOLAB_GET_INFO => {
            no_input(io)?;
            let reply = InfoReply::new(Role::Filter, DRIVER_VERSION);
            let out = reply_space(io, reply.as_bytes().len())?;
            out.copy_from_slice(reply.as_bytes());
            Ok(out.len())
        }
        IOCTL_IOLAB_LIST_FILTERS => {
            no_input(io)?;
            let out = reply_space(io, FILTER_LIST_SIZE)?;
            let list = FilterList::mut_from_bytes(out).map_err(|_| NtStatus::INVALID_PARAMETER)?;
            list.header = FilterList::empty().header;
            registry.list_into(list);
            Ok(FILTER_LIST_SIZE)
        }
        IOCTL_IOLAB_GET_FILTER_STATS => {
            let select = select(io, false)?;
            if select.id == ALL_FILTERS {
                return Err(NtStatus::INVALID_PARAMETER);
            }
            let out = reply_space(io, FILTER_STATS_SIZE)?;
            let stats =
                FilterStats::mut_from_bytes(out).map_err(|_| NtStatus::INVALID_PARAMETER)?;
            stats.header = FilterStats::zeroed(0).header;
            if registry.stats_into(select.id, stats) {
                Ok(FILTER_STATS_SIZE)
            } else {
                Err(NtStatus::NO_SUCH_DEVICE)
            }
        }
        IOCTL_IOLAB_RESET_FILTER_STATS => {
            no_output(io)?;
            let select = select(io, false)?;
            found(registry.reset(select.id))
        }
        IOCTL_IOLAB_SET_MONITORING => {
            no_output(io)?;
            let select = select(io, true)?;
            found(registry.set_monitoring(select.id, select.enabled == 1))
        }
        _ => Err(NtStatus::INVALID_DEVICE_REQUEST),
    }
}

fn found(found: bool) -> Result<usize> {
    if found {
        Ok(0)
    } else {
        Err(NtStatus::NO_SUCH_DEVICE)
    }
}

fn no_output(io: &SystemBuffer<'_>) -> Result {
    if io.output_length() == 0 {
        Ok(())
    } else {
        Err(NtStatus::INVALID_PARAMETER)
    }
}

fn no_input(io: &SystemBuffer<'_>) -> Result {
    if io.input_length() == 0 {
        Ok(())
    } else {
        Err(NtStatus::INVALID_PARAMETER)
    }
}

/// The first `size` bytes of the output, zeroed; `STATUS_BUFFER_TOO_SMALL` if shorter.
fn reply_space<'a>(io: &'a mut SystemBuffer<'_>, size: usize) -> Result<&'a mut [u8]> {
    let out = io
        .output()
        .get_mut(..size)
        .ok_or(NtStatus::BUFFER_TOO_SMALL)?;
    out.fill(0);
    Ok(out)
}

/// A [`FilterSelect`] input: whole, valid, `enabled` 0 unless `enabled_allowed`.
fn select(io: &SystemBuffer<'_>, enabled_allowed: bool) -> Result<FilterSelect> {
    if io.input_length() != FILTER_SELECT_SIZE {
        return Err(NtStatus::INVALID_PARAMETER);
    }
    let select = FilterSelect::parse(io.input()).map_err(|_| NtStatus::INVALID_PARAMETER)?;
    if select.enabled != 0 && !enabled_allowed {
        return Err(NtStatus::INVALID_PARAMETER);
    }
    Ok(select)
}

/// The control device's context: the driver, whose context holds the filter instances.
pub struct ControlContext {
    driver: Driver,
}

crate::declare_context!(ControlContext, CONTROL_CONTEXT_TYPE_INFO);

impl ControlContext {
    /// The context of the control device of `driver`.
    #[must_use]
    pub fn new(driver: Driver) -> Self {
        Self { driver }
    }
}

impl IoCallbacks for ControlContext {
    fn read(&self, request: Request, _length: usize) {
        request.complete(Err(NtStatus::INVALID_DEVICE_REQUEST));
    }

    fn write(&self, request: Request, _length: usize) {
        request.complete(Err(NtStatus::INVALID_DEVICE_REQUEST));
    }

    fn device_control(&self, mut request: IoctlRequest) {
        let result = match self.driver.context::<crate::roles::DriverState>() {
            Some(state) => dispatch(&mut request, state),
            None => Err(NtStatus::UNSUCCESSFUL),
        };
        request.complete(result);
    }
}
