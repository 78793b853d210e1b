//! Memory the simulator hands to the driver: request buffers, context space, pool. Each is a
//! separate heap block with a stable address; freed buffers of completed requests are poisoned
//! and kept, so a late write is caught.

use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::ptr::NonNull;

/// The byte written over the output part of a fresh request buffer, so that a driver returning
/// bytes it never wrote shows up in the caller's data instead of stale memory.
pub(crate) const FRESH_FILL: u8 = 0xCD;
/// The byte written over a completed request's buffer; any other value found later means the
/// driver wrote to it after completion.
pub(crate) const POISON: u8 = 0xDB;
/// The byte an uninitialised (`POOL_FLAG_UNINITIALIZED`) pool allocation is filled with.
pub(crate) const UNINITIALIZED_FILL: u8 = 0xAB;

/// The alignment of every block (`MEMORY_ALLOCATION_ALIGNMENT` on x64).
const ALIGN: usize = 16;

/// An owned, zero-initialised, 16-byte-aligned heap block with a stable address.
pub(crate) struct SimBuffer {
    ptr: NonNull<u8>,
    len: usize,
}

// SAFETY: `SimBuffer` uniquely owns its allocation; it is plain bytes.
unsafe impl Send for SimBuffer {}

impl SimBuffer {
    /// A zeroed block of `len` bytes (at least one byte is allocated, so the pointer is real).
    pub(crate) fn zeroed(len: usize) -> Self {
        let layout = Self::layout(len);
        // SAFETY: `layout` has a non-zero size (see `layout`).
        let raw = unsafe { alloc_zeroed(layout) };
        let Some(ptr) = NonNull::new(raw) else {
            std::alloc::handle_alloc_error(layout)
        };
        Self { ptr, len }
    }

    fn layout(len: usize) -> Layout {
        match Layout::from_size_align(len.max(1), ALIGN) {
            Ok(layout) => layout,
            Err(error) => panic!("kmdf-sim: a buffer of {len} bytes cannot be allocated: {error}"),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `len` initialised bytes for as long as `self` lives; the
        // driver may write to them concurrently only if it breaks the request rules, which is
        // what the poison check reports.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: as in `as_slice`, and `&mut self` makes this the only Rust reference.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    pub(crate) fn fill(&mut self, byte: u8) {
        self.as_mut_slice().fill(byte);
    }

    /// The offset of the first byte that is not `byte`, if any.
    pub(crate) fn first_not(&self, byte: u8) -> Option<usize> {
        self.as_slice().iter().position(|b| *b != byte)
    }
}

impl Drop for SimBuffer {
    fn drop(&mut self) {
        // SAFETY: `ptr` was allocated in `zeroed` with exactly this layout and is freed once.
        unsafe { dealloc(self.ptr.as_ptr(), Self::layout(self.len)) };
    }
}

/// A live pool allocation.
pub(crate) struct PoolBlock {
    pub buffer: SimBuffer,
    pub tag: u32,
    pub flags: u64,
}

/// A pool tag as its four characters, as WinDbg's `!poolused` shows it.
pub(crate) fn tag_text(tag: u32) -> String {
    tag.to_le_bytes()
        .iter()
        .map(|b| {
            if b.is_ascii_graphic() || *b == b' ' {
                char::from(*b)
            } else {
                '.'
            }
        })
        .collect()
}
