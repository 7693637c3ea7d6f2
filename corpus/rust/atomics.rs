// SPDX-License-Identifier: MIT
//! atomics.rs - core::sync::atomic orderings, fences, RMWs, an out-of-line
//! C helper (rust_helper_*) and an asm!("") compiler barrier.
#![no_std]

use core::sync::atomic::{fence, AtomicI32, AtomicPtr, AtomicUsize, Ordering};

extern "C" {
    fn rust_helper_atomic_read(v: *const i32) -> i32;
    fn rust_helper_atomic_set(v: *mut i32, i: i32);
}

#[repr(C)]
pub struct Node {
    pub val: usize,
    pub next: *mut Node,
}

pub static COUNTER: AtomicUsize = AtomicUsize::new(0);
pub static FLAG: AtomicI32 = AtomicI32::new(0);
pub static DATA: AtomicI32 = AtomicI32::new(0);
pub static OUT: AtomicI32 = AtomicI32::new(0);
pub static HEAD: AtomicPtr<Node> = AtomicPtr::new(core::ptr::null_mut());
#[no_mangle]
pub static mut RAW: i32 = 0;

#[inline(always)]
fn barrier() {
    unsafe { core::arch::asm!("", options(nostack, preserves_flags)) };
}

/// Relaxed load, then a control-dependent relaxed store.
pub fn relaxed_ctrl() {
    if FLAG.load(Ordering::Relaxed) != 0 {
        OUT.store(1, Ordering::Relaxed);
    }
}
// EXPECT-DEP: ctrl @atomics::relaxed_ctrl line 34 -> line 35
// EXPECT-NOT: ctrl-hoisted-store @atomics::relaxed_ctrl

/// Identical relaxed stores in both arms.
pub fn relaxed_identical() {
    let q = FLAG.load(Ordering::Relaxed);
    if q != 0 {
        OUT.store(1, Ordering::Relaxed);
        DATA.store(5, Ordering::Relaxed);
    } else {
        OUT.store(1, Ordering::Relaxed);
    }
}
// EXPECT-DEP: ctrl @atomics::relaxed_identical line 43 -> line 45
// EXPECT-DEP: ctrl @atomics::relaxed_identical line 43 -> line 48
// EXPECT: ctrl-hoisted-store @atomics::relaxed_identical line 45

/// Negative: an Acquire load orders the later stores by itself.
pub fn acquire_identical() {
    let q = FLAG.load(Ordering::Acquire);
    if q != 0 {
        OUT.store(1, Ordering::Relaxed);
        DATA.store(5, Ordering::Relaxed);
    } else {
        OUT.store(1, Ordering::Relaxed);
    }
}
// EXPECT-NOT: ctrl-hoisted-store @atomics::acquire_identical

/// Negative: Release stores order themselves after the load.
pub fn release_identical() {
    let q = FLAG.load(Ordering::Relaxed);
    if q != 0 {
        OUT.store(1, Ordering::Release);
        DATA.store(5, Ordering::Relaxed);
    } else {
        OUT.store(1, Ordering::Release);
    }
}
// EXPECT-NOT: ctrl-hoisted-store @atomics::release_identical

/// RCU-style list walk through AtomicPtr with Relaxed loads.
pub fn list_sum() -> usize {
    let mut sum = 0;
    let mut p = HEAD.load(Ordering::Relaxed);
    while !p.is_null() {
        unsafe {
            sum += (*p).val;
            p = AtomicPtr::from_ptr(core::ptr::addr_of_mut!((*p).next)).load(Ordering::Relaxed);
        }
    }
    sum
}
// EXPECT-DEP: addr @atomics::list_sum line 82 -> line 85

/// fetch_add result feeds a store (data dependency from an RMW).
pub fn fetch_add_data() {
    let old = COUNTER.fetch_add(1, Ordering::Relaxed);
    OUT.store(old as i32, Ordering::Relaxed);
}
// EXPECT-DEP: data @atomics::fetch_add_data line 95 -> line 96

/// compare_exchange outcome controls a store.
pub fn cmpxchg_ctrl() -> bool {
    let ok = FLAG
        .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Relaxed)
        .is_ok();
    if ok {
        DATA.store(7, Ordering::Relaxed);
    }
    ok
}
// EXPECT-DEP: ctrl @atomics::cmpxchg_ctrl line 103 -> line 106

/// Message passing with a SeqCst fence and an asm!("") barrier.
pub fn mp_writer(v: i32) {
    DATA.store(v, Ordering::Relaxed);
    fence(Ordering::SeqCst);
    barrier();
    FLAG.store(1, Ordering::Release);
}

pub fn mp_reader() -> i32 {
    if FLAG.load(Ordering::Acquire) != 0 {
        return DATA.load(Ordering::SeqCst);
    }
    -1
}

/// The out-of-line helpers are marked accesses too.
#[no_mangle]
pub unsafe extern "C" fn rs_helper_ctrl() {
    let q = rust_helper_atomic_read(core::ptr::addr_of!(RAW));
    if q > 0 {
        rust_helper_atomic_set(core::ptr::addr_of_mut!(RAW), q - 1);
    }
}
// EXPECT-DEP: ctrl @rs_helper_ctrl line 130 -> line 132
// EXPECT-DEP: data @rs_helper_ctrl line 130 -> line 132
// EXPECT: fragile-identical-stores @atomics::relaxed_identical line 45
// EXPECT-NOT: fragile-identical-stores @atomics::acquire_identical
// EXPECT-NOT: fragile-identical-stores @atomics::release_identical
