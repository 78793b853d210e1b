//! Memory the simulator hands to the driver, kept as Driver Verifier's special pool keeps it:
//! request buffers, WDFMEMORY buffers, context space and pool blocks are each a separate block
//! with a stable address and guard bytes before and after it; retired blocks (a completed
//! request's buffers, freed pool, deleted WDFMEMORY) are poisoned and kept in a bounded
//! quarantine ring, so that a late write or a damaged guard is caught; with page protection on
//! (unix hosts), a retired block's pages are made inaccessible so that a late read faults and is
//! reported before the process ends.

use std::alloc::{Layout, alloc, alloc_zeroed, dealloc};
use std::collections::VecDeque;
use std::fmt;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};

/// The byte written over the output part of a fresh request buffer, so that a driver returning
/// bytes it never wrote shows up in the caller's data instead of stale memory.
pub(crate) const FRESH_FILL: u8 = 0xCD;
/// The byte written over a completed request's buffer; any other value found later means the
/// driver wrote to it after completion.
pub(crate) const POISON: u8 = 0xDB;
/// The byte an uninitialised (`POOL_FLAG_UNINITIALIZED`) pool allocation is filled with.
pub(crate) const UNINITIALIZED_FILL: u8 = 0xAB;
/// The byte the guard regions around every block hold ("no man's land", as the MSVC debug heap
/// calls it); any other value found there means the driver wrote outside the block.
pub(crate) const GUARD: u8 = 0xFD;

/// The alignment of every block (`MEMORY_ALLOCATION_ALIGNMENT` on x64).
const ALIGN: usize = 16;
/// Guard bytes before a block (a whole alignment unit, so the block stays aligned).
const GUARD_BEFORE: usize = ALIGN;
/// The offset of the first guard byte before a block, relative to the block.
const BEFORE_START: isize = -16;
const _: () = assert!(BEFORE_START.unsigned_abs() == GUARD_BEFORE);

/// How many retired blocks the quarantine keeps (the oldest is checked as it leaves).
pub(crate) const QUARANTINE_KEPT: usize = 64;

/// Whether new blocks are mapped so that their pages can be protected when they are retired
/// (see [`set_page_protection`]). Process-wide, like the signal handler that reports the fault;
/// one simulation runs per process at a time.
static PAGE_PROTECTION: AtomicBool = AtomicBool::new(false);

/// Turns page protection of retired blocks on or off for blocks allocated from now on. Returns
/// whether it is on: hosts without `mmap`/`mprotect` (not unix) keep every block on the heap and
/// rely on poison and guard checks alone.
pub(crate) fn set_page_protection(on: bool) -> bool {
    let on = on && cfg!(unix);
    if on {
        pages::install_fault_handler();
    }
    PAGE_PROTECTION.store(on, Ordering::Relaxed);
    on
}

/// Where a block's bytes live.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backing {
    /// The host heap (`std::alloc`).
    Heap,
    /// Pages of its own (`mmap`, unix only), `span` rounded up to whole pages; `protected` once
    /// retired.
    Mapped { pages: usize, protected: bool },
}

/// An owned, zero-initialised, 16-byte-aligned block with a stable address, between guard bytes:
/// `GUARD_BEFORE` bytes before it, and after it the rest of its last 16-byte unit plus 16 more.
pub(crate) struct SimBuffer {
    /// The first byte the driver sees.
    ptr: NonNull<u8>,
    len: usize,
    /// The allocation, guards included (`GUARD_BEFORE` bytes before `ptr`).
    base: NonNull<u8>,
    /// The allocation's length, guards included.
    span: usize,
    backing: Backing,
}

// SAFETY: `SimBuffer` uniquely owns its allocation; it is plain bytes.
unsafe impl Send for SimBuffer {}

impl SimBuffer {
    /// A zeroed block of `len` bytes between guards, or `None` if the host cannot allocate it.
    pub(crate) fn try_zeroed(len: usize) -> Option<Self> {
        let (base, span, backing) = Self::allocate(len, true)?;
        Some(Self::guarded(base, len, span, backing))
    }

    /// A block of `len` bytes between guards holding `data` (as much of it as fits) and then
    /// `fill`, written in one sweep: not zeroed first, and the fill covers only what the data
    /// does not.
    pub(crate) fn filled(len: usize, data: &[u8], fill: u8) -> Self {
        let Some((base, span, backing)) = Self::allocate(len, false) else {
            std::alloc::handle_alloc_error(Layout::new::<[u8; ALIGN]>())
        };
        // SAFETY: `span` >= GUARD_BEFORE + len, so the body starts inside the allocation.
        let body = unsafe { base.as_ptr().add(GUARD_BEFORE) };
        let copied = data.len().min(len);
        // SAFETY: the body is valid for `len` >= `copied` bytes of a fresh allocation, which
        // cannot overlap `data`.
        unsafe { body.copy_from_nonoverlapping(data.as_ptr(), copied) };
        // SAFETY: `copied` <= `len`, so the offset stays inside the body.
        let rest = unsafe { body.add(copied) };
        // SAFETY: the `len - copied` bytes from `rest` are the rest of the body.
        unsafe { rest.write_bytes(fill, len - copied) };
        Self::guarded(base, len, span, backing)
    }

    /// The allocation for a block of `len` bytes with its guards: its base, its span and where it
    /// lives. Zeroed when `zeroed` (mapped pages always are); otherwise its bytes are
    /// uninitialised until written.
    fn allocate(len: usize, zeroed: bool) -> Option<(NonNull<u8>, usize, Backing)> {
        let body = len.checked_next_multiple_of(ALIGN)?;
        let span = body.checked_add(GUARD_BEFORE + ALIGN)?;
        if PAGE_PROTECTION.load(Ordering::Relaxed) {
            let (base, pages) = pages::map(span)?;
            let backing = Backing::Mapped {
                pages,
                protected: false,
            };
            return Some((base, span, backing));
        }
        let layout = Layout::from_size_align(span, ALIGN).ok()?;
        let raw = if zeroed {
            // SAFETY: `layout` has a non-zero size (`span` >= GUARD_BEFORE + ALIGN).
            unsafe { alloc_zeroed(layout) }
        } else {
            // SAFETY: as above.
            unsafe { alloc(layout) }
        };
        Some((NonNull::new(raw)?, span, Backing::Heap))
    }

    /// A zeroed block of `len` bytes between guards; a host out of memory aborts the process
    /// (`handle_alloc_error`), as it would for any allocation.
    pub(crate) fn zeroed(len: usize) -> Self {
        match Self::try_zeroed(len) {
            Some(buffer) => buffer,
            None => std::alloc::handle_alloc_error(Layout::new::<[u8; ALIGN]>()),
        }
    }

    fn guarded(base: NonNull<u8>, len: usize, span: usize, backing: Backing) -> Self {
        // SAFETY: `span` >= GUARD_BEFORE + len, so `base + GUARD_BEFORE` is inside the allocation.
        let ptr = unsafe { base.add(GUARD_BEFORE) };
        let mut buffer = Self {
            ptr,
            len,
            base,
            span,
            backing,
        };
        buffer.repair_guards();
        buffer
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

    /// The guard bytes before the block and after it: where they start and how many.
    fn guard_regions(&self) -> [(*mut u8, usize); 2] {
        let after_len = self.span - GUARD_BEFORE - self.len;
        // SAFETY: `len` <= `span - GUARD_BEFORE`, so the first byte after the block is inside
        // the allocation or one past its end (when `after_len` is 0, which allocate never
        // makes).
        let after = unsafe { self.ptr.as_ptr().add(self.len) };
        [(self.base.as_ptr(), GUARD_BEFORE), (after, after_len)]
    }

    fn repair_guards(&mut self) {
        for (start, count) in self.guard_regions() {
            // SAFETY: each region lies inside the allocation, which `self` owns and keeps
            // alive; see `shared` for why the bytes are written atomically.
            unsafe { shared::fill(start, count, GUARD) };
        }
    }

    /// Checks the guard bytes (a few dozen, not the block); a damaged guard is reported once:
    /// the guards are rewritten after the check. The guards are read with atomic loads (see
    /// [`shared`]): a buggy driver may be writing them from another thread.
    pub(crate) fn check_guards(&mut self) -> Option<GuardDamage> {
        if self.is_protected() {
            return None;
        }
        let [before, after] = self.guard_regions();
        let damaged = |(start, count): (*mut u8, usize), offset: isize| {
            let mut bytes = [GUARD; GUARD_BEFORE + 2 * ALIGN];
            let bytes = bytes.get_mut(..count)?;
            // SAFETY: the region lies inside the allocation, alive while `self` is.
            unsafe { shared::copy_out(start, bytes) };
            let first = bytes.iter().position(|b| *b != GUARD)?;
            let last = bytes.iter().rposition(|b| *b != GUARD)?;
            Some(GuardDamage {
                first: offset.saturating_add_unsigned(first),
                last: offset.saturating_add_unsigned(last),
            })
        };
        let found = damaged(before, BEFORE_START)
            .or_else(|| damaged(after, isize::try_from(self.len).unwrap_or(isize::MAX)));
        if found.is_some() {
            self.repair_guards();
        }
        found
    }

    /// The offset of the first byte that is not `byte`, if any, read with atomic loads (a
    /// retired block: the driver may still write it through a stale pointer).
    fn first_not(&self, byte: u8) -> Option<usize> {
        // SAFETY: `ptr` is valid for `len` bytes while `self` lives.
        unsafe { shared::first_not(self.ptr.as_ptr(), self.len, byte) }
    }

    /// Overwrites the block with `byte` using atomic stores (a retired block being repaired).
    fn fill_retired(&mut self, byte: u8) {
        // SAFETY: `ptr` is valid for `len` bytes while `self` lives.
        unsafe { shared::fill(self.ptr.as_ptr(), self.len, byte) };
    }

    /// Rewrites the buffer with `data` (as much as fits) and then `fill`, checking in the same
    /// sweep, block by block before writing it, that it held only `expected`. Returns the offset
    /// of the first byte that did not.
    pub(crate) fn refill_checked(&mut self, data: &[u8], fill: u8, expected: u8) -> Option<usize> {
        let mut first = None;
        let copied = data.len().min(self.len);
        let mut start = 0;
        while start < self.len {
            let block_len = SWEEP_BLOCK.min(self.len - start);
            // SAFETY: `start` < `len`, so the block starts inside the buffer.
            let block = unsafe { self.ptr.as_ptr().add(start) };
            if first.is_none() {
                // SAFETY: the block's `block_len` bytes are inside the buffer. A retired block:
                // read atomically (see `shared`).
                first = unsafe { shared::first_not(block, block_len, expected) }
                    .map(|offset| start + offset);
            }
            let from_data = copied.saturating_sub(start).min(block_len);
            if let Some(source) = data.get(start..start + from_data) {
                // SAFETY: `from_data` <= `block_len` bytes of the buffer, which cannot overlap
                // the caller's `data` (the simulator's own allocation, never handed out).
                unsafe { block.copy_from_nonoverlapping(source.as_ptr(), from_data) };
            }
            let rest = block.wrapping_add(from_data);
            // SAFETY: the rest of the block, `block_len - from_data` bytes, is inside it. A
            // plain write through the raw pointer (no reference to the bytes is formed): see
            // `shared` for a driver writing at the same time.
            unsafe { rest.write_bytes(fill, block_len - from_data) };
            start += block_len;
        }
        first
    }

    /// Copies the first `count` bytes (at most the buffer's length) out and overwrites the
    /// whole buffer with `poison`, block by block in one sweep.
    pub(crate) fn take_and_poison(&mut self, count: usize, poison: u8) -> Vec<u8> {
        let count = count.min(self.len);
        let mut taken = Vec::with_capacity(count);
        for block in self.as_mut_slice().chunks_mut(SWEEP_BLOCK) {
            let wanted = (count - taken.len()).min(block.len());
            if let Some(part) = block.get(..wanted) {
                taken.extend_from_slice(part);
            }
            block.fill(poison);
        }
        taken
    }

    fn is_protected(&self) -> bool {
        matches!(
            self.backing,
            Backing::Mapped {
                protected: true,
                ..
            }
        )
    }

    /// Makes the block's pages inaccessible (mapped blocks only), so that any access faults and
    /// the fault handler reports it as `label` says.
    fn protect(&mut self, label: &'static FaultLabel, number: usize) {
        if let Backing::Mapped {
            pages,
            protected: false,
        } = self.backing
            && pages::protect(
                self.base,
                pages,
                self.ptr.as_ptr().addr(),
                self.len,
                label,
                number,
            )
        {
            self.backing = Backing::Mapped {
                pages,
                protected: true,
            };
        }
    }
}

impl Drop for SimBuffer {
    fn drop(&mut self) {
        match self.backing {
            Backing::Heap => {
                if let Ok(layout) = Layout::from_size_align(self.span, ALIGN) {
                    // SAFETY: `base` was allocated in `try_zeroed` with exactly this layout and
                    // is freed once.
                    unsafe { dealloc(self.base.as_ptr(), layout) };
                }
            }
            Backing::Mapped { pages, protected } => pages::unmap(self.base, pages, protected),
        }
    }
}

/// Guard bytes found changed: offsets relative to the block's first byte (negative: before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GuardDamage {
    pub first: isize,
    pub last: isize,
}

impl fmt::Display for GuardDamage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = if self.first < 0 {
            "before its start"
        } else {
            "past its end"
        };
        write!(
            f,
            "guard bytes at offsets {}..={} ({side}) were overwritten",
            self.first, self.last
        )
    }
}

/// What a page fault on a retired block means, for the fault handler's report: formatted from
/// static parts, because the handler may not allocate.
#[cfg_attr(not(unix), expect(dead_code, reason = "only unix hosts protect pages"))]
pub(crate) struct FaultLabel {
    /// The rule's name.
    pub rule: &'static str,
    /// What the block belonged to, before its number (`WDFREQUEST`, `pool block`).
    pub object: &'static str,
    /// When it was retired (`after the request was completed`).
    pub after: &'static str,
    /// The rule's real-world consequence.
    pub on_windows: &'static str,
}

/// Who a retired block belonged to, as the layer that retires it knows.
pub(crate) trait Retiree: Copy {
    /// The fault handler's label, and the number it prints after the label's object (a handle
    /// value or an address).
    fn fault_label(&self) -> (&'static FaultLabel, usize);
}

/// What a check of a retired block found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Damage {
    /// A guard byte around it was overwritten.
    Guard(GuardDamage),
    /// A byte of it was written after it was retired (first changed offset).
    WrittenAfterRetired(usize),
}

/// A finding of a quarantine check: whose block, how long, what was wrong.
pub(crate) struct Finding<O> {
    pub owner: O,
    /// Found as the block was retired (its guards), rather than as it left the ring or at a
    /// check of the whole ring.
    pub at_retirement: bool,
    pub len: usize,
    pub damage: Damage,
}

/// Retired blocks: poisoned, kept in a ring of [`QUARANTINE_KEPT`], each checked (poison and
/// guards) as it leaves, or at [`Quarantine::check_all`].
pub(crate) struct Quarantine<O> {
    ring: VecDeque<(SimBuffer, O)>,
}

impl<O: Retiree> Quarantine<O> {
    pub(crate) fn new() -> Self {
        Self {
            ring: VecDeque::new(),
        }
    }

    /// Retires `buffer`, which belonged to `owner`: its guards are checked, it is poisoned (the
    /// one pass over its bytes), its pages protected when page protection is on, and it is kept;
    /// the oldest block beyond [`QUARANTINE_KEPT`] leaves and is checked. Returns what the
    /// checks found (empty, without allocating, when nothing was wrong).
    pub(crate) fn retire(&mut self, mut buffer: SimBuffer, owner: O) -> Vec<Finding<O>> {
        buffer.fill(POISON);
        self.retire_poisoned(buffer, owner)
    }

    /// [`Quarantine::retire`] for a buffer already poisoned (by the sweep that copied its
    /// output out, see [`SimBuffer::take_and_poison`]).
    pub(crate) fn retire_poisoned(&mut self, mut buffer: SimBuffer, owner: O) -> Vec<Finding<O>> {
        let mut findings = Vec::new();
        if let Some(damage) = buffer.check_guards() {
            findings.push(Finding {
                owner,
                at_retirement: true,
                len: buffer.len(),
                damage: Damage::Guard(damage),
            });
        }
        let (label, number) = owner.fault_label();
        buffer.protect(label, number);
        self.ring.push_back((buffer, owner));
        while self.ring.len() > QUARANTINE_KEPT {
            if let Some((mut oldest, owner)) = self.ring.pop_front()
                && let Some(damage) = inspect(&mut oldest)
            {
                findings.push(Finding {
                    owner,
                    at_retirement: false,
                    len: oldest.len(),
                    damage,
                });
            }
        }
        findings
    }

    /// Takes the oldest block out of a full ring if it has exactly `len` bytes, is not
    /// page-protected and its owner is `wanted`, for reuse as a new block: the caller checks it
    /// (poison and guards) as it rewrites it, as the ring would have checked it when it left.
    pub(crate) fn reuse(
        &mut self,
        len: usize,
        wanted: impl Fn(&O) -> bool,
    ) -> Option<(SimBuffer, O)> {
        let reusable = self.ring.len() >= QUARANTINE_KEPT
            && self.ring.front().is_some_and(|(buffer, owner)| {
                buffer.len() == len && !buffer.is_protected() && wanted(owner)
            });
        if reusable {
            self.ring.pop_front()
        } else {
            None
        }
    }

    /// Checks every kept block (a protected one cannot have been written: a write would have
    /// faulted).
    pub(crate) fn check_all(&mut self) -> Vec<Finding<O>> {
        let mut findings = Vec::new();
        for (buffer, owner) in &mut self.ring {
            if let Some(damage) = inspect(buffer) {
                findings.push(Finding {
                    owner: *owner,
                    at_retirement: false,
                    len: buffer.len(),
                    damage,
                });
            }
        }
        findings
    }
}

/// A retired block's check: a byte that lost its poison, else a damaged guard. What was found is
/// repaired, so each is reported once.
fn inspect(buffer: &mut SimBuffer) -> Option<Damage> {
    if buffer.is_protected() {
        return None;
    }
    if let Some(offset) = buffer.first_not(POISON) {
        buffer.fill_retired(POISON);
        return Some(Damage::WrittenAfterRetired(offset));
    }
    buffer.check_guards().map(Damage::Guard)
}

/// Access to a retired block's bytes (and to guard bytes), which a buggy driver may still be
/// writing through a stale pointer, from a thread of its own that the scheduler does not order
/// with the simulator. The simulator reads them only with relaxed atomic loads and repairs them
/// with atomic stores, through raw pointers (never a Rust reference, which would promise that no
/// one else writes while it lives): what a check reads is always some value the bytes held, and
/// the simulator's side does nothing undefined. What remains is the driver's own: a plain write
/// racing the simulator's accesses (or a refill's plain writes, see
/// [`SimBuffer::refill_checked`]) is a data race in the driver, as writing freed pool is a bug
/// on Windows; the check then reports it or misses it, as Driver Verifier would.
mod shared {
    use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

    const WORD: usize = size_of::<u64>();

    /// Reads the byte at `start + offset`.
    ///
    /// # Safety
    /// `start` is valid for reads of `offset + 1` bytes.
    unsafe fn load_byte(start: *const u8, offset: usize) -> u8 {
        let at = start.wrapping_add(offset).cast_mut();
        // SAFETY: valid for one byte (the contract); `AtomicU8` has `u8`'s size and alignment,
        // and the simulator touches these bytes only atomically while they are shared.
        unsafe { AtomicU8::from_ptr(at) }.load(Ordering::Relaxed)
    }

    /// Reads the word at `start + offset`.
    ///
    /// # Safety
    /// `start + offset` is 8-byte aligned and `start` is valid for reads of `offset + 8` bytes.
    #[expect(
        clippy::cast_ptr_alignment,
        reason = "the caller guarantees the alignment (this function's contract)"
    )]
    unsafe fn load_word(start: *const u8, offset: usize) -> u64 {
        let at = start.wrapping_add(offset).cast_mut().cast::<u64>();
        // SAFETY: aligned and valid (the contract), accessed only atomically (as above).
        unsafe { AtomicU64::from_ptr(at) }.load(Ordering::Relaxed)
    }

    /// The offset of the first of the `len` bytes at `start` that is not `byte`: byte loads up
    /// to an 8-byte boundary and at the end, word loads between (ORing differences a block at a
    /// time and locating the byte only in a block that differs).
    ///
    /// # Safety
    /// `start` is valid for reads of `len` bytes.
    pub(super) unsafe fn first_not(start: *const u8, len: usize, byte: u8) -> Option<usize> {
        let head = start.align_offset(WORD).min(len);
        let words = (len - head) / WORD;
        let tail = head + words * WORD;
        let pattern = u64::from_ne_bytes([byte; WORD]);
        let byte_differs = |offset: &usize| {
            // SAFETY: called only with `offset` < `len` (below).
            unsafe { load_byte(start, *offset) != byte }
        };
        if let Some(offset) = (0..head).find(byte_differs) {
            return Some(offset);
        }
        let word_diff = |index: usize| {
            // SAFETY: called only with `index` < `words` (below), so `head + index * WORD +
            // WORD` <= `tail` <= `len`; `start + head` is aligned, so every word is.
            unsafe { load_word(start, head + index * WORD) ^ pattern }
        };
        let per_block = super::SWEEP_BLOCK / WORD;
        let mut word = 0;
        while word < words {
            let end = (word + per_block).min(words);
            // Four independent accumulators: atomic loads are not vectorised, but four chains
            // keep two loads a cycle going instead of one OR chain.
            let mut any = [0_u64; 4];
            let mut index = word;
            while index + 4 <= end {
                for (lane, acc) in any.iter_mut().enumerate() {
                    *acc |= word_diff(index + lane);
                }
                index += 4;
            }
            for rest in index..end {
                any[0] |= word_diff(rest);
            }
            if any.iter().fold(0, |all, acc| all | acc) != 0
                && let Some((index, differs)) = (word..end)
                    .map(|index| (index, word_diff(index)))
                    .find(|(_, differs)| *differs != 0)
            {
                let within = differs.to_le().trailing_zeros() as usize / 8;
                return Some(head + index * WORD + within);
            }
            word = end;
        }
        (tail..len).find(byte_differs)
    }

    /// Copies `into.len()` bytes from `start` into `into`, byte by byte.
    ///
    /// # Safety
    /// `start` is valid for reads of `into.len()` bytes.
    pub(super) unsafe fn copy_out(start: *const u8, into: &mut [u8]) {
        for (offset, place) in into.iter_mut().enumerate() {
            // SAFETY: `offset` < `into.len()`.
            *place = unsafe { load_byte(start, offset) };
        }
    }

    /// Writes `byte` over the `len` bytes at `start`, byte by byte (repairs: rare and small, or
    /// a block already found damaged).
    ///
    /// # Safety
    /// `start` is valid for writes of `len` bytes.
    pub(super) unsafe fn fill(start: *mut u8, len: usize, byte: u8) {
        for offset in 0..len {
            let at = start.wrapping_add(offset);
            // SAFETY: `offset` < `len`; accessed only atomically, as in `load_byte`.
            unsafe { AtomicU8::from_ptr(at) }.store(byte, Ordering::Relaxed);
        }
    }
}

/// The step of a sweep that both reads and writes each byte (check then refill, copy then
/// poison): small enough to stay in the L1 cache between the two, so that the sweep brings each
/// byte of the buffer into the cache once.
const SWEEP_BLOCK: usize = 4096;

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

/// Page protection on unix: each block in pages of its own (`mmap`), made `PROT_NONE` when
/// retired and registered in a fixed table the SIGSEGV handler searches; the handler writes the
/// report to stderr, restores the default action and lets the access fault again, which ends the
/// process with SIGSEGV.
#[cfg(unix)]
mod pages {
    use std::fmt::Write as _;
    use std::ptr::NonNull;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

    use super::FaultLabel;

    /// How many protected blocks can be registered at once: the quarantine ring's size with room
    /// to spare. A block that finds no free slot stays accessible (poison and guard checks still
    /// apply).
    const SLOTS: usize = 4 * super::QUARANTINE_KEPT;
    /// A slot being filled in (the handler skips it).
    const FILLING: usize = usize::MAX;

    /// One protected block: its pages `[start, end)`, the driver's view `[user, user + len)`,
    /// and how to name it. `start` is 0 when the slot is free.
    struct Slot {
        start: AtomicUsize,
        end: AtomicUsize,
        user: AtomicUsize,
        len: AtomicUsize,
        number: AtomicUsize,
        label: AtomicPtr<FaultLabel>,
    }

    static SLOTS_TABLE: [Slot; SLOTS] = [const {
        Slot {
            start: AtomicUsize::new(0),
            end: AtomicUsize::new(0),
            user: AtomicUsize::new(0),
            len: AtomicUsize::new(0),
            number: AtomicUsize::new(0),
            label: AtomicPtr::new(std::ptr::null_mut()),
        }
    }; SLOTS];

    /// The SIGSEGV action that was installed before ours (Rust's stack-overflow handler, or the
    /// default), restored for a fault that is not ours.
    static PREVIOUS: OnceLock<libc::sigaction> = OnceLock::new();

    fn page_size() -> usize {
        static SIZE: OnceLock<usize> = OnceLock::new();
        *SIZE.get_or_init(|| {
            // SAFETY: sysconf has no preconditions.
            let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
            usize::try_from(size)
                .ok()
                .filter(|s| *s > 0)
                .unwrap_or(4096)
        })
    }

    /// Maps fresh zeroed pages for `span` bytes; returns the base and the number of pages.
    pub(super) fn map(span: usize) -> Option<(NonNull<u8>, usize)> {
        let pages = span.div_ceil(page_size());
        let bytes = pages.checked_mul(page_size())?;
        // SAFETY: an anonymous private mapping at an address of the kernel's choosing touches no
        // existing memory.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        NonNull::new(base.cast::<u8>()).map(|base| (base, pages))
    }

    /// Protects a mapped block and registers it for the fault handler. Returns false (and leaves
    /// it accessible) when the table is full or `mprotect` fails.
    pub(super) fn protect(
        base: NonNull<u8>,
        pages: usize,
        user: usize,
        len: usize,
        label: &'static FaultLabel,
        number: usize,
    ) -> bool {
        let Some(slot) = SLOTS_TABLE.iter().find(|slot| {
            slot.start
                .compare_exchange(0, FILLING, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        }) else {
            return false;
        };
        let bytes = pages * page_size();
        // SAFETY: `base` is the start of a mapping of exactly `bytes` bytes made by `map`, owned
        // by the block being retired; nothing in the simulator touches it again but `unmap`.
        let status = unsafe { libc::mprotect(base.as_ptr().cast(), bytes, libc::PROT_NONE) };
        if status != 0 {
            slot.start.store(0, Ordering::Release);
            return false;
        }
        slot.end
            .store(base.as_ptr().addr() + bytes, Ordering::Relaxed);
        slot.user.store(user, Ordering::Relaxed);
        slot.len.store(len, Ordering::Relaxed);
        slot.number.store(number, Ordering::Relaxed);
        slot.label
            .store(std::ptr::from_ref(label).cast_mut(), Ordering::Relaxed);
        slot.start.store(base.as_ptr().addr(), Ordering::Release);
        true
    }

    /// Unregisters (if protected) and unmaps a block.
    pub(super) fn unmap(base: NonNull<u8>, pages: usize, protected: bool) {
        if protected
            && let Some(slot) = SLOTS_TABLE
                .iter()
                .find(|slot| slot.start.load(Ordering::Acquire) == base.as_ptr().addr())
        {
            slot.start.store(0, Ordering::Release);
        }
        // SAFETY: `base` is the start of a mapping of `pages` pages made by `map`, unmapped once
        // (by the block's drop); the driver's stale pointers into it fault afterwards, as freed
        // special pool does.
        let _ = unsafe { libc::munmap(base.as_ptr().cast(), pages * page_size()) };
    }

    /// Installs the SIGSEGV handler, once per process.
    pub(super) fn install_fault_handler() {
        let _ = PREVIOUS.get_or_init(|| {
            // SAFETY: an all-zero sigaction is a valid value (no handler, empty mask, no flags).
            let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
            action.sa_sigaction = on_fault as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            // SAFETY: as above, zero is a valid value for the out parameter.
            let mut previous: libc::sigaction = unsafe { std::mem::zeroed() };
            // SAFETY: both pointers are to live sigaction values; SIGSEGV may be caught.
            unsafe { libc::sigaction(libc::SIGSEGV, &raw const action, &raw mut previous) };
            previous
        });
    }

    /// A report in a fixed buffer: the handler may not allocate.
    struct Text {
        bytes: [u8; 768],
        len: usize,
    }

    impl std::fmt::Write for Text {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.len.saturating_add(s.len()).min(self.bytes.len());
            let room = end - self.len;
            if let (Some(place), Some(part)) =
                (self.bytes.get_mut(self.len..end), s.as_bytes().get(..room))
            {
                place.copy_from_slice(part);
            }
            self.len = end;
            Ok(())
        }
    }

    /// The SIGSEGV handler. Async-signal-safe: atomics, formatting into a stack buffer (core's
    /// formatting neither allocates nor locks), `write` and `sigaction`.
    extern "C" fn on_fault(
        _signal: libc::c_int,
        info: *mut libc::siginfo_t,
        _context: *mut libc::c_void,
    ) {
        // SAFETY: the kernel passes a valid siginfo_t to an SA_SIGINFO handler.
        let info = unsafe { info.as_ref() };
        // SAFETY: for SIGSEGV the kernel fills in si_addr, the faulting address. (Without one,
        // address 0 matches no slot and the fault goes to the previous action.)
        let address = info.map_or(0, |info| unsafe { info.si_addr() }.addr());
        let ours = SLOTS_TABLE.iter().find(|slot| {
            let start = slot.start.load(Ordering::Acquire);
            start != 0
                && start != FILLING
                && (start..slot.end.load(Ordering::Relaxed)).contains(&address)
        });
        let restore = match ours {
            Some(slot) => {
                report(slot, address);
                None
            }
            None => PREVIOUS.get(),
        };
        // SAFETY: an all-zero sigaction is SIG_DFL with an empty mask and no flags.
        let default: libc::sigaction = unsafe { std::mem::zeroed() };
        let action = restore.unwrap_or(&default);
        // SAFETY: `action` is a live sigaction value; returning lets the access fault again
        // under it (the default action ends the process with SIGSEGV).
        unsafe { libc::sigaction(libc::SIGSEGV, action, std::ptr::null_mut()) };
    }

    fn report(slot: &Slot, address: usize) {
        // SAFETY: a registered slot's label was stored from a `&'static FaultLabel`.
        let Some(label) = (unsafe { slot.label.load(Ordering::Relaxed).as_ref() }) else {
            return;
        };
        let user = slot.user.load(Ordering::Relaxed);
        let offset = address.wrapping_sub(user).cast_signed();
        let mut text = Text {
            bytes: [0; 768],
            len: 0,
        };
        let _ = writeln!(
            text,
            "kmdf-sim verifier: {} (page fault) on {} {:#x}: the driver accessed offset {offset} \
             (address {address:#x}) of its {}-byte buffer {}; the buffer's pages are protected, \
             so the process ends here (on Windows: {})",
            label.rule,
            label.object,
            slot.number.load(Ordering::Relaxed),
            slot.len.load(Ordering::Relaxed),
            label.after,
            label.on_windows
        );
        // SAFETY: `text.bytes` holds `text.len` initialised bytes; write(2) is async-signal-safe.
        let _ = unsafe { libc::write(2, text.bytes.as_ptr().cast(), text.len) };
    }
}

/// Hosts without `mmap`/`mprotect`: no block is mapped, none protected.
#[cfg(not(unix))]
mod pages {
    use std::ptr::NonNull;

    use super::FaultLabel;

    pub(super) fn map(_span: usize) -> Option<(NonNull<u8>, usize)> {
        None
    }

    pub(super) fn protect(
        _base: NonNull<u8>,
        _pages: usize,
        _user: usize,
        _len: usize,
        _label: &'static FaultLabel,
        _number: usize,
    ) -> bool {
        false
    }

    pub(super) fn unmap(_base: NonNull<u8>, _pages: usize, _protected: bool) {}

    pub(super) fn install_fault_handler() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    static LABEL: FaultLabel = FaultLabel {
        rule: "TestRule",
        object: "test block",
        after: "after the test retired it",
        on_windows: "nothing",
    };

    impl Retiree for u32 {
        fn fault_label(&self) -> (&'static FaultLabel, usize) {
            (&LABEL, usize::try_from(*self).unwrap_or(0))
        }
    }

    /// Writes `byte` at `offset` from the block's first byte (inside its guards).
    fn poke(buffer: &SimBuffer, offset: isize, byte: u8) {
        // SAFETY: the offsets the tests use lie inside the block's allocation (its guards
        // included).
        unsafe { buffer.as_ptr().wrapping_offset(offset).write(byte) };
    }

    #[test]
    fn guards_follow_every_length_up_to_the_next_unit_and_one_more() {
        for len in [0, 1, 8, 15, 16, 17] {
            let mut buffer = SimBuffer::zeroed(len);
            assert_eq!(buffer.as_ptr().addr() % ALIGN, 0);
            assert_eq!(buffer.check_guards(), None, "fresh block of {len}");
            let end = isize::try_from(len).unwrap();
            let last = isize::try_from(len.next_multiple_of(ALIGN) + ALIGN - 1).unwrap();
            for offset in [BEFORE_START, -1, end, last] {
                poke(&buffer, offset, 0);
                assert_eq!(
                    buffer.check_guards(),
                    Some(GuardDamage {
                        first: offset,
                        last: offset
                    }),
                    "block of {len}, offset {offset}"
                );
                assert_eq!(buffer.check_guards(), None, "repaired after the report");
            }
        }
    }

    #[test]
    fn the_atomic_sweep_finds_the_first_changed_byte_at_every_alignment_and_length() {
        let mut bytes = vec![POISON; 2 * SWEEP_BLOCK + 40];
        for start in 0..9 {
            for len in [
                0,
                1,
                7,
                8,
                9,
                31,
                SWEEP_BLOCK - 1,
                SWEEP_BLOCK + 17,
                2 * SWEEP_BLOCK + 31,
            ] {
                let region = &mut bytes[start..start + len];
                // SAFETY: `region` is valid for `len` bytes and no one else accesses it.
                let clean = unsafe { shared::first_not(region.as_ptr(), len, POISON) };
                assert_eq!(clean, None, "start {start}, len {len}");
                for changed in [
                    0,
                    1,
                    7,
                    8,
                    len / 2,
                    len.saturating_sub(2),
                    len.saturating_sub(1),
                ] {
                    if changed >= len {
                        continue;
                    }
                    region[changed] = 0;
                    // SAFETY: as above.
                    let found = unsafe { shared::first_not(region.as_ptr(), len, POISON) };
                    assert_eq!(found, Some(changed), "start {start}, len {len}");
                    region[changed] = POISON;
                }
            }
        }
    }

    #[test]
    fn a_write_into_a_retired_block_is_found_as_it_leaves_the_ring() {
        let mut quarantine = Quarantine::new();
        let first = SimBuffer::zeroed(8);
        let pointer = first.as_ptr();
        assert!(quarantine.retire(first, 1_u32).is_empty());
        // SAFETY: the quarantine keeps the block allocated (the bug under test).
        unsafe { pointer.wrapping_add(3).write(0) };
        for owner in 2..=u32::try_from(QUARANTINE_KEPT).unwrap() {
            assert!(quarantine.retire(SimBuffer::zeroed(4), owner).is_empty());
        }
        let found = quarantine.retire(SimBuffer::zeroed(4), 1000);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (
                found[0].owner,
                found[0].at_retirement,
                found[0].len,
                found[0].damage
            ),
            (1, false, 8, Damage::WrittenAfterRetired(3))
        );
        assert!(quarantine.check_all().is_empty());
    }
}
