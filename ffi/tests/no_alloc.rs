//! The typed hot path allocates nothing: a counting allocator watches `duplicata_engine_fees` (with
//! its labels and explanations) and `duplicata_parse_plate` over many calls.
#![expect(
    unsafe_code,
    reason = "calls the C ABI and installs a global allocator"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::mem::size_of;
use std::sync::atomic::{AtomicUsize, Ordering};

use duplicata::engine::{duplicata_engine, duplicata_engine_free, duplicata_engine_new};
use duplicata::status::duplicata_status;
use duplicata::typed::{
    duplicata_category, duplicata_date, duplicata_energy, duplicata_engine_fees,
    duplicata_fee_query, duplicata_fees, duplicata_parse_plate, duplicata_plate,
};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn typed_fees_and_plates_allocate_nothing() {
    let mut engine: *mut duplicata_engine = std::ptr::null_mut();
    // SAFETY: valid output pointer; no error wanted.
    assert_eq!(
        unsafe { duplicata_engine_new(&mut engine, std::ptr::null_mut()) },
        duplicata_status::Ok
    );
    let query = duplicata_fee_query {
        size: size_of::<duplicata_fee_query>(),
        date: duplicata_date {
            year: 2019,
            month: 6,
            day: 1,
        },
        department: c"33".as_ptr(),
        plate: c"ab-123-cd".as_ptr(),
        category: duplicata_category::Car,
        energy: duplicata_energy::Petrol,
        change_of_address: 1,
        natural_disaster: 0,
    };
    // SAFETY: every pointer is valid; the output is plain data.
    let mut fees: duplicata_fees = unsafe { std::mem::zeroed() };
    fees.size = size_of::<duplicata_fees>();
    // SAFETY: as above.
    let mut plate: duplicata_plate = unsafe { std::mem::zeroed() };
    plate.size = size_of::<duplicata_plate>();
    let call = |fees: &mut duplicata_fees, plate: &mut duplicata_plate| {
        // SAFETY: every pointer is valid for the call.
        unsafe {
            assert_eq!(
                duplicata_engine_fees(engine, &query, fees, std::ptr::null_mut()),
                duplicata_status::Ok
            );
            assert_eq!(
                duplicata_parse_plate(c"123 AB 45".as_ptr(), plate, std::ptr::null_mut()),
                duplicata_status::Ok
            );
        }
    };
    call(&mut fees, &mut plate); // warm-up
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..10_000 {
        call(&mut fees, &mut plate);
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert_eq!(
        allocations, 0,
        "the typed path allocated {allocations} times in 10 000 calls"
    );
    assert_eq!(fees.total.cents, 4776);
    assert_eq!(fees.highest_event_only, 1);
    // The texts are static: the same pointers on every call.
    let label = fees.lines[0].label_fr;
    call(&mut fees, &mut plate);
    assert_eq!(fees.lines[0].label_fr, label);
    // SAFETY: a static NUL-terminated string.
    let label = unsafe { std::ffi::CStr::from_ptr(label) };
    assert_eq!(label.to_str(), Ok("Taxe régionale"));
    // SAFETY: made above, freed once.
    unsafe { duplicata_engine_free(engine) };
}
