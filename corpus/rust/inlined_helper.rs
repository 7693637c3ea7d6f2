// SPDX-License-Identifier: MIT
//! inlined_helper.rs - one helper, inlined into two callers (push and pop),
//! where the optimizer replaced the pointer by the constant it was compared
//! with in both copies. Before optimization rustc's MIR inliner (kept by
//! -C no-prepopulate-passes) has already put a copy of the helper into each
//! caller: a finding in pop must show pop's copy as its "before" evidence,
//! not push's (BeforeAfterDiffTest).
#![no_std]

use core::ptr::{addr_of, addr_of_mut, read_volatile};
use core::sync::atomic::{AtomicI32, Ordering};

pub struct Node {
    pub val: i32,
    pub next: *mut Node,
}

pub static Z: AtomicI32 = AtomicI32::new(0);
pub static mut HEAD: *mut Node = core::ptr::null_mut();
pub static mut SENT: Node = Node { val: 0, next: core::ptr::null_mut() };

#[inline]
unsafe fn helper() -> i32 {
    let p = read_volatile(addr_of!(HEAD));
    if p == addr_of_mut!(SENT) {
        return read_volatile(addr_of!((*p).val));
    }
    0
}

#[no_mangle]
pub unsafe fn push() -> i32 {
    let r = helper();
    Z.store(1, Ordering::Relaxed);
    r
}
// EXPECT: addr-pointer-substituted @push line 26

#[no_mangle]
pub unsafe fn pop() -> i32 {
    Z.store(2, Ordering::Relaxed);
    helper() + 1
}
// EXPECT: addr-pointer-substituted @pop line 26
