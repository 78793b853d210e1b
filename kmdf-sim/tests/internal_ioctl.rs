//! IRP_MJ_INTERNAL_DEVICE_CONTROL end to end: the test acts as a kernel-mode driver above a
//! device stack (`SimHandle::internal_device_control`), the framework presents the request to a
//! queue's EvtIoInternalDeviceControl (`WdfRequestTypeDeviceControlInternal`, KernelMode, the
//! buffers of the code's transfer type, METHOD_NEITHER's handed out as the caller's pointers),
//! a filter formats it with its current type and sends it down to the bus device, which answers
//! it (`LowerMajor::InternalDeviceControl`); a filter without a queue for it has the framework
//! pass it down; a function device without a callback or a queue for it fails it with
//! STATUS_INVALID_DEVICE_REQUEST; a driver sends its own with
//! `WdfIoTargetSendInternalIoctlSynchronously`. KMDF does not check an internal IOCTL's information against
//! the output length (a device control's it does: `InformationExceedsBuffer`), and sending one
//! unformatted is still `RequestNotFormatted`. Expected values come from the test's model of the
//! drivers ([`echo`]) and the bus ([`bus_answer`]).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use kmdf_sim::wdk_sys::{
    _MODE, _WDF_IO_QUEUE_DISPATCH_TYPE, _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1,
    _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1, _WDF_MEMORY_DESCRIPTOR_TYPE,
    _WDF_REQUEST_TYPE, DRIVER_OBJECT, GUID, NTSTATUS, PCUNICODE_STRING,
    PWDF_REQUEST_COMPLETION_PARAMS, PWDFDEVICE_INIT, STATUS_CANCELLED, STATUS_DEVICE_NOT_READY,
    STATUS_DEVICE_REMOVED, STATUS_INVALID_DEVICE_REQUEST, STATUS_SUCCESS, ULONG,
    WDF_MEMORY_DESCRIPTOR, WDF_NO_OBJECT_ATTRIBUTES, WDF_REQUEST_PARAMETERS, WDFCONTEXT, WDFDEVICE,
    WDFDRIVER, WDFIOTARGET, WDFQUEUE, WDFREQUEST, call_unsafe_wdf_function_binding,
};
use kmdf_sim::{
    DeviceRef, IoResult, LowerDevice, LowerMajor, LowerRequest, LowerResponse, OnViolation, Rule,
    SimConfig, Simulation,
};

mod common;
use common::{attributes, create_driver, queue_config};
#[path = "common/request.rs"]
mod request;
use request::{buffer, check, default_target};

/// An IOCTL code of `function` with transfer type `method` (FILE_ANY_ACCESS).
const fn code(function: u32, method: u32) -> u32 {
    (0x0022 << 16) | (function << 2) | method
}

/// The function driver answers it itself: the input reversed into the output ([`echo`]).
const fn echo_code(method: u32) -> u32 {
    code(0x800, method)
}

/// The function driver sends it on down to the bus device, which answers with [`bus_answer`].
const fn down_code(method: u32) -> u32 {
    code(0x810, method)
}

/// The function driver completes it with [`BIG_INFORMATION`], more than any output buffer.
const BIG: u32 = code(0x820, 0);
const BIG_INFORMATION: u64 = 0x1_2345;

/// A device control the function driver answers by sending [`down_code`]`(3)` (METHOD_NEITHER)
/// with its input and output length to the bus device with
/// `WdfIoTargetSendInternalIoctlSynchronously`, and completing with what came back.
const RELAY: u32 = code(0x830, 0);

/// The bus device answers it with information [`BIG_INFORMATION`] and a full output buffer.
const DOWN_BIG: u32 = code(0x818, 0);

/// The bus device fails internal IOCTLs whose input is this.
const FAIL_INPUT: &[u8] = b"fail";

/// The four transfer types: METHOD_BUFFERED, METHOD_IN_DIRECT, METHOD_OUT_DIRECT,
/// METHOD_NEITHER.
const METHODS: [u32; 4] = [0, 1, 2, 3];

/// The function device's interface (for the user-mode handles that send device controls).
const GUID_INTERNAL: GUID = GUID {
    Data1: 0xfeed_0017,
    Data2: 0x17,
    Data3: 0x17,
    Data4: [0x17; 8],
};

/// The answer both the function driver and the bus device give an echo: the input reversed,
/// cut to the output length; the information is its length.
fn echo(input: &[u8], output_length: usize) -> Vec<u8> {
    let mut data: Vec<u8> = input.iter().rev().copied().collect();
    data.truncate(output_length);
    data
}

/// How the bus device answers what reaches it.
fn bus_answer(request: &LowerRequest) -> LowerResponse {
    match (request.major, request.ioctl) {
        (LowerMajor::InternalDeviceControl, _) if request.input == FAIL_INPUT => {
            LowerResponse::fail(STATUS_DEVICE_NOT_READY)
        }
        (LowerMajor::InternalDeviceControl, DOWN_BIG) => LowerResponse::complete(
            STATUS_SUCCESS,
            BIG_INFORMATION,
            vec![0xB1; request.output_length],
        ),
        (LowerMajor::InternalDeviceControl, _) => {
            let data = echo(&request.input, request.output_length);
            LowerResponse::complete(STATUS_SUCCESS, data.len() as u64, data)
        }
        _ => LowerResponse::default_for(request),
    }
}

/// What reached the bus device (creates aside).
static AT_BUS: Mutex<Vec<LowerRequest>> = Mutex::new(Vec::new());

fn bus(delay: Duration) -> LowerDevice {
    LowerDevice::new(move |request| {
        if request.major != LowerMajor::Create {
            lock(&AT_BUS).push(request.clone());
        }
        bus_answer(request).after(delay)
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn take<T>(mutex: &Mutex<Vec<T>>) -> Vec<T> {
    std::mem::take(&mut *lock(mutex))
}

// ---------------------------------------------------------------------------------------------
// The function driver.

mod function {
    /// A default queue with EvtIoDeviceControl and EvtIoInternalDeviceControl.
    pub const SERVES: u8 = 0;
    /// A default queue with EvtIoDeviceControl only: the framework fails internal IOCTLs.
    pub const NO_CALLBACK: u8 = 1;
    /// No default queue; a queue for device controls only (`WdfDeviceConfigureRequestDispatching`).
    pub const NO_QUEUE: u8 = 2;
}

/// What the function driver's EvtIoInternalDeviceControl saw of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    /// The callback's code, input and output lengths.
    arguments: (u32, usize, usize),
    /// `WdfRequestGetParameters`: type, code, input and output lengths.
    parameters: (i32, u32, usize, usize),
    /// `Type3InputBuffer` is the retrieved input buffer (METHOD_NEITHER), or NULL (otherwise).
    type3_is_input: bool,
    type3_is_null: bool,
    /// `WdfRequestGetRequestorMode`.
    mode: i8,
    /// The input buffer's contents (`WdfRequestRetrieveInputBuffer`), if it retrieved one.
    input: Option<Vec<u8>>,
    /// The output buffer's length and contents on arrival (`WdfRequestRetrieveOutputBuffer`).
    output: Option<(usize, Vec<u8>)>,
}

static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());

unsafe extern "system" fn function_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    take(&SEEN);
    take(&RETURNED);
    take(&AT_BUS);
    FILTER_SAW.store(0, Ordering::SeqCst);
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(function_add::<MODE>)) }
}

/// Creates the device of EvtDriverDeviceAdd (with `interface`, if given), then a queue from
/// `config`; a non-default queue gets the request type `dispatch`.
fn create_device_and_queue(
    mut init: PWDFDEVICE_INIT,
    interface: Option<&GUID>,
    mut config: kmdf_sim::wdk_sys::WDF_IO_QUEUE_CONFIG,
    dispatch: Option<i32>,
) -> NTSTATUS {
    let mut device_attributes = attributes();
    let mut device: WDFDEVICE = core::ptr::null_mut();
    // SAFETY: EvtDriverDeviceAdd context.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDeviceCreate,
            &raw mut init,
            &raw mut device_attributes,
            &raw mut device
        )
    };
    if !check(status, "WdfDeviceCreate") {
        return status;
    }
    if let Some(interface) = interface {
        // SAFETY: live device; the GUID outlives the call.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceCreateDeviceInterface,
                device,
                interface,
                core::ptr::null()
            )
        };
        if !check(status, "WdfDeviceCreateDeviceInterface") {
            return status;
        }
    }
    let mut queue: WDFQUEUE = core::ptr::null_mut();
    // SAFETY: live device; the config outlives the call.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &raw mut config,
            WDF_NO_OBJECT_ATTRIBUTES,
            &raw mut queue
        )
    };
    if !check(status, "WdfIoQueueCreate") {
        return status;
    }
    if let Some(request_type) = dispatch {
        // SAFETY: live device and queue.
        let status = unsafe {
            call_unsafe_wdf_function_binding!(
                WdfDeviceConfigureRequestDispatching,
                device,
                queue,
                request_type
            )
        };
        if !check(status, "WdfDeviceConfigureRequestDispatching") {
            return status;
        }
    }
    STATUS_SUCCESS
}

unsafe extern "C" fn function_add<const MODE: u8>(
    _driver: WDFDRIVER,
    init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    let parallel = _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel;
    let mut config = queue_config(parallel, MODE != function::NO_QUEUE);
    config.EvtIoDeviceControl = Some(function_ioctl);
    if MODE == function::SERVES {
        config.EvtIoInternalDeviceControl = Some(function_internal);
    }
    let dispatch =
        (MODE == function::NO_QUEUE).then_some(_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControl);
    create_device_and_queue(init, Some(&GUID_INTERNAL), config, dispatch)
}

fn complete(request: WDFREQUEST, status: NTSTATUS, information: u64) {
    // SAFETY: the caller owns the request.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestCompleteWithInformation,
            request,
            status,
            information
        );
    };
}

/// A copy of `length` bytes at `pointer`.
fn bytes(pointer: *const u8, length: usize) -> Vec<u8> {
    // SAFETY: a buffer the framework handed out for a request the driver owns, `length` long.
    unsafe { core::slice::from_raw_parts(pointer, length) }.to_vec()
}

/// Writes [`echo`] of the request's input into its output buffer and completes it.
fn answer_echo(request: WDFREQUEST, input: &[u8]) {
    let Some((output, room)) = buffer(request, true) else {
        complete(request, STATUS_INVALID_DEVICE_REQUEST, 0);
        return;
    };
    let data = echo(input, room);
    // SAFETY: `output` has `room` >= data.len() bytes, the driver's until it completes it.
    unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), output, data.len()) };
    complete(request, STATUS_SUCCESS, data.len() as u64);
}

unsafe extern "C" fn function_ioctl(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_length: usize,
    _input_length: usize,
    code: ULONG,
) {
    if code == BIG {
        // Broken on purpose for a device control: InformationExceedsBuffer.
        complete(request, STATUS_SUCCESS, BIG_INFORMATION);
        return;
    }
    let input = buffer(request, false).map_or_else(Vec::new, |(p, n)| bytes(p, n));
    if code == RELAY {
        relay(queue, request, input, output_length);
        return;
    }
    answer_echo(request, &input);
}

/// Sends an internal IOCTL with `input` and an output buffer of `output_length` bytes to the
/// device below, synchronously, and completes `request` with what came back.
fn relay(queue: WDFQUEUE, request: WDFREQUEST, mut input: Vec<u8>, output_length: usize) {
    let mut output = vec![0_u8; output_length];
    let descriptor = |buffer: &mut Vec<u8>| WDF_MEMORY_DESCRIPTOR {
        Type: _WDF_MEMORY_DESCRIPTOR_TYPE::WdfMemoryDescriptorTypeBuffer,
        u: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1 {
            BufferType: _WDF_MEMORY_DESCRIPTOR__bindgen_ty_1__bindgen_ty_1 {
                Buffer: buffer.as_mut_ptr().cast(),
                Length: u32::try_from(buffer.len()).unwrap_or(0),
            },
        },
    };
    let (mut in_descriptor, mut out_descriptor) = (descriptor(&mut input), descriptor(&mut output));
    let mut returned: u64 = 0;
    // SAFETY: PASSIVE_LEVEL (a user-mode request presented on the caller's thread); the
    // descriptors' buffers and `returned` outlive the synchronous call; the framework makes the
    // request.
    let status = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoTargetSendInternalIoctlSynchronously,
            default_target(queue),
            core::ptr::null_mut(),
            down_code(3),
            &raw mut in_descriptor,
            &raw mut out_descriptor,
            core::ptr::null_mut(),
            &raw mut returned
        )
    };
    let n = usize::try_from(returned)
        .unwrap_or(usize::MAX)
        .min(output_length);
    if let (Some((to, room)), Some(data)) = (buffer(request, true), output.get(..n)) {
        // SAFETY: the request's output buffer has `room` bytes, the driver's until it completes.
        unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), to, n.min(room)) };
    }
    complete(request, status, u64::try_from(n).unwrap_or(0));
}

unsafe extern "C" fn function_internal(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    output_length: usize,
    input_length: usize,
    code: ULONG,
) {
    let mut parameters = WDF_REQUEST_PARAMETERS {
        Size: u16::try_from(size_of::<WDF_REQUEST_PARAMETERS>()).unwrap_or(0),
        ..WDF_REQUEST_PARAMETERS::default()
    };
    // SAFETY: the driver owns the request; `parameters` carries its Size.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestGetParameters, request, &raw mut parameters);
    };
    // SAFETY: the DeviceIoControl view of the union, which an IOCTL's parameters fill.
    let ioctl = unsafe { parameters.Parameters.DeviceIoControl };
    // SAFETY: the driver owns the request.
    let mode = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetRequestorMode, request) };
    let input = buffer(request, false);
    let output = buffer(request, true);
    let type3 = ioctl.Type3InputBuffer.cast::<u8>();
    lock(&SEEN).push(Seen {
        arguments: (code, input_length, output_length),
        parameters: (
            parameters.Type,
            ioctl.IoControlCode,
            ioctl.InputBufferLength,
            ioctl.OutputBufferLength,
        ),
        type3_is_input: input.is_some_and(|(p, _)| p == type3),
        type3_is_null: type3.is_null(),
        mode,
        input: input.map(|(p, n)| bytes(p, n)),
        output: output.map(|(p, n)| (n, bytes(p, n))),
    });
    match code {
        BIG => complete(request, STATUS_SUCCESS, BIG_INFORMATION),
        _ if (code >> 2) & 0xFFF == 0x800 => {
            answer_echo(request, &input.map_or_else(Vec::new, |(p, n)| bytes(p, n)));
        }
        _ => send_down(request, default_target(queue), false),
    }
}

/// The internal IOCTLs that came back to a completion routine: (the filter's, status,
/// information).
static RETURNED: Mutex<Vec<(bool, NTSTATUS, u64)>> = Mutex::new(Vec::new());

/// Formats `request` with its current type (unless `unformatted`) and sends it to `target` with
/// [`pass_back`]; a failed send completes it with `WdfRequestGetStatus`.
fn send_down(request: WDFREQUEST, target: WDFIOTARGET, unformatted: bool) {
    if !unformatted {
        // SAFETY: the driver owns the request.
        unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestFormatRequestUsingCurrentType, request);
        };
    }
    // SAFETY: the driver owns the request; the routine is a static function; the context says
    // whose it is.
    unsafe {
        call_unsafe_wdf_function_binding!(
            WdfRequestSetCompletionRoutine,
            request,
            Some(pass_back),
            target.cast()
        );
    };
    // SAFETY: as above; the target is live.
    let sent = unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestSend, request, target, core::ptr::null_mut())
    };
    if sent == 0 {
        // SAFETY: a failed send leaves the request with the driver.
        let status = unsafe { call_unsafe_wdf_function_binding!(WdfRequestGetStatus, request) };
        complete(request, status, 0);
    }
}

/// Completion routine: records what came back and completes the request with exactly that.
unsafe extern "C" fn pass_back(
    request: WDFREQUEST,
    target: WDFIOTARGET,
    params: PWDF_REQUEST_COMPLETION_PARAMS,
    _context: WDFCONTEXT,
) {
    // SAFETY: the framework passes valid completion parameters for the call's duration.
    let params = unsafe { &*params };
    // SAFETY: the union's Status member is the one the framework writes.
    let status = unsafe { params.IoStatus.__bindgen_anon_1.Status };
    let information = params.IoStatus.Information;
    // Internal IOCTLs only (the filter sends device controls down with this routine too).
    if params.Type == _WDF_REQUEST_TYPE::WdfRequestTypeDeviceControlInternal {
        // SAFETY: a live target.
        let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoTargetGetDevice, target) };
        let by_filter = *lock(&FILTER_DEVICE) == device as usize;
        lock(&RETURNED).push((by_filter, status, information));
    }
    complete(request, status, information);
}

// ---------------------------------------------------------------------------------------------
// The filter driver.

mod filter {
    /// A default queue whose EvtIoInternalDeviceControl formats each internal IOCTL and sends it
    /// down with a completion routine.
    pub const FORWARDS: u8 = 0;
    /// A queue for device controls only: internal IOCTLs pass by, forwarded by the framework.
    pub const PASSES: u8 = 1;
    /// As FORWARDS, without formatting (must fail: RequestNotFormatted).
    pub const UNFORMATTED: u8 = 2;
}

/// Internal IOCTLs the filter's queue received.
static FILTER_SAW: AtomicU32 = AtomicU32::new(0);
/// The filter's WDFDEVICE, to tell its completions from the function driver's.
static FILTER_DEVICE: Mutex<usize> = Mutex::new(0);

unsafe extern "system" fn filter_entry<const MODE: u8>(
    driver: &mut DRIVER_OBJECT,
    registry_path: PCUNICODE_STRING,
) -> NTSTATUS {
    // SAFETY: forwarded from DriverEntry.
    unsafe { create_driver(driver, registry_path, Some(filter_add::<MODE>)) }
}

unsafe extern "C" fn filter_add<const MODE: u8>(
    _driver: WDFDRIVER,
    init: PWDFDEVICE_INIT,
) -> NTSTATUS {
    // SAFETY: EvtDriverDeviceAdd context.
    unsafe { call_unsafe_wdf_function_binding!(WdfFdoInitSetFilter, init) };
    let parallel = _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchParallel;
    let passes = MODE == filter::PASSES;
    let mut config = queue_config(parallel, !passes);
    config.EvtIoDeviceControl = Some(filter_ioctl);
    if !passes {
        config.EvtIoInternalDeviceControl = Some(filter_internal::<MODE>);
    }
    let dispatch = passes.then_some(_WDF_REQUEST_TYPE::WdfRequestTypeDeviceControl);
    create_device_and_queue(init, None, config, dispatch)
}

unsafe extern "C" fn filter_ioctl(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    _code: ULONG,
) {
    send_down(request, default_target(queue), false);
}

unsafe extern "C" fn filter_internal<const MODE: u8>(
    queue: WDFQUEUE,
    request: WDFREQUEST,
    _output_length: usize,
    _input_length: usize,
    _code: ULONG,
) {
    FILTER_SAW.fetch_add(1, Ordering::SeqCst);
    // SAFETY: a live queue.
    let device = unsafe { call_unsafe_wdf_function_binding!(WdfIoQueueGetDevice, queue) };
    *lock(&FILTER_DEVICE) = device as usize;
    send_down(request, default_target(queue), MODE == filter::UNFORMATTED);
}

// ---------------------------------------------------------------------------------------------
// The tests.

fn config(on_violation: OnViolation) -> SimConfig {
    SimConfig {
        driver_name: "function".to_owned(),
        on_violation,
        ..SimConfig::default()
    }
}

/// The filter in `F` over the function driver in `FN` over the bus device (answering after
/// `delay`).
fn stack<const FN: u8, const F: u8>(
    on_violation: OnViolation,
    delay: Duration,
) -> (Simulation, DeviceRef) {
    let sim = Simulation::load_with(function_entry::<FN>, config(on_violation)).unwrap();
    let filter = sim.load_driver("filter", filter_entry::<F>).unwrap();
    let node = sim
        .add_device_stack(r"Root\Internal", &[sim.driver(), filter], bus(delay))
        .unwrap();
    (sim, node)
}

fn done(sim: Simulation, node: DeviceRef) {
    sim.remove_device(node).unwrap();
    assert_eq!(sim.unload(), []);
}

fn result(status: NTSTATUS, information: u64, output: &[u8]) -> IoResult {
    IoResult {
        status,
        information,
        output: output.to_vec(),
    }
}

/// What the function driver should see of an internal IOCTL `code` with `input` and an output
/// buffer holding `output` (only a direct or METHOD_NEITHER output buffer is the caller's own:
/// a buffered one is the system buffer, holding the input).
fn seen_model(code: u32, input: &[u8], output: &[u8]) -> Seen {
    let method = code & 3;
    let out = output.len();
    let output = match method {
        // One system buffer of max(in, out) bytes holding the input, then the fill (0xCD).
        0 => {
            let mut shared = input.to_vec();
            shared.resize(input.len().max(out), 0xCD);
            shared.truncate(out);
            shared
        }
        _ => output.to_vec(),
    };
    Seen {
        arguments: (code, input.len(), out),
        parameters: (
            _WDF_REQUEST_TYPE::WdfRequestTypeDeviceControlInternal,
            code,
            input.len(),
            out,
        ),
        type3_is_input: method == 3,
        type3_is_null: method != 3,
        mode: i8::try_from(_MODE::KernelMode).unwrap_or(-1),
        input: (!input.is_empty()).then(|| input.to_vec()),
        output: (out > 0).then_some((out, output)),
    }
}

#[test]
fn the_function_driver_gets_each_transfer_type_in_its_internal_callback() {
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::FORWARDS }>(OnViolation::Panic, Duration::ZERO);
    let input = b"kernel-mode input".as_slice();
    let output = b"caller's own output buffer".as_slice();
    for method in METHODS {
        let code = echo_code(method);
        let got = sim
            .internal_device_control_with(node, code, input, output)
            .wait();
        let data = echo(input, output.len());
        assert_eq!(
            got,
            result(STATUS_SUCCESS, data.len() as u64, &data),
            "method {method}"
        );
        assert_eq!(
            take(&SEEN),
            [seen_model(code, input, output)],
            "method {method}"
        );
    }
    // The same codes as device controls from user mode go to EvtIoDeviceControl instead.
    let handle = sim.open(&GUID_INTERNAL).unwrap();
    for method in [0, 1, 2] {
        let got = handle.ioctl(echo_code(method), input, output.len());
        let data = echo(input, output.len());
        assert_eq!(
            got,
            result(STATUS_SUCCESS, data.len() as u64, &data),
            "method {method}"
        );
    }
    handle.close();
    assert_eq!(take(&SEEN), []);
    assert_eq!(FILTER_SAW.load(Ordering::SeqCst), 4);
    assert_eq!(
        take(&RETURNED),
        [(true, STATUS_SUCCESS, 17); 4],
        "the filter's completion routine saw the function driver's answer"
    );
    assert_eq!(
        take(&AT_BUS),
        [],
        "the function driver answered them itself"
    );
    done(sim, node);
}

#[test]
fn an_internal_ioctl_goes_down_the_stack_and_comes_back_with_the_bus_devices_answer() {
    let (sim, node) = stack::<{ function::SERVES }, { filter::FORWARDS }>(
        OnViolation::Panic,
        Duration::from_millis(2),
    );
    let input: Vec<u8> = (0..40).collect();
    for method in METHODS {
        for (input, output_length) in [(&input[..], 16), (&input[..5], 64), (&[][..], 8)] {
            let code = down_code(method);
            let got = sim
                .internal_device_control(node, code, input, output_length)
                .wait();
            let lower = LowerRequest {
                major: LowerMajor::InternalDeviceControl,
                ioctl: code,
                input: input.to_vec(),
                output_length,
            };
            let answer = bus_answer(&lower);
            assert_eq!(
                got,
                result(answer.status, answer.information, &answer.data),
                "method {method}, in {}, out {output_length}",
                input.len()
            );
            assert_eq!(take(&AT_BUS), [lower], "the bus device saw it as sent");
            assert_eq!(
                take(&RETURNED),
                [
                    (false, answer.status, answer.information),
                    (true, answer.status, answer.information)
                ],
                "each completion routine saw the bus device's answer"
            );
        }
    }
    // A failure comes back up as it was.
    let got = sim
        .internal_device_control(node, down_code(3), FAIL_INPUT, 4)
        .wait();
    assert_eq!(got, result(STATUS_DEVICE_NOT_READY, 0, b""));
    // Information is not checked against the output buffer for an internal IOCTL: it goes up
    // unchanged; the caller's buffer gets what fits.
    let got = sim
        .internal_device_control(node, DOWN_BIG, b"big", 6)
        .wait();
    assert_eq!(got, result(STATUS_SUCCESS, BIG_INFORMATION, &[0xB1; 6]));
    let got = sim.internal_device_control(node, BIG, b"big", 6).wait();
    assert_eq!(got.information, BIG_INFORMATION, "{got:?}");
    done(sim, node);
}

#[test]
fn a_device_controls_information_beyond_its_buffer_is_reported_an_internal_ones_is_not() {
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::FORWARDS }>(OnViolation::Record, Duration::ZERO);
    let internal = sim.internal_device_control(node, BIG, b"x", 2).wait();
    assert_eq!(internal.information, BIG_INFORMATION);
    assert_eq!(sim.take_violations(), []);
    let handle = sim.open(&GUID_INTERNAL).unwrap();
    let _ = handle.ioctl(BIG, b"x", 2);
    let rules: Vec<Rule> = sim.take_violations().iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::InformationExceedsBuffer]);
    handle.close();
    done(sim, node);
}

/// Over `FN`, with the filter passing internal IOCTLs by: the function driver fails them.
fn fails_without_a_way_in<const FN: u8>() {
    let (sim, node) = stack::<FN, { filter::PASSES }>(OnViolation::Panic, Duration::ZERO);
    for method in METHODS {
        let got = sim
            .internal_device_control(node, down_code(method), b"in", 4)
            .wait();
        assert_eq!(
            got,
            result(STATUS_INVALID_DEVICE_REQUEST, 0, b""),
            "method {method}"
        );
    }
    assert_eq!(take(&SEEN), []);
    assert_eq!(take(&AT_BUS), [], "a function device does not pass it on");
    // Its device controls still work.
    let handle = sim.open(&GUID_INTERNAL).unwrap();
    let got = handle.ioctl(echo_code(0), b"abc", 3);
    assert_eq!(got, result(STATUS_SUCCESS, 3, b"cba"));
    handle.close();
    done(sim, node);
}

#[test]
fn a_function_device_whose_queue_has_no_callback_for_it_fails_it() {
    fails_without_a_way_in::<{ function::NO_CALLBACK }>();
}

#[test]
fn a_function_device_with_no_queue_for_it_fails_it() {
    fails_without_a_way_in::<{ function::NO_QUEUE }>();
}

#[test]
fn a_filter_without_a_queue_for_it_passes_it_down() {
    // Over the function driver, which answers it.
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::PASSES }>(OnViolation::Panic, Duration::ZERO);
    let got = sim
        .internal_device_control(node, echo_code(2), b"past the filter", 8)
        .wait();
    let data = echo(b"past the filter", 8);
    assert_eq!(got, result(STATUS_SUCCESS, 8, &data));
    assert_eq!(take(&SEEN).len(), 1, "the function driver got it");
    assert_eq!(
        FILTER_SAW.load(Ordering::SeqCst),
        0,
        "the filter's queue did not"
    );
    done(sim, node);

    // Directly over the bus device, which answers it.
    let sim = Simulation::load_with(
        function_entry::<{ function::SERVES }>,
        config(OnViolation::Panic),
    )
    .unwrap();
    let filter = sim
        .load_driver("filter", filter_entry::<{ filter::PASSES }>)
        .unwrap();
    let node = sim
        .add_device_stack(r"Root\Internal", &[filter], bus(Duration::ZERO))
        .unwrap();
    for method in METHODS {
        let code = down_code(method);
        let got = sim
            .internal_device_control(node, code, b"to the bus", 4)
            .wait();
        let lower = LowerRequest {
            major: LowerMajor::InternalDeviceControl,
            ioctl: code,
            input: b"to the bus".to_vec(),
            output_length: 4,
        };
        let answer = bus_answer(&lower);
        assert_eq!(got, result(answer.status, answer.information, &answer.data));
        assert_eq!(take(&AT_BUS), [lower]);
    }
    let got = sim.internal_device_control(node, DOWN_BIG, b"", 3).wait();
    assert_eq!(got, result(STATUS_SUCCESS, BIG_INFORMATION, &[0xB1; 3]));
    assert_eq!(FILTER_SAW.load(Ordering::SeqCst), 0);
    assert_eq!(take(&RETURNED), [], "nobody's completion routine ran");
    done(sim, node);
}

#[test]
fn an_internal_ioctl_waiting_at_the_bus_device_is_cancelled_there() {
    let (sim, node) = stack::<{ function::SERVES }, { filter::FORWARDS }>(
        OnViolation::Panic,
        Duration::from_secs(10),
    );
    let pending = sim.internal_device_control(node, down_code(3), b"wait", 4);
    sim.advance(Duration::from_millis(1));
    assert!(!pending.is_complete());
    pending.cancel();
    let got = pending.wait();
    assert_eq!(got, result(STATUS_CANCELLED, 0, b""));
    assert_eq!(
        take(&RETURNED),
        [(false, STATUS_CANCELLED, 0), (true, STATUS_CANCELLED, 0)]
    );
    done(sim, node);
}

#[test]
fn an_internal_ioctl_to_a_removed_stack_fails_at_once() {
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::FORWARDS }>(OnViolation::Panic, Duration::ZERO);
    sim.remove_device(node).unwrap();
    let got = sim
        .internal_device_control(node, echo_code(0), b"late", 4)
        .wait();
    assert_eq!(got, result(STATUS_DEVICE_REMOVED, 0, b""));
    assert_eq!(take(&SEEN), []);
    assert_eq!(sim.unload(), []);
}

#[test]
fn sending_an_internal_ioctl_without_formatting_it_is_reported() {
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::UNFORMATTED }>(OnViolation::Record, Duration::ZERO);
    let _ = sim
        .internal_device_control(node, echo_code(0), b"in", 2)
        .wait();
    sim.remove_device(node).unwrap();
    let violations = sim.unload();
    let rules: Vec<Rule> = violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::RequestNotFormatted], "{violations:?}");
    let text = violations[0].to_string();
    assert!(text.contains("WdfRequestSend"), "{text}");
    assert!(text.contains("internal IOCTL 0x00222000"), "{text}");
}

#[test]
fn a_driver_sends_an_internal_ioctl_synchronously_to_the_device_below() {
    let (sim, node) =
        stack::<{ function::SERVES }, { filter::FORWARDS }>(OnViolation::Panic, Duration::ZERO);
    let handle = sim.open(&GUID_INTERNAL).unwrap();
    for (input, output_length) in [(&b"relayed input"[..], 6), (FAIL_INPUT, 4), (&[][..], 3)] {
        let got = handle.ioctl(RELAY, input, output_length);
        let lower = LowerRequest {
            major: LowerMajor::InternalDeviceControl,
            ioctl: down_code(3),
            input: input.to_vec(),
            output_length,
        };
        let answer = bus_answer(&lower);
        assert_eq!(got, result(answer.status, answer.information, &answer.data));
        assert_eq!(
            take(&AT_BUS),
            [lower],
            "the bus device got it as an internal IOCTL"
        );
    }
    handle.close();
    done(sim, node);
}
