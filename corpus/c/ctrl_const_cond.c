// SPDX-License-Identifier: MIT
/*
 * ctrl_const_cond.c - conditions that are constant whatever the loaded
 * value is (q % 1, q || 1, q == q): the compiler folds the branch and the
 * control dependency disappears with it.
 */
#include "lkmm.h"

/* q == q below is deliberate. */
#pragma clang diagnostic ignored "-Wtautological-compare"

#define MAX 1

int a;
int b;
int c;
unsigned int ua;

/* memory-barriers.txt: if (q % MAX) with MAX == 1 is always false. */
void ctrl_mod_one(void)
{
	int q = READ_ONCE(a);

	if (q % MAX) {
		WRITE_ONCE(b, 1);
		barrier();
	} else {
		WRITE_ONCE(b, 2);
		barrier();
	}
}
/* EXPECT-DEP: ctrl @ctrl_mod_one line 22 -> line 28 */
/* EXPECT: fragile-constant-condition @ctrl_mod_one line 28 */
/* EXPECT: ctrl-folded-condition @ctrl_mod_one line 28 */
/* EXPECT: marked-load-unused @ctrl_mod_one line 22 */

/* q || 1 is always true. */
void ctrl_or_true(void)
{
	int q = READ_ONCE(a);

	if (q || 1)
		WRITE_ONCE(b, 1);
	else
		WRITE_ONCE(c, 1);
}
/* EXPECT-DEP: ctrl @ctrl_or_true line 40 -> line 43 */
/* EXPECT: fragile-constant-condition @ctrl_or_true line 43 */
/* EXPECT: ctrl-folded-condition @ctrl_or_true line 43 */
/* EXPECT: marked-load-unused @ctrl_or_true line 40 */

/* q == q is always true. */
void ctrl_self_compare(void)
{
	int q = READ_ONCE(a);

	if (q == q)
		WRITE_ONCE(b, 3);
}
/* EXPECT-DEP: ctrl @ctrl_self_compare line 55 -> line 58 */
/* EXPECT: fragile-constant-condition @ctrl_self_compare line 58 */
/* EXPECT: ctrl-folded-condition @ctrl_self_compare line 58 */
/* EXPECT: marked-load-unused @ctrl_self_compare line 55 */

/* Known value range: an unsigned value is never negative. */
void ctrl_unsigned_range(void)
{
	unsigned int q = READ_ONCE(ua);

	if (q >= 0)
		WRITE_ONCE(c, 4);
}
/* EXPECT-DEP: ctrl @ctrl_unsigned_range line 68 -> line 71 */
/* EXPECT: ctrl-folded-condition @ctrl_unsigned_range line 71 */
/* EXPECT: marked-load-unused @ctrl_unsigned_range line 68 */

/* Negative: q % 2 depends on the value; the branch stays. */
void ctrl_mod_two(void)
{
	int q = READ_ONCE(a);

	if (q % 2)
		WRITE_ONCE(b, 1);
	else
		WRITE_ONCE(c, 2);
}
/* EXPECT-DEP: ctrl @ctrl_mod_two line 80 -> line 83 */
/* EXPECT-DEP: ctrl @ctrl_mod_two line 80 -> line 85 */
/* EXPECT-NOT: ctrl-folded-condition @ctrl_mod_two */
/* EXPECT-NOT: fragile-constant-condition @ctrl_mod_two */
/* EXPECT-NOT: marked-load-unused @ctrl_mod_two */
/* EXPECT: fragile-constant-condition @ctrl_unsigned_range line 71 */
