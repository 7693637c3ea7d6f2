// SPDX-License-Identifier: MIT
/*
 * ptr_compare.c - a loaded pointer or index compared with a constant:
 * after the test the compiler may use the constant instead of the
 * loaded value (rcu_dereference.rst), and the address dependency is lost.
 */
#include "lkmm.h"

struct item {
	int key;
	int val;
	struct item *next;
};

struct item *gp;
struct item default_item;
struct item head;
int arr[8];
int gi;
unsigned int gu;
int sink;

/* if (p == &default_item) return p->val;  ->  load of default_item.val */
int ptr_eq_global(void)
{
	struct item *p = rcu_dereference(gp);

	if (p == &default_item)
		return p->val;
	return 0;
}
/* EXPECT-DEP: addr @ptr_eq_global line 26 -> line 29 */
/* EXPECT: fragile-pointer-compare @ptr_eq_global line 29 */
/* EXPECT: addr-pointer-substituted @ptr_eq_global line 29 */
/* EXPECT: load-speculated @ptr_eq_global line 29 */

/* The same with a store through p in both outcomes. */
void ptr_eq_store(void)
{
	struct item *p = rcu_dereference(gp);

	if (p == &default_item)
		WRITE_ONCE(p->key, 1);
	else
		WRITE_ONCE(p->key, 2);
}
/* EXPECT-DEP: addr @ptr_eq_store line 40 -> line 43 */
/* EXPECT-DEP: addr @ptr_eq_store line 40 -> line 45 */
/* EXPECT: fragile-pointer-compare @ptr_eq_store line 43 */
/* EXPECT: addr-pointer-substituted @ptr_eq_store line 43 */

/* List walk: after the loop, p == &head is known. */
int list_walk_until_head(void)
{
	struct item *p = rcu_dereference(head.next);

	while (p != &head) {
		if (p->key == 3)
			return p->val;
		p = rcu_dereference(p->next);
	}
	return READ_ONCE(p->val);
}
/* EXPECT-DEP: addr @list_walk_until_head line 55 -> line 62 */
/* EXPECT: fragile-pointer-compare @list_walk_until_head line 62 */
/* EXPECT: addr-pointer-substituted @list_walk_until_head line 62 */

/* An index compared with 3, then used: arr[i] becomes arr[3]. */
int index_eq_three(void)
{
	int i = READ_ONCE(gi);

	if (i == 3)
		return READ_ONCE(arr[i]);
	return -1;
}
/* EXPECT-DEP: addr @index_eq_three line 71 -> line 74 */
/* EXPECT: fragile-pointer-compare @index_eq_three line 74 */
/* EXPECT: addr-pointer-substituted @index_eq_three line 74 */

/* unsigned i < 1 means i == 0. */
int index_below_one(void)
{
	unsigned int i = READ_ONCE(gu);

	if (i < 1)
		return READ_ONCE(arr[i]);
	return -1;
}
/* EXPECT-DEP: addr @index_below_one line 84 -> line 87 */
/* EXPECT: addr-pointer-substituted @index_below_one line 87 */

/* Negative: the pointer is compared with a non-constant pointer. */
int ptr_eq_nonconst(struct item *other)
{
	struct item *p = rcu_dereference(gp);

	if (p == other)
		return p->val;
	return 0;
}
/* EXPECT-DEP: addr @ptr_eq_nonconst line 96 -> line 99 */
/* EXPECT-NOT: addr-pointer-substituted @ptr_eq_nonconst */

/* Negative: p != &default_item, the access is on the unequal side. */
int ptr_ne_global(void)
{
	struct item *p = rcu_dereference(gp);

	if (p != &default_item)
		return p->val;
	return 0;
}
/* EXPECT-DEP: addr @ptr_ne_global line 108 -> line 111 */
/* EXPECT-NOT: addr-pointer-substituted @ptr_ne_global */
/* EXPECT: fragile-pointer-compare @index_below_one line 87 */
/* EXPECT-NOT: fragile-pointer-compare @ptr_eq_nonconst */
/* EXPECT-NOT: fragile-pointer-compare @ptr_ne_global */
