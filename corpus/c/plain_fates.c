// SPDX-License-Identifier: MIT
/*
 * plain_fates.c - what the optimizer does to plain accesses of objects
 * other CPUs may touch (memory-barriers.txt, COMPILER BARRIER): two reads
 * fused into one, a read hoisted out of a loop, a store fused into a later
 * one or into the store of the last iteration, a store of the value just
 * loaded removed, stores merged into memset or into one wide store.
 * Objects with a marked access somewhere in this file are shown shared
 * (a warning); the others are plain data (a note).  The negatives keep
 * the accesses: a barrier() between them, READ_ONCE/WRITE_ONCE, a local.
 *
 * EXPECT-JUDGED: CHECK @FN VERDICT [GROUND] says how the finding is judged.
 */
#include "lkmm.h"

int seq;          /* written with WRITE_ONCE in set_seq(): shown shared */
int plain_count;  /* never marked: not shown shared */
int state;        /* written with WRITE_ONCE in set_state() */
int stop;         /* a spin loop waits on it */
int ticks;
int table[16];
struct pair {
	int lo;
	int hi;
} pr;             /* pr.lo is read with READ_ONCE in read_lo() */
struct quad {
	int a, b, c, d;
} q_src, q_dst;   /* q_dst.b is written with WRITE_ONCE in set_quad_b() */
int lock;

extern void _raw_spin_lock(int *l);
extern void _raw_spin_unlock(int *l);
extern void consume(int v);

void set_seq(int v) { WRITE_ONCE(seq, v); }
void set_state(int v) { WRITE_ONCE(state, v); }
int read_lo(void) { return READ_ONCE(pr.lo); }
void set_quad_b(int v) { WRITE_ONCE(q_dst.b, v); }

/* Two plain reads of a shared object: GVN keeps the first only. */
int load_fused_pair(void)
{
	int a = seq;
	int b = seq;

	return a + 3 * b;
}
/* EXPECT: load-fused @load_fused_pair line 44 */
/* EXPECT-JUDGED: load-fused @load_fused_pair hazard */

/* The same on data no marked access touches: a note. */
int load_fused_plain(void)
{
	int a = plain_count;
	int b = plain_count;

	return a + 3 * b;
}
/* EXPECT: load-fused @load_fused_plain line 55 */
/* EXPECT-JUDGED: load-fused @load_fused_plain benign object-not-shown-shared */

/* Negative: a compiler barrier between the reads makes them two. */
int load_pair_barrier(void)
{
	int a = seq;
	barrier();
	int b = seq;

	return a + 3 * b;
}
/* EXPECT-NOT: load-fused @load_pair_barrier */

/* Negative: READ_ONCE twice is two reads. */
int load_pair_once(void)
{
	int a = READ_ONCE(seq);
	int b = READ_ONCE(seq);

	return a + 3 * b;
}
/* EXPECT-NOT: load-fused @load_pair_once */

/* A read of a shared object in a loop: LICM hoists it in front of the loop. */
void load_hoisted_loop(int n)
{
	for (int i = 0; i < n; i++)
		table[i & 15] += state;
}
/* EXPECT: load-fused @load_hoisted_loop line 87 */
/* EXPECT-JUDGED: load-fused @load_hoisted_loop hazard */

/* Negative: a call in the loop may write it, so the loop reads it every time. */
int load_loop_call(int n)
{
	int sum = 0;

	for (int i = 0; i < n; i++) {
		sum += state * i;
		consume(i);
	}
	return sum;
}
/* EXPECT-NOT: load-fused @load_loop_call */

/* A spin loop on a plain flag, with a marked store in the body: it no longer re-reads. */
void spin_on_stop(void)
{
	while (!stop)
		WRITE_ONCE(ticks, 1);
}
/* EXPECT: load-fused @spin_on_stop line 108 */
/* EXPECT: load-fused-loop @spin_on_stop line 108 */
/* EXPECT-JUDGED: load-fused @spin_on_stop hazard */

/* Negative: the same loop reading the flag with READ_ONCE. */
void spin_on_stop_once(void)
{
	while (!READ_ONCE(stop))
		WRITE_ONCE(ticks, 1);
}
/* EXPECT-NOT: load-fused @spin_on_stop_once */

/* Two plain stores to a shared object: DSE keeps the last. */
void store_fused_pair(void)
{
	seq = 1;
	seq = 2;
}
/* EXPECT: store-fused @store_fused_pair line 126 */
/* EXPECT-JUDGED: store-fused @store_fused_pair hazard */

/* Negative: a barrier between the stores. */
void store_pair_barrier(void)
{
	seq = 1;
	barrier();
	seq = 2;
}
/* EXPECT-NOT: store-fused @store_pair_barrier */

/* Negative: WRITE_ONCE twice. */
void store_pair_once(void)
{
	WRITE_ONCE(seq, 1);
	WRITE_ONCE(seq, 2);
}
/* EXPECT-NOT: store-fused @store_pair_once */

/* A counter bumped in a loop: one load before, one store after (LICM promotion, then the loop folds). */
void count_loop(int n)
{
	for (int i = 0; i < n; i++)
		state++;
}
/* EXPECT: store-fused @count_loop line 153 */
/* EXPECT: load-fused @count_loop line 153 */
/* EXPECT-JUDGED: store-fused @count_loop hazard */

/* The same counter under a spinlock: the kernel's norm, a note. */
void count_locked(int n)
{
	_raw_spin_lock(&lock);
	for (int i = 0; i < n; i++)
		state++;
	_raw_spin_unlock(&lock);
}
/* EXPECT: store-fused @count_locked line 164 */
/* EXPECT-JUDGED: store-fused @count_locked benign lock-held */

/* A store of the value just read: removed (it changes nothing, single-threaded). */
void store_same(void)
{
	int v = seq;

	consume(1);
	seq = v;
}
/* EXPECT-NOT: store-removed @store_same */

/* A store of the value just read, with nothing in between: EarlyCSE removes it. */
void store_back(void)
{
	int v = seq;

	seq = v;
}
/* EXPECT: store-removed @store_back line 185 */
/* EXPECT-JUDGED: store-removed @store_back hazard */

/*
 * Stores of zero to every element: with -fno-builtin no memset, but the
 * loop is unrolled and its stores merged into four vector stores.  (diff's
 * store-invented reports those too: it does not know the loop always runs.)
 */
void zero_table(void)
{
	for (int i = 0; i < 16; i++)
		table[i] = 0;
}
/* EXPECT: store-torn @zero_table line 198 */
/* EXPECT-JUDGED: store-torn @zero_table benign object-not-shown-shared */
/* EXPECT-JUDGED: store-invented @zero_table benign object-not-shown-shared */

/* Two adjacent fields stored from arguments: kept as two stores. */
void store_pair_fields(int a, int b)
{
	pr.lo = a;
	pr.hi = b;
}
/* EXPECT-NOT: store-torn @store_pair_fields */

/* Four fields copied one by one: one vector load and one vector store (SLPVectorizer). */
void copy_quad(void)
{
	q_dst.a = q_src.a;
	q_dst.b = q_src.b;
	q_dst.c = q_src.c;
	q_dst.d = q_src.d;
}
/* EXPECT: store-torn @copy_quad line 216 */
/* EXPECT: load-fused @copy_quad line 215 */
/* EXPECT-JUDGED: store-torn @copy_quad hazard */

/* Negative: the same through WRITE_ONCE. */
void store_pair_fields_once(int a, int b)
{
	WRITE_ONCE(pr.lo, a);
	WRITE_ONCE(pr.hi, b);
}
/* EXPECT-NOT: store-torn @store_pair_fields_once */

/* Negative: a store to a local, fused with the next one, is no one else's business. */
int store_local(int a)
{
	int t[2];

	t[0] = a;
	t[0] = a + 1;
	consume(t[0]);
	return t[0];
}
/* EXPECT-NOT: store-fused @store_local */

/* Fields reached through a pointer: the struct type says which field. */
struct stat {
	int seq;	/* read with READ_ONCE() in stat_seq(): shown shared */
	int count;	/* plain only */
};

int stat_seq(struct stat *s) { return READ_ONCE(s->seq); }

/*
 * Two plain reads of a field that a marked access reads in another
 * function: fused, but which struct stat that was says nothing of this
 * one (another CPU's, or this one under its lock): a note.
 */
int stat_fused(struct stat *s)
{
	int a = s->seq;
	int b = s->seq;

	return a + 3 * b;
}
/* EXPECT: load-fused @stat_fused line 260 */
/* EXPECT-JUDGED: load-fused @stat_fused benign object-not-shown-shared */

/* The same after a READ_ONCE() of the field through the same pointer: shown shared. */
int stat_fused_marked(struct stat *s)
{
	int q = READ_ONCE(s->seq);
	int a = s->seq;
	int b = s->seq;

	return q + a + 3 * b;
}
/* EXPECT: load-fused @stat_fused_marked line 272 */
/* EXPECT: load-fused @stat_fused_marked line 271 */
/* EXPECT-JUDGED: load-fused @stat_fused_marked hazard */

/* The plain-only field: a note. */
int stat_count_fused(struct stat *s)
{
	int a = s->count;
	int b = s->count;

	return a + 3 * b;
}
/* EXPECT: load-fused @stat_count_fused line 284 */
/* EXPECT-JUDGED: load-fused @stat_count_fused benign object-not-shown-shared */

/* Negative: a barrier between the reads of the field. */
int stat_barrier(struct stat *s)
{
	int a = s->seq;
	barrier();
	int b = s->seq;

	return a + 3 * b;
}
/* EXPECT-NOT: load-fused @stat_barrier */

/*
 * Negative: a spin loop on a field, with a marked store in the body.  The
 * store may write *s (s may point to ticks), so the loop re-reads the field.
 */
void stat_wait(struct stat *s)
{
	while (!s->seq)
		WRITE_ONCE(ticks, 1);
}
/* EXPECT-NOT: load-fused @stat_wait */
