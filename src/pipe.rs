//! The pipe as pure logic: a bounded FIFO of bytes ([`Fifo`]), the reads and writes waiting on it
//! in arrival order ([`WaitQueue`]), and the rules that decide which request completes with what
//! ([`Pipe`]). Nothing here touches the framework: a request is anything implementing [`Active`]
//! (its buffers can be used) and [`Pending`] (it waits inside its cancelable window), so the
//! unit tests below drive the same code with plain buffers. Storage is handed in (`B`, `S`), so
//! the model never allocates; completions go into a fixed-size [`Batch`] the caller completes
//! after releasing its lock.
//!
//! The semantics are the protocol's (`iolab_protocol::pipe`): writes are all or nothing and wait
//! for room; reads take min(length, available) and wait for data; waiters of each kind are
//! served strictly in arrival order; zero-length requests complete at once.

use crate::wdf::status::{NtStatus, Result};

/// A request whose buffers the pipe may use now (outside any cancelable window).
pub trait Active {
    /// The space a read fills (its whole buffer).
    ///
    /// # Errors
    /// The status to complete the read with if its buffer cannot be had.
    fn read_space(&mut self) -> Result<&mut [u8]>;
    /// The bytes a write appends.
    ///
    /// # Errors
    /// The status to complete the write with if its buffer cannot be had.
    fn write_data(&mut self) -> Result<&[u8]>;
}

/// A request kept while it waits, inside its cancelable window.
pub trait Pending: Sized {
    /// The request once out of the window.
    type Active: Active;
    /// Leaves the cancelable window.
    ///
    /// # Errors
    /// The request itself, when cancellation got there first: its cancel callback completes it
    /// (the pipe keeps it aside until that callback takes it, see [`Pipe::take_cancelled`]).
    fn activate(self) -> core::result::Result<Self::Active, Self>;
    /// A value identifying the request (what the cancel callback is given).
    fn id(&self) -> usize;
}

/// Which way a request moves bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A read: bytes leave the FIFO.
    Read,
    /// A write: bytes enter the FIFO.
    Write,
}

/// What the pipe knows about a request besides its buffers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The handle (file object) it was sent on.
    pub file: u64,
    /// When it arrived (any monotonic unit; the driver uses 100 ns ticks).
    pub since: u64,
    /// When it stops waiting (`STATUS_IO_TIMEOUT`), in the unit of `since`; `None`: never.
    pub deadline: Option<u64>,
}

/// A waiting request and what the pipe knows about it.
#[derive(Debug)]
pub struct Waiter<P> {
    /// The request.
    pub request: P,
    /// Which way it moves bytes.
    pub direction: Direction,
    /// Its length in bytes (a write's must fit at once).
    pub length: usize,
    /// Handle, arrival and deadline.
    pub meta: Meta,
}

/// A request the pipe is done with: complete it with `result` (bytes moved, or the failure).
#[derive(Debug)]
pub struct Done<A> {
    /// The request, out of its cancelable window.
    pub request: A,
    /// Its outcome.
    pub result: Result<usize>,
    /// Which way it moved bytes.
    pub direction: Direction,
    /// When it arrived.
    pub since: u64,
    /// Whether it waited (a cancellation or a timeout always did).
    pub waited: bool,
}

/// Completions collected under the caller's lock, completed after it is released. Holds at
/// most `N`; an operation that has more to complete stops and reports it (call
/// [`Pipe::pump`] again with an empty batch).
#[derive(Debug)]
pub struct Batch<A, const N: usize> {
    items: [Option<Done<A>>; N],
    len: usize,
}

impl<A, const N: usize> Default for Batch<A, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A, const N: usize> Batch<A, N> {
    /// An empty batch.
    #[must_use]
    pub fn new() -> Self {
        Self {
            items: core::array::from_fn(|_| None),
            len: 0,
        }
    }

    fn has_room(&self) -> bool {
        self.len < N
    }

    fn push(&mut self, done: Done<A>) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = Some(done);
            self.len = self.len.saturating_add(1);
        }
    }

    /// Whether nothing was collected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Takes the completions out, in the order they were decided.
    pub fn drain(&mut self) -> impl Iterator<Item = Done<A>> + '_ {
        self.len = 0;
        self.items.iter_mut().filter_map(Option::take)
    }
}

/// A bounded FIFO of bytes over storage `B` (its whole length is the capacity).
#[derive(Debug)]
pub struct Fifo<B> {
    storage: B,
    head: usize,
    used: usize,
}

impl<B: AsRef<[u8]> + AsMut<[u8]>> Fifo<B> {
    /// An empty FIFO over `storage`.
    pub fn new(storage: B) -> Self {
        Self {
            storage,
            head: 0,
            used: 0,
        }
    }

    /// Its capacity in bytes.
    pub fn capacity(&self) -> usize {
        self.storage.as_ref().len()
    }

    /// Bytes held.
    pub fn used(&self) -> usize {
        self.used
    }

    /// Bytes that fit now.
    pub fn room(&self) -> usize {
        self.capacity().saturating_sub(self.used)
    }

    /// Drops the contents.
    pub fn clear(&mut self) {
        self.head = 0;
        self.used = 0;
    }

    /// Swaps in new storage (the FIFO must be empty); returns the old one.
    pub fn replace_storage(&mut self, storage: B) -> B {
        self.clear();
        core::mem::replace(&mut self.storage, storage)
    }

    /// Appends all of `data`, or nothing if it does not fit. Returns whether it was appended.
    pub fn push(&mut self, data: &[u8]) -> bool {
        if data.len() > self.room() {
            return false;
        }
        let capacity = self.capacity();
        let tail = wrap(self.head.saturating_add(self.used), capacity);
        let first = data.len().min(capacity.saturating_sub(tail));
        let (front, back) = data.split_at(first);
        let storage = self.storage.as_mut();
        if let Some(place) = storage.get_mut(tail..tail.saturating_add(first)) {
            place.copy_from_slice(front);
        }
        if let Some(place) = storage.get_mut(..back.len()) {
            place.copy_from_slice(back);
        }
        self.used = self.used.saturating_add(data.len());
        true
    }

    /// Moves min(`space.len()`, used) bytes into the start of `space`; returns how many.
    pub fn pop_into(&mut self, space: &mut [u8]) -> usize {
        let count = space.len().min(self.used);
        let capacity = self.capacity();
        let first = count.min(capacity.saturating_sub(self.head));
        let storage = self.storage.as_ref();
        let (front, back) = space.split_at_mut(first);
        if let Some(source) = storage.get(self.head..self.head.saturating_add(first)) {
            front.copy_from_slice(source);
        }
        let rest = count.saturating_sub(first);
        if let (Some(place), Some(source)) = (back.get_mut(..rest), storage.get(..rest)) {
            place.copy_from_slice(source);
        }
        self.head = wrap(self.head.saturating_add(count), capacity);
        self.used = self.used.saturating_sub(count);
        if self.used == 0 {
            self.head = 0;
        }
        count
    }
}

/// `index` brought into `0..capacity` (for indices below twice the capacity).
fn wrap(index: usize, capacity: usize) -> usize {
    if index >= capacity {
        index.saturating_sub(capacity)
    } else {
        index
    }
}

/// Waiting requests in arrival order, over fixed storage `S` (its length is the limit).
#[derive(Debug)]
pub struct WaitQueue<P, S> {
    slots: S,
    head: usize,
    len: usize,
    _request: core::marker::PhantomData<P>,
}

impl<P, S: AsRef<[Option<Waiter<P>>]> + AsMut<[Option<Waiter<P>>]>> WaitQueue<P, S> {
    /// An empty queue over `slots` (all `None`).
    pub fn new(slots: S) -> Self {
        Self {
            slots,
            head: 0,
            len: 0,
            _request: core::marker::PhantomData,
        }
    }

    /// How many wait.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether one more can wait.
    pub fn has_room(&self) -> bool {
        self.len < self.slots.as_ref().len()
    }

    fn physical(&self, logical: usize) -> usize {
        wrap(self.head.saturating_add(logical), self.slots.as_ref().len())
    }

    /// Adds a waiter at the back; gives it back if the queue is full.
    ///
    /// # Errors
    /// The waiter, when every slot is taken.
    pub fn push_back(&mut self, waiter: Waiter<P>) -> core::result::Result<(), Waiter<P>> {
        if !self.has_room() {
            return Err(waiter);
        }
        let index = self.physical(self.len);
        match self.slots.as_mut().get_mut(index) {
            Some(slot) => {
                *slot = Some(waiter);
                self.len = self.len.saturating_add(1);
                Ok(())
            }
            None => Err(waiter),
        }
    }

    /// The oldest waiter.
    pub fn front(&self) -> Option<&Waiter<P>> {
        self.get(0)
    }

    fn get(&self, logical: usize) -> Option<&Waiter<P>> {
        if logical >= self.len {
            return None;
        }
        self.slots.as_ref().get(self.physical(logical))?.as_ref()
    }

    /// Removes the waiter at `logical` (0 = oldest), keeping the others in order.
    fn remove_at(&mut self, logical: usize) -> Option<Waiter<P>> {
        if logical >= self.len {
            return None;
        }
        let capacity = self.slots.as_ref().len();
        let index = self.physical(logical);
        let taken = self.slots.as_mut().get_mut(index)?.take();
        if logical == 0 {
            self.head = wrap(self.head.saturating_add(1), capacity);
        } else {
            // Close the gap: each later waiter moves one slot towards the front.
            let mut at = logical;
            while at.saturating_add(1) < self.len {
                let from = self.physical(at.saturating_add(1));
                let to = self.physical(at);
                let moved = self.slots.as_mut().get_mut(from).and_then(Option::take);
                if let Some(slot) = self.slots.as_mut().get_mut(to) {
                    *slot = moved;
                }
                at = at.saturating_add(1);
            }
        }
        self.len = self.len.saturating_sub(1);
        if self.len == 0 {
            self.head = 0;
        }
        taken
    }

    /// Removes the oldest waiter.
    pub fn pop_front(&mut self) -> Option<Waiter<P>> {
        self.remove_at(0)
    }

    /// The oldest waiter for which `matches` holds.
    pub fn find(&self, matches: impl Fn(&Waiter<P>) -> bool) -> Option<&Waiter<P>> {
        (0..self.len).find_map(|i| self.get(i).filter(|w| matches(w)))
    }

    /// Removes the oldest waiter for which `matches` holds.
    pub fn remove_first(&mut self, matches: impl Fn(&Waiter<P>) -> bool) -> Option<Waiter<P>> {
        let position = (0..self.len).find(|&i| self.get(i).is_some_and(&matches))?;
        self.remove_at(position)
    }

    /// The earliest deadline among the waiters.
    pub fn earliest_deadline(&self) -> Option<u64> {
        (0..self.len)
            .filter_map(|i| self.get(i).and_then(|w| w.meta.deadline))
            .min()
    }
}

/// The pipe: the FIFO and its waiting readers and writers.
#[derive(Debug)]
pub struct Pipe<P, B, S> {
    fifo: Fifo<B>,
    readers: WaitQueue<P, S>,
    writers: WaitQueue<P, S>,
    /// Waiters whose cancellation won the race with the pipe: kept until their cancel callback
    /// takes them (its slots are as many as the other two queues', so it never fills).
    cancelling: WaitQueue<P, S>,
    /// The device is leaving D0 (removal): waiters are no longer served, only ended.
    stopped: bool,
}

/// What a pipe step left: whether more completions are due than the batch held.
#[must_use = "when more is due, pump again with an empty batch"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Everything due was collected.
    Settled,
    /// The batch filled up: complete it and call [`Pipe::pump`] again.
    More,
}

impl<P, B, S> Pipe<P, B, S>
where
    P: Pending,
    B: AsRef<[u8]> + AsMut<[u8]>,
    S: AsRef<[Option<Waiter<P>>]> + AsMut<[Option<Waiter<P>>]>,
{
    /// A pipe over FIFO storage `fifo` and waiter slots for readers, writers, and requests
    /// being cancelled (at least as many as the other two together).
    pub fn new(fifo: B, reader_slots: S, writer_slots: S, cancelling_slots: S) -> Self {
        Self {
            fifo: Fifo::new(fifo),
            readers: WaitQueue::new(reader_slots),
            writers: WaitQueue::new(writer_slots),
            cancelling: WaitQueue::new(cancelling_slots),
            stopped: false,
        }
    }

    /// Stops serving waiters: the device is leaving D0 — being removed (every waiter is about to
    /// be cancelled, and cancelling one must not let the next one in) or powering down (the
    /// waiters are kept until it is back).
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Serves waiters again (back in D0); returns as [`Pipe::pump`].
    pub fn restart<const N: usize>(&mut self, batch: &mut Batch<P::Active, N>) -> Progress {
        self.stopped = false;
        self.pump(batch)
    }

    /// Ends a waiter taken from its queue: `outcome` decides its result (moving its bytes, or a
    /// failure), unless its cancellation won: then it is kept aside for its cancel callback.
    fn end<const N: usize>(
        &mut self,
        waiter: Waiter<P>,
        batch: &mut Batch<P::Active, N>,
        outcome: impl FnOnce(&mut Self, Direction, &mut P::Active) -> Result<usize>,
    ) {
        let Waiter {
            request,
            direction,
            length,
            meta,
        } = waiter;
        match request.activate() {
            Ok(mut request) => {
                let result = outcome(self, direction, &mut request);
                batch.push(done(request, result, direction, meta, true));
            }
            Err(request) => self.set_aside(Waiter {
                request,
                direction,
                length,
                meta,
            }),
        }
    }

    /// Serves a waiter: moves its bytes (see [`Pipe::end`]).
    fn serve<const N: usize>(&mut self, waiter: Waiter<P>, batch: &mut Batch<P::Active, N>) {
        self.end(waiter, batch, |pipe, direction, request| {
            pipe.transfer(direction, request)
        });
    }

    /// Keeps a waiter whose cancel callback is coming.
    fn set_aside(&mut self, waiter: Waiter<P>) {
        // The cancelling queue has a slot for every waiter, so this cannot fail; if it did,
        // the request would only be forgotten, and its cancel callback still completes it.
        let _ = self.cancelling.push_back(waiter);
    }

    /// The FIFO's capacity.
    pub fn capacity(&self) -> usize {
        self.fifo.capacity()
    }

    /// Bytes in the FIFO.
    pub fn used(&self) -> usize {
        self.fifo.used()
    }

    /// Reads waiting.
    pub fn waiting_reads(&self) -> usize {
        self.readers.len()
    }

    /// Writes waiting.
    pub fn waiting_writes(&self) -> usize {
        self.writers.len()
    }

    /// The earliest deadline of any waiter (when the timer must fire next).
    pub fn next_deadline(&self) -> Option<u64> {
        match (
            self.readers.earliest_deadline(),
            self.writers.earliest_deadline(),
        ) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// A read arrives: it completes at once (data there, zero length, no slot left), or, on an
    /// empty FIFO, `mark` puts it in its cancelable window and it waits (a request already
    /// cancelled, which `mark` gives back, completes with `STATUS_CANCELLED`).
    pub fn read<const N: usize>(
        &mut self,
        request: P::Active,
        meta: Meta,
        mark: impl FnOnce(P::Active) -> core::result::Result<P, P::Active>,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        self.arrive(Direction::Read, request, meta, mark, batch)
    }

    /// A write arrives: it completes at once (it fits and no write waits before it, zero
    /// length, longer than the capacity, no slot left), or `mark` puts it in its cancelable
    /// window and it waits (as for [`Pipe::read`]).
    pub fn write<const N: usize>(
        &mut self,
        request: P::Active,
        meta: Meta,
        mark: impl FnOnce(P::Active) -> core::result::Result<P, P::Active>,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        self.arrive(Direction::Write, request, meta, mark, batch)
    }

    fn arrive<const N: usize>(
        &mut self,
        direction: Direction,
        mut request: P::Active,
        meta: Meta,
        mark: impl FnOnce(P::Active) -> core::result::Result<P, P::Active>,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        let length = match direction {
            Direction::Read => request.read_space().map(|space| space.len()),
            Direction::Write => request.write_data().map(<[u8]>::len),
        };
        let settled = match length {
            Ok(0) => Some(Ok(0)),
            Ok(length) if direction == Direction::Write && length > self.fifo.capacity() => {
                Some(Err(NtStatus::INVALID_BUFFER_SIZE))
            }
            Ok(_) => None,
            Err(status) => Some(Err(status)),
        };
        if let Some(result) = settled {
            batch.push(done(request, result, direction, meta, false));
            return Progress::Settled;
        }
        let length = length.unwrap_or(0);
        let now = match direction {
            Direction::Read => self.readers.is_empty() && self.fifo.used() > 0,
            Direction::Write => self.writers.is_empty() && length <= self.fifo.room(),
        };
        if now {
            let result = self.transfer(direction, &mut request);
            batch.push(done(request, result, direction, meta, false));
            return self.pump(batch);
        }
        self.wait(direction, request, length, meta, mark, batch);
        Progress::Settled
    }

    /// Moves a request's bytes: out of the FIFO for a read, in for a write (which fits).
    fn transfer(&mut self, direction: Direction, request: &mut P::Active) -> Result<usize> {
        match direction {
            Direction::Read => request.read_space().map(|space| self.fifo.pop_into(space)),
            Direction::Write => request.write_data().map(|data| {
                self.fifo.push(data);
                data.len()
            }),
        }
    }

    fn wait<const N: usize>(
        &mut self,
        direction: Direction,
        request: P::Active,
        length: usize,
        meta: Meta,
        mark: impl FnOnce(P::Active) -> core::result::Result<P, P::Active>,
        batch: &mut Batch<P::Active, N>,
    ) {
        let queue = match direction {
            Direction::Read => &mut self.readers,
            Direction::Write => &mut self.writers,
        };
        if !queue.has_room() {
            let result = Err(NtStatus::INSUFFICIENT_RESOURCES);
            batch.push(done(request, result, direction, meta, false));
            return;
        }
        match mark(request) {
            Ok(request) => {
                if let Err(waiter) = queue.push_back(Waiter {
                    request,
                    direction,
                    length,
                    meta,
                }) {
                    // Not reached (room was checked); the request must still end.
                    match waiter.request.activate() {
                        Ok(request) => {
                            let result = Err(NtStatus::INSUFFICIENT_RESOURCES);
                            batch.push(done(request, result, direction, meta, false));
                        }
                        Err(request) => self.set_aside(Waiter {
                            request,
                            direction,
                            length,
                            meta,
                        }),
                    }
                }
            }
            Err(request) => {
                batch.push(done(
                    request,
                    Err(NtStatus::CANCELLED),
                    direction,
                    meta,
                    true,
                ));
            }
        }
    }

    /// Serves waiters while the FIFO allows: readers while it holds data, writers (in order)
    /// while the oldest fits; until nothing more moves or the batch is full.
    pub fn pump<const N: usize>(&mut self, batch: &mut Batch<P::Active, N>) -> Progress {
        if self.stopped {
            return Progress::Settled;
        }
        loop {
            if !batch.has_room() {
                let due = (!self.readers.is_empty() && self.fifo.used() > 0)
                    || self
                        .writers
                        .front()
                        .is_some_and(|w| w.length <= self.fifo.room());
                return if due {
                    Progress::More
                } else {
                    Progress::Settled
                };
            }
            if !self.readers.is_empty() && self.fifo.used() > 0 {
                if let Some(waiter) = self.readers.pop_front() {
                    self.serve(waiter, batch);
                }
                continue;
            }
            if self
                .writers
                .front()
                .is_some_and(|w| w.length <= self.fifo.room())
            {
                if let Some(waiter) = self.writers.pop_front() {
                    self.serve(waiter, batch);
                }
                continue;
            }
            return Progress::Settled;
        }
    }

    /// The cancel callback of request `id`: takes it out of whichever queue holds it (`None` if
    /// the pipe does not keep it). Call [`Pipe::pump`] after: a write behind it may fit now.
    pub fn take_cancelled(&mut self, id: usize) -> Option<Waiter<P>> {
        let matches = |w: &Waiter<P>| w.request.id() == id;
        self.cancelling
            .remove_first(matches)
            .or_else(|| self.readers.remove_first(matches))
            .or_else(|| self.writers.remove_first(matches))
    }

    /// The waiting read or write `id`, still in its queue (not one whose cancellation already
    /// won: its cancel callback completes that one).
    pub fn waiting(&self, id: usize) -> Option<&P> {
        let matches = |w: &Waiter<P>| w.request.id() == id;
        self.readers
            .find(matches)
            .or_else(|| self.writers.find(matches))
            .map(|w| &w.request)
    }

    /// Ends, with `status`, every waiter for which `matches` holds (their cancel callbacks finish
    /// those already being cancelled); then serves what can move.
    fn end_waiters<const N: usize>(
        &mut self,
        matches: impl Fn(&Waiter<P>) -> bool,
        status: NtStatus,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        for direction in [Direction::Read, Direction::Write] {
            loop {
                if !batch.has_room() {
                    return Progress::More;
                }
                let queue = match direction {
                    Direction::Read => &mut self.readers,
                    Direction::Write => &mut self.writers,
                };
                let Some(waiter) = queue.remove_first(&matches) else {
                    break;
                };
                self.end(waiter, batch, |_, _, _| Err(status));
            }
        }
        self.pump(batch)
    }

    /// A handle closes: its waiting requests end with `STATUS_CANCELLED`.
    pub fn cancel_file<const N: usize>(
        &mut self,
        file: u64,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        self.end_waiters(|w| w.meta.file == file, NtStatus::CANCELLED, batch)
    }

    /// Time is `now`: waiters whose deadline has passed end with `STATUS_IO_TIMEOUT`.
    pub fn expire<const N: usize>(
        &mut self,
        now: u64,
        batch: &mut Batch<P::Active, N>,
    ) -> Progress {
        self.end_waiters(
            |w| w.meta.deadline.is_some_and(|deadline| deadline <= now),
            NtStatus::IO_TIMEOUT,
            batch,
        )
    }

    /// Drops the FIFO's contents (waiting readers keep waiting); then serves waiting writers.
    pub fn purge<const N: usize>(&mut self, batch: &mut Batch<P::Active, N>) -> Progress {
        self.fifo.clear();
        self.pump(batch)
    }

    /// Swaps in FIFO storage of another capacity; only while the FIFO is empty.
    ///
    /// # Errors
    /// `STATUS_DEVICE_BUSY` (and `storage` back) while the FIFO holds data.
    pub fn replace_storage(&mut self, storage: B) -> core::result::Result<B, (NtStatus, B)> {
        if self.fifo.used() > 0 {
            return Err((NtStatus::DEVICE_BUSY, storage));
        }
        Ok(self.fifo.replace_storage(storage))
    }
}

fn done<A>(
    request: A,
    result: Result<usize>,
    direction: Direction,
    meta: Meta,
    waited: bool,
) -> Done<A> {
    Done {
        request,
        result,
        direction,
        since: meta.since,
        waited,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::vec::Vec;

    use super::*;

    /// A request with a plain buffer; `cancelled` says its cancel callback got it first.
    #[derive(Debug)]
    struct Fake {
        id: usize,
        buffer: Vec<u8>,
        cancelled: Rc<Cell<bool>>,
    }

    impl Active for Fake {
        fn read_space(&mut self) -> Result<&mut [u8]> {
            Ok(&mut self.buffer)
        }
        fn write_data(&mut self) -> Result<&[u8]> {
            Ok(&self.buffer)
        }
    }

    impl Pending for Fake {
        type Active = Fake;
        fn activate(self) -> core::result::Result<Fake, Fake> {
            if self.cancelled.get() {
                Err(self)
            } else {
                Ok(self)
            }
        }
        fn id(&self) -> usize {
            self.id
        }
    }

    type Slots = Vec<Option<Waiter<Fake>>>;
    type TestPipe = Pipe<Fake, Vec<u8>, Slots>;

    fn pipe(capacity: usize, waiters: usize) -> TestPipe {
        let slots = |n| (0..n).map(|_| None).collect::<Slots>();
        Pipe::new(
            std::vec![0; capacity],
            slots(waiters),
            slots(waiters),
            slots(waiters.saturating_mul(2)),
        )
    }

    fn fake(id: usize, buffer: Vec<u8>) -> Fake {
        Fake {
            id,
            buffer,
            cancelled: Rc::new(Cell::new(false)),
        }
    }

    fn meta(file: u64, deadline: Option<u64>) -> Meta {
        Meta {
            file,
            since: 0,
            deadline,
        }
    }

    /// (id, result, bytes) of each completion.
    fn outcomes(batch: &mut Batch<Fake, 8>) -> Vec<(usize, Result<usize>, Vec<u8>)> {
        batch
            .drain()
            .map(|d| {
                let length = d.result.unwrap_or(0);
                let bytes = d.request.buffer.get(..length).unwrap_or_default();
                (d.request.id, d.result, bytes.to_vec())
            })
            .collect()
    }

    fn write(p: &mut TestPipe, id: usize, data: &[u8], batch: &mut Batch<Fake, 8>) -> Progress {
        p.write(fake(id, data.to_vec()), meta(1, None), Ok, batch)
    }

    fn read(p: &mut TestPipe, id: usize, length: usize, batch: &mut Batch<Fake, 8>) -> Progress {
        p.read(fake(id, std::vec![0; length]), meta(1, None), Ok, batch)
    }

    #[test]
    fn fifo_wraps_around_and_keeps_byte_order() {
        let mut fifo = Fifo::new([0u8; 8]);
        assert!(fifo.push(b"abcdef"));
        let mut out = [0u8; 4];
        assert_eq!(fifo.pop_into(&mut out), 4);
        assert_eq!(&out, b"abcd");
        assert!(fifo.push(b"ghijkl"));
        assert!(!fifo.push(b"x"), "full: all or nothing");
        assert_eq!(fifo.room(), 0);
        let mut out = [0u8; 10];
        assert_eq!(fifo.pop_into(&mut out), 8);
        assert_eq!(&out[..8], b"efghijkl");
        assert_eq!(fifo.used(), 0);
        assert_eq!(fifo.pop_into(&mut out), 0);
    }

    #[test]
    fn a_read_takes_what_is_there_and_waits_on_empty() {
        let mut p = pipe(16, 4);
        let mut batch = Batch::new();
        assert_eq!(write(&mut p, 1, b"hello", &mut batch), Progress::Settled);
        assert_eq!(read(&mut p, 2, 3, &mut batch), Progress::Settled);
        assert_eq!(read(&mut p, 3, 10, &mut batch), Progress::Settled);
        assert_eq!(read(&mut p, 4, 10, &mut batch), Progress::Settled);
        assert_eq!(
            outcomes(&mut batch),
            [
                (1, Ok(5), b"hello".to_vec()),
                (2, Ok(3), b"hel".to_vec()),
                (3, Ok(2), b"lo".to_vec())
            ]
        );
        assert_eq!(p.waiting_reads(), 1);
        assert_eq!(write(&mut p, 5, b"xy", &mut batch), Progress::Settled);
        assert_eq!(
            outcomes(&mut batch),
            [(5, Ok(2), b"xy".to_vec()), (4, Ok(2), b"xy".to_vec())]
        );
        assert_eq!(p.waiting_reads(), 0);
    }

    #[test]
    fn writes_are_all_or_nothing_and_wait_in_order() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let _ = write(&mut p, 1, b"123456", &mut batch);
        let _ = write(&mut p, 2, b"abcd", &mut batch); // waits: 2 bytes of room
        let _ = write(&mut p, 3, b"z", &mut batch); // fits, but waits behind 2
        assert_eq!(outcomes(&mut batch), [(1, Ok(6), b"123456".to_vec())]);
        assert_eq!(p.waiting_writes(), 2);
        let _ = read(&mut p, 4, 3, &mut batch); // room 5: write 2 (4 bytes) then 3 (1 byte) fit
        assert_eq!(
            outcomes(&mut batch),
            [
                (4, Ok(3), b"123".to_vec()),
                (2, Ok(4), b"abcd".to_vec()),
                (3, Ok(1), b"z".to_vec())
            ]
        );
        let _ = read(&mut p, 5, 100, &mut batch);
        assert_eq!(outcomes(&mut batch), [(5, Ok(8), b"456abcdz".to_vec())]);
    }

    #[test]
    fn zero_length_oversize_and_full_queues_complete_at_once() {
        let mut p = pipe(8, 1);
        let mut batch = Batch::new();
        let _ = read(&mut p, 1, 0, &mut batch);
        let _ = write(&mut p, 2, b"", &mut batch);
        let _ = write(&mut p, 3, b"123456789", &mut batch);
        let _ = read(&mut p, 4, 4, &mut batch); // waits: the one slot
        let _ = read(&mut p, 5, 4, &mut batch); // no slot left
        assert_eq!(
            outcomes(&mut batch),
            [
                (1, Ok(0), Vec::new()),
                (2, Ok(0), Vec::new()),
                (3, Err(NtStatus::INVALID_BUFFER_SIZE), Vec::new()),
                (5, Err(NtStatus::INSUFFICIENT_RESOURCES), Vec::new()),
            ]
        );
        assert_eq!(p.waiting_reads(), 1);
    }

    #[test]
    fn a_request_cancelled_before_it_waits_completes_cancelled() {
        let mut p = pipe(8, 2);
        let mut batch = Batch::new();
        let _ = p.read(fake(1, std::vec![0; 4]), meta(1, None), Err, &mut batch);
        assert_eq!(
            outcomes(&mut batch),
            [(1, Err(NtStatus::CANCELLED), Vec::new())]
        );
        assert_eq!(p.waiting_reads(), 0);
    }

    #[test]
    fn cancelling_the_front_writer_lets_the_next_one_in() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let _ = write(&mut p, 1, b"1234567", &mut batch);
        let _ = write(&mut p, 2, b"abcd", &mut batch);
        let _ = write(&mut p, 3, b"z", &mut batch);
        let _ = outcomes(&mut batch);
        let taken = p.take_cancelled(2).map(|w| w.request.id);
        assert_eq!(taken, Some(2));
        assert!(p.take_cancelled(2).is_none(), "taken once");
        assert_eq!(p.pump(&mut batch), Progress::Settled);
        assert_eq!(outcomes(&mut batch), [(3, Ok(1), b"z".to_vec())]);
    }

    #[test]
    fn a_waiter_whose_cancel_is_pending_is_skipped_not_completed() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let first = fake(1, std::vec![0; 4]);
        let flag = Rc::clone(&first.cancelled);
        let _ = p.read(first, meta(1, None), Ok, &mut batch);
        let _ = read(&mut p, 2, 4, &mut batch);
        flag.set(true); // the cancel callback owns request 1 now
        let _ = write(&mut p, 3, b"ab", &mut batch);
        assert_eq!(
            outcomes(&mut batch),
            [(3, Ok(2), b"ab".to_vec()), (2, Ok(2), b"ab".to_vec())]
        );
        assert_eq!(p.waiting_reads(), 0);
        // Its cancel callback finds it set aside, once.
        assert_eq!(
            p.take_cancelled(1).map(|w| w.direction),
            Some(Direction::Read)
        );
        assert!(p.take_cancelled(1).is_none());
    }

    #[test]
    fn ending_more_waiters_than_a_batch_holds_goes_on_where_it_stopped() {
        let mut p = pipe(64, 32);
        let mut batch: Batch<Fake, 8> = Batch::new();
        for id in 0..20 {
            let file = if id % 5 == 0 { 2 } else { 1 };
            let _ = p.read(
                fake(id, std::vec![0; 2]),
                meta(file, Some(10)),
                Ok,
                &mut batch,
            );
        }
        assert_eq!(p.cancel_file(1, &mut batch), Progress::More);
        assert_eq!(outcomes(&mut batch).len(), 8);
        assert_eq!(p.cancel_file(1, &mut batch), Progress::More);
        assert_eq!(outcomes(&mut batch).len(), 8);
        assert_eq!(p.cancel_file(1, &mut batch), Progress::Settled);
        assert_eq!(outcomes(&mut batch).len(), 0);
        assert_eq!(p.waiting_reads(), 4, "only the other handle's reads wait");
        assert_eq!(p.expire(10, &mut batch), Progress::Settled);
        assert_eq!(outcomes(&mut batch).len(), 4);
    }

    #[test]
    fn closing_a_handle_ends_only_its_waiters() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        for (id, file) in [(1, 7), (2, 8), (3, 7)] {
            let _ = p.read(fake(id, std::vec![0; 2]), meta(file, None), Ok, &mut batch);
        }
        assert_eq!(p.cancel_file(7, &mut batch), Progress::Settled);
        assert_eq!(
            outcomes(&mut batch),
            [
                (1, Err(NtStatus::CANCELLED), Vec::new()),
                (3, Err(NtStatus::CANCELLED), Vec::new())
            ]
        );
        assert_eq!(p.waiting_reads(), 1);
    }

    #[test]
    fn deadlines_expire_in_order_and_report_the_next_one() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        for (id, deadline) in [(1, Some(30)), (2, None), (3, Some(10))] {
            let _ = p.read(fake(id, std::vec![0; 2]), meta(1, deadline), Ok, &mut batch);
        }
        assert_eq!(p.next_deadline(), Some(10));
        assert_eq!(p.expire(9, &mut batch), Progress::Settled);
        assert!(batch.is_empty());
        let _ = p.expire(10, &mut batch);
        assert_eq!(
            outcomes(&mut batch),
            [(3, Err(NtStatus::IO_TIMEOUT), Vec::new())]
        );
        assert_eq!(p.next_deadline(), Some(30));
        let _ = p.expire(1000, &mut batch);
        assert_eq!(
            outcomes(&mut batch),
            [(1, Err(NtStatus::IO_TIMEOUT), Vec::new())]
        );
        assert_eq!(p.next_deadline(), None);
        assert_eq!(p.waiting_reads(), 1);
    }

    #[test]
    fn purge_keeps_readers_waiting_and_lets_writers_in() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let _ = write(&mut p, 1, b"12345678", &mut batch);
        let _ = write(&mut p, 2, b"ab", &mut batch);
        let _ = outcomes(&mut batch);
        let _ = p.purge(&mut batch);
        assert_eq!(outcomes(&mut batch), [(2, Ok(2), b"ab".to_vec())]);
        assert_eq!(p.used(), 2);
        let _ = p.purge(&mut batch);
        let _ = read(&mut p, 3, 4, &mut batch);
        assert!(batch.is_empty());
        assert_eq!(p.waiting_reads(), 1);
    }

    #[test]
    fn a_stopped_pipe_ends_waiters_without_serving_the_next() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let _ = write(&mut p, 1, b"1234567", &mut batch);
        let _ = write(&mut p, 2, b"abcd", &mut batch);
        let _ = write(&mut p, 3, b"z", &mut batch);
        let _ = outcomes(&mut batch);
        p.stop();
        assert!(p.take_cancelled(2).is_some());
        assert_eq!(p.pump(&mut batch), Progress::Settled);
        assert!(
            batch.is_empty(),
            "the 1-byte write is not let in while stopped"
        );
        assert_eq!(p.restart(&mut batch), Progress::Settled);
        assert_eq!(outcomes(&mut batch), [(3, Ok(1), b"z".to_vec())]);
    }

    #[test]
    fn waiting_finds_the_requests_still_in_their_queues() {
        let mut p = pipe(4, 4);
        let mut batch = Batch::new();
        let _ = read(&mut p, 1, 2, &mut batch);
        let _ = read(&mut p, 2, 2, &mut batch);
        assert_eq!(p.waiting(1).map(Pending::id), Some(1));
        assert_eq!(p.waiting(2).map(Pending::id), Some(2));
        assert!(p.waiting(3).is_none(), "never seen");
        let _ = write(&mut p, 3, b"ab", &mut batch);
        let _ = outcomes(&mut batch);
        assert!(p.waiting(1).is_none(), "served");
        let _ = write(&mut p, 4, b"wxyz", &mut batch); // serves read 2 with "wx", keeps "yz"
        let _ = write(&mut p, 5, b"abc", &mut batch); // 2 bytes of room: waits
        let _ = outcomes(&mut batch);
        assert_eq!(p.waiting(5).map(Pending::id), Some(5));
        assert!(p.take_cancelled(5).is_some());
        assert!(p.waiting(5).is_none(), "taken by its cancel callback");
        // A waiter whose cancellation won is kept aside for its callback, not in a queue.
        let cancelled = Rc::new(Cell::new(false));
        let writer = Fake {
            id: 6,
            buffer: b"abc".to_vec(),
            cancelled: Rc::clone(&cancelled),
        };
        let _ = p.write(writer, meta(1, None), Ok, &mut batch);
        cancelled.set(true);
        let _ = read(&mut p, 7, 4, &mut batch);
        assert_eq!(outcomes(&mut batch), [(7, Ok(2), b"yz".to_vec())]);
        assert!(
            p.waiting(6).is_none(),
            "its cancellation won: its callback completes it"
        );
        assert!(p.take_cancelled(6).is_some());
    }

    #[test]
    fn capacity_changes_only_while_empty() {
        let mut p = pipe(8, 4);
        let mut batch = Batch::new();
        let _ = write(&mut p, 1, b"x", &mut batch);
        assert!(matches!(
            p.replace_storage(std::vec![0; 16]),
            Err((NtStatus::DEVICE_BUSY, _))
        ));
        let _ = read(&mut p, 2, 1, &mut batch);
        assert_eq!(
            p.replace_storage(std::vec![0; 16]).map(|old| old.len()),
            Ok(8)
        );
        assert_eq!(p.capacity(), 16);
    }

    #[test]
    fn a_full_batch_stops_and_pump_continues_in_order() {
        let mut p = pipe(64, 32);
        let mut batch: Batch<Fake, 8> = Batch::new();
        for id in 0..12 {
            let _ = read(&mut p, id, 1, &mut batch);
        }
        assert!(batch.is_empty());
        assert_eq!(write(&mut p, 100, &[7; 12], &mut batch), Progress::More);
        let first: Vec<usize> = outcomes(&mut batch).iter().map(|o| o.0).collect();
        assert_eq!(first, [100, 0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(p.pump(&mut batch), Progress::Settled);
        let rest: Vec<usize> = outcomes(&mut batch).iter().map(|o| o.0).collect();
        assert_eq!(rest, [7, 8, 9, 10, 11]);
    }

    #[test]
    fn wait_queue_removal_keeps_order_across_the_wrap() {
        let slots: Slots = (0..4).map(|_| None).collect();
        let mut queue = WaitQueue::new(slots);
        let waiter = |id| Waiter {
            request: fake(id, Vec::new()),
            direction: Direction::Read,
            length: 1,
            meta: meta(1, None),
        };
        for id in 0..4 {
            assert!(queue.push_back(waiter(id)).is_ok());
        }
        assert!(queue.push_back(waiter(9)).is_err());
        assert_eq!(queue.pop_front().map(|w| w.request.id), Some(0));
        assert_eq!(queue.pop_front().map(|w| w.request.id), Some(1));
        assert!(queue.push_back(waiter(4)).is_ok());
        assert!(queue.push_back(waiter(5)).is_ok());
        assert_eq!(
            queue
                .remove_first(|w| w.request.id == 4)
                .map(|w| w.request.id),
            Some(4)
        );
        let order: Vec<usize> =
            std::iter::from_fn(|| queue.pop_front().map(|w| w.request.id)).collect();
        assert_eq!(order, [2, 3, 5]);
        assert!(queue.is_empty());
    }
}
