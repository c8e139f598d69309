// SPDX-License-Identifier: GPL-2.0
/*
 * Stress test of the LTT ring buffer
 *
 * Loading the module runs the test and its result is the result of the
 * load: 0 when every check passed, -EBADMSG when one failed, with one
 * "ltt_rb_stress: mode=... PASS|FAIL ..." line in the kernel log either
 * way. tools/testing/selftests/ltt/ring_buffer_stress.sh loads it once
 * per mode.
 *
 * Every online CPU gets three writers that nest on it: a kthread bound to
 * the CPU (task context), a pinned timer_list (softirq) and a pinned
 * hrtimer (hardirq). A reader kthread drains all the CPUs' buffers while
 * they write. The buffers are small, so the reader is always behind: in
 * discard mode writers drop events, in overwrite mode they reclaim
 * packets the reader has not taken yet.
 *
 * Each event's id is its writer's context and its payload is the CPU,
 * the context and the writer's sequence number, which counts every
 * attempt, recorded or not. When time is up the writers stop, every
 * buffer is flushed and read to the end, and the checker verifies, for
 * every CPU:
 *
 *  - every packet header is sane and every event in it decodes, up to
 *    exactly the end of the packet's content;
 *  - timestamps never go backwards in the buffer;
 *  - the sequence numbers of each writer strictly increase;
 *  - the gaps in packet_seq_num add up to subbufs_overwritten;
 *  - the ring buffer counted as written and discarded exactly what the
 *    writers saw reserved and dropped;
 *  - attempts = read + discarded + overwritten events, exactly.
 *
 * CPU hotplug during the test is not supported.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/unaligned.h>

static char *mode = "overwrite";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "overwrite or discard");

static unsigned int duration = 30;
module_param(duration, uint, 0444);
MODULE_PARM_DESC(duration, "seconds of writing");

static unsigned int subbuf_size = 4096;
module_param(subbuf_size, uint, 0444);
MODULE_PARM_DESC(subbuf_size, "bytes per sub-buffer, a power of two");

static unsigned int num_subbuf = 4;
module_param(num_subbuf, uint, 0444);
MODULE_PARM_DESC(num_subbuf, "sub-buffers per CPU, a power of two");

static unsigned int hrtimer_us = 200;
module_param(hrtimer_us, uint, 0444);
MODULE_PARM_DESC(hrtimer_us, "period of the hardirq writers, microseconds");

/* The writer contexts, also the event ids. */
enum stress_ctx {
	STRESS_TASK,
	STRESS_SOFTIRQ,
	STRESS_HARDIRQ,
	STRESS_NR_CTX,
};

static const char * const stress_ctx_name[] = { "task", "softirq", "hardirq" };

/* Events per writer activation: a softirq or hardirq writes a burst. */
static const unsigned int stress_burst[] = { 64, 16, 4 };

/* The payload of every event: 16 bytes, no padding. */
struct stress_payload {
	u32 cpu;
	u32 ctx;
	u64 seq;
};

#define STRESS_EVENT_MAX	(LTT_EVENT_EXTENDED_LEN + sizeof(struct stress_payload))

/**
 * struct stress_writer - One writer
 * @seq: sequence number of the next attempt, so the attempts so far
 * @recorded: attempts the ring buffer accepted
 * @nested: attempts made while another writer of the CPU was between
 *	reserve and commit
 *
 * Only the writer itself touches these until it is stopped.
 */
struct stress_writer {
	u64 seq;
	u64 recorded;
	u64 nested;
};

/**
 * struct stress_cpu - Everything about one CPU
 * @cpu: the CPU
 * @buf: its ring buffer
 * @task: the task-context writer, bound to @cpu
 * @hrtimer: the hardirq writer, pinned to @cpu
 * @timer: the softirq writer, pinned to @cpu
 * @stop: set to stop re-arming @hrtimer and @timer
 * @depth: writers of @cpu between reserve and commit. Writers of @cpu.
 * @w: the writers
 *
 * The rest is the reader's, then the checker's once the reader stopped:
 * @last_seq: latest sequence number read from each writer, plus one
 *	(0: none yet)
 * @last_ts: latest event timestamp read
 * @next_packet: packet_seq_num expected next
 * @packets_read: packets read
 * @packets_missed: packets skipped in packet_seq_num
 * @events_read: events read
 */
struct stress_cpu {
	int cpu;
	struct ltt_rb_cpu *buf;
	struct task_struct *task;
	struct hrtimer hrtimer;
	struct timer_list timer;
	bool stop;
	unsigned int depth;
	struct stress_writer w[STRESS_NR_CTX];

	u64 last_seq[STRESS_NR_CTX];
	u64 last_ts;
	u64 next_packet;
	u64 packets_read;
	u64 packets_missed;
	u64 events_read;
};

static struct ltt_rb *stress_rb;
static struct stress_cpu *stress_cpus;
static unsigned long stress_errors;

#define stress_error(sc, fmt, ...)					\
	do {								\
		if (stress_errors++ < 10)				\
			pr_err("cpu %d: " fmt "\n", (sc)->cpu,		\
			       ##__VA_ARGS__);				\
	} while (0)

/* Context: preemption disabled, on @sc->cpu. */
static void stress_write(struct stress_cpu *sc, enum stress_ctx ctx)
{
	struct stress_writer *w = &sc->w[ctx];
	struct stress_payload pl = {
		.cpu = sc->cpu,
		.ctx = ctx,
		.seq = w->seq++,
	};
	struct ltt_rb_ctx rc;

	if (READ_ONCE(sc->depth))
		w->nested++;
	WRITE_ONCE(sc->depth, sc->depth + 1);
	barrier();
	if (!ltt_rb_reserve(sc->buf, &rc, ctx, sizeof(pl))) {
		memcpy(rc.payload, &pl, sizeof(pl));
		ltt_rb_commit(&rc);
		w->recorded++;
	}
	barrier();
	WRITE_ONCE(sc->depth, sc->depth - 1);
}

static void stress_write_burst(struct stress_cpu *sc, enum stress_ctx ctx)
{
	unsigned int i;

	for (i = 0; i < stress_burst[ctx]; i++)
		stress_write(sc, ctx);
}

static enum hrtimer_restart stress_hrtimer_fn(struct hrtimer *t)
{
	struct stress_cpu *sc = container_of(t, struct stress_cpu, hrtimer);

	stress_write_burst(sc, STRESS_HARDIRQ);
	if (READ_ONCE(sc->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime((u64)hrtimer_us * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static void stress_timer_fn(struct timer_list *t)
{
	struct stress_cpu *sc = from_timer(sc, t, timer);

	stress_write_burst(sc, STRESS_SOFTIRQ);
	if (!READ_ONCE(sc->stop))
		mod_timer(&sc->timer, jiffies + 1);
}

/* The task-context writer; it also starts the CPU's other writers. */
static int stress_writer_fn(void *arg)
{
	struct stress_cpu *sc = arg;

	hrtimer_start(&sc->hrtimer, ns_to_ktime((u64)hrtimer_us * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_PINNED);
	add_timer_on(&sc->timer, sc->cpu);
	while (!kthread_should_stop()) {
		preempt_disable();
		stress_write_burst(sc, STRESS_TASK);
		preempt_enable();
		cond_resched();
	}
	return 0;
}

/* Where CTF puts the 5-bit id: low bits on little-endian, high on big. */
#ifdef __LITTLE_ENDIAN
#define first_id(b)	((b) & LTT_EVENT_ID_ESCAPE)
#define compact_id(w)	((w) & LTT_EVENT_ID_ESCAPE)
#define compact_ts(w)	((w) >> LTT_EVENT_ID_BITS)
#else
#define first_id(b)	((b) >> (8 - LTT_EVENT_ID_BITS))
#define compact_id(w)	((w) >> LTT_EVENT_TS_BITS)
#define compact_ts(w)	((w) & (BIT(LTT_EVENT_TS_BITS) - 1))
#endif

/* Check one event's payload against where it was found. */
static void stress_check_event(struct stress_cpu *sc, u32 id, const u8 *p)
{
	struct stress_payload pl;

	memcpy(&pl, p, sizeof(pl));
	if (id >= STRESS_NR_CTX || pl.ctx != id || pl.cpu != sc->cpu) {
		stress_error(sc, "event id %u from cpu %u context %u", id,
			     pl.cpu, pl.ctx);
		return;
	}
	if (pl.seq + 1 <= sc->last_seq[id])
		stress_error(sc, "%s writer: sequence %llu after %llu",
			     stress_ctx_name[id], pl.seq, sc->last_seq[id] - 1);
	sc->last_seq[id] = pl.seq + 1;
}

/* Decode a packet as a CTF reader would and check everything in it. */
static void stress_check_packet(struct stress_cpu *sc,
				const struct ltt_packet_header *hdr)
{
	const u8 *p = (const u8 *)hdr + LTT_PACKET_HEADER_LEN;
	const u8 *end = (const u8 *)hdr + hdr->content_size / 8;
	u64 clock = hdr->timestamp_begin;
	unsigned int events = 0;
	u64 ts;
	u32 id;

	/* A packet ends at its content rounded up to a page. */
	if (hdr->magic != LTT_PACKET_MAGIC || hdr->cpu_id != sc->cpu ||
	    hdr->content_size % 8 ||
	    hdr->content_size < (LTT_PACKET_HEADER_LEN + STRESS_EVENT_MAX) * 8 ||
	    hdr->content_size > (u64)subbuf_size * 8 ||
	    hdr->packet_size != (u64)ltt_packet_size(hdr->content_size / 8,
						     subbuf_size) * 8 ||
	    hdr->timestamp_begin > hdr->timestamp_end) {
		stress_error(sc, "bad header: %#x cpu %u size %llu/%llu ts %llu-%llu",
			     hdr->magic, hdr->cpu_id, hdr->packet_size,
			     hdr->content_size, hdr->timestamp_begin,
			     hdr->timestamp_end);
		return;
	}
	if (hdr->packet_seq_num < sc->next_packet) {
		stress_error(sc, "packet %llu after %llu", hdr->packet_seq_num,
			     sc->next_packet - 1);
		return;
	}
	sc->packets_missed += hdr->packet_seq_num - sc->next_packet;
	sc->next_packet = hdr->packet_seq_num + 1;
	sc->packets_read++;

	while (p < end) {
		if (first_id(*p) == LTT_EVENT_ID_ESCAPE) {
			if ((size_t)(end - p) < LTT_EVENT_EXTENDED_LEN)
				break;
			id = get_unaligned((const u32 *)(p + 1));
			ts = get_unaligned((const u64 *)(p + 5));
			p += LTT_EVENT_EXTENDED_LEN;
		} else {
			u32 word;

			if (!events || (size_t)(end - p) < LTT_EVENT_COMPACT_LEN)
				break;	/* the first event is extended */
			word = get_unaligned((const u32 *)p);
			id = compact_id(word);
			ts = (clock & ~(BIT_ULL(LTT_EVENT_TS_BITS) - 1)) |
			     compact_ts(word);
			if (ts < clock)
				ts += BIT_ULL(LTT_EVENT_TS_BITS);
			p += LTT_EVENT_COMPACT_LEN;
		}
		if ((size_t)(end - p) < sizeof(struct stress_payload))
			break;
		if (!events && ts != hdr->timestamp_begin)
			stress_error(sc, "packet %llu: first event at %llu, packet begins at %llu",
				     hdr->packet_seq_num, ts,
				     hdr->timestamp_begin);
		if (ts < sc->last_ts || ts > hdr->timestamp_end)
			stress_error(sc, "packet %llu: event at %llu after %llu, end %llu",
				     hdr->packet_seq_num, ts, sc->last_ts,
				     hdr->timestamp_end);
		stress_check_event(sc, id, p);
		p += sizeof(struct stress_payload);
		sc->last_ts = ts;
		clock = ts;
		events++;
	}
	if (p != end)
		stress_error(sc, "packet %llu: undecodable at byte %td of %llu",
			     hdr->packet_seq_num, p - (const u8 *)hdr,
			     hdr->content_size / 8);
	sc->events_read += events;
}

/* Read every complete packet of every CPU; returns how many. */
static unsigned long stress_drain(void)
{
	const struct ltt_packet_header *hdr;
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		struct stress_cpu *sc = &stress_cpus[cpu];

		while (!ltt_rb_get_subbuf(sc->buf, &hdr)) {
			stress_check_packet(sc, hdr);
			ltt_rb_put_subbuf(sc->buf);
			n++;
		}
	}
	return n;
}

static int stress_reader_fn(void *arg)
{
	while (!kthread_should_stop()) {
		if (!stress_drain())
			usleep_range(200, 500);
		cond_resched();
	}
	return 0;
}

/* Compare what was written, read, dropped and overwritten on each CPU. */
static bool stress_check_counts(struct stress_cpu *sc, struct ltt_rb_stats *tot,
				u64 *attempts, u64 *nested)
{
	u64 tried = 0, recorded = 0;
	struct ltt_rb_stats st;
	bool ok = true;
	int i;

	for (i = 0; i < STRESS_NR_CTX; i++) {
		tried += sc->w[i].seq;
		recorded += sc->w[i].recorded;
		*nested += sc->w[i].nested;
	}
	ltt_rb_cpu_stats(sc->buf, &st);
	if (st.events_written != recorded ||
	    st.events_discarded != tried - recorded) {
		stress_error(sc, "recorded %llu dropped %llu, counted %llu and %llu",
			     recorded, tried - recorded, st.events_written,
			     st.events_discarded);
		ok = false;
	}
	if (sc->packets_missed != st.subbufs_overwritten) {
		stress_error(sc, "%llu packets missing, %llu overwritten",
			     sc->packets_missed, st.subbufs_overwritten);
		ok = false;
	}
	if (tried != sc->events_read + st.events_discarded +
		     st.events_overwritten) {
		stress_error(sc, "%llu written != %llu read + %llu dropped + %llu lost",
			     tried, sc->events_read, st.events_discarded,
			     st.events_overwritten);
		ok = false;
	}
	*attempts += tried;
	tot->events_written += st.events_written;
	tot->events_discarded += st.events_discarded;
	tot->subbufs_overwritten += st.subbufs_overwritten;
	tot->events_overwritten += st.events_overwritten;
	return ok;
}

static void stress_stop_writers(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct stress_cpu *sc = &stress_cpus[cpu];

		if (!sc->task)
			continue;
		WRITE_ONCE(sc->stop, true);
		kthread_stop(sc->task);
		sc->task = NULL;
		hrtimer_cancel(&sc->hrtimer);
		timer_shutdown_sync(&sc->timer);
	}
}

static int stress_run(enum ltt_rb_mode rb_mode)
{
	struct ltt_rb_config config = {
		.subbuf_size = subbuf_size,
		.num_subbuf = num_subbuf,
		.mode = rb_mode,
		.clock = LTT_CLOCK_MONOTONIC,
	};
	struct ltt_rb_stats tot = { };
	u64 attempts = 0, nested = 0, read = 0, packets = 0;
	struct task_struct *reader;
	bool ok = true;
	int cpu, ret;

	stress_rb = ltt_rb_create(&config);
	if (IS_ERR(stress_rb))
		return PTR_ERR(stress_rb);
	stress_cpus = kcalloc(nr_cpu_ids, sizeof(*stress_cpus), GFP_KERNEL);
	if (!stress_cpus) {
		ret = -ENOMEM;
		goto out_rb;
	}

	for_each_online_cpu(cpu) {
		struct stress_cpu *sc = &stress_cpus[cpu];

		sc->cpu = cpu;
		sc->buf = ltt_rb_cpu_buf(stress_rb, cpu);
		hrtimer_init(&sc->hrtimer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_PINNED);
		sc->hrtimer.function = stress_hrtimer_fn;
		timer_setup(&sc->timer, stress_timer_fn, TIMER_PINNED);
		sc->task = kthread_create_on_cpu(stress_writer_fn, sc, cpu,
						 "ltt_rb_stress/%u");
		if (IS_ERR(sc->task) || !sc->buf) {
			ret = IS_ERR(sc->task) ? PTR_ERR(sc->task) : -ENODEV;
			sc->task = NULL;
			goto out_writers;
		}
	}
	reader = kthread_run(stress_reader_fn, NULL, "ltt_rb_stress_reader");
	if (IS_ERR(reader)) {
		ret = PTR_ERR(reader);
		goto out_writers;
	}
	for_each_online_cpu(cpu)
		wake_up_process(stress_cpus[cpu].task);

	msleep_interruptible(duration * MSEC_PER_SEC);

	stress_stop_writers();
	kthread_stop(reader);
	/* The reader is gone: read the rest here. */
	for_each_online_cpu(cpu)
		ltt_rb_flush_cpu(stress_rb, cpu);
	stress_drain();

	for_each_online_cpu(cpu) {
		struct stress_cpu *sc = &stress_cpus[cpu];

		ok &= stress_check_counts(sc, &tot, &attempts, &nested);
		read += sc->events_read;
		packets += sc->packets_read;
	}
	ok &= !stress_errors;
	/* Without nesting the run proved nothing about nested writers. */
	if (!nested) {
		pr_err("no writer ever interrupted another\n");
		ok = false;
	}
	pr_info("mode=%s cpus=%u duration=%us subbuf=%ux%u written=%llu read=%llu discarded=%llu overwritten=%llu packets_read=%llu packets_overwritten=%llu nested=%llu errors=%lu: %s\n",
		mode, num_online_cpus(), duration, num_subbuf, subbuf_size,
		attempts, read, tot.events_discarded, tot.events_overwritten,
		packets, tot.subbufs_overwritten, nested, stress_errors,
		ok ? "PASS" : "FAIL");
	ret = ok ? 0 : -EBADMSG;
	goto out_cpus;

out_writers:
	/* Writers never woken never ran, so never started their timers. */
	stress_stop_writers();
out_cpus:
	kfree(stress_cpus);
out_rb:
	ltt_rb_destroy(stress_rb);
	return ret;
}

static int __init stress_init(void)
{
	enum ltt_rb_mode rb_mode;

	if (!strcmp(mode, "overwrite"))
		rb_mode = LTT_RB_OVERWRITE;
	else if (!strcmp(mode, "discard"))
		rb_mode = LTT_RB_DISCARD;
	else
		return -EINVAL;
	if (!duration || !hrtimer_us ||
	    subbuf_size < LTT_PACKET_HEADER_LEN + STRESS_EVENT_MAX + 1)
		return -EINVAL;
	return stress_run(rb_mode);
}

static void __exit stress_exit(void)
{
}

module_init(stress_init);
module_exit(stress_exit);
MODULE_DESCRIPTION("LTT ring buffer stress test");
MODULE_LICENSE("GPL");
