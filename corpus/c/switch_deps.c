// SPDX-License-Identifier: MIT
/*
 * switch_deps.c - control dependencies through a switch on a READ_ONCE
 * value: identical stores in every arm are hoisted like in an if/else.
 */
#include "lkmm.h"

int x;
int y;
int z;
int a0;
int a1;
int a2;

/* Positive: every arm (and default) stores 1 to y. */
void switch_identical(void)
{
	int q = READ_ONCE(x);

	switch (q) {
	case 0:
		WRITE_ONCE(y, 1);
		WRITE_ONCE(a0, 1);
		break;
	case 1:
		WRITE_ONCE(y, 1);
		WRITE_ONCE(a1, 1);
		break;
	case 7:
		WRITE_ONCE(y, 1);
		WRITE_ONCE(a2, 1);
		break;
	default:
		WRITE_ONCE(y, 1);
		break;
	}
}
/* EXPECT-DEP: ctrl @switch_identical line 18 -> line 22 */
/* EXPECT: fragile-identical-stores @switch_identical line 22 */
/* EXPECT: ctrl-hoisted-store @switch_identical line 22 */

/*
 * The same value to a different object in each arm: clang sinks the three
 * stores into one store through a pointer loaded from a lookup table
 * (@switch.table.switch_same_value), still guarded by a range check.
 */
void switch_same_value(void)
{
	int q = READ_ONCE(x);

	switch (q) {
	case 0:
		WRITE_ONCE(a0, 1);
		break;
	case 1:
		WRITE_ONCE(a1, 1);
		break;
	case 2:
		WRITE_ONCE(a2, 1);
		break;
	default:
		break;
	}
}
/* EXPECT-DEP: ctrl @switch_same_value line 49 -> line 53 */
/* EXPECT-DEP: ctrl @switch_same_value line 49 -> line 56 */
/* EXPECT-NOT: ctrl-hoisted-store @switch_same_value */

/* Negative: different values to different objects; the switch stays. */
void switch_different(void)
{
	int q = READ_ONCE(x);

	switch (q) {
	case 0:
		WRITE_ONCE(a0, 1);
		break;
	case 1:
		WRITE_ONCE(a1, 2);
		break;
	case 5:
		WRITE_ONCE(a2, 3);
		break;
	default:
		break;
	}
}
/* EXPECT-DEP: ctrl @switch_different line 72 -> line 76 */
/* EXPECT-DEP: ctrl @switch_different line 72 -> line 79 */
/* EXPECT-NOT: ctrl-hoisted-store @switch_different */
/* EXPECT-NOT: ctrl-to-select @switch_different */

/* Different constants to one object: the switch becomes arithmetic
 * (q * 10 for 1..3) and a select, stored once. */
void switch_values(void)
{
	int q = READ_ONCE(x);

	switch (q) {
	case 1:
		WRITE_ONCE(z, 10);
		break;
	case 2:
		WRITE_ONCE(z, 20);
		break;
	case 3:
		WRITE_ONCE(z, 30);
		break;
	default:
		WRITE_ONCE(z, 0);
		break;
	}
}
/* EXPECT-DEP: ctrl @switch_values line 97 -> line 101 */
/* EXPECT: ctrl-to-select @switch_values line 101 */
/* EXPECT-NOT: fragile-identical-stores @switch_different */
