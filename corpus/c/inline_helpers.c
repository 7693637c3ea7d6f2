// SPDX-License-Identifier: MIT
/*
 * inline_helpers.c - the dependencies live in static inline helpers that
 * are called from several places, so the optimized IR carries inlined-at
 * chains (and the -O0 IR carries calls between functions).
 */
#include "lkmm.h"

struct obj {
	int refs;
	int val;
};

struct obj *cur;
int seq;
int out;
int out2;

static inline struct obj *get_cur(void)
{
	return rcu_dereference(cur);
}

static inline int obj_val(struct obj *o)
{
	return o->val;
}

/* Identical stores in both arms, inside a helper. */
static inline void publish(int q)
{
	if (q)
		WRITE_ONCE(out, 1);
	else
		WRITE_ONCE(out, 1);
}

static inline void set_if(int q, int v)
{
	if (q)
		WRITE_ONCE(out2, v);
}

/* Address dependency through two inlined helpers. */
int inl_addr_dep(void)
{
	return obj_val(get_cur());
}
/* EXPECT-DEP: addr @inl_addr_dep line 21 -> line 26 */
/* EXPECT-NOT: addr-dep-broken @inl_addr_dep */

/* The same helpers from a second caller. */
int inl_addr_dep_twice(void)
{
	struct obj *o = get_cur();

	return obj_val(o) + obj_val(get_cur());
}
/* EXPECT-DEP: addr @inl_addr_dep_twice line 21 -> line 26 */

/* Hoisted store from the inlined publish(). */
void inl_publish_seq(void)
{
	publish(READ_ONCE(seq));
}
/* EXPECT-DEP: ctrl @inl_publish_seq line 64 -> line 33 */
/* EXPECT: ctrl-hoisted-store @inl_publish_seq line 33 */

void inl_publish_val(void)
{
	struct obj *o = get_cur();

	publish(READ_ONCE(o->refs));
}
/* EXPECT-DEP: addr @inl_publish_val line 21 -> line 73 */
/* EXPECT-DEP: ctrl @inl_publish_val line 73 -> line 33 */
/* EXPECT: ctrl-hoisted-store @inl_publish_val line 33 */

/* A control dependency that stays, through an inlined helper. */
void inl_set_if(void)
{
	int q = READ_ONCE(seq);

	set_if(q, q + 1);
}
/* EXPECT-DEP: ctrl @inl_set_if line 82 -> line 41 */
/* EXPECT-DEP: data @inl_set_if line 82 -> line 41 */
/* EXPECT-NOT: ctrl-hoisted-store @inl_set_if */
