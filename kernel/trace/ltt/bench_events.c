// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark of the cost of a trace event, for LTT and the other tracers
 *
 * The module defines one trace event, ltt_bench:ltt_bench_event, with two
 * 32-bit integers as payload. Writing N to
 * /sys/module/ltt_bench_events/parameters/run fires it N times in a tight
 * loop from the writing task, in batches of BENCH_BATCH events run with
 * preemption disabled, with a chance to reschedule between batches. Only
 * the batches are timed, with ktime_get_ns(); reading "result" then shows
 * the last run:
 *
 *   events=100000 ns=12345678 ns_per_event=123.456 probe=none hits=0
 *
 * Whatever records the event meanwhile, LTT (enable_event in a channel),
 * ftrace (tracefs events/ltt_bench/ltt_bench_event/enable), perf
 * (perf_event_open() of the tracepoint) or nothing at all, is part of what
 * is timed: the same loop measures each tracer's cost per event, and with
 * none attached, the cost of a disabled trace event.
 *
 * To see where a tracer's cost goes, "probe" attaches a probe of the
 * module's own to the event (while no tracer records it):
 *
 *   none	 no probe (default)
 *   empty	 a probe that does nothing: what calling any probe costs
 *   ring_buffer the payload written into a private LTT ring buffer
 *		 (overwrite mode, never read) with ltt_rb_reserve() and
 *		 ltt_rb_commit(), as LTT's own probe writes it into a channel
 *   scratch	 the two halves of LTT's probe, ltt_event_scratch() and
 *		 ltt_event_commit(), for an event enabled in no channel:
 *		 what LTT's probe costs besides writing into the channels.
 *		 ltt_event_scratch() only hands out an entry while some
 *		 session is tracing; "hits" counts the entries it did.
 *
 * "hits" counts the events the module's probe handled in the last run.
 *
 * This is a measurement, not a test.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/ltt/event.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/unaligned.h>

#define CREATE_TRACE_POINTS
#include "bench_events_trace.h"

/* Events per timed batch, fired with preemption disabled. */
#define BENCH_BATCH	1000U

/* At most this many events per run. */
#define BENCH_RUN_MAX	100000000U

enum bench_probe {
	BENCH_PROBE_NONE,
	BENCH_PROBE_EMPTY,
	BENCH_PROBE_RING_BUFFER,
	BENCH_PROBE_SCRATCH,
};

static const char * const bench_probe_names[] = {
	[BENCH_PROBE_NONE] = "none",
	[BENCH_PROBE_EMPTY] = "empty",
	[BENCH_PROBE_RING_BUFFER] = "ring_buffer",
	[BENCH_PROBE_SCRATCH] = "scratch",
};

/* The geometry of the "ring_buffer" probe's private ring buffer. */
static const struct ltt_rb_config bench_rb_config = {
	.subbuf_size = 64 * 1024,
	.num_subbuf = 4,
	.mode = LTT_RB_OVERWRITE,
	.clock = LTT_CLOCK_MONOTONIC,
};

/*
 * The module's state, changed only by writes to its parameters, which
 * all hold kernel_param_lock(THIS_MODULE), and by module unload, which
 * takes it too.
 */
static enum bench_probe bench_probe;
static void *bench_probe_data;

/*
 * Events the module's probe handled in the current run. Only the run
 * fires the event, from one task, so the probe never runs concurrently
 * with itself.
 */
static unsigned long bench_hits;

struct bench_result {
	u32 events;
	u64 ns;
	enum bench_probe probe;
	unsigned long hits;
};

static struct bench_result bench_last;

static void bench_probe_empty(void *data, u32 seq, u32 value)
{
	bench_hits++;
}

/* Called with preemption disabled, as every tracepoint probe. */
static void bench_probe_ring_buffer(void *data, u32 seq, u32 value)
{
	struct ltt_rb *rb = data;
	struct ltt_rb_ctx ctx;

	if (ltt_rb_reserve(ltt_rb_this_cpu(rb), &ctx, 1, 2 * sizeof(u32)))
		return;
	put_unaligned(seq, (u32 *)ctx.payload);
	put_unaligned(value, (u32 *)ctx.payload + 1);
	ltt_rb_commit(&ctx);
	bench_hits++;
}

static void bench_probe_scratch(void *data, u32 seq, u32 value)
{
	struct trace_event_raw_ltt_bench_event *entry;

	entry = ltt_event_scratch(data, sizeof(*entry));
	if (!entry)
		return;
	entry->seq = seq;
	entry->value = value;
	ltt_event_commit(data, entry);
	bench_hits++;
}

static void (* const bench_probe_fns[])(void *data, u32 seq, u32 value) = {
	[BENCH_PROBE_EMPTY] = bench_probe_empty,
	[BENCH_PROBE_RING_BUFFER] = bench_probe_ring_buffer,
	[BENCH_PROBE_SCRATCH] = bench_probe_scratch,
};

/*
 * An LTT event as LTT would describe ltt_bench_event, but enabled in no
 * channel: ltt_event_commit() computes its size and finds no channel to
 * write it to. Its fields are one run of 8 bytes. nr_active says one
 * tracing session records it, or ltt_event_scratch() would hand out no
 * entry at all.
 */
static struct ltt_event *bench_event_alloc(void)
{
	struct ltt_event *ev;

	ev = kzalloc(struct_size(ev, ops, 1), GFP_KERNEL);
	if (!ev)
		return NULL;
	ev->name = "ltt_bench_event";
	ev->system = "ltt_bench";
	INIT_LIST_HEAD(&ev->bindings);
	ev->fixed_size = 2 * sizeof(u32);
	ev->nr_active = 1;
	ev->nr_ops = 1;
	ev->ops[0] = (struct ltt_pack_op){
		.src = offsetof(struct trace_event_raw_ltt_bench_event, seq),
		.len = 2 * sizeof(u32),
		.kind = LTT_FIELD_INTEGER,
	};
	return ev;
}

static void bench_probe_free(enum bench_probe probe, void *data)
{
	if (probe == BENCH_PROBE_RING_BUFFER)
		ltt_rb_destroy(data);
	else if (probe == BENCH_PROBE_SCRATCH)
		kfree(data);
}

static int bench_probe_attach(enum bench_probe probe)
{
	void *data = NULL;
	int ret;

	if (probe == BENCH_PROBE_NONE)
		return 0;
	if (probe == BENCH_PROBE_RING_BUFFER) {
		data = ltt_rb_create(&bench_rb_config);
		if (IS_ERR(data))
			return PTR_ERR(data);
	} else if (probe == BENCH_PROBE_SCRATCH) {
		data = bench_event_alloc();
		if (!data)
			return -ENOMEM;
	}
	ret = register_trace_ltt_bench_event(bench_probe_fns[probe], data);
	if (ret) {
		bench_probe_free(probe, data);
		return ret;
	}
	bench_probe = probe;
	bench_probe_data = data;
	return 0;
}

static void bench_probe_detach(void)
{
	if (bench_probe == BENCH_PROBE_NONE)
		return;
	WARN_ON_ONCE(unregister_trace_ltt_bench_event(bench_probe_fns[bench_probe],
						      bench_probe_data));
	/* No probe runs with the data after this. */
	tracepoint_synchronize_unregister();
	bench_probe_free(bench_probe, bench_probe_data);
	bench_probe = BENCH_PROBE_NONE;
	bench_probe_data = NULL;
}

static int bench_probe_set(const char *val, const struct kernel_param *kp)
{
	int probe = sysfs_match_string(bench_probe_names, val);

	if (probe < 0)
		return probe;
	if (probe == bench_probe)
		return 0;
	bench_probe_detach();
	return bench_probe_attach(probe);
}

static int bench_probe_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%s\n", bench_probe_names[bench_probe]);
}

static const struct kernel_param_ops bench_probe_ops = {
	.set = bench_probe_set,
	.get = bench_probe_get,
};

module_param_cb(probe, &bench_probe_ops, NULL, 0600);
MODULE_PARM_DESC(probe, "Probe of the module's own: none, empty, ring_buffer or scratch");

/* Fire @n events; returns the nanoseconds the batches took. */
static u64 bench_fire(u32 n)
{
	u32 seq = 0, end;
	u64 ns = 0, t0;

	while (seq < n) {
		end = seq + min(n - seq, BENCH_BATCH);
		preempt_disable();
		t0 = ktime_get_ns();
		for (; seq < end; seq++)
			trace_ltt_bench_event(seq, ~seq);
		ns += ktime_get_ns() - t0;
		preempt_enable();
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}
	return ns;
}

static int bench_run_set(const char *val, const struct kernel_param *kp)
{
	u64 ns;
	u32 n;
	int ret;

	ret = kstrtou32(val, 0, &n);
	if (ret)
		return ret;
	if (!n || n > BENCH_RUN_MAX)
		return -EINVAL;
	bench_hits = 0;
	ns = bench_fire(n);
	if (fatal_signal_pending(current))
		return -EINTR;
	bench_last = (struct bench_result){
		.events = n, .ns = ns, .probe = bench_probe, .hits = bench_hits,
	};
	return 0;
}

static const struct kernel_param_ops bench_run_ops = {
	.set = bench_run_set,
};

module_param_cb(run, &bench_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Fire the benchmark event this many times (write only)");

static int bench_result_get(char *buffer, const struct kernel_param *kp)
{
	const struct bench_result *r = &bench_last;
	u64 milli = r->events ? div_u64(r->ns * 1000, r->events) : 0;
	u32 frac;
	u64 whole = div_u64_rem(milli, 1000, &frac);

	return sysfs_emit(buffer, "events=%u ns=%llu ns_per_event=%llu.%03u probe=%s hits=%lu\n",
			  r->events, r->ns, whole, frac,
			  bench_probe_names[r->probe], r->hits);
}

static const struct kernel_param_ops bench_result_ops = {
	.get = bench_result_get,
};

module_param_cb(result, &bench_result_ops, NULL, 0400);
MODULE_PARM_DESC(result, "The last run: events, nanoseconds, probe, probe hits");

static int __init bench_init(void)
{
	return 0;
}

static void __exit bench_exit(void)
{
	kernel_param_lock(THIS_MODULE);
	bench_probe_detach();
	kernel_param_unlock(THIS_MODULE);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("LTT trace event benchmark");
MODULE_LICENSE("GPL");
