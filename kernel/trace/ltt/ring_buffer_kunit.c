// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LTT ring buffer
 *
 * Every test writes from the CPU it runs on (migration disabled) and
 * decodes what it reads back the way a CTF reader would: packet header,
 * then compact or extended event headers, rebuilding full timestamps from
 * the compact ones. Each event's payload carries its sequence number and
 * the timestamp the writer was given, so that the decoder can check that
 * nothing was lost, duplicated, reordered or mis-stamped.
 *
 * The ring buffers use the counter clock: consecutive events are a few
 * ticks apart, so how many events fit in a packet does not depend on how
 * fast the machine runs the test.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/nmi.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <linux/wait.h>

#ifdef CONFIG_X86_LOCAL_APIC
#include <asm/apic.h>
/*
 * register_nmi_handler(): <linux/nmi.h> only includes this for some
 * watchdog and ACPI APEI configurations.
 */
#include <asm/nmi.h>
#endif

#include "internal.h"

#define TEST_STREAM_ID		7
#define TEST_LEN		16	/* payload: sequence number, timestamp */
#define TS_MASK			((1ULL << LTT_EVENT_TS_BITS) - 1)

KUNIT_DEFINE_ACTION_WRAPPER(rb_destroy_action, ltt_rb_destroy, struct ltt_rb *);

/* A ring buffer on @clock, freed when the test ends. */
static struct ltt_rb *make_rb_on(struct kunit *test, enum ltt_rb_mode mode,
				 unsigned int subbuf_size,
				 unsigned int num_subbuf, enum ltt_clock_id clock)
{
	struct ltt_rb_config config = {
		.subbuf_size = subbuf_size,
		.num_subbuf = num_subbuf,
		.mode = mode,
		.clock = clock,
		.stream_id = TEST_STREAM_ID,
	};
	struct ltt_rb *rb;

	rb = ltt_rb_create(&config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rb_destroy_action,
							rb), 0);
	return rb;
}

/* A ring buffer on the counter clock, freed when the test ends. */
static struct ltt_rb *make_rb(struct kunit *test, enum ltt_rb_mode mode,
			      unsigned int subbuf_size, unsigned int num_subbuf)
{
	return make_rb_on(test, mode, subbuf_size, num_subbuf,
			  LTT_CLOCK_COUNTER);
}

/*
 * Stay on one CPU for the rest of the test and return its buffer. The
 * test runs in a kthread of its own, which ends with the test.
 */
static struct ltt_rb_cpu *pin_buf(struct kunit *test, struct ltt_rb *rb)
{
	int cpu = raw_smp_processor_id();
	struct ltt_rb_cpu *buf;

	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpu)), 0);
	buf = ltt_rb_cpu_buf(rb, cpu);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	return buf;
}

static void fill_payload(const struct ltt_rb_ctx *ctx, unsigned int len,
			 u64 seq)
{
	put_unaligned(seq, (u64 *)ctx->payload);
	put_unaligned(ctx->ts, (u64 *)(ctx->payload + 8));
	memset(ctx->payload + 16, 0xa5, len - 16);
}

/* Any context, on the CPU of @rb's buffer under test. */
static int write_event(struct ltt_rb *rb, u32 id, unsigned int len, u64 seq)
{
	struct ltt_rb_ctx ctx;
	int ret;

	preempt_disable();
	ret = ltt_rb_reserve(ltt_rb_this_cpu(rb), &ctx, id, len);
	if (!ret) {
		fill_payload(&ctx, len, seq);
		ltt_rb_commit(&ctx);
	}
	preempt_enable();
	return ret;
}

/* Write @n events with ids 0, 1, ... 30, 0, ...; return how many made it. */
static unsigned int write_events(struct ltt_rb *rb, unsigned int n, u64 *seq)
{
	unsigned int i, ok = 0;

	for (i = 0; i < n; i++) {
		if (!write_event(rb, (u32)*seq % LTT_EVENT_ID_ESCAPE, TEST_LEN, *seq)) {
			ok++;
			(*seq)++;
		}
	}
	return ok;
}

static void flush_local(struct ltt_rb_cpu *buf)
{
	preempt_disable();
	ltt_rb_flush(buf);
	preempt_enable();
}

/* Events of TEST_LEN bytes of payload that fit in one packet. */
static unsigned int events_per_packet(unsigned int subbuf_size)
{
	unsigned int off = LTT_PACKET_HEADER_LEN + LTT_EVENT_EXTENDED_LEN +
			   TEST_LEN;
	unsigned int n = 1;

	while (off + LTT_EVENT_COMPACT_LEN + TEST_LEN < subbuf_size) {
		off += LTT_EVENT_COMPACT_LEN + TEST_LEN;
		n++;
	}
	return n;
}

/* Where CTF puts the 5-bit id: low bits on little-endian, high on big. */
#ifdef __LITTLE_ENDIAN
#define first_id(b)	((b) & LTT_EVENT_ID_ESCAPE)
#define ESCAPE_BYTE	LTT_EVENT_ID_ESCAPE
#define compact_id(w)	((w) & LTT_EVENT_ID_ESCAPE)
#define compact_ts(w)	((w) >> LTT_EVENT_ID_BITS)
#else
#define first_id(b)	((b) >> (8 - LTT_EVENT_ID_BITS))
#define ESCAPE_BYTE	(LTT_EVENT_ID_ESCAPE << (8 - LTT_EVENT_ID_BITS))
#define compact_id(w)	((w) >> LTT_EVENT_TS_BITS)
#define compact_ts(w)	((w) & TS_MASK)
#endif

struct decoded {
	unsigned int events;
	unsigned int compact;
	unsigned int extended;
	u64 first_seq;
	u64 last_seq;
	u32 last_id;
	u64 last_ts;
};

/*
 * Decode a packet as a CTF reader would, checking every packet header
 * field and every event against what the writer stored in its payload.
 * Events are expected with consecutive sequence numbers from *@next_seq.
 */
static void decode_packet(struct kunit *test, struct ltt_rb_cpu *buf,
			  const struct ltt_packet_header *hdr,
			  unsigned int len, u64 *next_seq, struct decoded *d)
{
	const u8 *p = (const u8 *)hdr + LTT_PACKET_HEADER_LEN;
	const u8 *end = (const u8 *)hdr + hdr->content_size / 8;
	u64 clock = hdr->timestamp_begin;
	u64 seq, ts;
	u32 id;

	memset(d, 0, sizeof(*d));
	KUNIT_EXPECT_EQ(test, hdr->magic, LTT_PACKET_MAGIC);
	KUNIT_EXPECT_EQ(test, hdr->stream_id, TEST_STREAM_ID);
	KUNIT_EXPECT_EQ(test, hdr->cpu_id, buf->cpu);
	/* A closed packet ends at its content rounded up to a page. */
	KUNIT_EXPECT_EQ(test, hdr->packet_size,
			min_t(u64, round_up(hdr->content_size / 8, PAGE_SIZE),
			      ltt_rb_subbuf_size(buf)) * 8);
	KUNIT_EXPECT_EQ(test, hdr->content_size % 8, 0);
	KUNIT_ASSERT_GT(test, hdr->content_size, LTT_PACKET_HEADER_LEN * 8);
	KUNIT_ASSERT_LE(test, hdr->content_size, hdr->packet_size);
	KUNIT_EXPECT_LE(test, hdr->timestamp_begin, hdr->timestamp_end);

	while (p < end) {
		if (first_id(*p) == LTT_EVENT_ID_ESCAPE) {
			id = get_unaligned((const u32 *)(p + 1));
			ts = get_unaligned((const u64 *)(p + 5));
			KUNIT_EXPECT_EQ(test, *p, ESCAPE_BYTE);
			p += LTT_EVENT_EXTENDED_LEN;
			d->extended++;
		} else {
			u32 word = get_unaligned((const u32 *)p);

			id = compact_id(word);
			ts = (clock & ~TS_MASK) | compact_ts(word);
			if (ts < clock)
				ts += 1ULL << LTT_EVENT_TS_BITS;
			p += LTT_EVENT_COMPACT_LEN;
			d->compact++;
		}
		if (!d->events) {
			/* First event: extended, stamped when the packet opened. */
			KUNIT_EXPECT_EQ(test, d->extended, 1);
			KUNIT_EXPECT_EQ(test, ts, hdr->timestamp_begin);
		}
		KUNIT_ASSERT_TRUE(test, p + len <= end);
		seq = get_unaligned((const u64 *)p);
		KUNIT_EXPECT_EQ(test, ts, get_unaligned((const u64 *)(p + 8)));
		KUNIT_EXPECT_GE(test, ts, clock);
		KUNIT_EXPECT_LE(test, ts, hdr->timestamp_end);
		if (next_seq) {
			KUNIT_EXPECT_EQ(test, seq, *next_seq);
			*next_seq = seq + 1;
		}
		if (!d->events)
			d->first_seq = seq;
		d->last_seq = seq;
		d->last_id = id;
		d->last_ts = ts;
		clock = ts;
		p += len;
		d->events++;
	}
	KUNIT_EXPECT_PTR_EQ(test, p, end);
}

/* Take, decode and give back one packet. */
static int read_packet(struct kunit *test, struct ltt_rb_cpu *buf,
		       u64 *next_seq, struct decoded *d, u64 *packet_seq,
		       u64 *discarded)
{
	const struct ltt_packet_header *hdr;
	int ret;

	ret = ltt_rb_get_subbuf(buf, &hdr);
	if (ret)
		return ret;
	decode_packet(test, buf, hdr, TEST_LEN, next_seq, d);
	if (packet_seq)
		*packet_seq = hdr->packet_seq_num;
	if (discarded)
		*discarded = hdr->events_discarded;
	ltt_rb_put_subbuf(buf);
	return 0;
}

static void expect_stats(struct kunit *test, struct ltt_rb_cpu *buf,
			 u64 written, u64 discarded, u64 overwritten)
{
	struct ltt_rb_stats st;

	ltt_rb_cpu_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.events_written, written);
	KUNIT_EXPECT_EQ(test, st.events_discarded, discarded);
	KUNIT_EXPECT_EQ(test, st.subbufs_overwritten, overwritten);
	if (!overwritten)
		KUNIT_EXPECT_EQ(test, st.events_overwritten, 0);
}

static const enum ltt_rb_mode modes[] = { LTT_RB_DISCARD, LTT_RB_OVERWRITE };

static void mode_desc(const enum ltt_rb_mode *mode, char *desc)
{
	strscpy(desc, *mode == LTT_RB_DISCARD ? "discard" : "overwrite",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mode, modes, mode_desc);

static void rb_round_trip(struct kunit *test)
{
	enum ltt_rb_mode mode = *(const enum ltt_rb_mode *)test->param_value;
	struct ltt_rb *rb = make_rb(test, mode, 4096, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0, pseq, discarded;
	struct decoded d;

	KUNIT_EXPECT_EQ(test, write_events(rb, 10, &seq), 10);
	/* Open packet: nothing to read before a flush. */
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
	flush_local(buf);

	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq,
					  &discarded), 0);
	KUNIT_EXPECT_EQ(test, d.events, 10);
	KUNIT_EXPECT_EQ(test, d.extended, 1);
	KUNIT_EXPECT_EQ(test, d.compact, 9);
	KUNIT_EXPECT_EQ(test, pseq, 0);
	KUNIT_EXPECT_EQ(test, discarded, 0);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
	expect_stats(test, buf, 10, 0, 0);
}

/* Several packets: every header field, and continuity between packets. */
static void rb_packet_header_fields(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 512, 8);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(512);
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0, prev_end = 0;
	unsigned int i;
	struct decoded d;

	KUNIT_EXPECT_EQ(test, write_events(rb, 3 * per + 5, &seq), 3 * per + 5);
	flush_local(buf);
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
		decode_packet(test, buf, hdr, TEST_LEN, &next, &d);
		KUNIT_EXPECT_EQ(test, hdr->packet_seq_num, i);
		KUNIT_EXPECT_EQ(test, hdr->events_discarded, 0);
		KUNIT_EXPECT_EQ(test, d.events, i < 3 ? per : 5);
		KUNIT_EXPECT_EQ(test, hdr->content_size,
				(u64)(LTT_PACKET_HEADER_LEN +
				      LTT_EVENT_EXTENDED_LEN + TEST_LEN +
				      (d.events - 1) * (LTT_EVENT_COMPACT_LEN +
							TEST_LEN)) * 8);
		/* Packets do not overlap in time. */
		KUNIT_EXPECT_GE(test, hdr->timestamp_begin, prev_end);
		prev_end = hdr->timestamp_end;
		ltt_rb_put_subbuf(buf);
	}
	KUNIT_EXPECT_EQ(test, next, 3 * per + 5);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
}

/* Bytes of a packet of @n events of TEST_LEN, written without a pause. */
static unsigned int content_of(unsigned int n)
{
	return LTT_PACKET_HEADER_LEN + LTT_EVENT_EXTENDED_LEN + TEST_LEN +
	       (n - 1) * (LTT_EVENT_COMPACT_LEN + TEST_LEN);
}

/* Take a packet, check its size and events, give it back. */
static void expect_packet(struct kunit *test, struct ltt_rb_cpu *buf,
			  u64 *next, unsigned int events, unsigned long size)
{
	const struct ltt_packet_header *hdr;
	struct decoded d;

	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	decode_packet(test, buf, hdr, TEST_LEN, next, &d);
	KUNIT_EXPECT_EQ(test, d.events, events);
	KUNIT_EXPECT_EQ(test, hdr->content_size, (u64)content_of(events) * 8);
	KUNIT_EXPECT_EQ(test, hdr->packet_size, (u64)size * 8);
	ltt_rb_put_subbuf(buf);
}

/*
 * A packet closed before it is full ends at its content rounded up to a
 * page, so that readers and trace files do not get the rest of a large
 * sub-buffer as padding; a full packet is the whole sub-buffer, and a
 * sub-buffer smaller than a page is always whole.
 */
static void rb_packet_size(struct kunit *test)
{
	const unsigned long size = 4 * PAGE_SIZE;
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, size, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(size), n;
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0;

	/* A few events, flushed: one page. */
	KUNIT_EXPECT_EQ(test, write_events(rb, 5, &seq), 5);
	flush_local(buf);
	expect_packet(test, buf, &next, 5, PAGE_SIZE);

	/* Just past a page of content: two pages. */
	n = 1;
	while (content_of(n) <= PAGE_SIZE)
		n++;
	KUNIT_EXPECT_EQ(test, write_events(rb, n, &seq), n);
	flush_local(buf);
	expect_packet(test, buf, &next, n, 2 * PAGE_SIZE);

	/* A full packet is the sub-buffer; the one after it, flushed, a page. */
	KUNIT_EXPECT_EQ(test, write_events(rb, per + 1, &seq), per + 1);
	flush_local(buf);
	expect_packet(test, buf, &next, per, size);
	expect_packet(test, buf, &next, 1, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
}

/* Sub-buffers smaller than a page: every packet is the whole sub-buffer. */
static void rb_packet_size_small_subbuf(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_OVERWRITE, 256, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	u64 seq = 0, next = 0;

	KUNIT_EXPECT_EQ(test, write_events(rb, 2, &seq), 2);
	flush_local(buf);
	expect_packet(test, buf, &next, 2, 256);
}

/*
 * Discard mode: a full buffer drops exactly the events that do not fit,
 * counts them, reports them in the next packet closed, and takes events
 * again once the reader has made room.
 */
static void rb_wrap_discard(struct kunit *test)
{
	const unsigned int n = 4, extra = 50;
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 512, n);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(512);
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0, pseq, discarded;
	unsigned int i;
	struct decoded d;

	KUNIT_EXPECT_EQ(test, write_events(rb, n * per + extra, &seq), n * per);
	expect_stats(test, buf, n * per, extra, 0);

	/* The last packet stays open until a flush. */
	for (i = 0; i < n - 1; i++) {
		KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq,
						  &discarded), 0);
		KUNIT_EXPECT_EQ(test, pseq, i);
		KUNIT_EXPECT_EQ(test, discarded, 0);
	}
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
	flush_local(buf);
	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq,
					  &discarded), 0);
	KUNIT_EXPECT_EQ(test, pseq, n - 1);
	KUNIT_EXPECT_EQ(test, discarded, extra);
	KUNIT_EXPECT_EQ(test, next, n * per);

	/* Room again: the next packet follows, with the same count. */
	KUNIT_EXPECT_EQ(test, write_events(rb, 1, &seq), 1);
	flush_local(buf);
	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq,
					  &discarded), 0);
	KUNIT_EXPECT_EQ(test, pseq, n);
	KUNIT_EXPECT_EQ(test, discarded, extra);
	expect_stats(test, buf, n * per + 1, extra, 0);
}

/*
 * Overwrite mode: the writer never drops; the reader gets the newest
 * num_subbuf packets, and the others are counted as overwritten.
 */
static void rb_wrap_overwrite(struct kunit *test)
{
	const unsigned int n = 4, rounds = 5, last = 7;
	struct ltt_rb *rb = make_rb(test, LTT_RB_OVERWRITE, 512, n);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(512);
	unsigned int total = rounds * n * per + last;
	unsigned int packets = rounds * n + 1;
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next, pseq;
	unsigned int i;
	struct ltt_rb_stats st;
	struct decoded d;

	KUNIT_EXPECT_EQ(test, write_events(rb, total, &seq), total);
	flush_local(buf);
	expect_stats(test, buf, total, 0, packets - n);
	ltt_rb_cpu_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.events_overwritten, (u64)(packets - n) * per);

	next = (u64)(packets - n) * per;
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq,
						  NULL), 0);
		KUNIT_EXPECT_EQ(test, pseq, packets - n + i);
	}
	KUNIT_EXPECT_EQ(test, next, total);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
}

/* A packet the reader holds is never overwritten, however far the writer goes. */
static void rb_overwrite_spares_held_packet(struct kunit *test)
{
	const unsigned int n = 4;
	struct ltt_rb *rb = make_rb(test, LTT_RB_OVERWRITE, 512, n);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(512);
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0;
	struct decoded d;
	void *copy;

	KUNIT_EXPECT_EQ(test, write_events(rb, per + 1, &seq), per + 1);
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EBUSY);
	copy = kunit_kmalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, hdr, 512);

	KUNIT_EXPECT_EQ(test, write_events(rb, 10 * n * per, &seq),
			10 * n * per);
	KUNIT_EXPECT_EQ(test, memcmp(copy, hdr, 512), 0);
	decode_packet(test, buf, hdr, TEST_LEN, &next, &d);
	KUNIT_EXPECT_EQ(test, d.events, per);
	KUNIT_EXPECT_EQ(test, hdr->packet_seq_num, 0);
	ltt_rb_put_subbuf(buf);

	/* The reader resumes at the oldest packet still in the ring. */
	flush_local(buf);
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	KUNIT_EXPECT_GT(test, hdr->packet_seq_num, 1);
	decode_packet(test, buf, hdr, TEST_LEN, NULL, &d);
	ltt_rb_put_subbuf(buf);
}

/*
 * A packet whose chunk the reader swapped out is the reader's to keep:
 * the writers go on in the fresh chunk, which comes round to the reader
 * in its turn, and never touch the old one.
 */
static void rb_swap_held_chunk(struct kunit *test)
{
	const unsigned int n = 4;
	struct ltt_rb *rb = make_rb(test, LTT_RB_OVERWRITE, PAGE_SIZE, n);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(PAGE_SIZE);
	struct ltt_rb_chunk *fresh, *held;
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0;
	bool seen = false;
	struct decoded d;
	unsigned int i;
	void *copy;

	KUNIT_EXPECT_EQ(test, write_events(rb, per + 1, &seq), per + 1);
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	fresh = ltt_rb_chunk_alloc(buf);
	KUNIT_ASSERT_NOT_NULL(test, fresh);
	KUNIT_EXPECT_NOT_NULL(test, fresh->pages[0]);
	held = ltt_rb_swap_held(buf, fresh);
	KUNIT_ASSERT_NOT_NULL(test, held);
	KUNIT_EXPECT_PTR_EQ(test, held->data, (void *)hdr);
	ltt_rb_put_subbuf(buf);
	copy = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, hdr, PAGE_SIZE);

	for (i = 0; i < 4 * (n + 1); i++) {
		write_events(rb, per, &seq);
		KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
		decode_packet(test, buf, hdr, TEST_LEN, NULL, &d);
		KUNIT_EXPECT_PTR_NE(test, (void *)hdr, held->data);
		seen |= (void *)hdr == fresh->data;
		ltt_rb_put_subbuf(buf);
	}
	KUNIT_EXPECT_TRUE(test, seen);
	KUNIT_EXPECT_EQ(test, memcmp(copy, held->data, PAGE_SIZE), 0);
	decode_packet(test, buf, held->data, TEST_LEN, &next, &d);
	KUNIT_EXPECT_EQ(test, d.events, per);
	ltt_rb_chunk_free(buf, held);
}

static int count_wakeup(struct wait_queue_entry *entry, unsigned int mode,
			int sync, void *key)
{
	atomic_inc(entry->private);
	return 0;
}

/*
 * The reader of a buffer, waiting on its queue, is woken from irq_work
 * when a packet is delivered, and not before; the reader of another CPU's
 * buffer is not. ltt_rb_packet_ready() says what the reader would find.
 */
static void rb_wakes_waiting_reader(struct kunit *test)
{
	struct ltt_rb_config config = {
		.subbuf_size = 512,
		.num_subbuf = 4,
		.mode = LTT_RB_DISCARD,
		.clock = LTT_CLOCK_COUNTER,
		.stream_id = TEST_STREAM_ID,
	};
	unsigned int per = events_per_packet(512);
	struct wait_queue_entry entry, other_entry;
	atomic_t woken = ATOMIC_INIT(0), other_woken = ATOMIC_INIT(0);
	const struct ltt_packet_header *packet;
	struct ltt_rb_cpu *buf, *other = NULL;
	struct ltt_rb *rb;
	u64 seq = 0;
	int cpu;

	rb = ltt_rb_create(&config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, rb_destroy_action,
							rb), 0);
	buf = pin_buf(test, rb);
	init_waitqueue_func_entry(&entry, count_wakeup);
	entry.private = &woken;
	add_wait_queue(&buf->wait, &entry);
	for_each_possible_cpu(cpu)
		if (!other && ltt_rb_cpu_buf(rb, cpu) != buf)
			other = ltt_rb_cpu_buf(rb, cpu);
	init_waitqueue_func_entry(&other_entry, count_wakeup);
	other_entry.private = &other_woken;
	if (other)
		add_wait_queue(&other->wait, &other_entry);

	KUNIT_EXPECT_EQ(test, write_events(rb, per, &seq), per);
	irq_work_sync(&buf->wakeup_work);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 0);
	KUNIT_EXPECT_FALSE(test, ltt_rb_packet_ready(buf));
	/* The next event switches to the second packet: the first is done. */
	KUNIT_EXPECT_EQ(test, write_events(rb, 1, &seq), 1);
	irq_work_sync(&buf->wakeup_work);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 1);
	KUNIT_EXPECT_TRUE(test, ltt_rb_packet_ready(buf));
	flush_local(buf);
	irq_work_sync(&buf->wakeup_work);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&other_woken), 0);

	/* Ready until the reader has taken both packets. */
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &packet), 0);
	KUNIT_EXPECT_TRUE(test, ltt_rb_packet_ready(buf));
	ltt_rb_put_subbuf(buf);
	KUNIT_EXPECT_TRUE(test, ltt_rb_packet_ready(buf));
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &packet), 0);
	ltt_rb_put_subbuf(buf);
	KUNIT_EXPECT_FALSE(test, ltt_rb_packet_ready(buf));

	/* ltt_rb_wake_readers() wakes every CPU's reader. */
	ltt_rb_wake_readers(rb);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&other_woken), other ? 1 : 0);
	if (other)
		remove_wait_queue(&other->wait, &other_entry);

	/* Nobody waiting: no wakeup queued. */
	remove_wait_queue(&buf->wait, &entry);
	KUNIT_EXPECT_EQ(test, write_events(rb, per + 1, &seq), per + 1);
	KUNIT_EXPECT_FALSE(test, irq_work_is_pending(&buf->wakeup_work));
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 3);
}

/* Events too big for a packet are dropped and counted, the rest kept. */
static void rb_discard_accounting(struct kunit *test)
{
	const unsigned int size = 512;
	const unsigned int max = size - 1 - LTT_PACKET_HEADER_LEN -
				 LTT_EVENT_EXTENDED_LEN;
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, size, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	const struct ltt_packet_header *hdr;
	u64 next = 0;
	struct decoded d;

	KUNIT_EXPECT_EQ(test, write_event(rb, 1, max + 1, 0), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, write_event(rb, 1, size, 0), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, write_event(rb, 1, max, 0), 0);
	/* Does not fit after the first: goes to the next packet. */
	KUNIT_EXPECT_EQ(test, write_event(rb, 1, max, 1), 0);
	KUNIT_EXPECT_EQ(test, write_event(rb, 1, max + 1, 0), -ENOBUFS);
	flush_local(buf);
	expect_stats(test, buf, 2, 3, 0);

	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	decode_packet(test, buf, hdr, max, &next, &d);
	KUNIT_EXPECT_EQ(test, d.events, 1);
	KUNIT_EXPECT_EQ(test, hdr->content_size, (u64)(size - 1) * 8);
	KUNIT_EXPECT_EQ(test, hdr->events_discarded, 2);
	ltt_rb_put_subbuf(buf);
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), 0);
	decode_packet(test, buf, hdr, max, &next, &d);
	KUNIT_EXPECT_EQ(test, d.events, 1);
	KUNIT_EXPECT_EQ(test, hdr->events_discarded, 3);
	ltt_rb_put_subbuf(buf);
}

/* Flushing closes the open packet once; no event lost or duplicated. */
/* The bytes of a packet decode_packet() read: header and events. */
static u64 packet_bytes(const struct decoded *d)
{
	return LTT_PACKET_HEADER_LEN + (u64)d->events * TEST_LEN +
	       d->compact * LTT_EVENT_COMPACT_LEN +
	       d->extended * LTT_EVENT_EXTENDED_LEN;
}

static void rb_flush(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 4096, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	const struct ltt_packet_header *hdr;
	u64 seq = 0, next = 0, pseq, recorded;
	struct ltt_rb_stats st;
	struct decoded d;

	/* Nothing open: nothing to flush. */
	flush_local(buf);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);

	write_events(rb, 5, &seq);
	flush_local(buf);
	flush_local(buf);
	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq, NULL), 0);
	KUNIT_EXPECT_EQ(test, d.events, 5);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
	recorded = packet_bytes(&d);

	/* The same through the cross-CPU entry point. */
	write_events(rb, 3, &seq);
	KUNIT_EXPECT_EQ(test, ltt_rb_flush_cpu(rb, buf->cpu), 0);
	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, &pseq, NULL), 0);
	KUNIT_EXPECT_EQ(test, d.events, 3);
	KUNIT_EXPECT_EQ(test, pseq, 1);
	KUNIT_EXPECT_EQ(test, next, 8);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &hdr), -EAGAIN);
	expect_stats(test, buf, 8, 0, 0);

	/*
	 * Two flushed packets of a page each (sub-buffers of 4096 bytes):
	 * the written bytes count both whole, the recorded bytes their
	 * headers and events only.
	 */
	recorded += packet_bytes(&d);
	ltt_rb_cpu_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.bytes_written, 2 * 4096);
	KUNIT_EXPECT_EQ(test, st.bytes_recorded, recorded);
}

struct header_case {
	const char *name;
	u32 id;
	u64 clock_jump;
	bool compact;
};

static const struct header_case header_cases[] = {
	{ "id 0", 0, 0, true },
	{ "id 30", 30, 0, true },
	{ "id 31 escapes", 31, 0, false },
	{ "large id", 0x12345678, 0, false },
	{ "2^26 ticks, compact across a wrap", 5, 1ULL << 26, true },
	{ "2^27 ticks", 5, 1ULL << 27, false },
	{ "2^40 ticks", 5, 1ULL << 40, false },
};

static void header_case_desc(const struct header_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(header, header_cases, header_case_desc);

static void rb_event_header_forms(struct kunit *test)
{
	const struct header_case *c = test->param_value;
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 4096, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	u64 next = 0;
	struct decoded d;
	int i;

	/* Several times, so that some of the jumps cross a 2^27 boundary. */
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, write_event(rb, 1, TEST_LEN, next), 0);
		atomic64_add(c->clock_jump, &ltt_clock_counter);
		KUNIT_ASSERT_EQ(test, write_event(rb, c->id, TEST_LEN, next + 1), 0);
		flush_local(buf);
		KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, NULL,
						  NULL), 0);
		KUNIT_EXPECT_EQ(test, d.events, 2);
		KUNIT_EXPECT_EQ(test, d.compact, c->compact ? 1 : 0);
		KUNIT_EXPECT_EQ(test, d.extended, c->compact ? 1 : 2);
		KUNIT_EXPECT_EQ(test, d.last_id, c->id);
	}
}

/*
 * A writer publishes its stamp before it reserves (@last_ts): one that
 * was interrupted there leaves a stamp later than every event in the
 * buffer. The next event is stamped no earlier than that, and its header
 * is chosen against the last event reserved (@prev_ts), not against the
 * published stamp, so that a reader rebuilds its timestamp exactly.
 */
static void rb_published_stamp_is_a_floor_not_a_reference(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 4096, 4);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	u64 next = 0, floor;
	struct decoded d;

	KUNIT_ASSERT_EQ(test, write_event(rb, 1, TEST_LEN, next), 0);
	/* As an interrupted writer leaves it, far ahead of the clock. */
	preempt_disable();
	floor = local64_read(&buf->last_ts) + (3ULL << LTT_EVENT_TS_BITS);
	local64_set(&buf->last_ts, floor);
	preempt_enable();
	KUNIT_ASSERT_EQ(test, write_event(rb, 1, TEST_LEN, next + 1), 0);
	flush_local(buf);
	KUNIT_ASSERT_EQ(test, read_packet(test, buf, &next, &d, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, d.events, 2);
	KUNIT_EXPECT_EQ(test, d.extended, 2);
	KUNIT_EXPECT_GE(test, d.last_ts, floor);
	/* The floor only grows. */
	KUNIT_EXPECT_GE(test, (u64)local64_read(&buf->last_ts), floor);
}

/*
 * On a steady clock (the TSC) a writer stamps its event with the clock as
 * it reads it: the floor is neither read nor published, and the events
 * still decode in order, their timestamps never going back.
 */
static void rb_steady_clock_needs_no_floor(struct kunit *test)
{
	struct ltt_rb *rb = make_rb_on(test, LTT_RB_DISCARD, 4096, 4,
				       LTT_CLOCK_MONOTONIC);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	u64 seq = 0, next = 0;
	struct decoded d;
	unsigned int n = 0;
	s64 floor;

	if (!ltt_clock_is_steady(LTT_CLOCK_MONOTONIC))
		kunit_skip(test, "the monotonic trace clock is not the TSC");
	floor = local64_read(&buf->last_ts);
	KUNIT_ASSERT_EQ(test, write_events(rb, 100, &seq), 100);
	flush_local(buf);
	while (!read_packet(test, buf, &next, &d, NULL, NULL))
		n += d.events;
	KUNIT_EXPECT_EQ(test, n, 100);
	KUNIT_EXPECT_EQ(test, local64_read(&buf->last_ts), floor);
}

/*
 * Nested writers: an hrtimer interrupt writes events between the reserve
 * and the commit of a task-context event.
 */
struct nest_case {
	const char *name;
	unsigned int nested;	/* in packets, 0 for a single event */
	bool outer_opens;	/* the interrupted event opens a packet */
	enum ltt_clock_id clock;
};

static const struct nest_case nest_cases[] = {
	{ "one nested event", 0, false, LTT_CLOCK_COUNTER },
	{ "nested writer fills packets", 3, false, LTT_CLOCK_COUNTER },
	{ "interrupted while opening a packet", 3, true, LTT_CLOCK_COUNTER },
	{ "monotonic clock, nested writer fills packets", 3, false,
	  LTT_CLOCK_MONOTONIC },
};

static void nest_case_desc(const struct nest_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nest, nest_cases, nest_case_desc);

struct nest_timer {
	struct hrtimer timer;
	struct ltt_rb *rb;
	unsigned int count;
	u64 seq;
	unsigned int written;
	bool done;
};

static enum hrtimer_restart nest_timer_fn(struct hrtimer *timer)
{
	struct nest_timer *nt = container_of(timer, struct nest_timer, timer);

	nt->written = write_events(nt->rb, nt->count, &nt->seq);
	WRITE_ONCE(nt->done, true);
	return HRTIMER_NORESTART;
}

static void rb_nested_writers(struct kunit *test)
{
	const struct nest_case *c = test->param_value;
	struct ltt_rb *rb = make_rb_on(test, LTT_RB_DISCARD, 512, 16, c->clock);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	unsigned int per = events_per_packet(512);
	unsigned int before = c->outer_opens ? per : 2;
	unsigned int nested = c->nested ? c->nested * per : 1;
	const struct ltt_packet_header *hdr;
	unsigned int early_before = 0;
	bool early_ours = false;
	struct nest_timer nt = { .rb = rb, .count = nested };
	u64 seq = 0, next = 0, deadline;
	struct ltt_rb_ctx ctx;
	struct decoded d;
	int reserved;

	KUNIT_EXPECT_EQ(test, write_events(rb, before, &seq), before);
	nt.seq = seq + 1;
	hrtimer_init(&nt.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	nt.timer.function = nest_timer_fn;

	preempt_disable();
	reserved = ltt_rb_reserve(ltt_rb_this_cpu(rb), &ctx, 3, TEST_LEN);
	if (!reserved) {
		hrtimer_start(&nt.timer, ns_to_ktime(1000),
			      HRTIMER_MODE_REL_PINNED_HARD);
		deadline = ktime_get_ns() + 5 * NSEC_PER_SEC;
		while (!READ_ONCE(nt.done) && ktime_get_ns() < deadline)
			cpu_relax();
		/*
		 * The nested events are all committed, ours is not: packets
		 * before ours may be read, ours and later ones must not.
		 */
		ltt_rb_flush(buf);
		while (!ltt_rb_get_subbuf(buf, &hdr)) {
			if (hdr->packet_seq_num >= ctx.pos >> buf->subbuf_shift)
				early_ours = true;
			else
				early_before++;
			ltt_rb_put_subbuf(buf);
		}
		fill_payload(&ctx, TEST_LEN, seq);
		ltt_rb_commit(&ctx);
	}
	preempt_enable();
	hrtimer_cancel(&nt.timer);

	KUNIT_ASSERT_EQ(test, reserved, 0);
	KUNIT_ASSERT_TRUE_MSG(test, nt.done, "the hrtimer did not fire");
	KUNIT_EXPECT_EQ(test, nt.written, nested);
	KUNIT_EXPECT_FALSE(test, early_ours);
	/* Only the packet our event closed, when it opened the next one. */
	KUNIT_EXPECT_EQ(test, early_before, c->outer_opens ? 1 : 0);

	/* Our event comes first in the buffer, then the nested ones. */
	flush_local(buf);
	next = early_before ? before : 0;
	while (!read_packet(test, buf, &next, &d, NULL, NULL))
		;
	KUNIT_EXPECT_EQ(test, next, before + 1 + nested);
	expect_stats(test, buf, before + 1 + nested, 0, 0);
}

#ifdef CONFIG_X86_LOCAL_APIC
/* The writer an NMI of rb_nmi_writer() runs, NULL while not waiting. */
static struct nest_timer *rb_nmi_nest;

static int rb_nmi_fn(unsigned int type, struct pt_regs *regs)
{
	struct nest_timer *nt = READ_ONCE(rb_nmi_nest);

	if (!nt || READ_ONCE(nt->done))
		return NMI_DONE;
	nt->written = write_events(nt->rb, nt->count, &nt->seq);
	WRITE_ONCE(nt->done, true);
	return NMI_HANDLED;
}

/*
 * An NMI between reserve and commit, writing packets' worth of events:
 * nothing the writers do may take a lock or assume it cannot be
 * interrupted, and the events still come out whole and in order.
 */
static void rb_nmi_writer(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 512, 16);
	struct ltt_rb_cpu *buf = pin_buf(test, rb);
	struct nest_timer nt = { .rb = rb, .count = 3 * events_per_packet(512) };
	u64 seq = 0, next = 0, deadline;
	struct ltt_rb_ctx ctx;
	struct decoded d;
	int reserved;

	KUNIT_ASSERT_EQ(test, write_events(rb, 2, &seq), 2U);
	nt.seq = seq + 1;
	KUNIT_ASSERT_EQ(test, register_nmi_handler(NMI_LOCAL, rb_nmi_fn, 0,
						   "ltt_rb_kunit"), 0);
	preempt_disable();
	reserved = ltt_rb_reserve(ltt_rb_this_cpu(rb), &ctx, 3, TEST_LEN);
	if (!reserved) {
		WRITE_ONCE(rb_nmi_nest, &nt);
		__apic_send_IPI_mask(cpumask_of(smp_processor_id()),
				     NMI_VECTOR);
		deadline = ktime_get_ns() + NSEC_PER_SEC;
		while (!READ_ONCE(nt.done) && ktime_get_ns() < deadline)
			cpu_relax();
		WRITE_ONCE(rb_nmi_nest, NULL);
		fill_payload(&ctx, TEST_LEN, seq);
		ltt_rb_commit(&ctx);
	}
	preempt_enable();
	unregister_nmi_handler(NMI_LOCAL, "ltt_rb_kunit");

	KUNIT_ASSERT_EQ(test, reserved, 0);
	KUNIT_ASSERT_TRUE_MSG(test, READ_ONCE(nt.done), "no NMI arrived");
	KUNIT_EXPECT_EQ(test, nt.written, nt.count);
	/* Ours first, then the NMI's, every one decoded in order. */
	flush_local(buf);
	while (!read_packet(test, buf, &next, &d, NULL, NULL))
		;
	KUNIT_EXPECT_EQ(test, next, 2 + 1 + (u64)nt.count);
	expect_stats(test, buf, 2 + 1 + nt.count, 0, 0);
}
#endif

struct bad_config {
	const char *name;
	struct ltt_rb_config config;
};

static const struct bad_config bad_configs[] = {
	{ "size not a power of two", { 3000, 4, LTT_RB_DISCARD, 0, 0 } },
	{ "size too small", { 128, 4, LTT_RB_DISCARD, 0, 0 } },
	{ "one sub-buffer", { 4096, 1, LTT_RB_DISCARD, 0, 0 } },
	{ "count not a power of two", { 4096, 6, LTT_RB_DISCARD, 0, 0 } },
	{ "bad mode", { 4096, 4, 2, 0, 0 } },
	{ "bad clock", { 4096, 4, LTT_RB_DISCARD, LTT_CLOCK_NR, 0 } },
};

static void bad_config_desc(const struct bad_config *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_config, bad_configs, bad_config_desc);

static void rb_create_rejects_bad_config(struct kunit *test)
{
	const struct bad_config *c = test->param_value;

	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_rb_create(&c->config)), -EINVAL);
}

static void rb_buffers_on_online_cpus(struct kunit *test)
{
	struct ltt_rb *rb = make_rb(test, LTT_RB_DISCARD, 4096, 2);
	int cpu;

	for_each_online_cpu(cpu) {
		struct ltt_rb_cpu *buf = ltt_rb_cpu_buf(rb, cpu);

		KUNIT_ASSERT_NOT_NULL(test, buf);
		KUNIT_EXPECT_EQ(test, buf->cpu, cpu);
	}
	KUNIT_EXPECT_NULL(test, ltt_rb_cpu_buf(rb, nr_cpu_ids));
	KUNIT_EXPECT_NULL(test, ltt_rb_cpu_buf(rb, -1));
}

/*
 * A buffer placed in given memory: its chunks are there, zeroed, at the
 * places the geometry decides, never replaced; freezing it stops it from
 * opening packets; what ltt_rb_cpu_save() takes agrees with the buffer;
 * destroying it leaves the memory as it is.
 */
static void rb_placed_in_given_memory(struct kunit *test)
{
	const unsigned int n = 4, per = events_per_packet(PAGE_SIZE);
	struct ltt_rb_config config = {
		.subbuf_size = PAGE_SIZE,
		.num_subbuf = n,
		.mode = LTT_RB_OVERWRITE,
		.clock = LTT_CLOCK_COUNTER,
		.stream_id = TEST_STREAM_ID,
	};
	const struct ltt_packet_header *hdr;
	unsigned int i, written;
	struct ltt_rb_memory mem;
	struct ltt_rb_saved saved;
	struct ltt_rb_stats st;
	struct ltt_rb_cpu *buf;
	unsigned long off;
	struct ltt_rb *rb;
	u64 seq = 0, commit[4];
	size_t size;

	size = ltt_rb_memory_size(&config);
	mem.base = alloc_pages_exact(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem.base);
	memset(mem.base, 0x5a, size);
	mem.size = size - 1;
	config.memory = &mem;
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_rb_create(&config)), -EINVAL);
	mem.size = size;
	config.subbuf_size = PAGE_SIZE / 2;
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_rb_create(&config)), -EINVAL);
	config.subbuf_size = PAGE_SIZE;

	rb = ltt_rb_create(&config);
	if (IS_ERR(rb)) {
		free_pages_exact(mem.base, size);
		KUNIT_FAIL(test, "ltt_rb_create: %ld", PTR_ERR(rb));
		return;
	}
	buf = pin_buf(test, rb);
	for (i = 0; i <= n; i++) {
		KUNIT_EXPECT_PTR_EQ(test, buf->chunks[i]->data,
				    ltt_rb_memory_chunk(&config, mem.base,
							buf->cpu, i));
		KUNIT_EXPECT_TRUE(test, mem_is_zero(buf->chunks[i]->data,
						    PAGE_SIZE));
	}
	KUNIT_EXPECT_NULL(test, ltt_rb_chunk_alloc(buf));

	/* Twice round the ring, and three events into the next packet. */
	written = 2 * n * per + 3;
	KUNIT_EXPECT_EQ(test, write_events(rb, written, &seq), written);
	hdr = ltt_rb_memory_chunk(&config, mem.base, buf->cpu, 2 * n % n);
	KUNIT_EXPECT_EQ(test, hdr->magic, LTT_PACKET_MAGIC);
	KUNIT_EXPECT_EQ(test, hdr->packet_seq_num, 2 * n);

	/* Frozen: the open packet fills up, no other opens. */
	ltt_rb_freeze(rb);
	KUNIT_EXPECT_EQ(test, write_events(rb, per, &seq), per - 3);
	ltt_rb_cpu_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.events_discarded, 3);
	KUNIT_EXPECT_EQ(test, hdr->packet_seq_num, 2 * n);

	ltt_rb_cpu_save(buf, &saved, commit);
	KUNIT_EXPECT_EQ(test, saved.offset, st.bytes_written);
	KUNIT_EXPECT_EQ(test, saved.events_written, st.events_written);
	KUNIT_EXPECT_EQ(test, saved.subbufs_overwritten, st.subbufs_overwritten);
	off = saved.offset & (PAGE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, commit[0], 2 * PAGE_SIZE + off);

	ltt_rb_destroy(rb);
	KUNIT_EXPECT_EQ(test, hdr->magic, LTT_PACKET_MAGIC);
	free_pages_exact(mem.base, size);
}

static struct kunit_case ltt_rb_cases[] = {
	KUNIT_CASE(rb_buffers_on_online_cpus),
	KUNIT_CASE_PARAM(rb_create_rejects_bad_config, bad_config_gen_params),
	KUNIT_CASE_PARAM(rb_round_trip, mode_gen_params),
	KUNIT_CASE(rb_packet_header_fields),
	KUNIT_CASE(rb_packet_size),
	KUNIT_CASE(rb_packet_size_small_subbuf),
	KUNIT_CASE_PARAM(rb_event_header_forms, header_gen_params),
	KUNIT_CASE(rb_wrap_discard),
	KUNIT_CASE(rb_wrap_overwrite),
	KUNIT_CASE(rb_overwrite_spares_held_packet),
	KUNIT_CASE(rb_swap_held_chunk),
	KUNIT_CASE(rb_discard_accounting),
	KUNIT_CASE(rb_flush),
	KUNIT_CASE(rb_placed_in_given_memory),
	KUNIT_CASE(rb_wakes_waiting_reader),
	KUNIT_CASE(rb_published_stamp_is_a_floor_not_a_reference),
	KUNIT_CASE(rb_steady_clock_needs_no_floor),
	KUNIT_CASE_PARAM(rb_nested_writers, nest_gen_params),
#ifdef CONFIG_X86_LOCAL_APIC
	KUNIT_CASE(rb_nmi_writer),
#endif
	{}
};

static struct kunit_suite ltt_rb_suite = {
	.name = "ltt_ring_buffer",
	.test_cases = ltt_rb_cases,
};

kunit_test_suite(ltt_rb_suite);
