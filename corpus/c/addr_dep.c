// SPDX-License-Identifier: MIT
/*
 * addr_dep.c - address dependencies that the optimizer must keep:
 * rcu_dereference() of a pointer, then an access through it.
 */
#include "lkmm.h"

struct foo {
	int a;
	int b;
	struct foo *next;
};

struct foo *gp;
struct foo *gq;
int table[16];
unsigned int gidx;
int sink;

/* The classic: p = rcu_dereference(gp); r = p->a; */
int addr_dep_load(void)
{
	struct foo *p = rcu_dereference(gp);
	return p->a;
}
/* EXPECT-DEP: addr @addr_dep_load line 23 -> line 24 */
/* EXPECT-NOT: addr-dep-broken @addr_dep_load */

/* The dependent access is a marked store through the loaded pointer. */
void addr_dep_store(int v)
{
	struct foo *p = rcu_dereference(gp);
	WRITE_ONCE(p->b, v);
}
/* EXPECT-DEP: addr @addr_dep_store line 32 -> line 33 */
/* EXPECT-NOT: addr-dep-broken @addr_dep_store */

/* An index loaded with READ_ONCE selects the array element. */
int addr_dep_index(void)
{
	unsigned int i = READ_ONCE(gidx);
	return table[i & 15];
}
/* EXPECT-DEP: addr @addr_dep_index line 41 -> line 42 */
/* EXPECT-NOT: addr-dep-broken @addr_dep_index */

/* Two hops: the second load's address comes from the first one's value. */
int addr_dep_chain(void)
{
	struct foo *p = rcu_dereference(gp);
	struct foo *n = rcu_dereference(p->next);
	return n->b;
}
/* EXPECT-DEP: addr @addr_dep_chain line 50 -> line 51 */
/* EXPECT-DEP: addr @addr_dep_chain line 51 -> line 52 */

/* A NULL check substitutes nothing: the dependency stays. */
int addr_dep_null_check(void)
{
	struct foo *p = rcu_dereference(gp);
	if (!p)
		return -1;
	return p->a;
}
/* EXPECT-DEP: addr @addr_dep_null_check line 60 -> line 63 */
/* EXPECT-NOT: addr-pointer-substituted @addr_dep_null_check */
/* EXPECT-NOT: addr-dep-broken @addr_dep_null_check */

/* Compared with another non-constant pointer: not substituted either. */
int addr_dep_cmp_nonconst(void)
{
	struct foo *p = rcu_dereference(gp);
	struct foo *q = READ_ONCE(gq);
	if (p == q)
		return p->b;
	return 0;
}
/* EXPECT-DEP: addr @addr_dep_cmp_nonconst line 72 -> line 75 */
/* EXPECT-NOT: addr-pointer-substituted @addr_dep_cmp_nonconst */
/* EXPECT-NOT: addr-dep-broken @addr_dep_cmp_nonconst */

/* Plain store through the pointer: still an address dependency. */
void addr_dep_plain_store(void)
{
	struct foo *p = rcu_dereference(gp);
	p->a = 42;
}
/* EXPECT-DEP: addr @addr_dep_plain_store line 85 -> line 86 */
/* EXPECT-NOT: fragile-pointer-compare @addr_dep_null_check */
/* EXPECT-NOT: fragile-pointer-compare @addr_dep_cmp_nonconst */
/* EXPECT-NOT: fragile-cancelling-arith @addr_dep_index */
