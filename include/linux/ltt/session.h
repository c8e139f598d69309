/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT sessions and channels
 *
 * A session is a named, independent trace: a set of channels that start
 * and stop together, the trace clock they all use, and how often their
 * partly filled sub-buffers are flushed for a live reader. A channel is
 * one ring buffer (struct ltt_rb) with its own sub-buffer size and count
 * and its own mode; a session whose channels mix discard and overwrite
 * modes records in "hybrid" mode. Any number of sessions may exist and
 * trace at the same time; each event is written to every channel of
 * every active session.
 *
 * Events reach the channels through their probes (<linux/ltt/event.h>),
 * each recorded in the channels that enable it. Code that writes into
 * every channel of every active session walks them instead, from any
 * context, NMI included, at the cost of a static branch when no session
 * is active:
 *
 *	struct ltt_session *session;
 *	struct ltt_channel *chan;
 *
 *	if (!ltt_tracing())
 *		return;
 *	preempt_disable_notrace();
 *	ltt_for_each_active_session(session) {
 *		ltt_for_each_channel_rcu(chan, session) {
 *			struct ltt_rb_ctx ctx;
 *
 *			if (ltt_rb_reserve(ltt_rb_this_cpu(chan->rb), &ctx,
 *					   id, len))
 *				continue;
 *			... write len bytes at ctx.payload ...
 *			ltt_rb_commit(&ctx);
 *		}
 *	}
 *	preempt_enable_notrace();
 *
 * Disabling preemption is what makes the iteration safe: the control
 * path (kernel/trace/ltt/session.c) takes a session off the list of
 * active sessions and waits for an RCU grace period before it changes or
 * frees anything a writer can reach. While a session is on that list its
 * channel list and each channel's ring buffer stay as they are.
 *
 * Sessions and channels are created, configured, started and stopped
 * from process context with the functions declared at the end of this
 * header, normally through the control files (Documentation/trace/ltt.rst).
 * The text that describes a session's trace is added, from process
 * context, with ltt_metadata_append(); readers of the session's metadata
 * file see it at once.
 */
#ifndef _LINUX_LTT_SESSION_H
#define _LINUX_LTT_SESSION_H

#include <linux/jump_label.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/ltt/clock.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/rculist.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/wait.h>

/* Longest session or channel name, without the NUL. */
#define LTT_NAME_MAX		63

/* Switch timer intervals: 0 (off) or in this range. */
#define LTT_TIMER_MIN_US	1000U
#define LTT_TIMER_MAX_US	3600000000U

/* Defaults of a new session and a new channel. */
#define LTT_DEFAULT_SUBBUF_SIZE		4096U
#define LTT_DEFAULT_NUM_SUBBUF		8U

struct ltt_crash_region;
struct ltt_stream;
struct ltt_switch_timer;

/**
 * struct ltt_channel - A ring buffer of a session
 * @node: in the session's @channels list. Session mutex to change, RCU
 *	to read; never changes while the session is active.
 * @session: the session. Read-only.
 * @rb: the ring buffer, always allocated. Replaced (geometry or clock
 *	changed) only while the session is stopped, under the session mutex.
 * @config: what @rb was created with; @config.stream_id is the channel's
 *	index in the session. Session mutex.
 * @streams: one per possible CPU, what the stream files point to. Set
 *	when the files are created, read-only afterwards.
 * @readers: open stream files. Session mutex; @rb is not replaced and
 *	the channel not destroyed while it is not zero.
 * @rules: which events are enabled, struct ltt_event_rule in the order
 *	they were written; the last rule that matches an event decides.
 *	Session mutex.
 * @nr_rules: entries in @rules. Session mutex.
 * @bindings: every event enabled in the channel at some point (struct
 *	ltt_binding), enabled or not now. Session mutex.
 * @context: the context fields written before every event, a mask of
 *	BIT(enum ltt_context). Session mutex; changes only before the
 *	session's metadata is written, so writers read it without a lock.
 * @context_size: bytes those fields take. As @context.
 * @crash: the reserved memory @rb is placed in, so that it outlives a
 *	crash (crash_buffer.c), or NULL. Set when the channel is made,
 *	cleared when it goes.
 * @name: unique within the session. Read-only.
 */
struct ltt_channel {
	struct list_head node;
	struct ltt_session *session;
	struct ltt_rb *rb;
	struct ltt_rb_config config;
	struct ltt_stream *streams;
	unsigned int readers;
	struct list_head rules;
	unsigned int nr_rules;
	struct list_head bindings;
	unsigned long context;
	unsigned int context_size;
	struct ltt_crash_region *crash;
	char name[LTT_NAME_MAX + 1];
};

/**
 * enum ltt_layout - The names a session's metadata gives events and fields
 * @LTT_LAYOUT_LTT: those of the kernel's trace event definitions
 * @LTT_LAYOUT_LTTNG: those tools written for LTTng kernel traces look for
 *	(kernel/trace/ltt/ctf_layout.c)
 */
enum ltt_layout {
	LTT_LAYOUT_LTT,
	LTT_LAYOUT_LTTNG,
};

/**
 * struct ltt_session - A trace: channels that start and stop together
 * @node: in the list of all sessions. Session mutex.
 * @active_node: in ltt_active_sessions while the session is active.
 *	Session mutex to change, RCU to read.
 * @channels: the channels, in creation order. See struct ltt_channel.
 * @nr_channels: entries in @channels. Session mutex.
 * @next_stream_id: the stream id of the next channel. Ids are never
 *	reused, not even one whose channel was destroyed: a trace reader
 *	must never see two channels under one id. Session mutex.
 * @clock: the trace clock of every channel. Session mutex; changes only
 *	while stopped.
 * @switch_timer_us: flush period of partly filled sub-buffers, 0 for
 *	never. Session mutex; changes only while stopped, so the timers
 *	read it without a lock.
 * @active: tracing. Session mutex.
 * @dead: removed by ltt_session_remove(); every operation but
 *	ltt_session_free() fails with -ENOENT. Session mutex.
 * @timers: per-CPU switch timers, see switch_timer.c. Allocated with
 *	the session; each armed and stopped on its own CPU.
 * @cpuhp_node: CPU hotplug instance that runs the switch timers on the
 *	online CPUs while the session is active. Session mutex.
 * @ref: the creator's reference, dropped by ltt_session_free(), and one
 *	per open stream or metadata file. The last one frees the session.
 * @drained: stopped after having been started, and every packet closed,
 *	so a reader that finds no packet has read everything. Session mutex
 *	to change, read without a lock (acquire) by readers.
 * @metadata_wait: readers of the metadata file wait here. Woken by
 *	ltt_metadata_append(), and when the session stops or is removed.
 * @metadata_lock: protects @metadata, @metadata_len, @metadata_size.
 * @metadata: what ltt_metadata_append() added, @metadata_len bytes in a
 *	buffer of @metadata_size.
 * @metadata_len: see @metadata. Also read without the lock (READ_ONCE)
 *	by the readers' wait condition.
 * @metadata_size: see @metadata.
 * @metadata_mark: @metadata_len at ltt_metadata_begin(), where
 *	ltt_metadata_end() takes a failed group of pieces back to.
 *	@metadata_lock.
 * @event_ids: the id of every event enabled in the session at some
 *	point, struct ltt_event_id. Session mutex.
 * @next_compact_id: the next id that fits in the compact event header.
 *	Session mutex.
 * @next_id: the next id that does not. Session mutex.
 * @described: the trace, clock and stream declarations are in the
 *	metadata (done when the session first starts); from then on what
 *	they describe does not change, and new channels and events are
 *	appended as they come. Session mutex.
 * @layout: an enum ltt_layout. Session mutex; changes only before the
 *	metadata is first written (@described).
 * @statedump_count: statedumps recorded into the session (statedump.c).
 *	ltt_statedump_mutex.
 * @statedump_events: events the last of them recorded. As above.
 * @statedump_ns: how long it took, in nanoseconds. As above.
 * @name: unique among sessions. Read-only.
 */
struct ltt_session {
	struct list_head node;
	struct list_head active_node;
	struct list_head channels;
	unsigned int nr_channels;
	u32 next_stream_id;
	enum ltt_clock_id clock;
	unsigned int switch_timer_us;
	bool active;
	bool dead;
	struct ltt_switch_timer __percpu *timers;
	struct hlist_node cpuhp_node;
	struct kref ref;
	bool drained;
	wait_queue_head_t metadata_wait;
	struct mutex metadata_lock;	/* see above */
	char *metadata;
	size_t metadata_len;
	size_t metadata_size;
	size_t metadata_mark;
	struct list_head event_ids;
	u32 next_compact_id;
	u32 next_id;
	bool described;
	enum ltt_layout layout;
	unsigned int statedump_count;
	unsigned int statedump_events;
	u64 statedump_ns;
	char name[LTT_NAME_MAX + 1];
};

/* Sessions that are tracing. RCU, see above. */
extern struct list_head ltt_active_sessions;
/* Enabled while at least one session is active. */
DECLARE_STATIC_KEY_FALSE(ltt_tracing_key);

/**
 * ltt_tracing() - Is any session tracing?
 *
 * Return: true while at least one session is active. Costs a patched
 * branch.
 */
static __always_inline bool ltt_tracing(void)
{
	return static_branch_unlikely(&ltt_tracing_key);
}

/**
 * ltt_for_each_active_session() - Iterate over the sessions tracing
 * @session: struct ltt_session cursor
 *
 * Context: preemption disabled (or rcu_read_lock()), any context.
 */
#define ltt_for_each_active_session(session)				\
	list_for_each_entry_rcu(session, &ltt_active_sessions, active_node)

/**
 * ltt_for_each_channel_rcu() - Iterate over the channels of a session
 * @chan: struct ltt_channel cursor
 * @session: an active session, from ltt_for_each_active_session()
 *
 * Context: as ltt_for_each_active_session().
 */
#define ltt_for_each_channel_rcu(chan, session)				\
	list_for_each_entry_rcu(chan, &(session)->channels, node)

struct ltt_session *ltt_session_create(const char *name);
struct ltt_session *ltt_session_lookup(const char *name);
int ltt_session_remove(struct ltt_session *session);
void ltt_session_free(struct ltt_session *session);
void ltt_session_get(struct ltt_session *session);
void ltt_session_put(struct ltt_session *session);
void ltt_session_destroy(struct ltt_session *session);
int ltt_session_start(struct ltt_session *session);
int ltt_session_stop(struct ltt_session *session);
int ltt_session_set_clock(struct ltt_session *session, enum ltt_clock_id clock);
int ltt_session_set_layout(struct ltt_session *session,
			   enum ltt_layout layout);
int ltt_session_set_switch_timer(struct ltt_session *session,
				 unsigned int us);

struct ltt_channel *ltt_channel_create(struct ltt_session *session,
				       const char *name,
				       const struct ltt_rb_config *config);
struct ltt_channel *ltt_channel_lookup(struct ltt_session *session,
				       const char *name);
int ltt_channel_describe(struct ltt_channel *chan);
int ltt_channel_destroy(struct ltt_channel *chan);
int ltt_channel_set_geometry(struct ltt_channel *chan,
			     unsigned int subbuf_size, unsigned int num_subbuf,
			     enum ltt_rb_mode mode);

int ltt_metadata_begin(struct ltt_session *session);
int ltt_metadata_add(struct ltt_session *session, const void *buf, size_t len);
int ltt_metadata_end(struct ltt_session *session, int err);
int ltt_metadata_append(struct ltt_session *session, const void *buf,
			size_t len);

#endif /* _LINUX_LTT_SESSION_H */
