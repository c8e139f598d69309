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
 *	rdtsc_ordered(), when the kernel trusts it: constant rate, does not
 *	stop in idle states, and not marked unstable when the clock was set
 *	up at boot. Otherwise it is ktime_get_mono_fast_ns(), CLOCK_MONOTONIC
 *	read without the timekeeping seqlock, which is NMI-safe. Both are
 *	consistent across CPUs. Cost: one rdtsc (about 20-40 cycles) or a
 *	few dozen instructions for the timekeeping variant.
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
 * a static key that is set once at boot.
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
	u64 freq;
	s64 offset_s;
	u64 offset;
	bool synchronized;
	uuid_t uuid;
};

/* Set once at boot when the TSC can be trusted; see clock.c. */
DECLARE_STATIC_KEY_FALSE(ltt_clock_tsc_key);
/* The LTT_CLOCK_COUNTER value; any CPU, any context. */
extern atomic64_t ltt_clock_counter;

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
#endif
	return ktime_get_mono_fast_ns();
}

int ltt_clock_get_info(enum ltt_clock_id id, struct ltt_clock_info *info);

#endif /* _LINUX_LTT_CLOCK_H */
