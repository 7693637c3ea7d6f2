// SPDX-License-Identifier: MIT
/*
 * rfl_inline_helpers.c - the C helpers that corpus/rust-inline/rfl_inline.rs
 * calls, shaped like the kernel's rust/helpers/*.c on x86_64: each wraps a
 * macro or inline function Rust cannot call. scripts/gen-corpus.sh compiles
 * this file to bitcode with clang, links it into the Rust crate's bitcode with
 * llvm-link and optimizes the whole with opt -O2, as a kernel built with
 * RUST_INLINE_HELPERS does, so that the helpers are inlined into the Rust
 * functions: atomic_read() becomes a volatile load, atomic_inc() a lock-prefixed
 * asm, spin_lock() a call of _raw_spin_lock().
 */
#include "lkmm.h"

typedef struct {
	atomic_t refs;
} refcount_t;

typedef struct {
	unsigned int raw;
} spinlock_t;

struct mutex {
	unsigned long owner;
};

struct obj;

/* Out of line in the kernel too: what the lock helpers call. */
extern void _raw_spin_lock(spinlock_t *lock);
extern void _raw_spin_unlock(spinlock_t *lock);
extern void mutex_lock(struct mutex *lock);

int rust_helper_atomic_read(const atomic_t *v)
{
	return atomic_read(v);
}

void rust_helper_atomic_set(atomic_t *v, int i)
{
	atomic_set(v, i);
}

void rust_helper_atomic_inc(atomic_t *v)
{
	atomic_add(1, v);
}

void rust_helper_refcount_inc(refcount_t *r)
{
	atomic_add(1, &r->refs);
}

struct obj *rust_helper_READ_ONCE_ptr(struct obj *const *p)
{
	return READ_ONCE(*p);
}

void rust_helper_spin_lock(spinlock_t *lock)
{
	_raw_spin_lock(lock);
}

void rust_helper_spin_unlock(spinlock_t *lock)
{
	_raw_spin_unlock(lock);
}

void rust_helper_mutex_lock(struct mutex *lock)
{
	mutex_lock(lock);
}
