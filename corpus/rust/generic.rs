// SPDX-License-Identifier: MIT
//! generic.rs - generic functions and a trait, compiled with
//! -C symbol-mangling-version=v0 so that `_R` names appear.
#![no_std]

use core::ptr::{read_volatile, write_volatile};
use core::sync::atomic::{AtomicPtr, Ordering};

pub trait Shared {
    fn key(&self) -> u32;
}

#[repr(C)]
pub struct Rec {
    pub key: u32,
    pub val: u64,
}

impl Shared for Rec {
    fn key(&self) -> u32 {
        self.key
    }
}

pub static SLOT: AtomicPtr<Rec> = AtomicPtr::new(core::ptr::null_mut());
pub static mut WORD: u64 = 0;
pub static mut OUT: u64 = 0;
pub static mut EXTRA: u64 = 0;

/// A generic dereference helper: monomorphised per T.
#[inline(never)]
pub fn deref_key<T: Shared>(slot: &AtomicPtr<T>) -> u32 {
    let p = slot.load(Ordering::Relaxed);
    unsafe { (*p).key() }
}

/// Instantiates deref_key::<Rec>.
pub fn rec_key() -> u32 {
    deref_key(&SLOT)
}
// EXPECT-DEP: addr @generic::deref_key::<generic::Rec> line 33 -> line 21

/// A generic marked copy: READ_ONCE from src, WRITE_ONCE to dst.
#[inline(never)]
pub unsafe fn copy_once<T: Copy>(src: *const T, dst: *mut T) {
    let v = read_volatile(src);
    write_volatile(dst, v);
}

pub unsafe fn copy_word() {
    copy_once(core::ptr::addr_of!(WORD), core::ptr::addr_of_mut!(OUT));
}
// EXPECT-DEP: data @generic::copy_once::<u64> line 46 -> line 47

/// Generic identical stores in both arms.
#[inline(never)]
pub unsafe fn publish_same<T: Copy + PartialEq + Default>(src: *const T, dst: *mut T, extra: *mut T, v: T) {
    let q = read_volatile(src);
    if q != T::default() {
        write_volatile(dst, v);
        write_volatile(extra, q);
    } else {
        write_volatile(dst, v);
    }
}

pub unsafe fn publish_word() {
    publish_same(
        core::ptr::addr_of!(WORD),
        core::ptr::addr_of_mut!(OUT),
        core::ptr::addr_of_mut!(EXTRA),
        1u64,
    );
}
// EXPECT-DEP: ctrl @generic::publish_same::<u64> line 58 -> line 60
// EXPECT-DEP: ctrl @generic::publish_same::<u64> line 58 -> line 63
// EXPECT: ctrl-hoisted-store @generic::publish_same::<u64> line 60
// EXPECT: fragile-identical-stores @generic::publish_same::<u64> line 60
