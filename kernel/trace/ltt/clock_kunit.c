// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LTT trace clock
 */
#include <kunit/test.h>
#include <linux/clocksource.h>
#include <linux/cpumask.h>
#include <linux/ltt/clock.h>
#include <linux/math64.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

#include "internal.h"

#define READS_PER_CPU	10000

static const enum ltt_clock_id clocks[] = {
	LTT_CLOCK_MONOTONIC,
	LTT_CLOCK_COUNTER,
};

static void clock_desc(const enum ltt_clock_id *id, char *desc)
{
	struct ltt_clock_info info;

	if (ltt_clock_get_info(*id, &info))
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "clock %d", *id);
	else
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", info.name);
}

KUNIT_ARRAY_PARAM(clock, clocks, clock_desc);

struct clock_run {
	enum ltt_clock_id id;
	u64 first;
	u64 last;
	unsigned int backwards;
	unsigned int equal;
};

/* Runs on the CPU under test, interrupts disabled (IPI). */
static void clock_run_on_cpu(void *arg)
{
	struct clock_run *run = arg;
	u64 prev, now;
	int i;

	prev = ltt_clock_read(run->id);
	run->first = prev;
	for (i = 0; i < READS_PER_CPU; i++) {
		now = ltt_clock_read(run->id);
		if (now < prev)
			run->backwards++;
		else if (now == prev)
			run->equal++;
		prev = now;
	}
	run->last = prev;
}

static void clock_is_monotonic_per_cpu(struct kunit *test)
{
	const enum ltt_clock_id id = *(const enum ltt_clock_id *)test->param_value;
	int cpu, ret;

	for_each_online_cpu(cpu) {
		struct clock_run run = { .id = id };

		ret = smp_call_function_single(cpu, clock_run_on_cpu, &run, 1);
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ_MSG(test, run.backwards, 0, "cpu %d", cpu);
		KUNIT_EXPECT_GT_MSG(test, run.last, run.first, "cpu %d", cpu);
		/* The counter ticks on every read. */
		if (id == LTT_CLOCK_COUNTER)
			KUNIT_EXPECT_EQ_MSG(test, run.equal, 0, "cpu %d", cpu);
	}
}

static void clock_read_on_cpu(void *arg)
{
	struct clock_run *run = arg;

	run->first = ltt_clock_read(run->id);
}

/*
 * Read the clock on each CPU in turn, each read after the previous one
 * (the IPI waits for completion). A clock synchronised across CPUs must
 * give non-decreasing values; the counter strictly increasing ones.
 */
static void clock_orders_across_cpus(struct kunit *test)
{
	const enum ltt_clock_id id = *(const enum ltt_clock_id *)test->param_value;
	struct ltt_clock_info info;
	u64 prev = 0;
	int round, cpu, ret;

	KUNIT_ASSERT_EQ(test, ltt_clock_get_info(id, &info), 0);
	if (!info.synchronized)
		kunit_skip(test, "%s is not synchronised across CPUs", info.name);

	for (round = 0; round < 100; round++) {
		for_each_online_cpu(cpu) {
			struct clock_run run = { .id = id };

			ret = smp_call_function_single(cpu, clock_read_on_cpu,
						       &run, 1);
			KUNIT_ASSERT_EQ(test, ret, 0);
			if (id == LTT_CLOCK_COUNTER)
				KUNIT_ASSERT_GT_MSG(test, run.first, prev,
						    "cpu %d round %d", cpu, round);
			else
				KUNIT_ASSERT_GE_MSG(test, run.first, prev,
						    "cpu %d round %d", cpu, round);
			prev = run.first;
		}
	}
}

static void clock_info_is_sane(struct kunit *test)
{
	const enum ltt_clock_id id = *(const enum ltt_clock_id *)test->param_value;
	struct ltt_clock_info info, again;
	u64 value, secs;
	s64 wall, t;

	KUNIT_ASSERT_EQ(test, ltt_clock_get_info(id, &info), 0);
	KUNIT_EXPECT_NOT_NULL(test, info.name);
	KUNIT_EXPECT_NOT_NULL(test, info.description);
	KUNIT_EXPECT_GE(test, info.freq, 1000000ULL);
	KUNIT_EXPECT_LE(test, info.freq, 100ULL * NSEC_PER_SEC);
	KUNIT_EXPECT_LT(test, info.offset, info.freq);
	KUNIT_EXPECT_FALSE(test, uuid_is_null(&info.uuid));

	/* offset_s + (offset + value) / freq is the time of day. */
	value = ltt_clock_read(id);
	wall = ktime_get_real_seconds();
	secs = div64_u64(info.offset + value, info.freq);
	t = info.offset_s + (s64)secs;
	KUNIT_EXPECT_LE_MSG(test, abs(t - wall), 2, "clock says %lld, wall %lld",
			    t, wall);

	/* Same clock, same boot: same uuid. */
	KUNIT_ASSERT_EQ(test, ltt_clock_get_info(id, &again), 0);
	KUNIT_EXPECT_TRUE(test, uuid_equal(&info.uuid, &again.uuid));
	KUNIT_EXPECT_EQ(test, info.freq, again.freq);
}

static void clock_uuids_differ(struct kunit *test)
{
	struct ltt_clock_info mono, counter;

	KUNIT_ASSERT_EQ(test, ltt_clock_get_info(LTT_CLOCK_MONOTONIC, &mono), 0);
	KUNIT_ASSERT_EQ(test, ltt_clock_get_info(LTT_CLOCK_COUNTER, &counter), 0);
	KUNIT_EXPECT_FALSE(test, uuid_equal(&mono.uuid, &counter.uuid));
	KUNIT_EXPECT_STRNEQ(test, mono.name, counter.name);
	KUNIT_EXPECT_EQ(test, ltt_clock_get_info(LTT_CLOCK_NR, &mono), -EINVAL);
}

/*
 * After the kernel stops trusting the TSC, the monotonic clock goes on in
 * TSC cycles from the TSC value of the switch: a second of the fast
 * monotonic clock is tsc_khz * 1000 of them, and it does not go back for
 * a value read a little before the switch.
 */
static void clock_fallback_counts_tsc_cycles(struct kunit *test)
{
#ifdef CONFIG_X86_TSC
	struct ltt_clock_fallback f = { .tsc = 123456789, .ns = 5000 };
	u64 want, got;

	if (!tsc_khz)
		kunit_skip(test, "no TSC frequency");
	clocks_calc_mult_shift(&f.mult, &f.shift, NSEC_PER_MSEC, tsc_khz, 600);
	KUNIT_EXPECT_EQ(test, ltt_clock_fallback_at(&f, f.ns), f.tsc);
	KUNIT_EXPECT_EQ(test, ltt_clock_fallback_at(&f, f.ns - 1000), f.tsc);
	/* One second, then an hour: within a part per million. */
	want = (u64)tsc_khz * 1000;
	got = ltt_clock_fallback_at(&f, f.ns + NSEC_PER_SEC) - f.tsc;
	KUNIT_EXPECT_LE_MSG(test, abs_diff(got, want), want / 1000000 + 1,
			    "1 s is %llu cycles, want %llu", got, want);
	want *= 3600;
	got = ltt_clock_fallback_at(&f, f.ns + 3600 * NSEC_PER_SEC) - f.tsc;
	KUNIT_EXPECT_LE_MSG(test, abs_diff(got, want), want / 1000000 + 1,
			    "1 h is %llu cycles, want %llu", got, want);
#else
	kunit_skip(test, "no TSC");
#endif
}

static struct kunit_case ltt_clock_cases[] = {
	KUNIT_CASE_PARAM(clock_is_monotonic_per_cpu, clock_gen_params),
	KUNIT_CASE_PARAM(clock_orders_across_cpus, clock_gen_params),
	KUNIT_CASE_PARAM(clock_info_is_sane, clock_gen_params),
	KUNIT_CASE(clock_uuids_differ),
	KUNIT_CASE(clock_fallback_counts_tsc_cycles),
	{}
};

static struct kunit_suite ltt_clock_suite = {
	.name = "ltt_clock",
	.test_cases = ltt_clock_cases,
};

kunit_test_suite(ltt_clock_suite);
