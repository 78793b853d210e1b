//! A context type's info as a `static` a test driver can point at. Included with
//! `#[path = "common/context.rs"] mod context;` by the tests that use it (not from `common`, so
//! that test crates that do not use it get no dead-code warning).

use kmdf_sim::wdk_sys::WDF_OBJECT_CONTEXT_TYPE_INFO;

/// A context type's info, as a `static` the driver can point at.
#[repr(transparent)]
pub struct TypeInfo(pub WDF_OBJECT_CONTEXT_TYPE_INFO);
// SAFETY: immutable static data pointing at static data.
unsafe impl Sync for TypeInfo {}
