// SPDX-License-Identifier: GPL-2.0
/*
 * LTT trace clock: choosing the clock, following the kernel's verdict on
 * the TSC, and describing it
 *
 * The reads themselves are inline in <linux/ltt/clock.h>. This file
 * decides at boot whether the TSC can be the monotonic trace clock, and
 * answers what the trace metadata needs to know about each clock.
 *
 * Leaving the TSC. The kernel may decide after boot that the TSC is not
 * to be trusted (mark_tsc_unstable(): the clocksource watchdog, a CPU
 * brought online out of sync). It has no notifier for that verdict, but
 * the timekeeping core calls its pvclock_gtod notifier chain after every
 * timekeeping update, every tick and on a change of clocksource, with
 * interrupts off: ltt_clock_gtod_notify() looks at check_tsc_unstable()
 * there (a load and a branch per tick while LTT reads the TSC, nothing
 * afterwards) and queues ltt_clock_leave_tsc(). That work, in process
 * context because static keys sleep and grace periods are waited for:
 *
 *   1. disables ltt_clock_steady_key: writers that stamp from now on
 *      floor their timestamp at the last one of their buffer (see
 *      ltt_rb_stamp()), still reading the TSC;
 *   2. waits for a grace period: every writer that stamped without the
 *      floor ran with preemption disabled and has now reserved, so the
 *      floor covers its stamp too;
 *   3. samples the TSC and ktime_get_mono_fast_ns() together into
 *      ltt_clock_fallback;
 *   4. smp_wmb(), then enables ltt_clock_fallback_key: a reader that
 *      sees the key sees the sample (the smp_rmb() in ltt_clock_read());
 *   5. disables ltt_clock_tsc_key: from now on every CPU reads the
 *      fallback, the fast monotonic clock in TSC units, continuing from
 *      the TSC value of step 3;
 *   6. calls the ltt_clock_notifier chain, through which every session
 *      already described appends to its metadata when and to what the
 *      clock changed.
 *
 * Between 4 and 5 a CPU may still read the TSC, and a value read just
 * before the sample may come after it; another CPU's TSC may be ahead of
 * the one sampled. Neither makes a buffer's timestamps go back: from step
 * 2 on, every writer floors its stamp. The
 * units stay TSC cycles for the rest of the boot, in every session, so
 * that a session started later and one started before describe their
 * clock the same way.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/clocksource.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/irq_work.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/ltt/clock.h>
#include <linux/math64.h>
#include <linux/notifier.h>
#include <linux/pvclock_gtod.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

DEFINE_STATIC_KEY_FALSE(ltt_clock_tsc_key);
EXPORT_SYMBOL_GPL(ltt_clock_tsc_key);
DEFINE_STATIC_KEY_FALSE(ltt_clock_steady_key);
EXPORT_SYMBOL_GPL(ltt_clock_steady_key);
atomic64_t ltt_clock_counter = ATOMIC64_INIT(0);
EXPORT_SYMBOL_GPL(ltt_clock_counter);

DEFINE_STATIC_KEY_FALSE(ltt_clock_fallback_key);
EXPORT_SYMBOL_GPL(ltt_clock_fallback_key);
struct ltt_clock_fallback ltt_clock_fallback;

/**
 * ltt_clock_read_fallback() - The monotonic clock once the TSC is left
 *
 * Out of line, unlike the rest of ltt_clock_read(): its 128-bit multiply
 * makes GCC realign the stack frame of every function it is inlined in,
 * every writer of the ring buffer, for a path taken only after the kernel
 * stopped trusting the TSC.
 *
 * Context: any, NMI included, once ltt_clock_fallback_key is enabled.
 * Return: the fast monotonic clock in TSC units, see ltt_clock_read().
 */
notrace u64 ltt_clock_read_fallback(void)
{
	u64 ns = ktime_get_mono_fast_ns();

	/*
	 * Pairs with the smp_wmb() in ltt_clock_leave_tsc(): seen enabled,
	 * the key comes with the fallback it was set for.
	 */
	smp_rmb();
	return ltt_clock_fallback_at(&ltt_clock_fallback, ns);
}
EXPORT_SYMBOL_GPL(ltt_clock_read_fallback);

/* Written once by ltt_clock_init(), read-only afterwards. */
static uuid_t ltt_clock_uuid[LTT_CLOCK_NR] __ro_after_init;

static BLOCKING_NOTIFIER_HEAD(ltt_clock_notifier);

static bool ltt_clock_uses_tsc(void)
{
#ifdef CONFIG_X86_TSC
	return static_branch_likely(&ltt_clock_tsc_key);
#else
	return false;
#endif
}

/* The monotonic clock counts TSC cycles, from the TSC or the fallback. */
static bool ltt_clock_in_tsc_units(void)
{
#ifdef CONFIG_X86_TSC
	return ltt_clock_uses_tsc() ||
	       static_branch_unlikely(&ltt_clock_fallback_key);
#else
	return false;
#endif
}

/*
 * The TSC is good enough when it ticks at a constant rate whatever the
 * CPU frequency, keeps ticking in deep idle states, and neither the boot
 * time synchronisation check nor the clocksource watchdog has marked it
 * unstable. Then the kernel itself keeps it synchronised across CPUs and
 * it is the cheapest clock there is. A TSC the kernel was told is
 * reliable (tsc=reliable, or a hypervisor's X86_FEATURE_TSC_RELIABLE:
 * tsc_clocksource_reliable) is trusted as the kernel trusts it, whatever
 * the CPU says of its rate; it can still be marked unstable later.
 */
static bool __init ltt_clock_tsc_trusted(void)
{
#ifdef CONFIG_X86_TSC
	bool invariant = boot_cpu_has(X86_FEATURE_CONSTANT_TSC) &&
			 boot_cpu_has(X86_FEATURE_NONSTOP_TSC);

	return boot_cpu_has(X86_FEATURE_TSC) &&
	       (invariant || tsc_clocksource_reliable) &&
	       !check_tsc_unstable() && tsc_khz;
#else
	return false;
#endif
}

static u64 ltt_clock_freq(enum ltt_clock_id id)
{
#ifdef CONFIG_X86_TSC
	if (id == LTT_CLOCK_MONOTONIC && ltt_clock_in_tsc_units())
		return (u64)tsc_khz * 1000;
#endif
	/* Nanoseconds, or for the counter a nominal 1 GHz. */
	return NSEC_PER_SEC;
}

static u64 ltt_clock_to_ns(enum ltt_clock_id id, u64 value)
{
#ifdef CONFIG_X86_TSC
	if (id == LTT_CLOCK_MONOTONIC && ltt_clock_in_tsc_units())
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
		info->source = "ktime_get_mono_fast_ns";
		info->source_since = 0;
		info->synchronized = true;
#ifdef CONFIG_X86_TSC
		if (ltt_clock_uses_tsc()) {
			info->description = "x86 TSC, constant rate, synchronised across CPUs";
			info->source = "tsc";
		} else if (static_branch_unlikely(&ltt_clock_fallback_key)) {
			info->description = "CLOCK_MONOTONIC in TSC cycles (TSC marked unstable)";
			info->source_since = ltt_clock_fallback.tsc;
		}
#endif
		break;
	case LTT_CLOCK_COUNTER:
		info->name = "counter";
		info->description = "Global event counter: orders events, does not measure time";
		info->source = "counter";
		info->source_since = 0;
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

/**
 * ltt_clock_notifier_register() - Be told when the monotonic clock changes
 * @nb: called, in process context, with the clock's new struct
 *	ltt_clock_info as data, when it stops reading the TSC
 *
 * Return: 0, or an error of blocking_notifier_chain_register().
 */
int ltt_clock_notifier_register(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&ltt_clock_notifier, nb);
}

/* The steps of "Leaving the TSC" at the top of this file. */
static void ltt_clock_leave_tsc(struct work_struct *work)
{
#ifdef CONFIG_X86_TSC
	struct ltt_clock_fallback f;
	struct ltt_clock_info info;
	unsigned long flags;

	if (!ltt_clock_uses_tsc())
		return;
	static_branch_disable(&ltt_clock_steady_key);
	/* Writers run with preemption disabled: see ltt_rb_stamp(). */
	synchronize_rcu();
	/* Nanoseconds (a 1e6 per millisecond) to cycles (tsc_khz). */
	clocks_calc_mult_shift(&f.mult, &f.shift, NSEC_PER_MSEC, tsc_khz, 600);
	local_irq_save(flags);
	f.tsc = rdtsc_ordered();
	f.ns = ktime_get_mono_fast_ns();
	local_irq_restore(flags);
	ltt_clock_fallback = f;
	/* Pairs with the smp_rmb() in ltt_clock_read(). */
	smp_wmb();
	static_branch_enable(&ltt_clock_fallback_key);
	static_branch_disable(&ltt_clock_tsc_key);
	pr_warn("trace clock: the kernel marked the TSC unstable; from %llu on, ktime_get_mono_fast_ns in TSC units\n",
		f.tsc);
	if (!ltt_clock_get_info(LTT_CLOCK_MONOTONIC, &info))
		blocking_notifier_call_chain(&ltt_clock_notifier, 0, &info);
#endif
}

static DECLARE_WORK(ltt_clock_leave_work, ltt_clock_leave_tsc);

static void ltt_clock_leave_irq_work(struct irq_work *work)
{
	schedule_work(&ltt_clock_leave_work);
}

static DEFINE_IRQ_WORK(ltt_clock_leave_irq, ltt_clock_leave_irq_work);

/*
 * After every timekeeping update, timekeeper_lock held, interrupts off:
 * only an irq_work may be queued from here.
 */
static int ltt_clock_gtod_notify(struct notifier_block *nb,
				 unsigned long was_set, void *tk)
{
#ifdef CONFIG_X86_TSC
	if (ltt_clock_uses_tsc() && unlikely(check_tsc_unstable()))
		irq_work_queue(&ltt_clock_leave_irq);
#endif
	return NOTIFY_DONE;
}

static struct notifier_block ltt_clock_gtod_nb = {
	.notifier_call = ltt_clock_gtod_notify,
};

/*
 * After smp_init(), so that the TSC synchronisation check of the
 * secondary CPUs has had its say.
 */
static int __init ltt_clock_init(void)
{
	int i;

	for (i = 0; i < LTT_CLOCK_NR; i++)
		uuid_gen(&ltt_clock_uuid[i]);
	if (ltt_clock_tsc_trusted()) {
		static_branch_enable(&ltt_clock_tsc_key);
		static_branch_enable(&ltt_clock_steady_key);
		if (pvclock_gtod_register_notifier(&ltt_clock_gtod_nb))
			pr_warn("trace clock: will not notice the TSC becoming unstable\n");
	}
	pr_info("trace clock: %s\n",
		ltt_clock_uses_tsc() ? "tsc" : "ktime_get_mono_fast_ns");
	return 0;
}
core_initcall(ltt_clock_init);
