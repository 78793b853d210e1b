//! kmdf-sim's mirror of the `wdk` crate: `nt_success`, `paged_code!`, `print!`/`println!` with
//! the same names and syntax. Output that goes to `DbgPrint` in the real world lands in the
//! simulation's debug log.

#![no_std]

pub use kmdf_sim_wdk_sys::NT_SUCCESS as nt_success;
pub use kmdf_sim_wdk_sys::PAGED_CODE as paged_code;

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
