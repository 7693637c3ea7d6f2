// SPDX-License-Identifier: MIT
//! user_orderings.rs - what a new user writes with core::sync::atomic:
//! Acquire loads, Release stores and AcqRel RMWs that order by themselves,
//! a compare_exchange whose expected value is known, the control-dependency
//! example of Kangrejos on one line, core::hint::black_box, and a Relaxed
//! load whose value the optimizer no longer needs.
#![no_std]

use core::hint::black_box;
use core::sync::atomic::{AtomicI32, AtomicPtr, AtomicUsize, Ordering};

#[repr(C)]
pub struct Node {
    pub val: usize,
    pub next: *mut Node,
}

pub static X: AtomicI32 = AtomicI32::new(0);
pub static Y: AtomicI32 = AtomicI32::new(0);
pub static COUNT: AtomicUsize = AtomicUsize::new(0);
pub static HEAD: AtomicPtr<Node> = AtomicPtr::new(core::ptr::null_mut());
pub static TABLE: [AtomicI32; 16] = [const { AtomicI32::new(0) }; 16];
#[no_mangle]
pub static mut NODE: Node = Node { val: 0, next: core::ptr::null_mut() };
#[no_mangle]
pub static mut PLAIN: i32 = 0;

/// Positive: a Relaxed load of a pointer compared with &NODE, then used.
#[no_mangle]
pub unsafe fn ro_relaxed_ptr_compare() -> usize {
    let p = HEAD.load(Ordering::Relaxed);
    if p == core::ptr::addr_of_mut!(NODE) {
        return (*p).val;
    }
    0
}
// EXPECT: addr-pointer-substituted @ro_relaxed_ptr_compare line 32

/// Negative: the same after an Acquire load, which orders the read by itself.
#[no_mangle]
pub unsafe fn ro_acquire_ptr_compare() -> usize {
    let p = HEAD.load(Ordering::Acquire);
    if p == core::ptr::addr_of_mut!(NODE) {
        return (*p).val;
    }
    0
}
// EXPECT-NOT: addr-pointer-substituted @ro_acquire_ptr_compare
// EXPECT-NOT: load-speculated @ro_acquire_ptr_compare

/// Positive: q - q (checked, so opt-level 0 keeps it) stored Relaxed.
#[no_mangle]
pub fn ro_relaxed_cancel_data() {
    let q = X.load(Ordering::Relaxed);
    Y.store(q - q, Ordering::Relaxed);
}
// EXPECT: data-dep-broken @ro_relaxed_cancel_data line 55
// EXPECT: marked-load-unused @ro_relaxed_cancel_data line 54

/// Negative: the same after an Acquire load.
#[no_mangle]
pub fn ro_acquire_cancel_data() {
    let q = X.load(Ordering::Acquire);
    Y.store(q - q, Ordering::Relaxed);
}
// EXPECT-NOT: data-dep-broken @ro_acquire_cancel_data
// EXPECT-NOT: marked-load-unused @ro_acquire_cancel_data

/// Negative: the same into a Release store, which orders the load before it.
#[no_mangle]
pub fn ro_release_cancel_data() {
    let q = X.load(Ordering::Relaxed);
    Y.store(q - q, Ordering::Release);
}
// EXPECT-NOT: data-dep-broken @ro_release_cancel_data

/// Negative: the value of an AcqRel fetch_add, cancelled.
#[no_mangle]
pub fn ro_acqrel_rmw_cancel_data() {
    let q = COUNT.fetch_add(1, Ordering::AcqRel);
    COUNT.store(q - q, Ordering::Relaxed);
}
// EXPECT-NOT: data-dep-broken @ro_acqrel_rmw_cancel_data

/// Positive: (q + 1) - q as an index after a Relaxed load.
#[no_mangle]
pub fn ro_relaxed_cancel_addr() -> i32 {
    let q = X.load(Ordering::Relaxed) as usize;
    TABLE[(q + 1 - q) & 15].load(Ordering::Relaxed)
}
// EXPECT: addr-dep-broken @ro_relaxed_cancel_addr line 89

/// Negative: the same after an Acquire load.
#[no_mangle]
pub fn ro_acquire_cancel_addr() -> i32 {
    let q = X.load(Ordering::Acquire) as usize;
    TABLE[(q + 1 - q) & 15].load(Ordering::Relaxed)
}
// EXPECT-NOT: addr-dep-broken @ro_acquire_cancel_addr

/// Negative: the expected value of a compare_exchange is known to be 0 in the
/// arm, but it is compared, not stored.
#[no_mangle]
pub fn ro_cmpxchg_expected() {
    let q = X.load(Ordering::Relaxed);
    if q == 0 {
        let _ = Y.compare_exchange(q, 1, Ordering::Relaxed, Ordering::Relaxed);
    }
}
// EXPECT-NOT: data-dep-broken @ro_cmpxchg_expected

/// Negative: a plain load under an Acquire load's test, loaded before the test.
#[no_mangle]
pub unsafe fn ro_acquire_spec_load() -> i32 {
    let mut r = 0;
    if X.load(Ordering::Acquire) != 0 {
        r = *core::ptr::addr_of!(PLAIN);
    }
    r
}
// EXPECT-NOT: load-speculated @ro_acquire_spec_load

/// Positive: the same under a Relaxed load.
#[no_mangle]
pub unsafe fn ro_relaxed_spec_load() -> i32 {
    let mut r = 0;
    if X.load(Ordering::Relaxed) != 0 {
        r = *core::ptr::addr_of!(PLAIN);
    }
    r
}
// EXPECT: load-speculated @ro_relaxed_spec_load

/// Positive: the Kangrejos example on one line.
#[no_mangle]
pub fn ro_one_line() {
    if X.load(Ordering::Relaxed) != 0 { Y.store(1, Ordering::Relaxed) } else { Y.store(1, Ordering::Relaxed) }
}
// EXPECT: ctrl-hoisted-store @ro_one_line line 137

/// Positive: black_box hides the value from the optimizer, not the identical
/// stores: they are merged above the branch all the same.
#[no_mangle]
pub fn ro_black_box() {
    let q = black_box(X.load(Ordering::Relaxed));
    if q != 0 {
        Y.store(1, Ordering::Relaxed);
    } else {
        Y.store(1, Ordering::Relaxed);
    }
}
// EXPECT-DEP: ctrl @ro_black_box line 145 -> line 147
// EXPECT: ctrl-hoisted-store @ro_black_box line 147

/// Positive: a Relaxed load whose value only fed x % 1.
#[no_mangle]
pub fn ro_relaxed_unused() {
    let q = X.load(Ordering::Relaxed);
    if q % 1 != 0 {
        Y.store(1, Ordering::Relaxed);
    } else {
        Y.store(2, Ordering::Relaxed);
    }
}
// EXPECT: marked-load-unused @ro_relaxed_unused line 158
// EXPECT: ctrl-folded-condition @ro_relaxed_unused line 162

/// Negative: the Relaxed load's value is used.
#[no_mangle]
pub fn ro_relaxed_used() -> i32 {
    let q = X.load(Ordering::Relaxed);
    q + 1
}
// EXPECT-NOT: marked-load-unused @ro_relaxed_used

/// Positive: a Relaxed store through the pointer compared with &NODE.
#[no_mangle]
pub unsafe fn ro_relaxed_store_ptr_compare() {
    let p = HEAD.load(Ordering::Relaxed);
    if p == core::ptr::addr_of_mut!(NODE) {
        (*(p as *const AtomicUsize)).store(1, Ordering::Relaxed);
    }
}
// EXPECT: addr-pointer-substituted @ro_relaxed_store_ptr_compare line 181

/// Negative: the same store with Release, which orders the load before it.
#[no_mangle]
pub unsafe fn ro_release_store_ptr_compare() {
    let p = HEAD.load(Ordering::Relaxed);
    if p == core::ptr::addr_of_mut!(NODE) {
        (*(p as *const AtomicUsize)).store(1, Ordering::Release);
    }
}
// EXPECT-NOT: addr-pointer-substituted @ro_release_store_ptr_compare
