// SPDX-License-Identifier: MIT
/*
 * data_dep.c - data dependencies: the value a store writes is computed
 * from the value a marked load returned.
 */
#include "lkmm.h"

int x;
int y;
int z;
long wide;
atomic_t counter;
unsigned long slot;

/* r = READ_ONCE(x); WRITE_ONCE(y, r); */
void data_dep_copy(void)
{
	int r = READ_ONCE(x);
	WRITE_ONCE(y, r);
}
/* EXPECT-DEP: data @data_dep_copy line 18 -> line 19 */
/* EXPECT-NOT: data-dep-broken @data_dep_copy */

/* Arithmetic on the way keeps the dependency. */
void data_dep_arith(void)
{
	int r = READ_ONCE(x);
	int v = r * 3 + 7;

	WRITE_ONCE(y, v ^ 0x55);
}
/* EXPECT-DEP: data @data_dep_arith line 27 -> line 30 */
/* EXPECT-NOT: data-dep-broken @data_dep_arith */

/* Widening and narrowing casts keep it too. */
void data_dep_casts(void)
{
	long r = READ_ONCE(wide);
	short s = (short)r;

	WRITE_ONCE(z, (int)s + 1);
}
/* EXPECT-DEP: data @data_dep_casts line 38 -> line 41 */
/* EXPECT-NOT: data-dep-broken @data_dep_casts */

/* The stored value feeds an atomic RMW (inline asm "+m" on x86). */
void data_dep_into_rmw(void)
{
	int r = READ_ONCE(x);
	atomic_add(r, &counter);
}
/* EXPECT-DEP: data @data_dep_into_rmw line 49 -> line 50 */

/* The read half of xchg() starts a data dependency of its own. */
void data_dep_from_xchg(void)
{
	unsigned long old = xchg(&slot, 1UL);
	WRITE_ONCE(y, (int)old);
}
/* EXPECT-DEP: data @data_dep_from_xchg line 57 -> line 58 */

/* A plain store is still data-dependent (the LKMM orders it). */
void data_dep_plain_store(void)
{
	int r = READ_ONCE(x);
	z = r + 1;
}
/* EXPECT-DEP: data @data_dep_plain_store line 65 -> line 66 */

/* Two marked loads combined into one stored value. */
void data_dep_two_sources(void)
{
	int a = READ_ONCE(x);
	int b = READ_ONCE(y);

	WRITE_ONCE(z, a + b);
}
/* EXPECT-DEP: data @data_dep_two_sources line 73 -> line 76 */
/* EXPECT-DEP: data @data_dep_two_sources line 74 -> line 76 */
