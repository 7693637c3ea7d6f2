// SPDX-License-Identifier: MIT
/*
 * cancel_arith.c - arithmetic that cancels the loaded value (q - q,
 * q * 0, q & 0): the source has a dependency, the optimized IR does not.
 */
#include "lkmm.h"

int x;
int y;
long idx;
int table[64];

/* Address dependency through q - q: table[q - q] is table[0]. */
int addr_sub_self(void)
{
	long q = READ_ONCE(idx);

	return READ_ONCE(table[q - q]);
}
/* EXPECT-DEP: addr @addr_sub_self line 16 -> line 18 */
/* EXPECT: fragile-cancelling-arith @addr_sub_self line 18 */
/* EXPECT: addr-dep-broken @addr_sub_self line 18 */
/* EXPECT: marked-load-unused @addr_sub_self line 16 */

/* Address dependency through q * 0. */
int addr_mul_zero(void)
{
	long q = READ_ONCE(idx);

	return READ_ONCE(table[q * 0]);
}
/* EXPECT-DEP: addr @addr_mul_zero line 28 -> line 30 */
/* EXPECT: fragile-cancelling-arith @addr_mul_zero line 30 */
/* EXPECT: addr-dep-broken @addr_mul_zero line 30 */
/* EXPECT: marked-load-unused @addr_mul_zero line 28 */

/* Data dependency through q & 0. */
void data_and_zero(void)
{
	int q = READ_ONCE(x);

	WRITE_ONCE(y, q & 0);
}
/* EXPECT-DEP: data @data_and_zero line 40 -> line 42 */
/* EXPECT: fragile-cancelling-arith @data_and_zero line 42 */
/* EXPECT: data-dep-broken @data_and_zero line 42 */
/* EXPECT: marked-load-unused @data_and_zero line 40 */

/* Data dependency through (q + 1) - q. */
void data_add_sub(void)
{
	int q = READ_ONCE(x);
	int r = q + 1;

	WRITE_ONCE(y, r - q);
}
/* EXPECT-DEP: data @data_add_sub line 52 -> line 55 */
/* EXPECT: data-dep-broken @data_add_sub line 55 */
/* EXPECT: marked-load-unused @data_add_sub line 52 */

/* Negative: q - 1 and q * 2 depend on q. */
int addr_sub_one(void)
{
	long q = READ_ONCE(idx);

	return READ_ONCE(table[(q * 2 - 1) & 63]);
}
/* EXPECT-DEP: addr @addr_sub_one line 64 -> line 66 */
/* EXPECT-NOT: addr-dep-broken @addr_sub_one */
/* EXPECT-NOT: fragile-cancelling-arith @addr_sub_one */
/* EXPECT-NOT: marked-load-unused @addr_sub_one */

/* Negative: q ^ q is cancelling too, but here the value is also used. */
void data_xor_self_used(void)
{
	int q = READ_ONCE(x);

	WRITE_ONCE(y, (q ^ q) + q);
}
/* EXPECT-DEP: data @data_xor_self_used line 76 -> line 78 */
/* EXPECT-NOT: data-dep-broken @data_xor_self_used */
/* EXPECT-NOT: marked-load-unused @data_xor_self_used */
/* EXPECT: fragile-cancelling-arith @data_add_sub line 55 */
/* EXPECT-NOT: fragile-cancelling-arith @data_xor_self_used */
