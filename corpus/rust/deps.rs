// SPDX-License-Identifier: MIT
//! deps.rs - address, data and control dependencies in Rust-for-Linux
//! style: marked accesses are read_volatile / write_volatile on raw
//! pointers to shared statics.
#![no_std]

use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};

#[repr(C)]
pub struct Foo {
    pub a: i32,
    pub b: i32,
}

#[no_mangle]
pub static mut GP: *mut Foo = core::ptr::null_mut();
#[no_mangle]
pub static mut DEFAULT_FOO: Foo = Foo { a: 0, b: 0 };
#[no_mangle]
pub static mut X: i32 = 0;
#[no_mangle]
pub static mut Y: i32 = 0;
#[no_mangle]
pub static mut Z: i32 = 0;
#[no_mangle]
pub static mut TABLE: [i32; 16] = [0; 16];

/// Address dependency: p = READ_ONCE(GP); p->a.
#[no_mangle]
pub unsafe fn rs_addr_dep() -> i32 {
    let p = read_volatile(addr_of!(GP));
    (*p).a
}
// EXPECT-DEP: addr @rs_addr_dep line 31 -> line 32
// EXPECT-NOT: addr-dep-broken @rs_addr_dep

/// Data dependency: WRITE_ONCE(Y, READ_ONCE(X) + 1).
#[inline(never)]
pub unsafe fn data_dep() {
    let r = read_volatile(addr_of!(X));
    write_volatile(addr_of_mut!(Y), r.wrapping_add(1));
}
// EXPECT-DEP: data @deps::data_dep line 40 -> line 41
// EXPECT-NOT: data-dep-broken @deps::data_dep

/// Control dependency that survives.
#[inline(never)]
pub unsafe fn ctrl_dep() {
    if read_volatile(addr_of!(X)) != 0 {
        write_volatile(addr_of_mut!(Y), 1);
    }
}
// EXPECT-DEP: ctrl @deps::ctrl_dep line 49 -> line 50
// EXPECT-NOT: ctrl-hoisted-store @deps::ctrl_dep

/// Identical stores in both arms.
#[no_mangle]
pub unsafe fn rs_ctrl_identical() {
    let q = read_volatile(addr_of!(X));
    if q != 0 {
        write_volatile(addr_of_mut!(Y), 1);
        write_volatile(addr_of_mut!(Z), 2);
    } else {
        write_volatile(addr_of_mut!(Y), 1);
    }
}
// EXPECT-DEP: ctrl @rs_ctrl_identical line 59 -> line 61
// EXPECT-DEP: ctrl @rs_ctrl_identical line 59 -> line 64
// EXPECT: ctrl-hoisted-store @rs_ctrl_identical line 61

/// x % 1 is always 0.
#[no_mangle]
pub unsafe fn rs_ctrl_mod_one() {
    let q = read_volatile(addr_of!(X));
    if q % 1 != 0 {
        write_volatile(addr_of_mut!(Y), 1);
    } else {
        write_volatile(addr_of_mut!(Y), 2);
    }
}
// EXPECT-DEP: ctrl @rs_ctrl_mod_one line 74 -> line 78
// EXPECT: ctrl-folded-condition @rs_ctrl_mod_one line 78
// EXPECT: marked-load-unused @rs_ctrl_mod_one line 74

/// Different constants to one object: a select.
#[inline(never)]
pub unsafe fn ctrl_select() {
    let q = read_volatile(addr_of!(X));
    if q > 3 {
        write_volatile(addr_of_mut!(Y), 10);
    } else {
        write_volatile(addr_of_mut!(Y), 20);
    }
}
// EXPECT-DEP: ctrl @deps::ctrl_select line 88 -> line 90
// EXPECT-DEP: ctrl @deps::ctrl_select line 88 -> line 92
// EXPECT: ctrl-to-select @deps::ctrl_select line 90

/// Pointer compared with &DEFAULT_FOO, then used.
#[no_mangle]
pub unsafe fn rs_ptr_compare() -> i32 {
    let p = read_volatile(addr_of!(GP));
    if p == addr_of_mut!(DEFAULT_FOO) {
        return read_volatile(addr_of!((*p).b));
    }
    0
}
// EXPECT-DEP: addr @rs_ptr_compare line 102 -> line 104
// EXPECT: addr-pointer-substituted @rs_ptr_compare line 104

/// Cancelling arithmetic: TABLE[q - q].
#[no_mangle]
pub unsafe fn rs_cancel_sub() -> i32 {
    let q = read_volatile(addr_of!(X)) as usize;
    let i = q.wrapping_sub(q);
    read_volatile(addr_of!(TABLE[i & 15]))
}
// EXPECT-DEP: addr @rs_cancel_sub line 114 -> line 116
// EXPECT: addr-dep-broken @rs_cancel_sub line 116
// EXPECT: marked-load-unused @rs_cancel_sub line 114

/// Cancelling arithmetic on a data dependency: q * 0.
#[inline(never)]
pub unsafe fn cancel_mul() {
    let q = read_volatile(addr_of!(X));
    write_volatile(addr_of_mut!(Z), q.wrapping_mul(0));
}
// EXPECT-DEP: data @deps::cancel_mul line 125 -> line 126
// EXPECT: data-dep-broken @deps::cancel_mul line 126
// EXPECT: marked-load-unused @deps::cancel_mul line 125

/// Negative with debug info: an `if` expression as the stored value is a
/// data dependency the author wrote; the store keeps its own line.
#[no_mangle]
pub unsafe fn rs_select_value() {
    let q = read_volatile(addr_of!(X));
    write_volatile(addr_of_mut!(Y), if q > 3 { 10 } else { 20 });
}
// EXPECT-NOT: ctrl-to-select @rs_select_value

/// The identical store comes last in both arms: sunk into the join.
#[no_mangle]
pub unsafe fn rs_ctrl_identical_sunk() {
    let q = read_volatile(addr_of!(X));
    if q != 0 {
        write_volatile(addr_of_mut!(Z), 2);
        write_volatile(addr_of_mut!(Y), 1);
    } else {
        write_volatile(addr_of_mut!(TABLE[2]), 3);
        write_volatile(addr_of_mut!(Y), 1);
    }
}
// EXPECT-DEP: ctrl @rs_ctrl_identical_sunk line 144 -> line 147
// EXPECT: ctrl-hoisted-store @rs_ctrl_identical_sunk line 147

/// Negative: the pointer is compared with another, non-constant pointer.
#[no_mangle]
pub unsafe fn rs_ptr_compare_nonconst(other: *mut Foo) -> i32 {
    let p = read_volatile(addr_of!(GP));
    if p == other {
        return read_volatile(addr_of!((*p).b));
    }
    0
}
// EXPECT-DEP: addr @rs_ptr_compare_nonconst line 159 -> line 161
// EXPECT-NOT: addr-pointer-substituted @rs_ptr_compare_nonconst
// EXPECT-NOT: marked-load-unused @rs_ptr_compare_nonconst

#[no_mangle]
pub static mut PLAIN_COUNT: i32 = 0;

/// Negative: PLAIN_COUNT is only ever accessed plain, and DEFAULT_FOO.a is
/// plain only, though DEFAULT_FOO.b is read with read_volatile.
#[no_mangle]
pub unsafe fn rs_plain_only() -> i32 {
    *addr_of_mut!(PLAIN_COUNT) += 1;
    *addr_of!(PLAIN_COUNT) + (*addr_of!(DEFAULT_FOO)).a
}
// EXPECT-NOT: mixed-access @rs_plain_only

/// Checked q - q (debug overflow checks keep it in the IR at opt-level 0).
#[no_mangle]
pub unsafe fn rs_cancel_sub_checked() {
    let q = read_volatile(addr_of!(X));
    write_volatile(addr_of_mut!(Z), q - q);
}

/// (q + 1) - q as an index: always TABLE[1].
#[no_mangle]
pub unsafe fn rs_cancel_add_sub() -> i32 {
    let q = read_volatile(addr_of!(X)) as usize;
    let r = q + 1;
    read_volatile(addr_of!(TABLE[(r - q) & 15]))
}

/// q == q is always true.
#[no_mangle]
pub unsafe fn rs_self_compare() {
    let q = read_volatile(addr_of!(X));
    if q == q {
        write_volatile(addr_of_mut!(Y), 3);
    }
}

/// Negative: p != &DEFAULT_FOO, the access is on the unequal side.
#[no_mangle]
pub unsafe fn rs_ptr_ne() -> i32 {
    let p = read_volatile(addr_of!(GP));
    if p != addr_of_mut!(DEFAULT_FOO) {
        return read_volatile(addr_of!((*p).b));
    }
    0
}
// EXPECT: fragile-cancelling-arith @rs_cancel_sub_checked line 185
// EXPECT: fragile-cancelling-arith @rs_cancel_add_sub line 193
// EXPECT: fragile-constant-condition @rs_self_compare line 201
// EXPECT-DEP: addr @rs_ptr_ne line 208 -> line 210
// EXPECT-NOT: fragile-pointer-compare @rs_ptr_ne
// EXPECT: fragile-identical-stores @rs_ctrl_identical line 61
// EXPECT-NOT: fragile-identical-stores @deps::ctrl_select
// EXPECT: fragile-constant-condition @rs_ctrl_mod_one line 78
// EXPECT-NOT: fragile-constant-condition @deps::ctrl_dep
// EXPECT: fragile-pointer-compare @rs_ptr_compare line 104
// EXPECT-NOT: fragile-pointer-compare @rs_addr_dep
// EXPECT-NOT: fragile-cancelling-arith @deps::data_dep
// At opt-level 2 the three folds above leave the volatile read unused, and
// the diff against opt-level 0 names what broke.
// EXPECT: marked-load-unused @rs_cancel_sub_checked line 184
// EXPECT: data-dep-broken @rs_cancel_sub_checked line 185
// EXPECT: marked-load-unused @rs_cancel_add_sub line 191
// EXPECT: addr-dep-broken @rs_cancel_add_sub line 193
// EXPECT: marked-load-unused @rs_self_compare line 199
// EXPECT: ctrl-folded-condition @rs_self_compare line 201
// EXPECT: fragile-identical-stores @rs_ctrl_identical_sunk line 147
