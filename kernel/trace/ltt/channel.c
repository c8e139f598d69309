// SPDX-License-Identifier: GPL-2.0
/*
 * LTT channels: the ring buffers of a session
 *
 * A channel owns one ring buffer for as long as it exists, allocated when
 * the channel is created so that a geometry the machine cannot hold is
 * refused right away, not when tracing starts. Changing the geometry,
 * the mode or the session's clock replaces the ring buffer with a new,
 * empty one; that is only allowed while the session is stopped, when no
 * writer can be in the old one (see session.c). The new buffer is made
 * before the old one is freed, so a failed change leaves the channel as
 * it was.
 *
 * Locking: ltt_session_mutex, as for sessions.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "crash_buffer.h"
#include "internal.h"

static struct ltt_channel *ltt_channel_find(struct ltt_session *session,
					    const char *name)
{
	struct ltt_channel *chan;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(chan, &session->channels, node)
		if (!strcmp(chan->name, name))
			return chan;
	return NULL;
}

/**
 * ltt_name_valid() - Can this be a session or channel name?
 * @name: the name
 *
 * Names become directory names in the control files and, later, file
 * names in the trace directory: 1 to LTT_NAME_MAX characters among
 * ASCII letters and digits, '_', '-' and '.', not starting with '.' or
 * '-'. isalnum() alone would take Latin-1 letters (0xc0-0xff), which are
 * not UTF-8 and which trace readers then refuse in a stream's file name.
 *
 * Return: true if @name is valid.
 */
bool ltt_name_valid(const char *name)
{
	size_t i, len = strnlen(name, LTT_NAME_MAX + 1);

	if (!len || len > LTT_NAME_MAX || name[0] == '.' || name[0] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!(isascii(name[i]) && isalnum(name[i])) &&
		    !strchr("_-.", name[i]))
			return false;
	return true;
}

/**
 * ltt_channel_create() - Add a channel to a stopped session
 * @session: the session
 * @name: the channel's name, see ltt_name_valid()
 * @config: sub-buffer size and count and mode; the clock and stream id
 *	are the session's business and ignored
 *
 * Context: process context, may sleep.
 * Return: the channel, or an ERR_PTR(): -EINVAL for a bad name or
 * geometry, -ENOENT if the session was removed, -EBUSY if it is active,
 * -EEXIST if it has a channel of that name, or -ENOMEM. Once the session
 * has started, the channel is only in the trace after
 * ltt_channel_describe().
 */
struct ltt_channel *ltt_channel_create(struct ltt_session *session,
				       const char *name,
				       const struct ltt_rb_config *config)
{
	struct ltt_channel *chan;
	struct ltt_rb *rb;

	if (!ltt_name_valid(name))
		return ERR_PTR(-EINVAL);

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return ERR_PTR(-ENOENT);
	if (session->active)
		return ERR_PTR(-EBUSY);
	if (ltt_channel_find(session, name))
		return ERR_PTR(-EEXIST);
	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return ERR_PTR(-ENOMEM);
	chan->session = session;
	INIT_LIST_HEAD(&chan->rules);
	INIT_LIST_HEAD(&chan->bindings);
	strscpy(chan->name, name);
	chan->config = *config;
	chan->config.clock = session->clock;
	chan->config.stream_id = session->next_stream_id;
	rb = ltt_rb_create(&chan->config);
	if (IS_ERR(rb)) {
		kfree(chan);
		return ERR_CAST(rb);
	}
	chan->rb = rb;
	session->next_stream_id++;
	list_add_tail_rcu(&chan->node, &session->channels);
	session->nr_channels++;
	return chan;
}

/**
 * ltt_channel_lookup() - Find a channel of a session by name
 * @session: the session
 * @name: the channel's name
 *
 * Channels live as long as their session, unless ltt_channel_destroy()
 * is called on them.
 *
 * Context: process context, may sleep.
 * Return: the channel, or NULL.
 */
struct ltt_channel *ltt_channel_lookup(struct ltt_session *session,
				       const char *name)
{
	guard(mutex)(&ltt_session_mutex);
	return ltt_channel_find(session, name);
}

/**
 * ltt_channel_free() - Free a channel no one can reach any more
 * @chan: the channel, off its session's list since an RCU grace period
 *
 * Frees what channels own: the buffer and the channel. What the layers
 * above attached to the channel is theirs to free first.
 *
 * Context: process context, may sleep.
 */
void ltt_channel_free(struct ltt_channel *chan)
{
	ltt_crash_detach(chan);
	ltt_rb_destroy(chan->rb);
	kfree(chan->streams);
	kfree(chan);
}

/**
 * ltt_channel_set_geometry() - Change the buffer of a channel
 * @chan: the channel
 * @subbuf_size: bytes per sub-buffer, as for ltt_rb_create()
 * @num_subbuf: sub-buffers per CPU, as for ltt_rb_create()
 * @mode: discard or overwrite
 *
 * The channel gets a new, empty buffer; what the old one held is
 * dropped. Asking for the geometry and mode it has changes nothing.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EBUSY if it is active
 * or a stream file of the channel is open; -EINVAL for a geometry
 * ltt_rb_create() refuses; -EXDEV for a new geometry of a channel in
 * reserved memory (only its mode may change); -ENOMEM.
 */
int ltt_channel_set_geometry(struct ltt_channel *chan,
			     unsigned int subbuf_size, unsigned int num_subbuf,
			     enum ltt_rb_mode mode)
{
	struct ltt_rb_config config;
	struct ltt_rb *rb;

	guard(mutex)(&ltt_session_mutex);
	if (chan->session->dead)
		return -ENOENT;
	if (chan->session->active || chan->readers)
		return -EBUSY;
	config = chan->config;
	if (config.subbuf_size == subbuf_size &&
	    config.num_subbuf == num_subbuf && config.mode == mode)
		return 0;
	/* Reserved memory is laid out for one geometry: see crash_buffer.c. */
	if (config.memory && (config.subbuf_size != subbuf_size ||
			      config.num_subbuf != num_subbuf))
		return -EXDEV;
	config.subbuf_size = subbuf_size;
	config.num_subbuf = num_subbuf;
	config.mode = mode;
	rb = ltt_rb_create(&config);
	if (IS_ERR(rb))
		return PTR_ERR(rb);
	ltt_rb_destroy(chan->rb);
	chan->rb = rb;
	chan->config = config;
	return 0;
}

/**
 * ltt_channels_set_clock() - Give every channel a buffer on another clock
 * @session: a stopped session
 * @clock: the clock
 *
 * All or nothing: on failure every channel keeps its buffer.
 *
 * Context: process context, ltt_session_mutex held.
 * Return: 0; -EBUSY if a stream file of a channel is open; -ENOMEM.
 */
int ltt_channels_set_clock(struct ltt_session *session, enum ltt_clock_id clock)
{
	struct ltt_rb **rbs __free(kfree) = NULL;
	struct ltt_rb_config config;
	struct ltt_channel *chan;
	unsigned int i = 0;

	lockdep_assert_held(&ltt_session_mutex);
	if (!session->nr_channels)
		return 0;
	list_for_each_entry(chan, &session->channels, node)
		if (chan->readers)
			return -EBUSY;
	rbs = kcalloc(session->nr_channels, sizeof(*rbs), GFP_KERNEL);
	if (!rbs)
		return -ENOMEM;
	list_for_each_entry(chan, &session->channels, node) {
		config = chan->config;
		config.clock = clock;
		rbs[i] = ltt_rb_create(&config);
		if (IS_ERR(rbs[i])) {
			int ret = PTR_ERR(rbs[i]);

			while (i--)
				ltt_rb_destroy(rbs[i]);
			return ret;
		}
		i++;
	}
	i = 0;
	list_for_each_entry(chan, &session->channels, node) {
		ltt_rb_destroy(chan->rb);
		chan->rb = rbs[i++];
		chan->config.clock = clock;
	}
	return 0;
}

/**
 * ltt_channels_flush() - Close the open packet of every buffer of a session
 * @session: a stopped session
 *
 * Context: process context, ltt_session_mutex held.
 */
void ltt_channels_flush(struct ltt_session *session)
{
	struct ltt_channel *chan;
	int cpu;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(chan, &session->channels, node)
		for_each_possible_cpu(cpu)
			ltt_rb_flush_cpu(chan->rb, cpu);
}

/**
 * ltt_channels_free() - Free every channel of a removed session
 * @session: the session
 *
 * As ltt_channel_free() does for one: what the layers above attached to
 * the channels is theirs to free first.
 *
 * Context: process context, may sleep.
 */
void ltt_channels_free(struct ltt_session *session)
{
	struct ltt_channel *chan, *next;

	list_for_each_entry_safe(chan, next, &session->channels, node)
		ltt_channel_free(chan);
	INIT_LIST_HEAD(&session->channels);
	session->nr_channels = 0;
}

/**
 * ltt_channel_set_context() - Choose the context fields of a channel
 * @chan: the channel
 * @mask: BIT(enum ltt_context) of the fields to write before every event
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EINVAL for an unknown
 * field; -EBUSY once the session has started: its metadata already says
 * what each event of the channel looks like.
 */
int ltt_channel_set_context(struct ltt_channel *chan, unsigned long mask)
{
	static const unsigned int size[LTT_CONTEXT_NR] = {
		[LTT_CONTEXT_PID] = sizeof(s32),
		[LTT_CONTEXT_TID] = sizeof(s32),
		[LTT_CONTEXT_CPU] = sizeof(u32),
		[LTT_CONTEXT_PROCNAME] = TASK_COMM_LEN,
	};
	unsigned int i, bytes = 0;

	if (mask & ~GENMASK(LTT_CONTEXT_NR - 1, 0))
		return -EINVAL;
	for (i = 0; i < LTT_CONTEXT_NR; i++)
		if (mask & BIT(i))
			bytes += size[i];
	guard(mutex)(&ltt_session_mutex);
	if (chan->session->dead)
		return -ENOENT;
	if (chan->session->described && chan->context != mask)
		return -EBUSY;
	chan->context = mask;
	chan->context_size = bytes;
	return 0;
}
