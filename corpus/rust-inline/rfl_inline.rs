// SPDX-License-Identifier: MIT
//! rfl_inline.rs - corpus/rust/rfl_helpers.rs with the helpers inlined: the
//! C helpers of rfl_inline_helpers.c linked into the crate's bitcode and the
//! whole optimized again, as RUST_INLINE_HELPERS does in later kernels. The
//! helper calls become the helpers' bodies (a volatile load or store, a
//! lock-prefixed asm, a call of _raw_spin_lock()), which must still be marked
//! accesses and locks. Same functions, same lines as rfl_helpers.rs.
#![no_std]

#[repr(C)]
pub struct AtomicT {
    pub counter: i32,
}

#[repr(C)]
pub struct RefcountT {
    pub refs: AtomicT,
}

#[repr(C)]
pub struct SpinlockT {
    pub raw: u32,
}

#[repr(C)]
pub struct Mutex {
    pub owner: u64,
}

#[repr(C)]
pub struct Obj {
    pub refcount: RefcountT,
    pub val: i32,
}

extern "C" {
    fn rust_helper_atomic_read(v: *const AtomicT) -> i32;
    fn rust_helper_atomic_set(v: *mut AtomicT, i: i32);
    fn rust_helper_atomic_inc(v: *mut AtomicT);
    fn rust_helper_refcount_inc(r: *mut RefcountT);
    fn rust_helper_READ_ONCE_ptr(p: *const *mut Obj) -> *mut Obj;
    fn rust_helper_spin_lock(lock: *mut SpinlockT);
    fn rust_helper_spin_unlock(lock: *mut SpinlockT);
    fn rust_helper_mutex_lock(lock: *mut Mutex);
    fn mutex_unlock(lock: *mut Mutex);
}

#[no_mangle]
pub static mut FLAG: AtomicT = AtomicT { counter: 0 };
#[no_mangle]
pub static mut OUT: AtomicT = AtomicT { counter: 0 };
#[no_mangle]
pub static mut DATA: AtomicT = AtomicT { counter: 0 };
#[no_mangle]
pub static mut HITS: AtomicT = AtomicT { counter: 0 };
#[no_mangle]
pub static mut CUR: *mut Obj = core::ptr::null_mut();
#[no_mangle]
pub static mut LOCK: SpinlockT = SpinlockT { raw: 0 };
#[no_mangle]
pub static mut MUTEX: Mutex = Mutex { owner: 0 };

use core::ptr::{addr_of, addr_of_mut};

/// atomic_read() then a control-dependent atomic_set(), both helper calls.
#[no_mangle]
pub unsafe fn rh_ctrl() {
    if rust_helper_atomic_read(addr_of!(FLAG)) != 0 {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
    }
}
// EXPECT-DEP: ctrl @rh_ctrl line 68 -> line 69
// EXPECT-NOT: ctrl-hoisted-store @rh_ctrl

/// The same atomic_set() in both arms: the call is merged above the branch.
#[no_mangle]
pub unsafe fn rh_identical() {
    let q = rust_helper_atomic_read(addr_of!(FLAG));
    if q != 0 {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
        rust_helper_atomic_set(addr_of_mut!(DATA), 5);
    } else {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
    }
}
// EXPECT-DEP: ctrl @rh_identical line 78 -> line 80
// EXPECT-DEP: ctrl @rh_identical line 78 -> line 83
// EXPECT: ctrl-hoisted-store @rh_identical line 80

/// The same, under the spinlock taken through rust_helper_spin_lock(): the
/// lock is held over both ends, so the merge is benign.
#[no_mangle]
pub unsafe fn rh_identical_spin() {
    rust_helper_spin_lock(addr_of_mut!(LOCK));
    let q = rust_helper_atomic_read(addr_of!(FLAG));
    if q != 0 {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
        rust_helper_atomic_set(addr_of_mut!(DATA), 5);
    } else {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
    }
    rust_helper_spin_unlock(addr_of_mut!(LOCK));
}
// EXPECT: ctrl-hoisted-store @rh_identical_spin line 97
// EXPECT-JUDGED: ctrl-hoisted-store @rh_identical_spin benign lock-held

/// The same under a mutex (rust_helper_mutex_lock() and the C mutex_unlock()).
#[no_mangle]
pub unsafe fn rh_identical_mutex() {
    rust_helper_mutex_lock(addr_of_mut!(MUTEX));
    let q = rust_helper_atomic_read(addr_of!(FLAG));
    if q != 0 {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
        rust_helper_atomic_set(addr_of_mut!(DATA), 5);
    } else {
        rust_helper_atomic_set(addr_of_mut!(OUT), 1);
    }
    mutex_unlock(addr_of_mut!(MUTEX));
}
// EXPECT: ctrl-hoisted-store @rh_identical_mutex line 113
// EXPECT-JUDGED: ctrl-hoisted-store @rh_identical_mutex benign lock-held

/// rcu_dereference()-style read through a READ_ONCE helper, then
/// refcount_inc() of the object it points to: an address dependency into a
/// helper RMW.
#[no_mangle]
pub unsafe fn rh_get() -> *mut Obj {
    let p = rust_helper_READ_ONCE_ptr(addr_of!(CUR));
    if !p.is_null() {
        rust_helper_refcount_inc(addr_of_mut!((*p).refcount));
    }
    p
}
// EXPECT-DEP: addr @rh_get line 128 -> line 130
// EXPECT-NOT: addr-dep-broken @rh_get

/// A counter bumped with atomic_inc() after a test of atomic_read().
#[no_mangle]
pub unsafe fn rh_count() {
    if rust_helper_atomic_read(addr_of!(FLAG)) > 0 {
        rust_helper_atomic_inc(addr_of_mut!(HITS));
    }
}
// EXPECT-DEP: ctrl @rh_count line 140 -> line 141
// EXPECT-NOT: ctrl-hoisted-store @rh_count
