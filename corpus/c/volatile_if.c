// SPDX-License-Identifier: MIT
/*
 * volatile_if.c - a volatile_if-style branch made by asm goto (callbr in
 * IR).  The branch itself cannot be removed, but its input and the code
 * around it are still the optimizer's: see what clang does below.
 */
#include "lkmm.h"

int x;
int y;
int z;

/*
 * Identical stores behind an asm-goto branch: clang-19 does not hoist
 * them above the callbr (its "memory" clobber forbids that) but sinks
 * them into the join block, after the branch, with line 0.
 */
void volatile_if_identical(void)
{
	int q = READ_ONCE(x);

	VOLATILE_GOTO_IF(q, taken);
	WRITE_ONCE(y, 1);
	WRITE_ONCE(z, 2);
	return;
taken:
	WRITE_ONCE(y, 1);
	WRITE_ONCE(z, 3);
}
/* EXPECT-DEP: ctrl @volatile_if_identical line 20 -> line 23 */
/* EXPECT-DEP: ctrl @volatile_if_identical line 20 -> line 27 */
/* EXPECT-NOT: ctrl-hoisted-store @volatile_if_identical */

/*
 * q % 1 is folded before it reaches the asm: the callbr stays but its
 * input is the constant 0, so nothing depends on the load any more.
 */
void volatile_if_mod_one(void)
{
	int q = READ_ONCE(x);

	VOLATILE_GOTO_IF(q % 1, taken);
	WRITE_ONCE(y, 2);
	return;
taken:
	WRITE_ONCE(y, 1);
}
/* EXPECT-DEP: ctrl @volatile_if_mod_one line 40 -> line 43 */
/* EXPECT: fragile-constant-condition @volatile_if_mod_one line 43 */
/* EXPECT: ctrl-folded-condition @volatile_if_mod_one line 43 */
/* EXPECT: marked-load-unused @volatile_if_mod_one line 40 */

/* Negative: only the taken side stores; the store stays behind the callbr. */
void volatile_if_one_sided(void)
{
	int q = READ_ONCE(x);

	VOLATILE_GOTO_IF(q, taken);
	return;
taken:
	WRITE_ONCE(z, q);
}
/* EXPECT-DEP: ctrl @volatile_if_one_sided line 56 -> line 61 */
/* EXPECT-DEP: data @volatile_if_one_sided line 56 -> line 61 */
/* EXPECT-NOT: ctrl-hoisted-store @volatile_if_one_sided */
/* EXPECT-NOT: ctrl-folded-condition @volatile_if_one_sided */
