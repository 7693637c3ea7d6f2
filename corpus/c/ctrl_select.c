// SPDX-License-Identifier: MIT
/*
 * ctrl_select.c - an if/else storing different constants to the same
 * object becomes one store of a select: the control dependency turns
 * into a data dependency that the LKMM does not promise.
 */
#include "lkmm.h"

int x;
int y;
int z;
int arr[4];

/* if (q) WRITE_ONCE(y, 1); else WRITE_ONCE(y, 2); -> store select */
void ctrl_to_select(void)
{
	int q = READ_ONCE(x);

	if (q)
		WRITE_ONCE(y, 1);
	else
		WRITE_ONCE(y, 2);
}
/* EXPECT-DEP: ctrl @ctrl_to_select line 17 -> line 20 */
/* EXPECT-DEP: ctrl @ctrl_to_select line 17 -> line 22 */
/* EXPECT: ctrl-to-select @ctrl_to_select line 20 */

/* The same with a comparison and a non-trivial pair of values. */
void ctrl_to_select_cmp(void)
{
	int q = READ_ONCE(x);

	if (q > 10)
		WRITE_ONCE(z, 100);
	else
		WRITE_ONCE(z, -7);
}
/* EXPECT-DEP: ctrl @ctrl_to_select_cmp line 31 -> line 34 */
/* EXPECT-DEP: ctrl @ctrl_to_select_cmp line 31 -> line 36 */
/* EXPECT: ctrl-to-select @ctrl_to_select_cmp line 34 */

/* Same value, different objects: the address becomes a select. */
void ctrl_to_select_addr(void)
{
	int q = READ_ONCE(x);

	if (q)
		WRITE_ONCE(y, 5);
	else
		WRITE_ONCE(z, 5);
}
/* EXPECT-DEP: ctrl @ctrl_to_select_addr line 45 -> line 48 */
/* EXPECT-DEP: ctrl @ctrl_to_select_addr line 45 -> line 50 */
/* EXPECT: ctrl-to-select @ctrl_to_select_addr line 48 */

/*
 * Negative, and fragile: arr[1] and arr[2] differ in known alignment
 * (4 and 8), so clang-19 does not merge the two stores.
 */
void ctrl_select_addr_align(void)
{
	int q = READ_ONCE(x);

	if (q)
		WRITE_ONCE(arr[1], 5);
	else
		WRITE_ONCE(arr[2], 5);
}
/* EXPECT-DEP: ctrl @ctrl_select_addr_align line 62 -> line 65 */
/* EXPECT-DEP: ctrl @ctrl_select_addr_align line 62 -> line 67 */
/* EXPECT-NOT: ctrl-to-select @ctrl_select_addr_align */

/* Negative: a second store in one arm keeps the branch. */
void ctrl_select_kept_branch(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 1);
	} else {
		WRITE_ONCE(y, 2);
	}
}
/* EXPECT-DEP: ctrl @ctrl_select_kept_branch line 76 -> line 79 */
/* EXPECT-DEP: ctrl @ctrl_select_kept_branch line 76 -> line 82 */
/* EXPECT-NOT: ctrl-to-select @ctrl_select_kept_branch */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_select_kept_branch */

/*
 * The last stores of the arms go to one object with different values:
 * clang sinks them into the join as one store of a phi (line 0).
 */
void ctrl_sunk_phi(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(z, 2);
		WRITE_ONCE(y, 1);
	} else {
		WRITE_ONCE(arr[0], 3);
		WRITE_ONCE(y, 2);
	}
}
/* EXPECT-DEP: ctrl @ctrl_sunk_phi line 96 -> line 100 */
/* EXPECT: ctrl-to-select @ctrl_sunk_phi line 100 */
/* EXPECT-NOT: ctrl-hoisted-store @ctrl_sunk_phi */

/*
 * Negative with debug info: a conditional expression the author wrote is a
 * data dependency by design; the store keeps its own line.  Without debug
 * info it looks like ctrl_to_select.
 */
void ctrl_select_ternary(void)
{
	int q = READ_ONCE(x);

	WRITE_ONCE(y, q ? 1 : 2);
}
/* EXPECT-NOT: ctrl-to-select @ctrl_select_ternary */
