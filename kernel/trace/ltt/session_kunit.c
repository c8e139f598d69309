// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for LTT sessions and channels
 *
 * The sessions are made through the in-kernel interface, without the
 * control files, and events are written straight into every channel of
 * every active session: what the tests check is that events land in the
 * channels of started sessions only, and that every refused operation
 * leaves the session as it was.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/ltt/session.h>
#include <linux/sched.h>

#include "internal.h"

#define TEST_EVENT_ID	3

static const struct ltt_rb_config small_discard = {
	.subbuf_size = 4096,
	.num_subbuf = 4,
	.mode = LTT_RB_DISCARD,
};

static const struct ltt_rb_config tiny_discard = {
	.subbuf_size = 1024,
	.num_subbuf = 2,
	.mode = LTT_RB_DISCARD,
};

static const struct ltt_rb_config small_overwrite = {
	.subbuf_size = 1024,
	.num_subbuf = 2,
	.mode = LTT_RB_OVERWRITE,
};

static void session_destroy_action(void *session)
{
	ltt_session_destroy(session);
}

/* A session destroyed when the test ends, unless the test does it. */
static struct ltt_session *make_session(struct kunit *test, const char *name)
{
	struct ltt_session *session = ltt_session_create(name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							session_destroy_action,
							session), 0);
	return session;
}

static struct ltt_channel *make_channel(struct kunit *test,
					struct ltt_session *session,
					const char *name,
					const struct ltt_rb_config *config)
{
	struct ltt_channel *chan = ltt_channel_create(session, name, config);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, chan);
	return chan;
}

/* Counters of @chan on the CPU the test is pinned to. */
static struct ltt_rb_stats chan_stats(struct kunit *test,
				      struct ltt_channel *chan)
{
	struct ltt_rb_stats stats = {};
	struct ltt_rb_cpu *buf;

	buf = ltt_rb_cpu_buf(chan->rb, raw_smp_processor_id());
	KUNIT_ASSERT_NOT_NULL(test, buf);
	ltt_rb_cpu_stats(buf, &stats);
	return stats;
}

static void pin(struct kunit *test)
{
	int cpu = raw_smp_processor_id();

	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpu)), 0);
}

/* Write @payload as event TEST_EVENT_ID into every active channel. */
static void write_event(u64 payload)
{
	struct ltt_session *session;
	struct ltt_channel *chan;
	struct ltt_rb_ctx ctx;

	if (!ltt_tracing())
		return;
	preempt_disable();
	ltt_for_each_active_session(session) {
		ltt_for_each_channel_rcu(chan, session) {
			if (ltt_rb_reserve(ltt_rb_this_cpu(chan->rb), &ctx,
					   TEST_EVENT_ID, sizeof(payload)))
				continue;
			memcpy(ctx.payload, &payload, sizeof(payload));
			ltt_rb_commit(&ctx);
		}
	}
	preempt_enable();
}

static void write_events(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		write_event(i);
}

struct name_case {
	const char *name;
	bool valid;
};

static const struct name_case name_cases[] = {
	{ "a", true },
	{ "trace-1", true },
	{ "my_session.2", true },
	{ "0abc", true },
	{ "", false },
	{ ".", false },
	{ "..", false },
	{ ".hidden", false },
	{ "-x", false },
	{ "a/b", false },
	{ "a b", false },
	{ "tab\there", false },
	{ "caf\xc3\xa9", false },
	{ "123456789012345678901234567890123456789012345678901234567890123", true },
	{ "1234567890123456789012345678901234567890123456789012345678901234", false },
};

static void name_case_desc(const struct name_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%.20s\" %s", c->name,
		 c->valid ? "valid" : "invalid");
}

KUNIT_ARRAY_PARAM(name, name_cases, name_case_desc);

static void session_name_validation(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	struct ltt_session *session;

	KUNIT_EXPECT_EQ(test, ltt_name_valid(c->name), c->valid);
	session = ltt_session_create(c->name);
	if (c->valid) {
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
		ltt_session_destroy(session);
	} else {
		KUNIT_EXPECT_EQ(test, PTR_ERR(session), -EINVAL);
	}
}

static void session_create_lookup_destroy(struct kunit *test)
{
	struct ltt_session *session = ltt_session_create("kunit-s");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_EXPECT_PTR_EQ(test, ltt_session_lookup("kunit-s"), session);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_session_create("kunit-s")), -EEXIST);
	KUNIT_EXPECT_FALSE(test, session->active);
	KUNIT_EXPECT_EQ(test, session->clock, LTT_CLOCK_MONOTONIC);
	KUNIT_EXPECT_EQ(test, session->switch_timer_us, 0U);
	ltt_session_destroy(session);
	KUNIT_EXPECT_NULL(test, ltt_session_lookup("kunit-s"));

	/* The name can be used again. */
	session = ltt_session_create("kunit-s");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	ltt_session_destroy(session);
}

static void session_start_needs_a_channel(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-empty");

	KUNIT_EXPECT_EQ(test, ltt_session_start(session), -EINVAL);
	KUNIT_EXPECT_FALSE(test, session->active);
}

static void session_start_stop_is_idempotent(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-ss");

	make_channel(test, session, "c", &small_discard);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_session_start(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_session_start(session), 0);
	KUNIT_EXPECT_TRUE(test, session->active);
	KUNIT_EXPECT_TRUE(test, ltt_tracing());
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_EXPECT_FALSE(test, session->active);
}

/* Nothing that changes buffers or settings is allowed while tracing. */
static void session_active_refuses_changes(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-busy");
	struct ltt_channel *chan;
	struct ltt_rb *rb;

	chan = make_channel(test, session, "c", &small_discard);
	rb = chan->rb;
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);

	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_channel_create(session, "d",
							 &small_discard)),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, ltt_channel_set_geometry(chan, 8192, 4,
						       LTT_RB_DISCARD), -EBUSY);
	KUNIT_EXPECT_EQ(test, ltt_session_set_clock(session, LTT_CLOCK_COUNTER),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, ltt_session_set_switch_timer(session, 10000),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, ltt_channel_destroy(chan), -EBUSY);

	KUNIT_EXPECT_PTR_EQ(test, chan->rb, rb);
	KUNIT_EXPECT_EQ(test, chan->config.subbuf_size, 4096U);
	KUNIT_EXPECT_EQ(test, session->clock, LTT_CLOCK_MONOTONIC);
	KUNIT_EXPECT_EQ(test, session->switch_timer_us, 0U);
	KUNIT_EXPECT_EQ(test, session->nr_channels, 1U);
}

static void channel_create_checks(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-ch");
	struct ltt_rb_config bad = small_discard;
	struct ltt_channel *a, *b;

	a = make_channel(test, session, "a", &small_discard);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_channel_create(session, "a",
							 &small_overwrite)),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_channel_create(session, "a/b",
							 &small_discard)),
			-EINVAL);
	bad.subbuf_size = 3000;
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_channel_create(session, "bad", &bad)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, session->nr_channels, 1U);

	b = make_channel(test, session, "b", &small_overwrite);
	KUNIT_EXPECT_PTR_EQ(test, ltt_channel_lookup(session, "b"), b);
	KUNIT_EXPECT_NULL(test, ltt_channel_lookup(session, "bad"));
	/* Each channel is its own CTF stream. */
	KUNIT_EXPECT_NE(test, a->config.stream_id, b->config.stream_id);
	KUNIT_EXPECT_EQ(test, b->config.mode, LTT_RB_OVERWRITE);
	KUNIT_EXPECT_EQ(test, b->config.clock, session->clock);
}

/*
 * A destroyed channel's stream id stays taken: once a session is described
 * its metadata may already declare the id, and a second channel under it
 * would make the trace unreadable.
 */
static void channel_stream_ids_are_never_reused(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-ids");
	struct ltt_channel *a, *b, *c;
	u32 b_id;

	a = make_channel(test, session, "a", &small_discard);
	b = make_channel(test, session, "b", &small_discard);
	b_id = b->config.stream_id;
	KUNIT_ASSERT_EQ(test, ltt_channel_destroy(b), 0);
	c = make_channel(test, session, "c", &small_discard);
	KUNIT_EXPECT_NE(test, c->config.stream_id, b_id);
	KUNIT_EXPECT_NE(test, c->config.stream_id, a->config.stream_id);
	KUNIT_EXPECT_GT(test, c->config.stream_id, b_id);
}

static void channel_geometry_change(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-geo");
	struct ltt_channel *chan;
	struct ltt_rb *rb;

	chan = make_channel(test, session, "c", &small_discard);
	rb = chan->rb;
	/* Same geometry: nothing to do, same buffer. */
	KUNIT_EXPECT_EQ(test, ltt_channel_set_geometry(chan, 4096, 4,
						       LTT_RB_DISCARD), 0);
	KUNIT_EXPECT_PTR_EQ(test, chan->rb, rb);
	/* A refused geometry leaves the channel as it was. */
	KUNIT_EXPECT_EQ(test, ltt_channel_set_geometry(chan, 4096, 3,
						       LTT_RB_DISCARD), -EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, chan->rb, rb);
	KUNIT_EXPECT_EQ(test, chan->config.num_subbuf, 4U);

	KUNIT_EXPECT_EQ(test, ltt_channel_set_geometry(chan, 8192, 16,
						       LTT_RB_OVERWRITE), 0);
	KUNIT_EXPECT_EQ(test, chan->config.subbuf_size, 8192U);
	KUNIT_EXPECT_EQ(test, chan->config.num_subbuf, 16U);
	KUNIT_EXPECT_EQ(test, chan->config.mode, LTT_RB_OVERWRITE);
	KUNIT_EXPECT_EQ(test, chan->rb->config.subbuf_size, 8192U);
}

static void session_clock_change(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-clk");
	struct ltt_channel *a, *b;

	a = make_channel(test, session, "a", &small_discard);
	b = make_channel(test, session, "b", &small_overwrite);
	KUNIT_EXPECT_EQ(test, ltt_session_set_clock(session, LTT_CLOCK_NR),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ltt_session_set_clock(session, LTT_CLOCK_COUNTER),
			0);
	KUNIT_EXPECT_EQ(test, session->clock, LTT_CLOCK_COUNTER);
	KUNIT_EXPECT_EQ(test, a->rb->config.clock, LTT_CLOCK_COUNTER);
	KUNIT_EXPECT_EQ(test, b->rb->config.clock, LTT_CLOCK_COUNTER);
	/* Geometry survives a clock change. */
	KUNIT_EXPECT_EQ(test, b->rb->config.subbuf_size, 1024U);
	KUNIT_EXPECT_EQ(test, b->rb->config.mode, LTT_RB_OVERWRITE);
}

struct timer_case {
	unsigned int us;
	int ret;
};

static const struct timer_case timer_cases[] = {
	{ 0, 0 },
	{ 1, -EINVAL },
	{ LTT_TIMER_MIN_US - 1, -EINVAL },
	{ LTT_TIMER_MIN_US, 0 },
	{ 100000, 0 },
	{ LTT_TIMER_MAX_US, 0 },
	{ LTT_TIMER_MAX_US + 1, -EINVAL },
};

static void timer_case_desc(const struct timer_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u us", c->us);
}

KUNIT_ARRAY_PARAM(timer, timer_cases, timer_case_desc);

static void session_timer_ranges(struct kunit *test)
{
	const struct timer_case *c = test->param_value;
	struct ltt_session *session = make_session(test, "kunit-timer");

	KUNIT_EXPECT_EQ(test, ltt_session_set_switch_timer(session, c->us),
			c->ret);
	KUNIT_EXPECT_EQ(test, session->switch_timer_us, c->ret ? 0 : c->us);
}

static void removed_session_refuses_everything(struct kunit *test)
{
	struct ltt_session *session = ltt_session_create("kunit-dead");
	struct ltt_channel *chan;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	chan = ltt_channel_create(session, "c", &small_discard);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, chan);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	/* Removing an active session stops it first. */
	KUNIT_EXPECT_EQ(test, ltt_session_remove(session), 0);
	KUNIT_EXPECT_FALSE(test, session->active);
	KUNIT_EXPECT_NULL(test, ltt_session_lookup("kunit-dead"));

	KUNIT_EXPECT_EQ(test, ltt_session_remove(session), -ENOENT);
	KUNIT_EXPECT_EQ(test, ltt_session_start(session), -ENOENT);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), -ENOENT);
	KUNIT_EXPECT_EQ(test, ltt_session_set_clock(session, LTT_CLOCK_COUNTER),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ltt_session_set_switch_timer(session, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ltt_channel_create(session, "d",
							 &small_discard)),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ltt_channel_set_geometry(chan, 8192, 4,
						       LTT_RB_DISCARD), -ENOENT);
	ltt_session_free(session);
}

/* Events land in the channels of started sessions only. */
static void events_land_in_started_sessions_only(struct kunit *test)
{
	struct ltt_session *on = make_session(test, "kunit-on");
	struct ltt_session *off = make_session(test, "kunit-off");
	struct ltt_channel *on_a, *on_b, *off_a;
	struct ltt_rb_stats stats;

	pin(test);
	on_a = make_channel(test, on, "a", &small_discard);
	on_b = make_channel(test, on, "b", &small_overwrite);
	off_a = make_channel(test, off, "a", &small_discard);
	KUNIT_ASSERT_EQ(test, ltt_session_start(on), 0);

	write_events(10);
	KUNIT_EXPECT_EQ(test, chan_stats(test, on_a).events_written, 10ULL);
	KUNIT_EXPECT_EQ(test, chan_stats(test, on_b).events_written, 10ULL);
	KUNIT_EXPECT_EQ(test, chan_stats(test, off_a).events_written, 0ULL);
	stats = chan_stats(test, on_a);
	KUNIT_EXPECT_GT(test, stats.bytes_written, 10ULL * sizeof(u64));

	/* Stopped: nothing more lands, and the counters stay. */
	KUNIT_ASSERT_EQ(test, ltt_session_stop(on), 0);
	write_events(5);
	KUNIT_EXPECT_EQ(test, chan_stats(test, on_a).events_written, 10ULL);

	/* Both at once, independently. */
	KUNIT_ASSERT_EQ(test, ltt_session_start(on), 0);
	KUNIT_ASSERT_EQ(test, ltt_session_start(off), 0);
	write_events(7);
	KUNIT_EXPECT_EQ(test, chan_stats(test, on_a).events_written, 17ULL);
	KUNIT_EXPECT_EQ(test, chan_stats(test, off_a).events_written, 7ULL);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(on), 0);
	write_events(1);
	KUNIT_EXPECT_EQ(test, chan_stats(test, on_a).events_written, 17ULL);
	KUNIT_EXPECT_EQ(test, chan_stats(test, off_a).events_written, 8ULL);
}

/* Overwrite and discard channels of one session fill up their own way. */
static void hybrid_session_modes(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-hybrid");
	struct ltt_channel *disc, *over;
	struct ltt_rb_stats ds, os;

	pin(test);
	disc = make_channel(test, session, "disc", &tiny_discard);
	over = make_channel(test, session, "over", &small_overwrite);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	/* Far more than two 1 KiB sub-buffers hold, with no reader. */
	write_events(2000);
	ds = chan_stats(test, disc);
	os = chan_stats(test, over);
	KUNIT_EXPECT_GT(test, ds.events_discarded, 0ULL);
	KUNIT_EXPECT_EQ(test, ds.subbufs_overwritten, 0ULL);
	KUNIT_EXPECT_EQ(test, os.events_discarded, 0ULL);
	KUNIT_EXPECT_GT(test, os.subbufs_overwritten, 0ULL);
}

/* Stopping closes the open packets: the reader gets every event. */
static void stop_flushes(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-flush");
	const struct ltt_packet_header *packet;
	struct ltt_channel *chan;
	struct ltt_rb_cpu *buf;

	pin(test);
	chan = make_channel(test, session, "c", &small_discard);
	buf = ltt_rb_cpu_buf(chan->rb, raw_smp_processor_id());
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	write_events(3);
	KUNIT_EXPECT_EQ(test, ltt_rb_get_subbuf(buf, &packet), -EAGAIN);
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	KUNIT_ASSERT_EQ(test, ltt_rb_get_subbuf(buf, &packet), 0);
	KUNIT_EXPECT_EQ(test, packet->magic, LTT_PACKET_MAGIC);
	ltt_rb_put_subbuf(buf);
}

/* The switch timer closes a quiet CPU's packet while tracing goes on. */
static void switch_timer_flushes(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-switch");
	const struct ltt_packet_header *packet;
	struct ltt_channel *chan;
	struct ltt_rb_cpu *buf;
	int i, ret = -EAGAIN;

	pin(test);
	chan = make_channel(test, session, "c", &small_discard);
	buf = ltt_rb_cpu_buf(chan->rb, raw_smp_processor_id());
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, ltt_session_set_switch_timer(session, 2000), 0);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	write_events(3);
	for (i = 0; i < 100 && ret == -EAGAIN; i++) {
		msleep(20);
		ret = ltt_rb_get_subbuf(buf, &packet);
	}
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE(test, session->active);
	KUNIT_EXPECT_EQ(test, packet->magic, LTT_PACKET_MAGIC);
	ltt_rb_put_subbuf(buf);
	KUNIT_EXPECT_EQ(test, ltt_session_stop(session), 0);
}

/*
 * Discard mode, no reader, a switch timer: events dropped once the buffer
 * is full reach the trace. The timer must not close the last open packet
 * while nothing can be opened after it, or the drops after it would be
 * counted in no packet.
 */
static void switch_timer_keeps_discards_in_the_trace(struct kunit *test)
{
	struct ltt_session *session = make_session(test, "kunit-switch-full");
	const struct ltt_packet_header *packet;
	struct ltt_rb_stats stats;
	struct ltt_channel *chan;
	u64 reported = 0;
	int i;

	pin(test);
	chan = make_channel(test, session, "c", &small_discard);
	KUNIT_ASSERT_EQ(test, ltt_session_set_switch_timer(session, 1000), 0);
	KUNIT_ASSERT_EQ(test, ltt_session_start(session), 0);
	/* Fill the buffer, with timer flushes in between, then overflow it. */
	for (i = 0; i < 40; i++) {
		write_events(100);
		usleep_range(2000, 3000);
	}
	KUNIT_ASSERT_EQ(test, ltt_session_stop(session), 0);
	stats = chan_stats(test, chan);
	KUNIT_ASSERT_GT(test, stats.events_discarded, 0ULL);
	/* events_discarded of a packet is the count when it was closed. */
	while (!ltt_rb_get_subbuf(ltt_rb_cpu_buf(chan->rb, raw_smp_processor_id()),
				  &packet)) {
		reported = max(reported, packet->events_discarded);
		ltt_rb_put_subbuf(ltt_rb_cpu_buf(chan->rb, raw_smp_processor_id()));
	}
	KUNIT_EXPECT_EQ(test, reported, stats.events_discarded);
}

static struct kunit_case ltt_session_cases[] = {
	KUNIT_CASE_PARAM(session_name_validation, name_gen_params),
	KUNIT_CASE(session_create_lookup_destroy),
	KUNIT_CASE(session_start_needs_a_channel),
	KUNIT_CASE(session_start_stop_is_idempotent),
	KUNIT_CASE(session_active_refuses_changes),
	KUNIT_CASE(channel_create_checks),
	KUNIT_CASE(channel_stream_ids_are_never_reused),
	KUNIT_CASE(channel_geometry_change),
	KUNIT_CASE(session_clock_change),
	KUNIT_CASE_PARAM(session_timer_ranges, timer_gen_params),
	KUNIT_CASE(removed_session_refuses_everything),
	KUNIT_CASE(events_land_in_started_sessions_only),
	KUNIT_CASE(hybrid_session_modes),
	KUNIT_CASE(stop_flushes),
	KUNIT_CASE_SLOW(switch_timer_flushes),
	KUNIT_CASE_SLOW(switch_timer_keeps_discards_in_the_trace),
	{}
};

static struct kunit_suite ltt_session_suite = {
	.name = "ltt_session",
	.test_cases = ltt_session_cases,
};

kunit_test_suite(ltt_session_suite);
