//! kmdf-sim's stand-in for `wdk-alloc` 0.4.2: [`WdkAllocator`], the type a driver names in
//! `#[global_allocator] static GLOBAL_ALLOCATOR: WdkAllocator = WdkAllocator;`.
//!
//! In the kernel it allocates from non-paged pool (`ExAllocatePool2`, tag `"rust"`). Here it
//! allocates from the host's system allocator, on purpose not through the simulator's pool: a
//! `#[global_allocator]` serves the whole test process — the test harness, the simulator itself
//! and std, not only the driver — and cannot tell the driver's allocations from the others, so
//! accounting them as the driver's pool would report the simulator's own memory as driver leaks
//! (and the simulator's pool bookkeeping would allocate through itself). Pool the driver asks
//! for by name (`ExAllocatePool2`) is still tracked, guarded and leak-checked by kmdf-sim.

#![no_std]

extern crate std;

use core::alloc::{GlobalAlloc, Layout};

/// The driver's global allocator: the host's system allocator in kmdf-sim (see the crate docs).
/// Unlike the kernel one, it honours any alignment.
pub struct WdkAllocator;

// SAFETY: every method forwards to `std::alloc::System`, a correct `GlobalAlloc`, with the
// caller's arguments unchanged, so each keeps `System`'s guarantees (it never unwinds, and
// returns memory fitting the layout or null).
unsafe impl GlobalAlloc for WdkAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded from this method's own contract (a non-zero-size layout).
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was returned by this allocator, so by `System`, with `layout`.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as in `dealloc`, and `new_size` meets `realloc`'s contract (the caller's).
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::WdkAllocator;
    use core::alloc::{GlobalAlloc, Layout};

    #[test]
    fn allocates_zeroes_grows_and_frees_with_any_alignment() {
        for align in [1, 8, 16, 64, 4096] {
            let layout = Layout::from_size_align(100, align).unwrap();
            // SAFETY: a non-zero-size layout.
            let block = unsafe { WdkAllocator.alloc_zeroed(layout) };
            assert!(!block.is_null());
            assert_eq!(block.addr() % align, 0, "alignment {align}");
            // SAFETY: `block` holds 100 initialised (zeroed) bytes.
            let bytes = unsafe { core::slice::from_raw_parts_mut(block, 100) };
            assert!(bytes.iter().all(|&b| b == 0));
            bytes.fill(0xAB);
            // SAFETY: `block` came from this allocator with `layout`; 200 is non-zero.
            let grown = unsafe { WdkAllocator.realloc(block, layout, 200) };
            assert!(!grown.is_null());
            assert_eq!(grown.addr() % align, 0, "alignment {align} after realloc");
            // SAFETY: the first 100 bytes of the grown block are the old contents.
            let kept = unsafe { core::slice::from_raw_parts(grown, 100) };
            assert!(kept.iter().all(|&b| b == 0xAB));
            let grown_layout = Layout::from_size_align(200, align).unwrap();
            // SAFETY: `grown` came from this allocator with `grown_layout`.
            unsafe { WdkAllocator.dealloc(grown, grown_layout) };
        }
    }
}
