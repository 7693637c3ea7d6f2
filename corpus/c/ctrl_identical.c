// SPDX-License-Identifier: MIT
/*
 * ctrl_identical.c - identical stores in both arms of an if on a marked
 * load.  memory-barriers.txt warns that the compiler may merge them and
 * hoist the store above the branch, killing the control dependency.
 */
#include "lkmm.h"

int x;
int y;
int z;
int w;

/* Positive: both arms store 1 to y; clang hoists the store. */
void ctrl_identical(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT-DEP: ctrl @ctrl_identical line 17 -> line 20 */
/* EXPECT-DEP: ctrl @ctrl_identical line 17 -> line 23 */
/* EXPECT: fragile-identical-stores @ctrl_identical line 20 */
/* EXPECT: ctrl-hoisted-store @ctrl_identical line 20 */

/* Positive: a compiler barrier() in both arms does not help. */
void ctrl_identical_barrier(void)
{
	int q = READ_ONCE(x);

	if (q) {
		barrier();
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		barrier();
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT-DEP: ctrl @ctrl_identical_barrier line 35 -> line 39 */
/* EXPECT-DEP: ctrl @ctrl_identical_barrier line 35 -> line 43 */
/* EXPECT: fragile-identical-stores @ctrl_identical_barrier line 39 */
/* EXPECT: ctrl-hoisted-store @ctrl_identical_barrier line 39 */

/* Negative: smp_load_acquire() orders the later stores by itself. */
void ctrl_identical_acquire(void)
{
	int q = smp_load_acquire(&x);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_identical_acquire */

/* Negative: smp_store_release() orders itself after the load. */
void ctrl_identical_release(void)
{
	int q = READ_ONCE(x);

	if (q) {
		smp_store_release(&y, 1);
		WRITE_ONCE(z, 2);
	} else {
		smp_store_release(&y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_identical_release */

/* Negative: the arms store different values to different objects. */
void ctrl_identical_different(void)
{
	int q = READ_ONCE(x);

	if (q)
		WRITE_ONCE(y, 1);
	else
		WRITE_ONCE(z, 2);
}
/* EXPECT-DEP: ctrl @ctrl_identical_different line 85 -> line 88 */
/* EXPECT-DEP: ctrl @ctrl_identical_different line 85 -> line 90 */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_identical_different */
/* EXPECT-NOT: ctrl-to-select @ctrl_identical_different */

/* Negative: a full barrier before the if orders everything after it. */
void ctrl_identical_smp_mb(void)
{
	int q = READ_ONCE(x);

	smp_mb();
	if (q)
		WRITE_ONCE(y, 1);
	else
		WRITE_ONCE(y, 1);
}
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_identical_smp_mb */

/*
 * Positive: the identical store comes last in both arms, behind stores that
 * differ, so clang sinks it into the join block (line 0) instead of
 * hoisting it: it runs after the if on both outcomes.
 */
void ctrl_identical_sunk(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(z, 2);
		WRITE_ONCE(y, 1);
	} else {
		WRITE_ONCE(w, 3);
		WRITE_ONCE(y, 1);
	}
}
/* EXPECT-DEP: ctrl @ctrl_identical_sunk line 117 -> line 121 */
/* EXPECT: fragile-identical-stores @ctrl_identical_sunk line 121 */
/* EXPECT: ctrl-hoisted-store @ctrl_identical_sunk line 121 */
/* EXPECT-NOT: fragile-identical-stores @ctrl_identical_acquire */
/* EXPECT-NOT: fragile-identical-stores @ctrl_identical_release */
/* EXPECT-NOT: fragile-identical-stores @ctrl_identical_different */
/* EXPECT-NOT: fragile-identical-stores @ctrl_identical_smp_mb */
/* smp_mb() orders the load before the stores: folding the branch loses nothing. */
/* EXPECT-NOT: marked-load-unused @ctrl_identical_smp_mb */
