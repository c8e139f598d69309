// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for LTT events
 *
 * How an entry is packed (fixed fields merged into runs, strings and
 * sequences as CTF lays them out), which patterns name which events,
 * and what enabling an event in a channel does: the channel records it,
 * its neighbours do not, and it gets the id its rule asks for; and that
 * LTT does not record the events its own wakeups fire.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/unaligned.h>
#include <linux/wait.h>
#include <trace/events/ipi.h>

#include "../trace_output.h"	/* trace_event_sem */
#include "internal.h"
#include "test_events.h"

/*
 * An entry as TP_STRUCT__entry() would lay it out: a run of fixed
 * fields, a padding hole, a string, a sequence of u16, a relative string.
 */
static const struct ltt_field test_fields[] = {
	{ "a", "u32", 8, 4, 1, LTT_FIELD_INTEGER, 0 },
	{ "b", "u32", 12, 4, 1, LTT_FIELD_INTEGER, 0 },
	{ "c", "char", 16, 1, 6, LTT_FIELD_ARRAY, LTT_FIELD_TEXT },
	{ "d", "u64", 24, 8, 1, LTT_FIELD_INTEGER, 0 },
	{ "s", "char", 32, 1, 0, LTT_FIELD_STRING, LTT_FIELD_TEXT },
	{ "v", "u16", 36, 2, 0, LTT_FIELD_SEQUENCE, 0 },
	{ "e", "u8", 40, 1, 1, LTT_FIELD_INTEGER, 0 },
	{ "r", "char", 44, 1, 0, LTT_FIELD_STRING, LTT_FIELD_REL },
};

#define TEST_NR_FIELDS	ARRAY_SIZE(test_fields)

static struct ltt_event *test_event(struct kunit *test)
{
	struct ltt_event *ev;

	ev = kunit_kzalloc(test, struct_size(ev, ops, TEST_NR_FIELDS),
			   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ev);
	ev->fields = test_fields;
	ev->nr_fields = TEST_NR_FIELDS;
	ltt_event_set_layout(ev);
	return ev;
}

static void plan_merges_adjacent_fixed_fields(struct kunit *test)
{
	struct ltt_event *ev = test_event(test);

	/* a, b, c; hole; d; s; v; e; r */
	KUNIT_ASSERT_EQ(test, ev->nr_ops, 6U);
	KUNIT_EXPECT_EQ(test, ev->ops[0].src, 8);
	KUNIT_EXPECT_EQ(test, ev->ops[0].len, 14);
	KUNIT_EXPECT_EQ(test, ev->ops[1].src, 24);
	KUNIT_EXPECT_EQ(test, ev->ops[1].len, 8);
	KUNIT_EXPECT_EQ(test, ev->ops[2].kind, LTT_FIELD_STRING);
	KUNIT_EXPECT_EQ(test, ev->ops[3].kind, LTT_FIELD_SEQUENCE);
	KUNIT_EXPECT_EQ(test, ev->ops[3].elem_size, 2);
	KUNIT_EXPECT_EQ(test, ev->ops[4].src, 40);
	KUNIT_EXPECT_EQ(test, ev->ops[4].len, 1);
	KUNIT_EXPECT_EQ(test, ev->ops[5].flags, LTT_FIELD_REL);
	KUNIT_EXPECT_EQ(test, ev->fixed_size, 4U + 4 + 6 + 8 + 1);
	/* A hole and dynamic fields: packed from a scratch entry. */
	KUNIT_EXPECT_TRUE(test, ev->dynamic);
	KUNIT_EXPECT_FALSE(test, ev->in_place);
}

static void put_loc(u8 *entry, unsigned int at, unsigned int off,
		    unsigned int len)
{
	u32 loc = len << 16 | off;

	memcpy(entry + at, &loc, sizeof(loc));
}

static void pack_writes_ctf_layout(struct kunit *test)
{
	static const u8 expect_tail[] = {
		'h', 'i', '\0',			/* s */
		3, 0, 0, 0, 1, 0, 2, 0, 3, 0,	/* v: count, elements */
		0x5e,				/* e */
		'\0',				/* r: empty */
	};
	struct ltt_event *ev = test_event(test);
	u8 entry[128] = {}, out[128];
	u32 a = 0x11223344, b = 0x55667788;
	u64 d = 0x0102030405060708ULL;
	u16 v[3] = { 1, 2, 3 };
	unsigned int size;

	memcpy(entry + 8, &a, 4);
	memcpy(entry + 12, &b, 4);
	memcpy(entry + 16, "comm\0\0", 6);
	memset(entry + 22, 0xee, 2);		/* padding, not packed */
	memcpy(entry + 24, &d, 8);
	put_loc(entry, 32, 64, 3);
	memcpy(entry + 64, "hi", 3);
	/* A sequence of 7 bytes holds 3 whole u16. */
	put_loc(entry, 36, 72, 7);
	memcpy(entry + 72, v, sizeof(v));
	entry[40] = 0x5e;
	/* Relative to the end of its word: 44 + 4 + 32 = 80, empty. */
	put_loc(entry, 44, 32, 0);
	entry[80] = 'x';

	size = ltt_event_size(ev, entry);
	KUNIT_ASSERT_EQ(test, size, ev->fixed_size + 3 + 4 + 6 + 1);
	memset(out, 0xaa, sizeof(out));
	ltt_event_pack(ev, entry, out);
	KUNIT_EXPECT_EQ(test, memcmp(out, &a, 4), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out + 4, &b, 4), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out + 8, "comm\0\0", 6), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out + 14, &d, 8), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out + 22, expect_tail,
				     sizeof(expect_tail)), 0);
	/* Nothing written past the packed size. */
	KUNIT_EXPECT_EQ(test, out[size], 0xaa);
}

struct match_case {
	const char *pattern;
	bool match;
};

/* Against the event sched:sched_switch. */
static const struct match_case match_cases[] = {
	{ "sched_switch", true },
	{ "sched:sched_switch", true },
	{ "sched_*", true },
	{ "*:*", true },
	{ "sched:*", true },
	{ "s?hed_sw[aeiou]tch", true },
	{ "irq:sched_switch", false },
	{ "sched_switc", false },
	{ "sched", false },
	{ "switch", false },
	{ "*:sched_wakeup", false },
};

static void match_case_desc(const struct match_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->pattern);
}

KUNIT_ARRAY_PARAM(match, match_cases, match_case_desc);

static void pattern_matches_name_and_system(struct kunit *test)
{
	const struct match_case *c = test->param_value;
	struct ltt_event ev = { .name = "sched_switch", .system = "sched" };

	KUNIT_EXPECT_EQ(test, ltt_event_match(&ev, c->pattern), c->match);
}

struct valid_case {
	const char *pattern;
	bool valid;
};

static const struct valid_case valid_cases[] = {
	{ "sched_switch", true },
	{ "sched:*", true },
	{ "[!a]*", true },
	{ "a-b.c", true },
	{ "", false },
	{ "a:b:c", false },
	{ "sched:", false },
	{ ":sched_switch", false },
	{ ":", false },
	{ "sched switch", false },
	{ "a;b", false },
	{ "a/b", false },
};

static void valid_case_desc(const struct valid_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", c->pattern);
}

KUNIT_ARRAY_PARAM(valid, valid_cases, valid_case_desc);

static void pattern_validity(struct kunit *test)
{
	const struct valid_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, ltt_event_pattern_valid(c->pattern), c->valid);
}

static void pattern_too_long(struct kunit *test)
{
	char p[LTT_PATTERN_MAX + 2];

	memset(p, 'a', sizeof(p) - 1);
	p[sizeof(p) - 1] = '\0';
	KUNIT_EXPECT_FALSE(test, ltt_event_pattern_valid(p));
	p[LTT_PATTERN_MAX] = '\0';
	KUNIT_EXPECT_TRUE(test, ltt_event_pattern_valid(p));
}

static const struct ltt_rb_config test_config = {
	.subbuf_size = 4096,
	.num_subbuf = 4,
	.mode = LTT_RB_DISCARD,
};

static void session_destroy_action(void *session)
{
	ltt_session_destroy(session);
}

/*
 * A session that goes with the test, with a channel "a" and, if @b is
 * not NULL, a channel "b", both of geometry and mode @config.
 */
static struct ltt_session *
test_session_config(struct kunit *test, const char *name,
		    const struct ltt_rb_config *config,
		    struct ltt_channel **a, struct ltt_channel **b)
{
	struct ltt_session *session = ltt_session_create(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							session_destroy_action,
							session), 0);
	*a = ltt_channel_create(session, "a", config);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, *a);
	if (b) {
		*b = ltt_channel_create(session, "b", config);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, *b);
	}
	return session;
}

/* As test_session_config(), in discard mode. */
static struct ltt_session *test_session(struct kunit *test, const char *name,
					struct ltt_channel **a,
					struct ltt_channel **b)
{
	return test_session_config(test, name, &test_config, a, b);
}

/* The counters of a channel, summed over its CPUs. */
static void chan_stats(struct ltt_channel *chan, struct ltt_rb_stats *sum)
{
	struct ltt_rb_stats stats;
	struct ltt_rb_cpu *buf;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		buf = ltt_rb_cpu_buf(chan->rb, cpu);
		if (!buf)
			continue;
		ltt_rb_cpu_stats(buf, &stats);
		sum->events_written += stats.events_written;
		sum->events_discarded += stats.events_discarded;
	}
}

static u64 chan_written(struct ltt_channel *chan)
{
	struct ltt_rb_stats sum;

	chan_stats(chan, &sum);
	return sum.events_written;
}

static struct ltt_binding *first_binding(struct ltt_channel *chan)
{
	return list_first_entry_or_null(&chan->bindings, struct ltt_binding,
					chan_node);
}

static void fire(unsigned int n)
{
	while (n--)
		trace_ltt_test_seq(n);
}

static void enabled_channel_records_only(struct kunit *test)
{
	struct ltt_session *session;
	struct ltt_channel *a, *b;

	session = test_session(test, "kunit-ev", &a, &b);

	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);
	/* Nothing is recorded before the start... */
	fire(5);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	fire(10);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_EQ(test, chan_written(a), 10ULL);
	KUNIT_EXPECT_EQ(test, chan_written(b), 0ULL);

	/* ...nor once disabled, and disabling twice says so. */
	KUNIT_EXPECT_EQ(test, ltt_channel_set_event(a, "ltt_test:*", false), 0);
	KUNIT_EXPECT_EQ(test, ltt_channel_set_event(b, "ltt_test_seq", false),
			-ENOENT);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	fire(10);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_EQ(test, chan_written(a), 10ULL);
}

/*
 * An event enabled only in a stopped session does not build its entry,
 * even while another session traces: ltt_event_scratch() says no before
 * TP_fast_assign() would run.
 */
static void stopped_session_costs_no_entry(struct kunit *test)
{
	struct ltt_session *on, *off;
	struct ltt_channel *a_on, *a_off;
	struct ltt_binding *b;
	void *entry;

	on = test_session(test, "kunit-on", &a_on, NULL);
	off = test_session(test, "kunit-off", &a_off, NULL);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a_off, "ltt_test_seq", true), 0);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a_on, "ltt_test_mod*", true), 0);
	b = first_binding(a_off);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, ltt_session_start(on), 0);
	KUNIT_ASSERT_TRUE(test, ltt_tracing());

	KUNIT_EXPECT_EQ(test, READ_ONCE(b->event->nr_active), 0U);
	KUNIT_EXPECT_NULL(test, ltt_event_scratch(b->event, 16));

	KUNIT_ASSERT_EQ(test, ltt_session_start(off), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(b->event->nr_active), 1U);
	entry = ltt_event_scratch(b->event, 16);
	KUNIT_EXPECT_NOT_NULL(test, entry);
	if (entry) {
		memset(entry, 0, 16);
		ltt_event_commit(b->event, entry);
	}
	KUNIT_ASSERT_EQ(test, ltt_session_stop(off), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(b->event->nr_active), 0U);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(on), 0);
}

static void ids_follow_the_rules(struct kunit *test)
{
	struct ltt_session *session;
	struct ltt_channel *a, *b;

	session = test_session(test, "kunit-ids", &a, &b);

	/* Matched by a glob only, and not frequent: a large id. */
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test:*_seq", true), 0);
	KUNIT_ASSERT_NOT_NULL(test, first_binding(a));
	KUNIT_EXPECT_GE(test, first_binding(a)->id, LTT_EVENT_ID_ESCAPE);
	/* The same event has the same id in every channel of the session. */
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "ltt_test_seq", true), 0);
	KUNIT_ASSERT_NOT_NULL(test, first_binding(b));
	KUNIT_EXPECT_EQ(test, first_binding(b)->id, first_binding(a)->id);
	/* Kept across disabling and enabling again. */
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "ltt_test_seq", false), 0);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "ltt_test_seq", true), 0);
	KUNIT_EXPECT_EQ(test, first_binding(b)->id, first_binding(a)->id);

	/* Named exactly in a new session: a compact id. */
	KUNIT_ASSERT_EQ(test, ltt_session_remove(session), 0);
	session = test_session(test, "kunit-ids2", &a, NULL);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);
	KUNIT_EXPECT_LT(test, first_binding(a)->id, LTT_EVENT_ID_ESCAPE);
}

/*
 * Events the probe cannot record, an entry too big for the scratch area
 * or a fifth probe nested on one CPU, are counted as discarded in the
 * channels that record the event, and only there.
 */
static void unrecordable_events_are_discarded(struct kunit *test)
{
	struct ltt_session *session;
	void *entry[LTT_SCRATCH_NEST];
	struct ltt_rb_stats sa, sb;
	struct ltt_channel *a, *b;
	struct ltt_event *ev;
	int i;

	session = test_session(test, "kunit-drop", &a, &b);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);
	KUNIT_ASSERT_NOT_NULL(test, first_binding(a));
	ev = first_binding(a)->event;
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);

	KUNIT_EXPECT_NULL(test, ltt_event_scratch(ev, LTT_EVENT_MAX_ENTRY + 1));
	/* Every nesting level taken, as by task, softirq, hardirq and NMI. */
	for (i = 0; i < LTT_SCRATCH_NEST; i++) {
		entry[i] = ltt_event_scratch(ev, sizeof(u64));
		KUNIT_EXPECT_NOT_NULL(test, entry[i]);
	}
	KUNIT_EXPECT_NULL(test, ltt_event_scratch(ev, sizeof(u64)));
	while (i--)
		if (entry[i])
			ltt_event_commit(ev, entry[i]);

	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	chan_stats(a, &sa);
	chan_stats(b, &sb);
	KUNIT_EXPECT_EQ(test, sa.events_written, (u64)LTT_SCRATCH_NEST);
	KUNIT_EXPECT_EQ(test, sa.events_discarded, 2ULL);
	KUNIT_EXPECT_EQ(test, sb.events_written + sb.events_discarded, 0ULL);
}

/*
 * The scratch entry is zeroed before TP_fast_assign() runs: an event that
 * leaves bytes of its entry unwritten does not carry those of the event
 * built before it on the CPU, here ltt_test_seq with the same field
 * offset, which may be another session's. Both events are enabled in two
 * channels, so that they are built in the scratch entry, not in place.
 */
static void scratch_keeps_nothing_of_the_last_event(struct kunit *test)
{
	struct ltt_session *session;
	struct ltt_channel *a, *b;
	u64 seen = 1;

	session = test_session(test, "kunit-scratch", &a, &b);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test:*", true), 0);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "ltt_test:*", true), 0);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	/* One CPU, one nesting level: the same scratch entry for both. */
	preempt_disable();
	trace_ltt_test_seq(0x5a5a5a5a5a5a5a5aULL);
	trace_ltt_test_unwritten(&seen);
	preempt_enable();
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_EQ(test, chan_written(a), 2ULL);
	KUNIT_EXPECT_EQ(test, chan_written(b), 2ULL);
	KUNIT_EXPECT_EQ(test, seen, 0ULL);
}

/*
 * The payloads of the one event of each packet of @chan, every CPU's
 * packets in turn, into @seq; returns how many packets there were.
 */
static unsigned int read_seqs(struct kunit *test, struct ltt_channel *chan,
			      u64 *seq, unsigned int max)
{
	const unsigned int len = LTT_PACKET_HEADER_LEN +
				 LTT_EVENT_EXTENDED_LEN + sizeof(u64);
	const struct ltt_packet_header *hdr;
	struct ltt_rb_cpu *buf;
	unsigned int n = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		buf = ltt_rb_cpu_buf(chan->rb, cpu);
		while (buf && n < max && !ltt_rb_get_subbuf(buf, &hdr)) {
			/* The first event of a packet has the extended header. */
			KUNIT_EXPECT_EQ(test, hdr->content_size,
					(u64)len * BITS_PER_BYTE);
			seq[n++] = get_unaligned((const u64 *)((const u8 *)hdr +
							       len - sizeof(u64)));
			ltt_rb_put_subbuf(buf);
		}
	}
	return n;
}

/*
 * ltt_test_seq's entry is one u64 after the common fields: recorded in
 * one channel, the probe writes it in place; in two, it packs it from
 * the scratch entry. Both record the same bytes.
 */
static void in_place_records_what_scratch_packs(struct kunit *test)
{
	const u64 one = 0x0123456789abcdefULL, two = 0xfedcba9876543210ULL;
	struct ltt_session *session;
	struct ltt_channel *a, *b;
	struct ltt_event *ev;
	u64 seq[4];

	session = test_session(test, "kunit-place", &a, &b);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);
	ev = first_binding(a)->event;
	KUNIT_EXPECT_TRUE(test, ev->in_place);
	KUNIT_EXPECT_FALSE(test, ev->dynamic);
	KUNIT_EXPECT_EQ(test, ev->place_offset, (u16)sizeof(struct trace_entry));

	/* In place: one channel. Then from scratch: two. */
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	trace_ltt_test_seq(one);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "ltt_test_seq", true), 0);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	trace_ltt_test_seq(two);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);

	KUNIT_ASSERT_EQ(test, read_seqs(test, a, seq, 4), 2U);
	/* The two may have fired on two CPUs: any order. */
	KUNIT_EXPECT_EQ(test, seq[0] ^ seq[1], one ^ two);
	KUNIT_EXPECT_TRUE(test, seq[0] == one || seq[0] == two);
	KUNIT_ASSERT_EQ(test, read_seqs(test, b, seq, 4), 1U);
	KUNIT_EXPECT_EQ(test, seq[0], two);
}

struct start_in_thread {
	struct ltt_session *session;
	struct completion done;
	int ret;
};

static int start_thread_fn(void *data)
{
	struct start_in_thread *st = data;

	st->ret = ltt_session_start(st->session);
	complete(&st->done);
	return 0;
}

/*
 * Describing an event reads its print format, which a module's eval maps
 * rewrite in place under trace_event_sem (trace_event_eval_update()): the
 * first start, which describes every enabled event, waits while a writer
 * holds it.
 */
static void describing_waits_for_eval_map_updates(struct kunit *test)
{
	struct start_in_thread st = {};
	struct task_struct *task;
	struct ltt_channel *a;

	st.session = test_session(test, "kunit-evalmap", &a, NULL);
	init_completion(&st.done);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);

	down_write(&trace_event_sem);
	task = kthread_run(start_thread_fn, &st, "kunit-ltt-start");
	if (IS_ERR(task)) {
		up_write(&trace_event_sem);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(task));
		return;
	}
	msleep(200);
	KUNIT_EXPECT_FALSE(test, completion_done(&st.done));
	up_write(&trace_event_sem);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&st.done, 10 * HZ));
	KUNIT_EXPECT_EQ(test, st.ret, 0);
	KUNIT_EXPECT_TRUE(test, st.session->described);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(st.session), 0);
}

/*
 * What the ipi_send_cpu probes around LTT's saw of the wakeups LTT raised
 * on @cpu: how many, and how many of them a channel recorded.
 */
struct callout_watch {
	int cpu;
	void *wakeup_fn;
	struct ltt_rb_cpu *buf;
	u64 before;
	unsigned int callouts;
	unsigned int recorded;
};

/* Bytes reserved in @buf so far: moves with every event recorded. */
static u64 buf_bytes(struct ltt_rb_cpu *buf)
{
	struct ltt_rb_stats stats;

	ltt_rb_cpu_stats(buf, &stats);
	return stats.bytes_written;
}

static bool callout_watched(struct callout_watch *w, unsigned int cpu,
			    void *callback)
{
	return callback == w->wakeup_fn && cpu == w->cpu &&
	       smp_processor_id() == w->cpu;
}

/* Runs before LTT's probe (higher priority)... */
static void callout_before(void *data, const unsigned int cpu,
			   unsigned long callsite, void *callback)
{
	struct callout_watch *w = data;

	if (callout_watched(w, cpu, callback))
		w->before = buf_bytes(w->buf);
}

/* ...and this one after it. */
static void callout_after(void *data, const unsigned int cpu,
			  unsigned long callsite, void *callback)
{
	struct callout_watch *w = data;

	if (!callout_watched(w, cpu, callback))
		return;
	w->callouts++;
	if (buf_bytes(w->buf) != w->before)
		w->recorded++;
}

static int wakeup_seen(struct wait_queue_entry *wq_entry, unsigned int mode,
		       int flags, void *key)
{
	return 0;
}

static const struct ltt_rb_config overwrite_config = {
	.subbuf_size = 4096,
	.num_subbuf = 4,
	.mode = LTT_RB_OVERWRITE,
};

/*
 * A reader waits on channel "a", which records a test event; every packet
 * it completes makes LTT raise an irq_work, and irq_work_queue() fires
 * ipi_send_cpu. Channel "b" enables every event: it must not record those.
 */
static void own_wakeups_are_not_recorded(struct kunit *test)
{
	struct callout_watch w = { };
	struct wait_queue_entry waiter;
	struct ltt_session *session;
	struct ltt_channel *a, *b;
	struct wait_queue_head *wq;
	unsigned int i;
	int ret;

	session = test_session_config(test, "kunit-callout", &overwrite_config,
				      &a, &b);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(a, "ltt_test_seq", true), 0);
	KUNIT_ASSERT_EQ(test, ltt_channel_set_event(b, "*", true), 0);

	migrate_disable();
	w.cpu = smp_processor_id();
	w.buf = ltt_rb_cpu_buf(b->rb, w.cpu);
	w.wakeup_fn = ltt_rb_cpu_buf(a->rb, w.cpu)->wakeup_work.func;
	wq = &ltt_rb_cpu_buf(a->rb, w.cpu)->wait;
	ret = register_trace_prio_ipi_send_cpu(callout_before, &w,
					       TRACEPOINT_DEFAULT_PRIO + 1);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = register_trace_prio_ipi_send_cpu(callout_after, &w,
					       TRACEPOINT_DEFAULT_PRIO - 1);
	KUNIT_EXPECT_EQ(test, ret, 0);
	init_waitqueue_func_entry(&waiter, wakeup_seen);
	add_wait_queue(wq, &waiter);

	KUNIT_EXPECT_EQ(test, ltt_session_start(session), 0);
	for (i = 0; i < 20000 && READ_ONCE(w.callouts) < 32; i++)
		trace_ltt_test_seq(i);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), 0);

	remove_wait_queue(wq, &waiter);
	unregister_trace_ipi_send_cpu(callout_before, &w);
	unregister_trace_ipi_send_cpu(callout_after, &w);
	tracepoint_synchronize_unregister();
	migrate_enable();

	KUNIT_EXPECT_GT(test, w.callouts, 0U);
	KUNIT_EXPECT_EQ(test, w.recorded, 0U);
	KUNIT_EXPECT_GT(test, buf_bytes(w.buf), 0ULL);
}

static struct kunit_case ltt_event_cases[] = {
	KUNIT_CASE(plan_merges_adjacent_fixed_fields),
	KUNIT_CASE(pack_writes_ctf_layout),
	KUNIT_CASE_PARAM(pattern_matches_name_and_system, match_gen_params),
	KUNIT_CASE_PARAM(pattern_validity, valid_gen_params),
	KUNIT_CASE(pattern_too_long),
	KUNIT_CASE(enabled_channel_records_only),
	KUNIT_CASE(stopped_session_costs_no_entry),
	KUNIT_CASE(ids_follow_the_rules),
	KUNIT_CASE(unrecordable_events_are_discarded),
	KUNIT_CASE(scratch_keeps_nothing_of_the_last_event),
	KUNIT_CASE(in_place_records_what_scratch_packs),
	KUNIT_CASE(describing_waits_for_eval_map_updates),
	KUNIT_CASE(own_wakeups_are_not_recorded),
	{}
};

static struct kunit_suite ltt_event_suite = {
	.name = "ltt_event",
	.test_cases = ltt_event_cases,
};

kunit_test_suite(ltt_event_suite);
