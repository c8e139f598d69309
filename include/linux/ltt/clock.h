/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT trace clock
 *
 * Every event LTT records carries a timestamp read with ltt_clock_read()
 * in the tracing fast path, from any context including NMI. Two clocks
 * exist:
 *
 * LTT_CLOCK_MONOTONIC
 *	The default. On x86-64 it is the TSC itself, read with
 *	rdtsc_ordered(), when the kernel trusts it: constant rate and does
 *	not stop in idle states (or declared reliable, tsc=reliable or by a
 *	hypervisor), and not marked unstable when the clock was set up at
 *	boot. Otherwise it is ktime_get_mono_fast_ns(), CLOCK_MONOTONIC
 *	read without the timekeeping seqlock, which is NMI-safe. Both are
 *	consistent across CPUs. Cost: one rdtsc (about 20-40 cycles) or a
 *	few dozen instructions for the timekeeping variant.
 *
 *	The kernel may stop trusting the TSC after boot: the clocksource
 *	watchdog or a CPU brought online out of sync calls
 *	mark_tsc_unstable(). LTT follows within a tick (clock.c): from then
 *	on it reads ktime_get_mono_fast_ns() too, but scaled to TSC units and
 *	continuing from the TSC value of the switch, so that the traces of
 *	sessions already described as counting TSC cycles stay in one unit
 *	and go on from where they were (struct ltt_clock_fallback). The
 *	trace says when it happened (ltt_clock_get_info()'s @source_since).
 *
 * LTT_CLOCK_COUNTER
 *	A global atomic counter incremented on every read. It says nothing
 *	about time, but two events recorded on different CPUs are ordered
 *	the way the counter says, which the monotonic clock cannot promise
 *	within its resolution. Every read is a locked instruction on a
 *	shared cache line: use it to debug ordering, not for throughput.
 *
 * The fast-path read is ltt_clock_read(), always inlined, without
 * function pointers: the clock is chosen by a branch on the clock id and
 * static keys, set at boot and switched at most once after.
 *
 * What a trace reader needs to turn clock values into time (the CTF
 * clock description: name, frequency, offset to wall-clock time, whether
 * the clock is synchronised across CPUs, and a uuid that identifies this
 * boot's clock) comes from ltt_clock_get_info(), which is meant to be
 * called once when a tracing session starts. Values read on one boot are
 * only comparable with values read on the same boot, which is what the
 * uuid tells readers.
 */
#ifndef _LINUX_LTT_CLOCK_H
#define _LINUX_LTT_CLOCK_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/math64.h>
#include <linux/timekeeping.h>
#include <linux/types.h>
#include <linux/uuid.h>

#ifdef CONFIG_X86_TSC
#include <asm/tsc.h>
#endif

/**
 * enum ltt_clock_id - The clocks a trace can be recorded with
 * @LTT_CLOCK_MONOTONIC: the TSC when trusted, else the fast monotonic clock
 * @LTT_CLOCK_COUNTER: a global counter that only orders events
 * @LTT_CLOCK_NR: number of clocks
 */
enum ltt_clock_id {
	LTT_CLOCK_MONOTONIC,
	LTT_CLOCK_COUNTER,
	LTT_CLOCK_NR,
};

/**
 * struct ltt_clock_info - A clock as the trace metadata describes it
 * @name: short name, a valid CTF identifier
 * @description: one line for humans
 * @source: what the clock reads now: "tsc", "ktime_get_mono_fast_ns" or
 *	"counter"
 * @source_since: the clock value from which it reads @source, 0 if it
 *	always did on this boot
 * @freq: frequency in Hz: how many clock units make one second
 * @offset_s: seconds from the Unix epoch to clock value 0
 * @offset: clock units to add to @offset_s, always less than @freq
 * @synchronized: values read on two CPUs at the same instant are equal,
 *	so that events of different CPUs can be merged by timestamp
 * @uuid: identifies this clock on this boot; values read on another boot
 *	or from another clock cannot be compared with these
 */
struct ltt_clock_info {
	const char *name;
	const char *description;
	const char *source;
	u64 source_since;
	u64 freq;
	s64 offset_s;
	u64 offset;
	bool synchronized;
	uuid_t uuid;
};

/**
 * struct ltt_clock_fallback - The fast monotonic clock in TSC units
 * @tsc: the TSC when LTT stopped reading it
 * @ns: ktime_get_mono_fast_ns() at the same moment
 * @mult: TSC cycles per nanosecond, times 2^@shift
 * @shift: see @mult
 *
 * Written once, by the work that leaves the TSC, before it enables
 * ltt_clock_fallback_key; see ltt_clock_read().
 */
struct ltt_clock_fallback {
	u64 tsc;
	u64 ns;
	u32 mult;
	u32 shift;
};

/* Set once at boot when the TSC can be trusted; see clock.c. */
DECLARE_STATIC_KEY_FALSE(ltt_clock_tsc_key);
/* Set, and the TSC key cleared, when the kernel stops trusting the TSC. */
DECLARE_STATIC_KEY_FALSE(ltt_clock_fallback_key);
extern struct ltt_clock_fallback ltt_clock_fallback;
/*
 * Set with ltt_clock_tsc_key, cleared a grace period before it is: see
 * ltt_clock_is_steady().
 */
DECLARE_STATIC_KEY_FALSE(ltt_clock_steady_key);
/* The LTT_CLOCK_COUNTER value; any CPU, any context. */
extern atomic64_t ltt_clock_counter;

/**
 * ltt_clock_fallback_at() - The fast monotonic clock in TSC units
 * @f: the switch from the TSC
 * @ns: a ktime_get_mono_fast_ns() value
 *
 * A value read before the switch (another CPU's clock may lag a little)
 * maps to the switch itself: the trace clock does not go back.
 *
 * Return: @f->tsc plus the TSC cycles of @ns - @f->ns.
 */
static __always_inline u64
ltt_clock_fallback_at(const struct ltt_clock_fallback *f, u64 ns)
{
	s64 delta = ns - f->ns;

	if (unlikely(delta <= 0))
		return f->tsc;
	return f->tsc + mul_u64_u32_shr(delta, f->mult, f->shift);
}

u64 ltt_clock_read_fallback(void);

/**
 * ltt_clock_read() - Read a trace clock
 * @id: which clock
 *
 * Safe in any context, NMI included. For a given clock, two reads on one
 * CPU never go backwards, with one exception for the timekeeping-based
 * fallback: a read from an NMI that interrupted a timekeeping update may
 * be a few nanoseconds ahead of the reads that follow it.
 *
 * Return: the clock value, in the units ltt_clock_get_info() reports.
 */
static __always_inline u64 ltt_clock_read(enum ltt_clock_id id)
{
	if (unlikely(id == LTT_CLOCK_COUNTER))
		return atomic64_inc_return(&ltt_clock_counter);
#ifdef CONFIG_X86_TSC
	if (static_branch_likely(&ltt_clock_tsc_key))
		return rdtsc_ordered();
	if (static_branch_unlikely(&ltt_clock_fallback_key))
		return ltt_clock_read_fallback();
#endif
	return ktime_get_mono_fast_ns();
}

/**
 * ltt_clock_is_steady() - Can a clock's reads on one CPU be trusted in order?
 * @id: which clock
 *
 * True for the monotonic clock while it is the TSC: two reads on one CPU
 * never go backwards, so that a writer of a per-CPU buffer can use what
 * it reads as it is. Otherwise (the fallback, the counter that tests
 * jump) the ring buffer floors each timestamp at the last one. Turns
 * false a grace period before the clock changes (see clock.c), so that
 * every writer that trusted the TSC has reserved by then.
 *
 * Context: any, NMI included. A writer that trusts the clock on its
 * answer keeps preemption disabled until it has reserved its event.
 * Return: whether reads of @id on one CPU never go backwards.
 */
static __always_inline bool ltt_clock_is_steady(enum ltt_clock_id id)
{
#ifdef CONFIG_X86_TSC
	return id == LTT_CLOCK_MONOTONIC &&
	       static_branch_likely(&ltt_clock_steady_key);
#else
	return false;
#endif
}

int ltt_clock_get_info(enum ltt_clock_id id, struct ltt_clock_info *info);

struct notifier_block;
int ltt_clock_notifier_register(struct notifier_block *nb);

#endif /* _LINUX_LTT_CLOCK_H */
