// SPDX-License-Identifier: MIT
/*
 * mixed_access.c - one object accessed both with marked accesses and
 * with plain ones: the plain side may be torn, fused or invented.
 */
#include "lkmm.h"

struct stats {
	long hits;
	long misses;
	int state;
};

struct stats st;
int shared_flag;
int only_marked;
int only_plain;
long total;

/* Marked writer of shared_flag. */
void mixed_set_flag(int v)
{
	WRITE_ONCE(shared_flag, v);
}

/* Plain reader of the same object. */
int mixed_read_flag_plain(void)
{
	return shared_flag;
}
/* EXPECT: mixed-access @mixed_read_flag_plain line 29 */

/* Marked read of a struct field ... */
long mixed_hits_marked(void)
{
	return READ_ONCE(st.hits);
}

/* ... and a plain read-modify-write of the same field. */
void mixed_hits_plain_inc(void)
{
	st.hits++;
}
/* EXPECT: mixed-access @mixed_hits_plain_inc line 42 */

/* Mixed within one function: a plain store after a marked load. */
void mixed_state_same_function(void)
{
	int s = READ_ONCE(st.state);

	st.state = s + 1;
}
/* EXPECT: mixed-access @mixed_state_same_function line 51 */

/* Negative: only_marked is only ever accessed with READ_ONCE/WRITE_ONCE. */
void marked_only(void)
{
	WRITE_ONCE(only_marked, READ_ONCE(only_marked) + 1);
}
/* EXPECT-NOT: mixed-access @marked_only */

/* Negative: only_plain is never marked. */
void plain_only(void)
{
	only_plain = only_plain * 2;
}
/* EXPECT-NOT: mixed-access @plain_only */

/* Negative: st.misses is plain only, though st.hits is mixed. */
long plain_misses(void)
{
	st.misses++;
	total += st.misses;
	return total;
}
/* EXPECT-NOT: mixed-access @plain_misses */
