//! kmdf-sim's mirror of the `wdk` crate (0.5.0): every public item a KMDF driver uses, with the
//! same names, paths and signatures — `nt_success`, `paged_code!`, `print!`/`println!`/`dbg!`,
//! `dbg_break`, [`fmt`] (`FormatBuffer`, `FlushableFormatBuffer`) and [`wdf`] (`SpinLock`,
//! `Timer`). Output that goes to `DbgPrint` in the real world lands in the simulation's debug log.

#![no_std]

pub mod fmt;
pub mod wdf;

pub use kmdf_sim_wdk_sys::NT_SUCCESS as nt_success;
pub use kmdf_sim_wdk_sys::PAGED_CODE as paged_code;

/// A breakpoint, as `wdk::dbg_break` (`int 3` in the real world, which stops in the kernel
/// debugger, or bug-checks a machine without one). In kmdf-sim it writes a line naming the
/// breakpoint to the simulation's debug log and returns: a trap would end the whole test process.
pub fn dbg_break() {
    (kmdf_sim_wdk_sys::__sim::routines().debug_print)(
        "kmdf-sim: dbg_break() (a breakpoint in the real world)\n",
    );
}

/// Prints an expression's source, location and value (`{:#?}`) to the debugger and returns the
/// value, as `wdk::dbg!` (the no_std counterpart of `std::dbg!`).
#[macro_export]
macro_rules! dbg {
    () => {
        $crate::println!("[{}:{}:{}]", core::file!(), core::line!(), core::column!())
    };
    ($value:expr $(,)?) => {
        match $value {
            value => {
                $crate::println!(
                    "[{}:{}:{}] {} = {:#?}",
                    core::file!(),
                    core::line!(),
                    core::column!(),
                    core::stringify!($value),
                    &value
                );
                value
            }
        }
    };
    ($($value:expr),+ $(,)?) => {
        ($($crate::dbg!($value)),+,)
    };
}

/// Prints to the debugger (kmdf-sim: the simulation's debug log), like `wdk::print!`.
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => {
        ($crate::_print(format_args!($($arg)*)))
    };
}

/// Prints to the debugger with a newline, like `wdk::println!`.
#[macro_export]
macro_rules! println {
    () => {
        ($crate::print!("\n"));
    };
    ($($arg:tt)*) => {
        ($crate::print!("{}\n", format_args!($($arg)*)))
    };
}

/// Formats `args` into a fixed stack buffer (no allocation, as in the kernel) and hands each
/// chunk to the simulator's debug output.
#[doc(hidden)]
pub fn _print(args: core::fmt::Arguments) {
    struct Chunked {
        buffer: [u8; 512],
        used: usize,
    }
    impl Chunked {
        fn flush(&mut self) {
            let text = self.buffer.get(..self.used).unwrap_or_default();
            let text = core::str::from_utf8(text).unwrap_or("<non-UTF-8 debug output>");
            (kmdf_sim_wdk_sys::__sim::routines().debug_print)(text);
            self.used = 0;
        }
    }
    impl core::fmt::Write for Chunked {
        fn write_str(&mut self, text: &str) -> core::fmt::Result {
            for ch in text.chars() {
                let mut encoded = [0_u8; 4];
                let bytes = ch.encode_utf8(&mut encoded).as_bytes();
                if self.used.saturating_add(bytes.len()) > self.buffer.len() {
                    self.flush();
                }
                let end = self.used.saturating_add(bytes.len());
                if let Some(slot) = self.buffer.get_mut(self.used..end) {
                    slot.copy_from_slice(bytes);
                    self.used = end;
                }
            }
            Ok(())
        }
    }
    let mut out = Chunked {
        buffer: [0; 512],
        used: 0,
    };
    let _ = core::fmt::write(&mut out, args);
    if out.used > 0 {
        out.flush();
    }
}
