//! kmdf-sim's stand-in for `wdk-panic` 0.5.0, which gives a `no_std` kernel driver its
//! `#[panic_handler]` (a bug check, `KeBugCheckEx` with code `"RPNC"`) and has no other public item
//! for KMDF. A driver links it with `extern crate wdk_panic;` (usually `#[cfg(not(test))]`).
//!
//! On the host the test binary links `std`, whose panic handler is the process's: a second
//! `#[panic_handler]` would not link. So this crate is empty. What a driver's panic does in a
//! simulation: a panic on the test's own thread fails the test as any panic does; a panic inside
//! a callback the framework called (`extern "C"`) cannot unwind out of it and aborts the test
//! binary, as a bug check ends the machine (nothing may unwind across `extern "C"`). A driver under
//! test reports a failure from a callback with `kmdf_sim::fail_test` instead.

#![no_std]
