// SPDX-License-Identifier: MIT
/*
 * atomics.c - marked accesses other than READ_ONCE/WRITE_ONCE: atomic_add,
 * xchg and cmpxchg (inline asm on x86), smp_mb(), acquire/release and
 * relaxed __atomic builtins, and the dependencies that start at them.
 */
#include "lkmm.h"

atomic_t refcount;
int x;
int y;
int z;
int lock;
unsigned long owner;
int *gptr;

/* atomic_read() then atomic_add(): data dependency into the asm. */
void atomic_read_add(void)
{
	int v = atomic_read(&refcount);

	atomic_add(v & 7, &refcount);
}
/* EXPECT-DEP: data @atomic_read_add line 20 -> line 22 */

/* cmpxchg() result decides a store: control dependency from an RMW. */
int cmpxchg_then_store(void)
{
	int old = cmpxchg(&lock, 0, 1);

	if (old == 0)
		WRITE_ONCE(y, 1);
	return old;
}
/* EXPECT-DEP: ctrl @cmpxchg_then_store line 29 -> line 32 */

/* xchg() result used as a value. */
void xchg_then_store(void)
{
	unsigned long prev = xchg(&owner, 5UL);

	WRITE_ONCE(z, (int)prev);
}
/* EXPECT-DEP: data @xchg_then_store line 40 -> line 42 */

/* Relaxed atomic load: a marked load for the LKMM. */
void relaxed_ctrl(void)
{
	int q = atomic_load_relaxed(&x);

	if (q)
		__atomic_store_n(&y, 1, __ATOMIC_RELAXED);
}
/* EXPECT-DEP: ctrl @relaxed_ctrl line 49 -> line 52 */
/* EXPECT-NOT: ctrl-hoisted-store @relaxed_ctrl */

/* Relaxed atomic stores are hoisted just like volatile ones. */
void relaxed_identical(void)
{
	int q = atomic_load_relaxed(&x);

	if (q) {
		__atomic_store_n(&y, 1, __ATOMIC_RELAXED);
		__atomic_store_n(&z, 1, __ATOMIC_RELAXED);
	} else {
		__atomic_store_n(&y, 1, __ATOMIC_RELAXED);
	}
}
/* EXPECT-DEP: ctrl @relaxed_identical line 60 -> line 63 */
/* EXPECT: ctrl-hoisted-store @relaxed_identical line 63 */

/* Relaxed atomic pointer load, then an access through it. */
int relaxed_addr(void)
{
	int *p = atomic_load_relaxed(&gptr);

	return *p;
}
/* EXPECT-DEP: addr @relaxed_addr line 75 -> line 77 */

/* Message passing with release/acquire and a full barrier. */
void mp_writer(int v)
{
	WRITE_ONCE(x, v);
	smp_mb();
	smp_store_release(&y, 1);
}

int mp_reader(void)
{
	if (smp_load_acquire(&y))
		return READ_ONCE(x);
	return -1;
}
/* EXPECT: fragile-identical-stores @relaxed_identical line 63 */
/* EXPECT-NOT: fragile-identical-stores @relaxed_ctrl */
