// SPDX-License-Identifier: MIT
//! plain_fates.rs - plain accesses of `static mut`s (Rust-for-Linux code
//! that forgot READ_ONCE/WRITE_ONCE): two reads fused into one, two
//! stores fused into the last, a counter bumped in a loop, a spin loop that
//! no longer re-reads, a store of the value just read, and the negatives
//! (read_volatile/write_volatile, a compiler barrier, a local).
#![no_std]

use core::arch::asm;
use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};

#[no_mangle]
pub static mut SEQ: i32 = 0;
#[no_mangle]
pub static mut COUNT: i32 = 0;
#[no_mangle]
pub static mut STOP: i32 = 0;
#[no_mangle]
pub static mut TICKS: i32 = 0;

/// SEQ and COUNT are written with write_volatile here: shown shared.
#[no_mangle]
pub unsafe fn rs_set(v: i32) {
    write_volatile(addr_of_mut!(SEQ), v);
    write_volatile(addr_of_mut!(COUNT), v);
}

/// Two plain reads: one load after optimization.
#[no_mangle]
pub unsafe fn rs_load_fused() -> i32 {
    let a = *addr_of!(SEQ);
    let b = *addr_of!(SEQ);
    a.wrapping_add(b.wrapping_mul(3))
}
// EXPECT: load-fused @rs_load_fused line 32

/// Negative: a compiler barrier between the reads.
#[no_mangle]
pub unsafe fn rs_load_barrier() -> i32 {
    let a = *addr_of!(SEQ);
    asm!("");
    let b = *addr_of!(SEQ);
    a.wrapping_add(b.wrapping_mul(3))
}
// EXPECT-NOT: load-fused @rs_load_barrier

/// Negative: read_volatile twice.
#[no_mangle]
pub unsafe fn rs_load_volatile() -> i32 {
    let a = read_volatile(addr_of!(SEQ));
    let b = read_volatile(addr_of!(SEQ));
    a.wrapping_add(b.wrapping_mul(3))
}
// EXPECT-NOT: load-fused @rs_load_volatile

/// Two plain stores: the first is dead to a single thread.
#[no_mangle]
pub unsafe fn rs_store_fused() {
    *addr_of_mut!(SEQ) = 1;
    *addr_of_mut!(SEQ) = 2;
}
// EXPECT: store-fused @rs_store_fused line 59

/// Negative: a compiler barrier between the stores.
#[no_mangle]
pub unsafe fn rs_store_barrier() {
    *addr_of_mut!(SEQ) = 1;
    asm!("");
    *addr_of_mut!(SEQ) = 2;
}
// EXPECT-NOT: store-fused @rs_store_barrier

/// A counter bumped in a loop: one load before it, one store after it.
#[no_mangle]
pub unsafe fn rs_count_loop(n: i32) {
    let mut i = 0;
    while i < n {
        *addr_of_mut!(COUNT) = (*addr_of!(COUNT)).wrapping_add(1);
        i += 1;
    }
}
// EXPECT: store-fused @rs_count_loop line 78

/// A spin loop on a plain static with a marked store in the body: the load leaves the loop.
#[no_mangle]
pub unsafe fn rs_spin() {
    while *addr_of!(STOP) == 0 {
        write_volatile(addr_of_mut!(TICKS), 1);
    }
}
// EXPECT: load-fused @rs_spin line 87

/// Negative: the same loop with read_volatile.
#[no_mangle]
pub unsafe fn rs_spin_volatile() {
    while read_volatile(addr_of!(STOP)) == 0 {
        write_volatile(addr_of_mut!(TICKS), 1);
    }
}
// EXPECT-NOT: load-fused @rs_spin_volatile

/// A store of the value just read: removed.
#[no_mangle]
pub unsafe fn rs_store_back() {
    let v = *addr_of!(SEQ);
    *addr_of_mut!(SEQ) = v;
}
// EXPECT: store-removed @rs_store_back line 106

/// Negative: a local, stored twice.
#[no_mangle]
pub fn rs_store_local(a: i32) -> i32 {
    let mut t = [0i32; 2];
    t[0] = a;
    t[0] = a.wrapping_add(1);
    unsafe { read_volatile(addr_of!(t[0])) }
}
// EXPECT-NOT: store-fused @rs_store_local

#[no_mangle]
pub static mut TABLE: [i32; 64] = [0; 64];

/// Every element set to zero in a loop: one memset (LoopIdiomRecognize).
#[no_mangle]
pub unsafe fn rs_zero_table() {
    let t = &mut *addr_of_mut!(TABLE);
    let mut i = 0;
    while i < 64 {
        t[i] = 0;
        i += 1;
    }
}
// EXPECT: store-torn @rs_zero_table line 129
