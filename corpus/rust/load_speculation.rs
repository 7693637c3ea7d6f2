// SPDX-License-Identifier: MIT
//! load_speculation.rs - a plain load (a `static mut`, or memory behind a
//! reference to an `UnsafeCell`) read only under a condition in the source:
//! LLVM may load it before the test and pick the value with a `select`.
#![no_std]

use core::cell::UnsafeCell;
use core::ptr::{addr_of, read_volatile};
use core::sync::atomic::{fence, Ordering};

#[no_mangle]
pub static mut FLAG: i32 = 0;
#[no_mangle]
pub static mut DATA: i32 = 0;

/// Positive: `if READ_ONCE(FLAG) { r = DATA }` on a static mut.
#[no_mangle]
pub unsafe fn rs_spec_load_if() -> i32 {
    let mut r = 0;
    if read_volatile(addr_of!(FLAG)) != 0 {
        r = *addr_of!(DATA);
    }
    r
}
// EXPECT: load-speculated @rs_spec_load_if line 21

/// Negative: behind a reference to an UnsafeCell the data is not known to be
/// dereferenceable (no `dereferenceable` on !Freeze references), so the load stays in the arm.
#[no_mangle]
pub fn rs_spec_load_cell(flag: &UnsafeCell<i32>, data: &UnsafeCell<i32>) -> i32 {
    let mut r = -1;
    if unsafe { read_volatile(flag.get()) } == 1 {
        r = unsafe { *data.get() };
    }
    r
}
// EXPECT-NOT: load-speculated @rs_spec_load_cell

/// Negative: the guarded load is marked (read_volatile).
#[no_mangle]
pub unsafe fn rs_spec_marked_load() -> i32 {
    let mut r = 0;
    if read_volatile(addr_of!(FLAG)) != 0 {
        r = read_volatile(addr_of!(DATA));
    }
    r
}
// EXPECT-NOT: load-speculated @rs_spec_marked_load

/// Negative: a full fence between the guard and the plain load.
#[no_mangle]
pub unsafe fn rs_spec_load_after_fence() -> i32 {
    let mut r = 0;
    if read_volatile(addr_of!(FLAG)) != 0 {
        fence(Ordering::SeqCst);
        r = *addr_of!(DATA);
    }
    r
}
// EXPECT-NOT: load-speculated @rs_spec_load_after_fence

#[no_mangle]
pub static mut OTHER: i32 = 0;

/// Positive: two plain loads under one guard, summed in the arm.
#[no_mangle]
pub unsafe fn rs_spec_load_sum() -> i32 {
    let mut r = 1;
    if read_volatile(addr_of!(FLAG)) == 2 {
        r = *addr_of!(DATA) + *addr_of!(OTHER);
    }
    r
}
// EXPECT: load-speculated @rs_spec_load_sum line 70
