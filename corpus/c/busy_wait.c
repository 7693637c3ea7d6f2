// SPDX-License-Identifier: MIT
/*
 * busy_wait.c - spin loops.  A wait on a plain flag may be reduced to a
 * single load before the loop: the loop then never sees the flag change
 * (or, with an empty body, C's mustprogress loop is deleted outright).
 */
#include "lkmm.h"

#if defined(__x86_64__)
#define cpu_relax() __asm__ __volatile__("pause")
#else
#define cpu_relax() __asm__ __volatile__("yield")
#endif

int ready;
int payload;
int spins;

/* Positive: plain flag, empty body: clang deletes the loop. */
void spin_plain_empty(void)
{
	while (!ready)
		;
}
/* EXPECT: load-fused-loop @spin_plain_empty line 22 */

/* Positive: plain flag, a marked store of a counter in the body: the
 * load of ready leaves the loop, which becomes infinite. */
void spin_plain_count(void)
{
	int n = 0;

	while (!ready)
		WRITE_ONCE(spins, ++n);
}
/* EXPECT: load-fused-loop @spin_plain_count line 33 */
/* EXPECT: mixed-access @spin_plain_count line 33 */

/* Positive: a volatile local counter keeps the loop alive. */
void spin_plain_volatile_local(void)
{
	volatile int n = 0;

	while (!ready)
		n++;
}
/* EXPECT: load-fused-loop @spin_plain_volatile_local line 44 */

/* Positive: a relaxed atomic store in the body. */
int spin_plain_relaxed_store(void)
{
	while (!ready)
		__atomic_store_n(&spins, 1, __ATOMIC_RELAXED);
	return payload;
}
/* EXPECT: load-fused-loop @spin_plain_relaxed_store line 52 */

/*
 * Negative in LLVM IR: cpu_relax() is an asm volatile without a "memory"
 * clobber, yet LLVM treats any side-effecting asm as touching memory, so
 * the plain flag is re-read in every iteration.
 */
int spin_plain_relax(void)
{
	while (!ready)
		cpu_relax();
	return payload;
}
/* EXPECT-NOT: load-fused-loop @spin_plain_relax */

/* Negative: READ_ONCE re-reads the flag every iteration. */
int spin_read_once(void)
{
	while (!READ_ONCE(ready))
		cpu_relax();
	return payload;
}
/* EXPECT-NOT: load-fused-loop @spin_read_once */

/* Negative: barrier() in the body forces a re-read of the plain flag. */
int spin_plain_barrier(void)
{
	while (!ready)
		barrier();
	return payload;
}
/* EXPECT-NOT: load-fused-loop @spin_plain_barrier */

/* Negative: smp_load_acquire() in the condition. */
int spin_acquire(void)
{
	while (!smp_load_acquire(&ready))
		cpu_relax();
	return payload;
}
/* EXPECT-NOT: load-fused-loop @spin_acquire */

/* The writer side. */
void spin_release(int v)
{
	payload = v;
	smp_store_release(&ready, 1);
}
