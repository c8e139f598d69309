// SPDX-License-Identifier: GPL-2.0
/*
 * LTT trace clock: choosing the clock at boot and describing it
 *
 * The reads themselves are inline in <linux/ltt/clock.h>. This file
 * decides once, at boot, whether the TSC can be the monotonic trace
 * clock, and answers what the trace metadata needs to know about each
 * clock.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/export.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/ltt/clock.h>
#include <linux/math64.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

DEFINE_STATIC_KEY_FALSE(ltt_clock_tsc_key);
EXPORT_SYMBOL_GPL(ltt_clock_tsc_key);
atomic64_t ltt_clock_counter = ATOMIC64_INIT(0);
EXPORT_SYMBOL_GPL(ltt_clock_counter);

/* Written once by ltt_clock_init(), read-only afterwards. */
static uuid_t ltt_clock_uuid[LTT_CLOCK_NR] __ro_after_init;

static bool ltt_clock_uses_tsc(void)
{
#ifdef CONFIG_X86_TSC
	return static_branch_likely(&ltt_clock_tsc_key);
#else
	return false;
#endif
}

/*
 * The TSC is good enough when it ticks at a constant rate whatever the
 * CPU frequency, keeps ticking in deep idle states, and neither the boot
 * time synchronisation check nor the clocksource watchdog has marked it
 * unstable. Then the kernel itself keeps it synchronised across CPUs and
 * it is the cheapest clock there is.
 */
static bool __init ltt_clock_tsc_trusted(void)
{
#ifdef CONFIG_X86_TSC
	return boot_cpu_has(X86_FEATURE_TSC) &&
	       boot_cpu_has(X86_FEATURE_CONSTANT_TSC) &&
	       boot_cpu_has(X86_FEATURE_NONSTOP_TSC) &&
	       !check_tsc_unstable() && tsc_khz;
#else
	return false;
#endif
}

static u64 ltt_clock_freq(enum ltt_clock_id id)
{
#ifdef CONFIG_X86_TSC
	if (id == LTT_CLOCK_MONOTONIC && ltt_clock_uses_tsc())
		return (u64)tsc_khz * 1000;
#endif
	/* Nanoseconds, or for the counter a nominal 1 GHz. */
	return NSEC_PER_SEC;
}

static u64 ltt_clock_to_ns(enum ltt_clock_id id, u64 value)
{
#ifdef CONFIG_X86_TSC
	if (id == LTT_CLOCK_MONOTONIC && ltt_clock_uses_tsc())
		return mul_u64_u32_div(value, NSEC_PER_MSEC, tsc_khz);
#endif
	return value;
}

/*
 * Sample the clock on both sides of the wall-clock read so that the
 * offset is off by at most half the time ktime_get_real_ns() takes. The
 * counter has no relation to time: its offset makes its values show up
 * as nanoseconds after the moment the session started, which is what
 * trace viewers expect to display.
 */
static void ltt_clock_offset(enum ltt_clock_id id, struct ltt_clock_info *info)
{
	unsigned long flags;
	u64 before, after, real;
	s64 offset_ns;
	s32 rem;

	local_irq_save(flags);
	before = ltt_clock_read(id);
	real = ktime_get_real_ns();
	after = ltt_clock_read(id);
	local_irq_restore(flags);

	offset_ns = real - ltt_clock_to_ns(id, before + (after - before) / 2);
	info->offset_s = div_s64_rem(offset_ns, NSEC_PER_SEC, &rem);
	if (rem < 0) {
		rem += NSEC_PER_SEC;
		info->offset_s--;
	}
	info->offset = mul_u64_u64_div_u64(rem, info->freq, NSEC_PER_SEC);
}

/**
 * ltt_clock_get_info() - Describe a trace clock for the trace metadata
 * @id: which clock
 * @info: filled in on success
 *
 * The offset to wall-clock time is sampled now: call this when the
 * tracing session starts, so that a later settimeofday() does not shift
 * the events already recorded. Process or softirq context.
 *
 * Return: 0, or -EINVAL if @id is not a clock.
 */
int ltt_clock_get_info(enum ltt_clock_id id, struct ltt_clock_info *info)
{
	switch (id) {
	case LTT_CLOCK_MONOTONIC:
		info->name = "monotonic";
		info->description = "CLOCK_MONOTONIC, NMI-safe fast read";
		info->synchronized = true;
#ifdef CONFIG_X86_TSC
		if (ltt_clock_uses_tsc()) {
			info->description = "x86 TSC, constant rate, synchronised across CPUs";
			/* The watchdog may have given up on it since boot. */
			info->synchronized = !check_tsc_unstable();
		}
#endif
		break;
	case LTT_CLOCK_COUNTER:
		info->name = "counter";
		info->description = "Global event counter: orders events, does not measure time";
		info->synchronized = true;
		break;
	default:
		return -EINVAL;
	}
	info->freq = ltt_clock_freq(id);
	info->uuid = ltt_clock_uuid[id];
	ltt_clock_offset(id, info);
	return 0;
}
EXPORT_SYMBOL_GPL(ltt_clock_get_info);

/*
 * After smp_init(), so that the TSC synchronisation check of the
 * secondary CPUs has had its say.
 */
static int __init ltt_clock_init(void)
{
	int i;

	for (i = 0; i < LTT_CLOCK_NR; i++)
		uuid_gen(&ltt_clock_uuid[i]);
	if (ltt_clock_tsc_trusted())
		static_branch_enable(&ltt_clock_tsc_key);
	pr_info("trace clock: %s\n",
		ltt_clock_uses_tsc() ? "tsc" : "ktime_get_mono_fast_ns");
	return 0;
}
core_initcall(ltt_clock_init);
