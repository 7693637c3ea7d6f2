// SPDX-License-Identifier: MIT
/*
 * load_speculation.c - plain loads that the optimizer executes earlier
 * or more often than the source: hoisted out of an if (SimplifyCFG),
 * out of a loop (LICM), or partially redundant (GVN load PRE).
 */
#include "lkmm.h"

int flag;
int data;
int other;
int result;
int buf[32];

/* if (READ_ONCE(flag)) r = data;  ->  data loaded before the test. */
int spec_load_if(void)
{
	int r = 0;

	if (READ_ONCE(flag))
		r = data;
	return r;
}
/* EXPECT: load-speculated @spec_load_if line 21 */

/* Two plain loads under one guard. */
int spec_load_if_sum(void)
{
	int r = 1;

	if (READ_ONCE(flag) == 2)
		r = data + other;
	return r;
}
/* EXPECT: load-speculated @spec_load_if_sum line 32 */

/* LICM: the guarded plain load inside the loop moves to the preheader. */
int spec_load_loop(int n)
{
	int sum = 0;

	for (int i = 0; i < n; i++) {
		buf[i & 31] += i;
		if (i > 4)
			sum += data;
	}
	return sum;
}
/* EXPECT: load-speculated @spec_load_loop line 45 */

/* Negative: the guarded load is marked, it cannot be speculated. */
int spec_marked_load(void)
{
	int r = 0;

	if (READ_ONCE(flag))
		r = READ_ONCE(data);
	return r;
}
/* EXPECT-NOT: load-speculated @spec_marked_load */

/* Negative: an smp_mb() between the guard and the load. */
int spec_load_after_mb(void)
{
	int r = 0;

	if (READ_ONCE(flag)) {
		smp_mb();
		r = data;
	}
	return r;
}
/* EXPECT-NOT: load-speculated @spec_load_after_mb */
