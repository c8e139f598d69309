// SPDX-License-Identifier: GPL-2.0
/*
 * LTT sessions: creating, configuring, starting and stopping traces
 *
 * Everything here runs in process context under ltt_session_mutex, the
 * control path's one lock. Writers never take it: they walk
 * ltt_active_sessions under RCU (preemption disabled, see
 * <linux/ltt/session.h>). So the rule for anything a writer can reach is
 * that it only changes while its session is off that list and an RCU
 * grace period has passed since it left:
 *
 *                 ltt_session_start()
 *   +---------+ ----------------------> +--------+
 *   | stopped |                         | active |  writers see it
 *   +---------+ <---------------------- +--------+
 *     |  ^ configure   ltt_session_stop():
 *     |  | (channels,  switch timers off, off the active list,
 *     v  |  clock...)  synchronize_rcu(), flush every buffer
 *   ltt_session_remove(): "dead", stop, then off the list of sessions
 *   ltt_session_free(): the creator's reference dropped; channels and
 *   buffers freed with the last reference, which an open stream or
 *   metadata file holds (stream.c)
 *
 * Removing and freeing are two steps so that the control files can take
 * their directory away in between, while nothing can reach the session
 * any more but their operations still in flight, which all fail with
 * -ENOENT on a dead session.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/jump_label.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/ltt/session.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>

#include "internal.h"

/* Serialises every change to sessions and channels. */
DEFINE_MUTEX(ltt_session_mutex);
LIST_HEAD(ltt_active_sessions);
DEFINE_STATIC_KEY_FALSE(ltt_tracing_key);

/* Every session, dead ones excepted. ltt_session_mutex. */
LIST_HEAD(ltt_sessions);

static struct ltt_session *ltt_session_find(const char *name)
{
	struct ltt_session *session;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(session, &ltt_sessions, node)
		if (!strcmp(session->name, name))
			return session;
	return NULL;
}

/**
 * ltt_session_create() - Create a stopped session without channels
 * @name: its name, see ltt_name_valid()
 *
 * The session traces with the monotonic clock and has no switch timer
 * until told otherwise.
 *
 * Context: process context, may sleep.
 * Return: the session, or an ERR_PTR(): -EINVAL for a bad name, -EEXIST
 * if a session has that name, -ENOMEM.
 */
struct ltt_session *ltt_session_create(const char *name)
{
	struct ltt_session *session;
	int ret;

	if (!ltt_name_valid(name))
		return ERR_PTR(-EINVAL);
	session = kzalloc(sizeof(*session), GFP_KERNEL);
	if (!session)
		return ERR_PTR(-ENOMEM);
	strscpy(session->name, name);
	INIT_LIST_HEAD(&session->channels);
	INIT_LIST_HEAD(&session->active_node);
	INIT_LIST_HEAD(&session->event_ids);
	session->next_id = LTT_EVENT_ID_ESCAPE;
	session->clock = LTT_CLOCK_MONOTONIC;
	kref_init(&session->ref);
	init_waitqueue_head(&session->metadata_wait);
	mutex_init(&session->metadata_lock);
	ret = ltt_switch_timer_alloc(session);
	if (ret)
		goto free;

	mutex_lock(&ltt_session_mutex);
	if (ltt_session_find(name)) {
		mutex_unlock(&ltt_session_mutex);
		ret = -EEXIST;
		goto free_timers;
	}
	list_add_tail(&session->node, &ltt_sessions);
	mutex_unlock(&ltt_session_mutex);
	return session;

free_timers:
	ltt_switch_timer_free(session);
free:
	kfree(session);
	return ERR_PTR(ret);
}

/**
 * ltt_session_lookup() - Find a session by name
 * @name: the name
 *
 * The caller keeps the session from being freed under it, by holding
 * whatever serialises its own calls to ltt_session_free().
 *
 * Context: process context, may sleep.
 * Return: the session, or NULL if none has that name.
 */
struct ltt_session *ltt_session_lookup(const char *name)
{
	guard(mutex)(&ltt_session_mutex);
	return ltt_session_find(name);
}

/*
 * Wake every reader of @session's files for a change that neither a
 * packet nor the metadata announces: a stop, which may never complete
 * the open packets, or the session's removal. Stream file readers wait
 * on the buffer they read (ltt_rb_wake_readers()), metadata file readers
 * on metadata_wait; woken, they look at the session again: after a stop
 * they take what is left, then see the end of the trace; after a removal
 * they give up.
 */
static void ltt_session_wake_readers(struct ltt_session *session)
{
	struct ltt_channel *chan;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(chan, &session->channels, node)
		ltt_rb_wake_readers(chan->rb);
	ltt_metadata_wake_readers(session);
}

/* Stop writers and timers, then close every open packet. */
static void __ltt_session_stop(struct ltt_session *session)
{
	struct ltt_channel *chan;

	lockdep_assert_held(&ltt_session_mutex);
	if (!session->active)
		return;
	ltt_switch_timer_stop(session);
	list_del_rcu(&session->active_node);
	static_branch_dec(&ltt_tracing_key);
	WRITE_ONCE(session->active, false);
	list_for_each_entry(chan, &session->channels, node)
		ltt_channel_set_active(chan, false);
	/* Writers that found the session are done with it after this. */
	synchronize_rcu();
	ltt_channels_flush(session);
	/* Pairs with the acquire in the readers, see stream.c. */
	smp_store_release(&session->drained, true);
	ltt_session_wake_readers(session);
}

/**
 * ltt_session_start() - Start tracing into every channel of a session
 * @session: the session
 *
 * Starting an active session does nothing. The buffers keep what they
 * held when the session was last stopped.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EINVAL if it has no
 * channel; -ENOMEM or -ENODEV if the switch timers could not be set up.
 */
int ltt_session_start(struct ltt_session *session)
{
	struct ltt_channel *chan;
	int ret;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	if (session->active)
		return 0;
	if (!session->nr_channels) {
		pr_warn_ratelimited("session %s: no channel to start\n",
				    session->name);
		return -EINVAL;
	}
	if (!session->described) {
		ret = ltt_ctf_describe_session(session);
		if (ret)
			return ret;
	}
	ret = ltt_switch_timer_start(session);
	if (ret)
		return ret;
	list_for_each_entry(chan, &session->channels, node)
		ltt_channel_set_active(chan, true);
	/*
	 * Pairs with the acquire in ltt_event_record() and ltt_event_drop():
	 * the channels' buffers and context fields, set while stopped, are
	 * what a probe that sees the session tracing uses.
	 */
	smp_store_release(&session->active, true);
	WRITE_ONCE(session->drained, false);
	static_branch_inc(&ltt_tracing_key);
	list_add_tail_rcu(&session->active_node, &ltt_active_sessions);
	return 0;
}

/**
 * ltt_session_stop() - Stop tracing into a session
 * @session: the session
 *
 * When this returns no writer is in the session's buffers any more and
 * every packet they wrote to is closed, ready for the reader. Stopping a
 * stopped session does nothing.
 *
 * Context: process context, may sleep (for an RCU grace period).
 * Return: 0, or -ENOENT if the session was removed.
 */
int ltt_session_stop(struct ltt_session *session)
{
	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	__ltt_session_stop(session);
	return 0;
}

/**
 * ltt_session_remove() - Stop a session and make it unreachable
 * @session: the session
 *
 * After this, ltt_session_lookup() does not find the session, its name
 * can be reused, and every operation on it fails with -ENOENT; free it
 * with ltt_session_free().
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOENT if it was already removed.
 */
int ltt_session_remove(struct ltt_session *session)
{
	struct ltt_channel *chan;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	/*
	 * Dead before the stop drains the buffers: a reader that the stop
	 * wakes must fail with -ENODEV, not take the end of the drained
	 * buffers for the end of a complete trace.
	 */
	WRITE_ONCE(session->dead, true);
	list_for_each_entry(chan, &session->channels, node)
		ltt_channel_unbind(chan);
	/* The probes are done with the bindings after this. */
	if (session->active)
		__ltt_session_stop(session);
	else
		synchronize_rcu();
	list_del(&session->node);
	/* Readers blocked on the session's files give up now. */
	ltt_session_wake_readers(session);
	return 0;
}

/* The channels' events first: channels know nothing of them. */
static void ltt_session_free_channels(struct ltt_session *session)
{
	struct ltt_channel *chan;

	list_for_each_entry(chan, &session->channels, node)
		ltt_channel_free_events(chan);
	ltt_channels_free(session);
}

static void ltt_session_release(struct kref *ref)
{
	struct ltt_session *session = container_of(ref, struct ltt_session,
						   ref);

	ltt_session_free_channels(session);
	ltt_switch_timer_free(session);
	ltt_session_free_event_ids(session);
	kvfree(session->metadata);
	kfree(session);
}

/**
 * ltt_session_get() - Keep a session's memory alive
 * @session: a session that is not dead, or one the caller already holds
 *
 * A reference keeps the session, its channels and their buffers in
 * memory; it does not keep the session from being removed.
 */
void ltt_session_get(struct ltt_session *session)
{
	kref_get(&session->ref);
}

/**
 * ltt_session_put() - Drop a reference taken with ltt_session_get()
 * @session: the session
 *
 * Context: process context, may sleep (the last reference frees).
 */
void ltt_session_put(struct ltt_session *session)
{
	kref_put(&session->ref, ltt_session_release);
}

/**
 * ltt_session_free() - Free a removed session, its channels and buffers
 * @session: the session, removed with ltt_session_remove()
 *
 * Drops the creator's reference: the memory goes when the last open
 * stream or metadata file of the session is closed.
 *
 * Context: process context, may sleep. The caller may not use @session
 * any more.
 */
void ltt_session_free(struct ltt_session *session)
{
	if (WARN_ON_ONCE(!session->dead))
		return;
	ltt_session_put(session);
}

/**
 * ltt_session_destroy() - Stop, remove and free a session
 * @session: the session
 *
 * Context: process context, may sleep.
 */
void ltt_session_destroy(struct ltt_session *session)
{
	ltt_session_remove(session);
	ltt_session_free(session);
}

/*
 * Destroying a channel is a change to its session: the channel leaves
 * the list the writers walk, under the rule at the top of this file,
 * before channel.c frees its buffer. Its events' rules and bindings go
 * first: they belong to the event layer, which channels know nothing
 * of. Declaring a channel in the metadata is here for the same reason:
 * the CTF description is above channels too.
 */

/**
 * ltt_channel_destroy() - Remove a channel from a stopped session
 * @chan: the channel
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed (its channels go with
 * it); -EBUSY if the session is active or a stream file of the channel
 * is open.
 */
int ltt_channel_destroy(struct ltt_channel *chan)
{
	struct ltt_session *session = chan->session;

	scoped_guard(mutex, &ltt_session_mutex) {
		if (session->dead)
			return -ENOENT;
		if (session->active || chan->readers)
			return -EBUSY;
		/* Stopped: no writer can be in the channel since the stop. */
		list_del(&chan->node);
		session->nr_channels--;
		ltt_channel_unbind(chan);
	}
	/* Probes of the channel's events may still see its bindings. */
	synchronize_rcu();
	ltt_channel_free_events(chan);
	ltt_channel_free(chan);
	return 0;
}

/**
 * ltt_channel_describe() - Declare a new channel in its session's metadata
 * @chan: a channel ltt_channel_create() just made
 *
 * The last step of making a channel, once nothing else can fail: the
 * metadata only grows, so a stream it declares cannot be taken back, and a
 * channel that could not be completed (its control files, say) must never
 * have been declared. Until the session first starts there is nothing to
 * do: every channel is declared then. Callers serialise making channels
 * with starting sessions (ltt_control_lock), so the session cannot start
 * between ltt_channel_create() and this call.
 *
 * Context: process context, may sleep.
 * Return: 0, or as ltt_ctf_describe_stream(); the caller then destroys
 * the channel.
 */
int ltt_channel_describe(struct ltt_channel *chan)
{
	guard(mutex)(&ltt_session_mutex);
	if (!chan->session->described)
		return 0;
	return ltt_ctf_describe_stream(chan);
}

/**
 * ltt_session_set_clock() - Choose the trace clock of a session
 * @session: the session
 * @clock: the clock
 *
 * Every channel gets a new, empty ring buffer stamped with @clock: what
 * the old buffers held is dropped. Either every channel changes or none.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EINVAL for an unknown
 * clock; -EBUSY if the session is active or a stream file is open;
 * -ENOMEM.
 */
int ltt_session_set_clock(struct ltt_session *session, enum ltt_clock_id clock)
{
	int ret;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	if (clock >= LTT_CLOCK_NR)
		return -EINVAL;
	if (clock == session->clock)
		return 0;
	/* The metadata names the clock from the first start on. */
	if (session->active || session->described)
		return -EBUSY;
	ret = ltt_channels_set_clock(session, clock);
	if (!ret)
		session->clock = clock;
	return ret;
}

/**
 * ltt_session_set_layout() - Choose the names of a session's metadata
 * @session: the session
 * @layout: the layout, see kernel/trace/ltt/ctf_layout.c
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EINVAL for an unknown
 * layout; -EBUSY once the session has been started: its metadata is
 * written.
 */
int ltt_session_set_layout(struct ltt_session *session,
			   enum ltt_layout layout)
{
	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	if (layout > LTT_LAYOUT_LTTNG)
		return -EINVAL;
	if (layout == session->layout)
		return 0;
	if (session->active || session->described)
		return -EBUSY;
	session->layout = layout;
	return 0;
}

static bool ltt_timer_valid(unsigned int us)
{
	return !us || (us >= LTT_TIMER_MIN_US && us <= LTT_TIMER_MAX_US);
}

/**
 * ltt_session_set_switch_timer() - Set the flush period of a session
 * @session: the session
 * @us: microseconds, 0 for no periodic flush, else from
 *	LTT_TIMER_MIN_US to LTT_TIMER_MAX_US; rounded up to the timer tick
 *
 * While the session is active, each CPU closes the open packet of every
 * channel of the session that often, so that a live reader gets events
 * within that delay even when few are written.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was removed; -EINVAL for an interval
 * out of range; -EBUSY if the session is active.
 */
int ltt_session_set_switch_timer(struct ltt_session *session, unsigned int us)
{
	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	if (!ltt_timer_valid(us))
		return -EINVAL;
	if (session->active)
		return -EBUSY;
	session->switch_timer_us = us;
	return 0;
}
