// SPDX-License-Identifier: MIT
//! busy_wait.rs - a spin on a plain (non-atomic, non-volatile) flag:
//! rustc hoists the load and turns the loop into an infinite one.
#![no_std]

use core::ptr::{addr_of, read_volatile};
use core::sync::atomic::{AtomicI32, Ordering};

#[no_mangle]
pub static mut READY: i32 = 0;
#[no_mangle]
pub static mut PAYLOAD: i32 = 0;
pub static ATOMIC_READY: AtomicI32 = AtomicI32::new(0);

/// Positive: plain flag, empty body (Rust loops need not make progress,
/// so this becomes an infinite loop after one load).
#[no_mangle]
pub unsafe fn rs_spin_plain() -> i32 {
    while *addr_of!(READY) == 0 {}
    *addr_of!(PAYLOAD)
}
// EXPECT: load-fused-loop @rs_spin_plain line 19
// EXPECT: mixed-access @rs_spin_plain line 19

/// Negative in LLVM IR: spin_loop() is llvm.x86.sse2.pause, which LLVM
/// treats as touching memory, so the plain flag is re-read.
#[no_mangle]
pub unsafe fn rs_spin_plain_pause() -> i32 {
    while *addr_of!(READY) == 0 {
        core::hint::spin_loop();
    }
    *addr_of!(PAYLOAD)
}
// EXPECT-NOT: load-fused-loop @rs_spin_plain_pause

/// Negative: read_volatile re-reads the flag.
#[no_mangle]
pub unsafe fn rs_spin_volatile() -> i32 {
    while read_volatile(addr_of!(READY)) == 0 {
        core::hint::spin_loop();
    }
    *addr_of!(PAYLOAD)
}
// EXPECT-NOT: load-fused-loop @rs_spin_volatile

/// Negative: an Acquire atomic load.
pub fn spin_acquire() -> i32 {
    while ATOMIC_READY.load(Ordering::Acquire) == 0 {
        core::hint::spin_loop();
    }
    unsafe { *addr_of!(PAYLOAD) }
}
// EXPECT-NOT: load-fused-loop @busy_wait::spin_acquire
