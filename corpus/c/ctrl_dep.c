// SPDX-License-Identifier: MIT
/*
 * ctrl_dep.c - control dependencies that survive optimization: a store
 * executes only on some outcomes of a branch on a marked load.
 */
#include "lkmm.h"

int x;
int y;
int z;
int w;
int plain_out;

/* if (READ_ONCE(x)) WRITE_ONCE(y, 1); */
void ctrl_dep_simple(void)
{
	if (READ_ONCE(x))
		WRITE_ONCE(y, 1);
}
/* EXPECT-DEP: ctrl @ctrl_dep_simple line 17 -> line 18 */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_dep_simple */
/* EXPECT-NOT: ctrl-folded-condition @ctrl_dep_simple */

/*
 * Different objects and different values in the two arms: nothing to
 * merge.  (With the same value, clang stores through a select of the two
 * addresses instead: see ctrl_select.c.)
 */
void ctrl_dep_different_objects(void)
{
	int q = READ_ONCE(x);

	if (q > 5)
		WRITE_ONCE(y, 1);
	else
		WRITE_ONCE(z, 2);
}
/* EXPECT-DEP: ctrl @ctrl_dep_different_objects line 31 -> line 34 */
/* EXPECT-DEP: ctrl @ctrl_dep_different_objects line 31 -> line 36 */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_dep_different_objects */
/* EXPECT-NOT: ctrl-to-select @ctrl_dep_different_objects */

/* A plain store under the branch is control-dependent as well. */
void ctrl_dep_plain_store(void)
{
	int q = READ_ONCE(x);

	if (q)
		plain_out = 1;
}
/* EXPECT-DEP: ctrl @ctrl_dep_plain_store line 46 -> line 49 */

/* Only the store in the arm depends; the one after the join does not. */
void ctrl_dep_after_join(void)
{
	int q = READ_ONCE(x);

	if (q)
		WRITE_ONCE(y, 1);
	WRITE_ONCE(z, 1); /* not ordered after the load */
}
/* EXPECT-DEP: ctrl @ctrl_dep_after_join line 56 -> line 59 */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_dep_after_join */

/* Loads under the branch are not ordered by the LKMM: no dependency. */
int ctrl_dep_load_not_ordered(void)
{
	int q = READ_ONCE(x);

	if (q)
		return READ_ONCE(y);
	return 0;
}
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_dep_load_not_ordered */

/* Nested conditions: the inner store depends on both loads. */
void ctrl_dep_nested(void)
{
	int a = READ_ONCE(x);

	if (a) {
		int b = READ_ONCE(y);

		if (b == 2)
			WRITE_ONCE(w, a);
	}
}
/* EXPECT-DEP: ctrl @ctrl_dep_nested line 79 -> line 85 */
/* EXPECT-DEP: ctrl @ctrl_dep_nested line 82 -> line 85 */
/* EXPECT-DEP: data @ctrl_dep_nested line 79 -> line 85 */
