//! Fixed-length arrays in non-paged pool, allocated once (at device creation or
//! reconfiguration, never per request) and freed when dropped. DDI: "ExAllocatePool2 function
//! (wdm.h)", "ExFreePool function (wdm.h)".

use core::ptr::NonNull;

use wdk_sys::{POOL_FLAG_NON_PAGED, ntddk::ExAllocatePool2, ntddk::ExFreePool};
use zerocopy::FromZeros;

use super::status::{NtStatus, Result};

/// `[T; len]` in non-paged pool.
pub struct PoolSlice<T> {
    pointer: NonNull<T>,
    len: usize,
}

// SAFETY: the slice owns its elements; moving it to another thread moves them.
unsafe impl<T: Send> Send for PoolSlice<T> {}
// SAFETY: shared access only hands out `&T`.
unsafe impl<T: Sync> Sync for PoolSlice<T> {}

impl<T> PoolSlice<T> {
    /// Allocates `len` elements of zeroed pool (ExAllocatePool2 zero-fills unless asked not to).
    fn allocate(len: usize, tag: u32) -> Result<NonNull<T>> {
        const { assert!(align_of::<T>() <= 16, "pool blocks are 16-byte aligned") };
        if len == 0 || size_of::<T>() == 0 {
            return Ok(NonNull::dangling());
        }
        let bytes = len
            .checked_mul(size_of::<T>())
            .and_then(|bytes| u64::try_from(bytes).ok())
            .ok_or(NtStatus::INSUFFICIENT_RESOURCES)?;
        // SAFETY: non-paged pool may be allocated at or below DISPATCH_LEVEL, where every
        // caller of this module runs; the flags name one pool type and the tag is non-zero.
        let raw = unsafe { ExAllocatePool2(POOL_FLAG_NON_PAGED, bytes, tag) };
        NonNull::new(raw.cast::<T>()).ok_or(NtStatus::INSUFFICIENT_RESOURCES)
    }

    /// `len` elements, each made by `init`, in pool tagged `tag`.
    ///
    /// # Errors
    /// `STATUS_INSUFFICIENT_RESOURCES` if the pool allocation fails or the size overflows.
    pub fn new(len: usize, tag: u32, mut init: impl FnMut() -> T) -> Result<Self> {
        let pointer = Self::allocate(len, tag)?;
        for index in 0..len {
            let value = init();
            // SAFETY: `index < len` elements were allocated (or T is zero-sized and the
            // pointer is dangling but aligned), so the offset stays inside the block.
            let slot = unsafe { pointer.add(index) };
            // SAFETY: the slot is allocated, aligned and not yet initialised; writing
            // initialises it in place (a failing `init` would leak nothing: it cannot fail).
            unsafe { slot.write(value) };
        }
        Ok(Self { pointer, len })
    }

    /// `len` zeroed elements in pool tagged `tag`, for types whose all-zero bytes are a value.
    ///
    /// # Errors
    /// As [`PoolSlice::new`].
    pub fn zeroed(len: usize, tag: u32) -> Result<Self>
    where
        T: FromZeros,
    {
        let pointer = Self::allocate(len, tag)?;
        Ok(Self { pointer, len })
    }
}

impl<T> core::ops::Deref for PoolSlice<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `len` initialised elements (written by `new`, or zero bytes that are a valid
        // `T` for `zeroed`) live at `pointer` until drop; `&self` keeps them shared.
        unsafe { core::slice::from_raw_parts(self.pointer.as_ptr(), self.len) }
    }
}

impl<T> core::ops::DerefMut for PoolSlice<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`; `&mut self` makes the access unique.
        unsafe { core::slice::from_raw_parts_mut(self.pointer.as_ptr(), self.len) }
    }
}

impl<T> AsRef<[T]> for PoolSlice<T> {
    fn as_ref(&self) -> &[T] {
        self
    }
}

impl<T> AsMut<[T]> for PoolSlice<T> {
    fn as_mut(&mut self) -> &mut [T] {
        self
    }
}

impl<T> Drop for PoolSlice<T> {
    fn drop(&mut self) {
        let elements: *mut [T] = &raw mut **self;
        // SAFETY: the elements are initialised and dropped once, here.
        unsafe { core::ptr::drop_in_place(elements) };
        if self.len != 0 && size_of::<T>() != 0 {
            // SAFETY: the block came from ExAllocatePool2 and nothing uses it after this.
            unsafe { ExFreePool(self.pointer.as_ptr().cast()) };
        }
    }
}
