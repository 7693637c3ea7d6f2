/* SPDX-License-Identifier: MIT */
/*
 * lkmm.h - self-contained, kernel-style marked-access primitives for the
 * lkmm-hazard test corpus.  Written for this corpus; shaped like the
 * Linux kernel's macros so that clang emits the same IR patterns.
 */
#ifndef LKMM_CORPUS_H
#define LKMM_CORPUS_H

typedef unsigned long uintptr_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)

#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __used __attribute__((__used__))

/* Marked plain-width accesses: a volatile cast, like the kernel's __READ_ONCE. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                                                     \
	do {                                                                   \
		*(volatile __typeof__(x) *)&(x) = (val);                       \
	} while (0)

/* rcu_dereference(): a READ_ONCE of the pointer, dependency-ordered. */
#define rcu_dereference(p)                                                     \
	({                                                                     \
		__typeof__(p) ___p1 = READ_ONCE(p);                            \
		___p1;                                                         \
	})
#define rcu_assign_pointer(p, v) smp_store_release(&(p), (v))

/* Compiler barrier. */
#define barrier() __asm__ __volatile__("" ::: "memory")

#if defined(__x86_64__)

#define smp_mb()                                                               \
	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")

/* TSO: acquire/release are plain volatile accesses plus a compiler barrier. */
#define smp_load_acquire(p)                                                    \
	({                                                                     \
		__typeof__(*(p)) ___v1 = READ_ONCE(*(p));                      \
		barrier();                                                     \
		___v1;                                                         \
	})
#define smp_store_release(p, v)                                                \
	do {                                                                   \
		barrier();                                                     \
		WRITE_ONCE(*(p), (v));                                         \
	} while (0)

#elif defined(__aarch64__)

#define smp_mb() __asm__ __volatile__("dmb ish" ::: "memory")

#define __ldar64(p)                                                            \
	({                                                                     \
		unsigned long ___t;                                            \
		__asm__ __volatile__("ldar %0, %1"                             \
				     : "=r"(___t)                              \
				     : "Q"(*(p))                               \
				     : "memory");                              \
		(__typeof__(*(p)))___t;                                        \
	})
#define __ldar32(p)                                                            \
	({                                                                     \
		unsigned int ___t;                                             \
		__asm__ __volatile__("ldar %w0, %1"                            \
				     : "=r"(___t)                              \
				     : "Q"(*(p))                               \
				     : "memory");                              \
		(__typeof__(*(p)))(unsigned long)___t;                         \
	})
#define smp_load_acquire(p)                                                    \
	__builtin_choose_expr(sizeof(*(p)) == 8, __ldar64(p), __ldar32(p))

#define smp_store_release(p, v)                                                \
	do {                                                                   \
		if (sizeof(*(p)) == 8)                                         \
			__asm__ __volatile__("stlr %1, %0"                     \
					     : "=Q"(*(p))                      \
					     : "r"((unsigned long)(v))         \
					     : "memory");                      \
		else                                                           \
			__asm__ __volatile__("stlr %w1, %0"                    \
					     : "=Q"(*(p))                      \
					     : "r"((unsigned long)(v))         \
					     : "memory");                      \
	} while (0)

#else
#error "lkmm.h: only x86_64 and aarch64 are supported"
#endif

/* Atomics. */
typedef struct {
	int counter;
} atomic_t;

#define atomic_read(v) READ_ONCE((v)->counter)
#define atomic_set(v, i) WRITE_ONCE((v)->counter, (i))

#if defined(__x86_64__)
static __always_inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; addl %1,%0"
			     : "+m"(v->counter)
			     : "ir"(i)
			     : "memory");
}

/* xchg has an implicit lock prefix; the kernel writes it without one. */
static __always_inline unsigned long xchg(unsigned long *p, unsigned long v)
{
	__asm__ __volatile__("xchgq %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

static __always_inline int cmpxchg(int *p, int old, int new)
{
	int ret;
	__asm__ __volatile__("lock; cmpxchgl %2,%1"
			     : "=a"(ret), "+m"(*p)
			     : "r"(new), "0"(old)
			     : "memory");
	return ret;
}
#elif defined(__aarch64__)
/* LSE atomic for atomic_add; compiler builtins for xchg/cmpxchg. */
static __always_inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__(".arch_extension lse\n\tstadd %w[i], %[v]"
			     : [v] "+Q"(v->counter)
			     : [i] "r"(i));
}

static __always_inline unsigned long xchg(unsigned long *p, unsigned long v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

static __always_inline int cmpxchg(int *p, int old, int new)
{
	__atomic_compare_exchange_n(p, &old, new, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return old;
}
#endif

/* A relaxed atomic load through the compiler builtin. */
#define atomic_load_relaxed(p) __atomic_load_n((p), __ATOMIC_RELAXED)

/*
 * volatile_if-style branch through asm goto: the branch is made by the
 * inline asm itself (a callbr in IR), so the compiler cannot fold it or
 * merge the stores of its two destinations.  Usage:
 *	VOLATILE_GOTO_IF(cond_value, label_taken);
 *	... not-taken path ...
 * label_taken:
 *	... taken path ...
 */
#if defined(__x86_64__)
#define VOLATILE_GOTO_IF(c, lbl)                                               \
	__asm__ goto("test %0, %0\n\tjnz %l[" #lbl "]"                        \
		     :                                                         \
		     : "r"((unsigned long)(c))                                 \
		     : "memory", "cc"                                          \
		     : lbl)
#else
#define VOLATILE_GOTO_IF(c, lbl)                                               \
	__asm__ goto("cbnz %0, %l[" #lbl "]"                                  \
		     :                                                         \
		     : "r"((unsigned long)(c))                                 \
		     : "memory"                                                \
		     : lbl)
#endif

#endif /* LKMM_CORPUS_H */
