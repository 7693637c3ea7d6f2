// SPDX-License-Identifier: MIT
//! rfl_rnull.rs - the shape of the pre-merge example of docs/kernel-ci.md (a
//! statistics flag and counter added to rnull's queue_rq): the request's own
//! atomic store, then a relaxed flag and the same relaxed store in both arms. Every
//! AtomicU32/AtomicU64::store is core's one line, so before LLVM runs (MIR
//! inlined, -C no-prepopulate-passes) both stores are calls at that line.
#![no_std]

use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

pub static STATS: AtomicBool = AtomicBool::new(true);
pub static COMPLETED: AtomicU64 = AtomicU64::new(0);
pub static LAST_DONE: AtomicU32 = AtomicU32::new(0);

pub struct Request {
    pub state: AtomicU64,
}

#[inline(never)]
pub fn queue_rq(rq: &Request) {
    rq.state.store(2, Ordering::Relaxed);
    if STATS.load(Ordering::Relaxed) {
        COMPLETED.fetch_add(1, Ordering::Relaxed);
        LAST_DONE.store(1, Ordering::Relaxed);
    } else {
        LAST_DONE.store(1, Ordering::Relaxed);
    }
}
// EXPECT-DEP: ctrl @rfl_rnull::queue_rq line 22 -> line 24
// EXPECT: ctrl-hoisted-store @rfl_rnull::queue_rq line 24
