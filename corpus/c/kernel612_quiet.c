// SPDX-License-Identifier: MIT
/*
 * kernel612_quiet.c - two shapes of Linux 6.12 that the optimizer changes
 * and that are no hazard, each as the kernel writes it, beside a neighbour
 * that stays loud.
 *
 * - filemap_map_pages(): READ_ONCE() of a field, then WRITE_ONCE() of the
 *   same field in both arms; the two stores merge below the branch.
 *   Coherence keeps two accesses to one location in order, dependency or not.
 * - set_task_max_allowed_capacity(): list_for_each_entry_rcu() reads the list
 *   head and then each next pointer; the rotated loop makes both reads one
 *   load of a phi.  No read is lost.
 *
 * EXPECT-JUDGED lines: see judged.c.
 */
#include "lkmm.h"

struct ra_state {
	unsigned int mmap_miss;
};

int y;

/* Positive: the stores go to the field the READ_ONCE() read. */
void mmap_miss_update(struct ra_state *ra, unsigned int mmap_miss)
{
	unsigned int saved = READ_ONCE(ra->mmap_miss);

	if (mmap_miss >= saved)
		WRITE_ONCE(ra->mmap_miss, 0);
	else
		WRITE_ONCE(ra->mmap_miss, saved - mmap_miss);
}
/* EXPECT-JUDGED: ctrl-hoisted-store @mmap_miss_update benign ordering-kept */

/* Negative: the same merge of stores to another object keeps its error. */
void mmap_miss_elsewhere(struct ra_state *ra, unsigned int mmap_miss)
{
	unsigned int saved = READ_ONCE(ra->mmap_miss);

	if (mmap_miss >= saved)
		WRITE_ONCE(y, 0);
	else
		WRITE_ONCE(y, saved - mmap_miss);
}
/* EXPECT-JUDGED: ctrl-hoisted-store @mmap_miss_elsewhere hazard */

struct list_head {
	struct list_head *next;
};

struct cap_entry {
	unsigned long capacity;
	unsigned long cpus;
	struct list_head link;
};

struct list_head cap_list = { &cap_list };

#define entry_of(ptr) ((struct cap_entry *)((char *)(ptr) - __builtin_offsetof(struct cap_entry, link)))
#define for_each_cap_rcu(pos, head)                                            \
	for (pos = entry_of(READ_ONCE((head)->next)); &pos->link != (head);   \
	     pos = entry_of(READ_ONCE(pos->link.next)))

/* Both READ_ONCE()s of the walk become one load of a phi: nothing removed. */
void max_allowed_capacity(unsigned long *max, unsigned long cpus)
{
	struct cap_entry *entry;

	for_each_cap_rcu(entry, &cap_list) {
		if (!(entry->cpus & cpus))
			continue;
		*max = entry->capacity;
		break;
	}
}
/* EXPECT-NOT: marked-access-removed @max_allowed_capacity */
