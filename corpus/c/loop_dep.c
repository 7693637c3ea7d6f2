// SPDX-License-Identifier: MIT
/*
 * loop_dep.c - dependencies carried around loops: an RCU-style list
 * walk (address dependency through a phi) and per-element control
 * dependencies.
 */
#include "lkmm.h"

struct node {
	int key;
	int val;
	struct node *next;
};

struct node *list_head;
int flags[32];
int marks[32];
int hits;

/* Address dependency from each rcu_dereference to the next access. */
int loop_list_sum(void)
{
	int sum = 0;
	struct node *p;

	for (p = rcu_dereference(list_head); p;
	     p = rcu_dereference(p->next))
		sum += p->val;
	return sum;
}
/* EXPECT-DEP: addr @loop_list_sum line 26 -> line 28 */
/* EXPECT-DEP: addr @loop_list_sum line 26 -> line 27 */
/* EXPECT-DEP: addr @loop_list_sum line 27 -> line 28 */
/* EXPECT-NOT: addr-dep-broken @loop_list_sum */

/* Search: the store through the found node depends on the walk. */
void loop_list_mark(int key)
{
	struct node *p;

	for (p = rcu_dereference(list_head); p;
	     p = rcu_dereference(p->next))
		if (p->key == key) {
			WRITE_ONCE(p->val, 0);
			break;
		}
}
/* EXPECT-DEP: addr @loop_list_mark line 41 -> line 44 */

/* Control dependency inside a loop body. */
void loop_ctrl(int n)
{
	for (int i = 0; i < n && i < 32; i++)
		if (READ_ONCE(flags[i]))
			WRITE_ONCE(marks[i], 1);
}
/* EXPECT-DEP: ctrl @loop_ctrl line 54 -> line 55 */
/* EXPECT-NOT: ctrl-hoisted-store @loop_ctrl */

/* Identical stores in both arms inside a loop. */
void loop_ctrl_identical(int n)
{
	for (int i = 0; i < n && i < 32; i++) {
		if (READ_ONCE(flags[i])) {
			WRITE_ONCE(marks[i], 1);
			WRITE_ONCE(hits, i);
		} else {
			WRITE_ONCE(marks[i], 1);
		}
	}
}
/* EXPECT-DEP: ctrl @loop_ctrl_identical line 64 -> line 65 */
/* EXPECT: ctrl-hoisted-store @loop_ctrl_identical line 65 */
/* EXPECT: fragile-identical-stores @loop_ctrl_identical line 65 */
/* EXPECT-NOT: fragile-identical-stores @loop_ctrl */
