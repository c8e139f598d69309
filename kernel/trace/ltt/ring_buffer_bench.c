// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the LTT ring buffer write path
 *
 * Loading the module times @n reservations and commits of an event with
 * a 16-byte payload on an LTT ring buffer, and the same on a private ring
 * buffer of the kernel's own (ring_buffer_alloc(), the one ftrace uses),
 * @reps times, the two interleaved so that both see the same machine
 * state, then prints the median cost of each in nanoseconds per event
 * and their ratio, the kernel ring buffer's cost over LTT's:
 *
 *   ltt_rb_bench: n=... reps=... ltt=12.345 ns/op ring_buffer=23.456 ns/op ratio=1.900
 *
 * Both buffers are in overwrite mode and never read, so that neither ever
 * drops an event or waits; each batch runs on one CPU with preemption
 * disabled. Both are stamped with their default clock: the LTT trace
 * clock, and the kernel ring buffer's trace_clock_local().
 *
 * This is a measurement, not a test: it always loads, unless it cannot
 * allocate its buffers. Unload it to run it again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/ring_buffer.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/timekeeping.h>
#include <linux/unaligned.h>

static unsigned int n = 100000;
module_param(n, uint, 0444);
MODULE_PARM_DESC(n, "events per timed batch");

static unsigned int reps = 11;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "timed batches per ring buffer");

#define BENCH_LEN	16

/* Time @n events on @rb; returns nanoseconds. */
static u64 bench_ltt(struct ltt_rb *rb)
{
	struct ltt_rb_ctx ctx;
	unsigned int i;
	u64 t0, t1;

	preempt_disable();
	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		if (ltt_rb_reserve(ltt_rb_this_cpu(rb), &ctx, 1, BENCH_LEN))
			continue;
		put_unaligned((u64)i, (u64 *)ctx.payload);
		put_unaligned(t0, (u64 *)(ctx.payload + 8));
		ltt_rb_commit(&ctx);
	}
	t1 = ktime_get_ns();
	preempt_enable();
	return t1 - t0;
}

/* The same on the kernel's ring buffer. */
static u64 bench_kernel_rb(struct trace_buffer *tb)
{
	struct ring_buffer_event *event;
	unsigned int i;
	u64 t0, t1;
	u64 *data;

	preempt_disable();
	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		event = ring_buffer_lock_reserve(tb, BENCH_LEN);
		if (!event)
			continue;
		data = ring_buffer_event_data(event);
		data[0] = i;
		data[1] = t0;
		ring_buffer_unlock_commit(tb);
	}
	t1 = ktime_get_ns();
	preempt_enable();
	return t1 - t0;
}

static int bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Median of @v, sorted in place. */
static u64 bench_median(u64 *v, unsigned int count)
{
	sort(v, count, sizeof(*v), bench_cmp, NULL);
	return count % 2 ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
}

/* @num / @den with three decimals, as "integer.fraction" parts. */
static void bench_fixed(u64 num, u64 den, u64 *ip, u64 *fp)
{
	u64 milli = div64_u64(num * 1000 + den / 2, den);
	u32 rem;

	*ip = div_u64_rem(milli, 1000, &rem);
	*fp = rem;
}

static int __init bench_init(void)
{
	struct ltt_rb_config config = {
		.subbuf_size = 64 * 1024,
		.num_subbuf = 4,
		.mode = LTT_RB_OVERWRITE,
		.clock = LTT_CLOCK_MONOTONIC,
	};
	u64 lm, km, li, lf, ki, kf, ri, rf;
	struct trace_buffer *tb;
	u64 *lt, *kt;
	struct ltt_rb *rb;
	unsigned int i;
	int ret = 0;

	if (!n || !reps)
		return -EINVAL;
	lt = kcalloc(reps, sizeof(*lt), GFP_KERNEL);
	kt = kcalloc(reps, sizeof(*kt), GFP_KERNEL);
	if (!lt || !kt) {
		ret = -ENOMEM;
		goto out;
	}
	rb = ltt_rb_create(&config);
	if (IS_ERR(rb)) {
		ret = PTR_ERR(rb);
		goto out;
	}
	tb = ring_buffer_alloc(config.subbuf_size * config.num_subbuf,
			       RB_FL_OVERWRITE);
	if (!tb) {
		ret = -ENOMEM;
		goto out_rb;
	}

	/* One untimed round each, to fault in and warm up both. */
	bench_ltt(rb);
	bench_kernel_rb(tb);
	for (i = 0; i < reps; i++) {
		lt[i] = bench_ltt(rb);
		kt[i] = bench_kernel_rb(tb);
		cond_resched();
	}
	lm = bench_median(lt, reps);
	km = bench_median(kt, reps);
	bench_fixed(lm, n, &li, &lf);
	bench_fixed(km, n, &ki, &kf);
	bench_fixed(km, lm ?: 1, &ri, &rf);
	pr_info("n=%u reps=%u ltt=%llu.%03llu ns/op ring_buffer=%llu.%03llu ns/op ratio=%llu.%03llu\n",
		n, reps, li, lf, ki, kf, ri, rf);

	ring_buffer_free(tb);
out_rb:
	ltt_rb_destroy(rb);
out:
	kfree(lt);
	kfree(kt);
	return ret;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("LTT ring buffer write path benchmark");
MODULE_LICENSE("GPL");
