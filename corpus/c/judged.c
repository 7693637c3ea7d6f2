// SPDX-License-Identifier: MIT
/*
 * judged.c - real transformations that are harmless where they happen, in
 * the shapes the kernel gives them, beside the same transformation where
 * nothing excuses it.  The optimizer changes every one of them; the
 * judgement decides which can break an ordering the code relies on.
 *
 * EXPECT-JUDGED: CHECK @FN VERDICT [GROUND] says every finding of CHECK in
 * FN (scan of the optimized file, diff against its twin before
 * optimization) is judged VERDICT, decided by GROUND.
 */
#include "lkmm.h"

int x;
int y;
int z;
int w;
int lock;

extern void _raw_spin_lock(int *l);
extern void _raw_spin_unlock(int *l);

/* Negative of the judgement: shared memory, no lock, no barrier: a hazard. */
void hoisted_unlocked(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT: ctrl-hoisted-store @hoisted_unlocked line 29 */
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_unlocked hazard */

/*
 * Positive: the same hoisting with the lock held over both ends, as in
 * check_cb_ovld_locked() under the rcu_node lock.  Another CPU that takes
 * the lock sees both accesses or neither.
 */
void hoisted_locked(void)
{
	int q;

	_raw_spin_lock(&lock);
	q = READ_ONCE(x);
	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
	_raw_spin_unlock(&lock);
}
/* EXPECT: ctrl-hoisted-store @hoisted_locked line 51 */
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_locked benign lock-held */

/* Negative: the lock is dropped before the store: no lock is held over both. */
void hoisted_unlocked_between(void)
{
	int q;

	_raw_spin_lock(&lock);
	q = READ_ONCE(x);
	_raw_spin_unlock(&lock);
	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT: ctrl-hoisted-store @hoisted_unlocked_between line 71 */
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_unlocked_between hazard */

/*
 * Positive: the flag is __ro_after_init (rcu_scheduler_active's kind of
 * data): written while the kernel boots, before other CPUs run.
 */
int boot_flag __attribute__((__section__(".data..ro_after_init")));

void hoisted_boot_flag(void)
{
	int q = READ_ONCE(boot_flag);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT: ctrl-hoisted-store @hoisted_boot_flag line 92 */
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_boot_flag benign object-boot-only */

/* Positive: __init code runs once, before other CPUs do. */
__attribute__((__section__(".init.text"))) void hoisted_init(void)
{
	int q = READ_ONCE(x);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT: ctrl-hoisted-store @hoisted_init line 108 */
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_init benign code-init-only */

/*
 * Positive (diff): afs_iterate_addresses()'s test_bit() on the word index
 * of a local: the optimizer knows the index of a one-word bitmap is 0, so
 * the address no longer depends on the marked load.  The local is no
 * other CPU's business.
 */
static __always_inline bool test_bit_word(int nr, const unsigned long *addr)
{
	return 1UL & (READ_ONCE(addr[nr / 64]) >> (nr & 63));
}

int pick_preferred(unsigned long responded)
{
	unsigned long set = responded;
	int index = READ_ONCE(x);

	if (test_bit_word(index, &set))
		return index;
	return -1;
}
/* EXPECT: addr-dep-broken @pick_preferred line 126 */
/* EXPECT-JUDGED: addr-dep-broken @pick_preferred benign object-local */

/*
 * Positive (diff): a barrier in code that a configuration stub turns off
 * (tick_nohz_full_cpu() without CONFIG_NO_HZ_FULL): removing it is right.
 */
static inline bool feature_enabled(void)
{
	return false;
}

void dead_barrier(void)
{
	if (feature_enabled()) {
		smp_mb();
		WRITE_ONCE(y, 1);
	}
	WRITE_ONCE(z, 2);
}
/* EXPECT: marked-access-removed @dead_barrier line 153 */
/* EXPECT-JUDGED: marked-access-removed @dead_barrier benign code-dead */

/*
 * Negative (diff): min()/max() with the kernel's compile-time signedness
 * check.  The check's arm calls a function declared with the error
 * attribute: the build fails unless the optimizer removes it, so it is no
 * branch at run time, and the store after the join has no control
 * dependency to lose (compute_batch_value()'s percpu_counter_batch).
 */
extern void __compiletime_assert_1(void)
	__attribute__((__error__("max() signedness error"), __noreturn__));

#define checked_max(a, b)                                                      \
	({                                                                     \
		int __a = (a), __b = (b);                                      \
		if (!(__b >= 0 || __b < 0))                                    \
			__compiletime_assert_1();                              \
		__a > __b ? __a : __b;                                         \
	})

int batch;

void store_max(void)
{
	int nr = READ_ONCE(x);

	batch = checked_max(32, nr * 2);
}
/* EXPECT-NOT: ctrl-to-select @store_max */
/* EXPECT-NOT: ctrl-hoisted-store @store_max */

/*
 * Negative: test_bit(42, cpu_hwcaps) after a test of one bit of a marked
 * load (arm64 mm/ksm.c, cpus_have_cap() inlined after compound_head & 1):
 * the word the source names is the constant.  One bit is no index.
 */
unsigned long caps[2];
unsigned long page_head;

static __always_inline bool const_test_bit(int nr, const unsigned long *addr)
{
	return 1UL & (READ_ONCE(addr[nr / 64]) >> (nr & 63));
}

int head_then_cap(void)
{
	unsigned long h = READ_ONCE(page_head);

	if (h & 1)
		return 0;
	return const_test_bit(42, caps);
}
/* EXPECT-NOT: addr-pointer-substituted @head_then_cap */

/*
 * Negative: a second list_empty() of a global list head (ksmd_should_run()
 * in ksm_scan_thread()).  Both reads are of the head itself, as the source
 * wrote them.
 */
struct list_head {
	struct list_head *next, *prev;
};

struct list_head work_list = { &work_list, &work_list };

static __always_inline bool list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

int drain_twice(void)
{
	if (!list_empty(&work_list))
		return 0;
	WRITE_ONCE(y, 1);
	return list_empty(&work_list);
}
/* EXPECT-NOT: addr-pointer-substituted @drain_twice */

/*
 * Positive: a module parameter of mode 0444 (rcu's module_param(x, int,
 * 0444)): set on the command line, read-only once the kernel runs.
 */
struct kernel_param {
	const char *name;
	void *mod;
	const void *ops;
	unsigned short perm;
	signed char level;
	unsigned char flags;
	union {
		void *arg;
	};
};

int boot_param;
static const struct kernel_param __param_boot_param
	__attribute__((__used__, __section__("__param"))) = {
		.name = "judged.boot_param", .perm = 0444, .level = -1,
		.arg = &boot_param };

void hoisted_param(void)
{
	int q = READ_ONCE(boot_param);

	if (q) {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(z, 2);
	} else {
		WRITE_ONCE(y, 1);
		WRITE_ONCE(w, 3);
	}
}
/* EXPECT-JUDGED: ctrl-hoisted-store @hoisted_param benign object-boot-only */

/*
 * Positive: flag, then data, with a plain read of the data that the
 * optimizer runs before the test (fill_page_cache_func()'s module
 * parameter, rcu_gp_is_normal()).  Real, and no LKMM hazard: a control
 * dependency does not order a later load.
 */
int data;

int flag_then_data(void)
{
	if (READ_ONCE(x))
		return data;
	return 0;
}
/* EXPECT-JUDGED: load-speculated @flag_then_data benign dependency-promised */
