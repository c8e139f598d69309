// SPDX-License-Identifier: GPL-2.0
/*
 * LTT event enabling: which events each channel records
 *
 * A channel keeps the patterns written to its enable_event and
 * disable_event files as rules, in order; for any event, the last rule
 * that matches it decides whether the channel records it. Rules name
 * events that may not exist yet: when a module comes, its events are
 * matched against every channel's rules and those that match start being
 * recorded right away (the session's metadata gets their declarations
 * at the same time, see ctf.c). When it goes they stop.
 *
 * An event recorded by a channel has a binding (struct ltt_binding):
 * the probe walks the event's list of enabled bindings under RCU to find
 * the channels to write to. A binding stays allocated, enabled or not,
 * as long as the channel and the event both exist, so that its id and
 * its declaration in the metadata are made once.
 *
 * Event ids are per session, never reused while the session exists. An
 * event keeps its id when its module goes and comes back, with the same
 * fields and print format: the trace declared it once per channel, and a
 * reader sees one event, not one per load. An event that comes back
 * changed is a new event, with a new id. The 31 ids that fit in the
 * compact event header go first come, first served to events named
 * exactly by an enable rule and to the events known to be frequent; any
 * other event gets a larger id, which costs it a 13-byte header instead
 * of a 4-byte one.
 *
 * Locking: ltt_session_mutex for everything here.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/ctype.h>
#include <linux/jhash.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/rculist.h>
#include <linux/rwsem.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/string_choices.h>
#include <linux/trace_events.h>

#include "../trace_output.h"	/* trace_event_sem */
#include "internal.h"

/**
 * struct ltt_event_rule - A pattern that enables or disables events
 * @node: in the channel's @rules
 * @enable: the pattern enables events (else it disables them)
 * @pattern: "NAME" or "SYSTEM:NAME", globs allowed
 */
struct ltt_event_rule {
	struct list_head node;
	bool enable;
	char pattern[];
};

/**
 * struct ltt_event_id - The id of an event in a session
 * @node: in the session's @event_ids
 * @event: the event, or NULL while its module is away
 * @layout: ltt_event_layout() of the event, to know it when it comes back
 * @id: its id
 * @nr_streams: entries in @streams
 * @streams: the stream ids of the channels whose declaration of the event
 *	is in the metadata, kept while its module is away
 * @name: "SYSTEM:NAME"
 */
struct ltt_event_id {
	struct list_head node;
	struct ltt_event *event;
	u32 layout;
	u32 id;
	unsigned int nr_streams;
	u32 *streams;
	char name[];
};

/**
 * ltt_event_pattern_valid() - Can this be the pattern of a rule?
 * @pattern: the pattern
 *
 * Return: true for 1 to LTT_PATTERN_MAX characters among letters,
 * digits, "_", "-", ".", glob characters "*?[]!" and at most one ":",
 * with something on both sides of it ("sched:" and ":sched_switch" name
 * no event).
 */
bool ltt_event_pattern_valid(const char *pattern)
{
	size_t len = strlen(pattern);
	const char *colon = strchr(pattern, ':');
	const char *p;

	if (!len || len > LTT_PATTERN_MAX)
		return false;
	if (colon && (colon != strrchr(pattern, ':') || colon == pattern ||
		      !colon[1]))
		return false;
	for (p = pattern; *p; p++)
		if (!(isascii(*p) && isalnum(*p)) && !strchr("_-.*?[]!:", *p))
			return false;
	return true;
}

static bool ltt_pattern_is_glob(const char *pattern)
{
	return !!strpbrk(pattern, "*?[");
}

/* The rule that decides for @ev, or NULL if none matches. */
static struct ltt_event_rule *ltt_channel_rule(struct ltt_channel *chan,
					       const struct ltt_event *ev)
{
	struct ltt_event_rule *rule;

	list_for_each_entry_reverse(rule, &chan->rules, node)
		if (ltt_event_match(ev, rule->pattern))
			return rule;
	return NULL;
}

static struct ltt_binding *ltt_binding_find(struct ltt_channel *chan,
					    const struct ltt_event *ev)
{
	struct ltt_binding *b;

	list_for_each_entry(b, &chan->bindings, chan_node)
		if (b->event == ev)
			return b;
	return NULL;
}

static struct ltt_event_id *ltt_event_id_find(struct ltt_session *session,
					      const struct ltt_event *ev)
{
	struct ltt_event_id *eid;

	list_for_each_entry(eid, &session->event_ids, node)
		if (eid->event == ev)
			return eid;
	return NULL;
}

/*
 * What the trace's declaration of @ev depends on: its fields and its
 * print format (enum values come from it). A module that comes back
 * with the same layout brings back the same event.
 */
static u32 ltt_event_layout(const struct ltt_event *ev)
{
	const struct ltt_field *f;
	u32 hash = ev->nr_fields;
	const char *fmt;

	for (f = ev->fields; f < ev->fields + ev->nr_fields; f++) {
		hash = jhash(f->name, strlen(f->name), hash);
		hash = jhash(f->type, strlen(f->type), hash);
		hash = jhash_3words(f->offset, f->elem_size, f->len, hash);
		hash = jhash_2words(f->kind, f->flags, hash);
	}
	if (!ev->call)
		return hash;
	/* Rewritten in place when a module's eval maps come: see ctf.c. */
	guard(rwsem_read)(&trace_event_sem);
	fmt = ev->call->print_fmt;
	if (fmt)
		hash = jhash(fmt, strlen(fmt), hash);
	return hash;
}

/* The id @ev had before its module went away, if it comes back the same. */
static struct ltt_event_id *ltt_event_id_find_gone(struct ltt_session *session,
						   const struct ltt_event *ev,
						   u32 layout)
{
	size_t len = strlen(ev->system);
	struct ltt_event_id *eid;

	list_for_each_entry(eid, &session->event_ids, node)
		if (!eid->event && eid->layout == layout &&
		    !strncmp(eid->name, ev->system, len) &&
		    eid->name[len] == ':' && !strcmp(eid->name + len + 1, ev->name))
			return eid;
	return NULL;
}

/* The session's id for @ev, allocated on first use. */
static struct ltt_event_id *ltt_session_event_id(struct ltt_session *session,
						 struct ltt_event *ev,
						 bool exact)
{
	struct ltt_event_id *eid = ltt_event_id_find(session, ev);
	u32 layout;

	if (eid)
		return eid;
	layout = ltt_event_layout(ev);
	eid = ltt_event_id_find_gone(session, ev, layout);
	if (eid) {
		eid->event = ev;
		return eid;
	}
	eid = kzalloc(struct_size(eid, name, strlen(ev->system) +
				  strlen(ev->name) + 2), GFP_KERNEL);
	if (!eid)
		return NULL;
	eid->event = ev;
	eid->layout = layout;
	sprintf(eid->name, "%s:%s", ev->system, ev->name);
	if ((exact || ev->frequent) &&
	    session->next_compact_id < LTT_EVENT_ID_ESCAPE)
		eid->id = session->next_compact_id++;
	else
		eid->id = session->next_id++;
	list_add_tail(&eid->node, &session->event_ids);
	return eid;
}

static void ltt_event_id_free(struct ltt_event_id *eid)
{
	list_del(&eid->node);
	kfree(eid->streams);
	kfree(eid);
}

/* Is @eid declared for @chan's stream, from before its module went? */
static bool ltt_event_id_declared(const struct ltt_event_id *eid,
				  const struct ltt_channel *chan)
{
	unsigned int i;

	for (i = 0; i < eid->nr_streams; i++)
		if (eid->streams[i] == chan->config.stream_id)
			return true;
	return false;
}

/*
 * Remember, for when @b's event comes back, that the metadata declares
 * it in @b's channel. Return: false if that cannot be remembered.
 */
static bool ltt_event_id_keep_declared(struct ltt_event_id *eid,
				       const struct ltt_binding *b)
{
	u32 *streams;

	if (!b->described || ltt_event_id_declared(eid, b->chan))
		return true;
	streams = krealloc_array(eid->streams, eid->nr_streams + 1,
				 sizeof(*streams), GFP_KERNEL);
	if (!streams)
		return false;
	streams[eid->nr_streams++] = b->chan->config.stream_id;
	eid->streams = streams;
	return true;
}

/* Start recording @ev in @chan: bind, declare, attach. */
static int ltt_binding_enable(struct ltt_channel *chan, struct ltt_event *ev,
			      bool exact)
{
	struct ltt_binding *b = ltt_binding_find(chan, ev);
	struct ltt_event_id *eid;
	int ret;

	if (b && b->enabled)
		return 0;
	if (!b) {
		b = kzalloc(sizeof(*b), GFP_KERNEL);
		if (!b)
			return -ENOMEM;
		eid = ltt_session_event_id(chan->session, ev, exact);
		if (!eid) {
			kfree(b);
			return -ENOMEM;
		}
		b->id = eid->id;
		b->described = ltt_event_id_declared(eid, chan);
		b->chan = chan;
		b->event = ev;
		list_add_tail(&b->chan_node, &chan->bindings);
	}
	if (chan->session->described && !b->described) {
		ret = ltt_ctf_describe_event(b);
		if (ret)
			return ret;
	}
	if (!ev->nr_bindings) {
		ret = ltt_event_attach(ev);
		if (ret)
			return ret;
	}
	ev->nr_bindings++;
	b->enabled = true;
	list_add_tail_rcu(&b->node, &ev->bindings);
	if (chan->session->active)
		WRITE_ONCE(ev->nr_active, ev->nr_active + 1);
	return 0;
}

/*
 * Stop recording: the probe may still see the binding until the next
 * grace period, so it may not be enabled again or freed before one.
 */
static void ltt_binding_disable(struct ltt_binding *b)
{
	if (!b->enabled)
		return;
	list_del_rcu(&b->node);
	b->enabled = false;
	if (b->chan->session->active)
		WRITE_ONCE(b->event->nr_active, b->event->nr_active - 1);
	if (!--b->event->nr_bindings)
		ltt_event_detach(b->event);
}

/*
 * Make what @chan records follow its rules after the rule for @pattern
 * was added, replaced or taken back; *@disabled is set if an event was
 * disabled. Only the events @pattern matches can have changed: the rule
 * that decides for any other event is what it was. So a write costs one
 * match per known event, not one per event and rule.
 */
static int ltt_channel_apply(struct ltt_channel *chan, const char *pattern,
			     bool *disabled)
{
	struct ltt_event_rule *rule;
	struct ltt_binding *b;
	struct ltt_event *ev;
	int ret;

	list_for_each_entry(ev, &ltt_events, node) {
		if (!ltt_event_match(ev, pattern))
			continue;
		rule = ltt_channel_rule(chan, ev);
		if (rule && rule->enable) {
			ret = ltt_binding_enable(chan, ev,
						 !ltt_pattern_is_glob(rule->pattern));
			if (ret)
				return ret;
			continue;
		}
		b = ltt_binding_find(chan, ev);
		if (b && b->enabled) {
			ltt_binding_disable(b);
			*disabled = true;
		}
	}
	return 0;
}

static bool ltt_pattern_matches(const char *pattern)
{
	struct ltt_event *ev;

	list_for_each_entry(ev, &ltt_events, node)
		if (ltt_event_match(ev, pattern))
			return true;
	return false;
}

static struct ltt_event_rule *ltt_rule_find(struct ltt_channel *chan,
					    const char *pattern)
{
	struct ltt_event_rule *rule;

	list_for_each_entry(rule, &chan->rules, node)
		if (!strcmp(rule->pattern, pattern))
			return rule;
	return NULL;
}

static unsigned int ltt_channel_nr_enabled(struct ltt_channel *chan)
{
	struct ltt_binding *b;
	unsigned int n = 0;

	list_for_each_entry(b, &chan->bindings, chan_node)
		n += b->enabled;
	return n;
}

/**
 * ltt_channel_set_event() - Enable or disable events in a channel
 * @chan: the channel
 * @pattern: "NAME" or "SYSTEM:NAME", globs allowed; see
 *	ltt_event_pattern_valid()
 * @enable: enable, or disable
 *
 * Adds a rule; a rule with the same pattern is replaced. Enabling a
 * pattern no event matches is allowed: it applies to the events of
 * modules loaded later. Works while the session is tracing; the
 * metadata gets the declarations of newly enabled events first.
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL for a bad pattern; -ENOENT if the session was
 * removed, or if disabling changes nothing; -ENOSPC past LTT_RULES_MAX
 * rules; -ENOMEM, -EFBIG (metadata full) or an error from the
 * tracepoint code, in which case the channel records what it did before.
 */
int ltt_channel_set_event(struct ltt_channel *chan, const char *pattern,
			  bool enable)
{
	struct ltt_event_rule *rule, *old;
	unsigned int before;
	bool disabled = false;
	int ret;

	if (!ltt_event_pattern_valid(pattern))
		return -EINVAL;
	rule = kzalloc(struct_size(rule, pattern, strlen(pattern) + 1),
		       GFP_KERNEL);
	if (!rule)
		return -ENOMEM;
	rule->enable = enable;
	memcpy(rule->pattern, pattern, strlen(pattern) + 1);

	guard(mutex)(&ltt_session_mutex);
	if (chan->session->dead) {
		kfree(rule);
		return -ENOENT;
	}
	old = ltt_rule_find(chan, pattern);
	if (!old && chan->nr_rules >= LTT_RULES_MAX) {
		kfree(rule);
		return -ENOSPC;
	}
	before = ltt_channel_nr_enabled(chan);
	if (old)
		list_replace(&old->node, &rule->node);
	else
		list_add_tail(&rule->node, &chan->rules);
	ret = ltt_channel_apply(chan, pattern, &disabled);
	if (!ret && !enable && !disabled && !old) {
		/* Disabling what was not enabled: say so, keep no rule. */
		ret = -ENOENT;
	}
	if (ret) {
		if (old)
			list_replace(&rule->node, &old->node);
		else
			list_del(&rule->node);
		kfree(rule);
		/*
		 * Going back only disables. A binding put back on an event's
		 * list within a grace period of list_del_rcu() could send a
		 * probe still at it to the list head, past the bindings after
		 * it; but the failed attempt disabled nothing: only the
		 * events @pattern decides change, all in the direction of
		 * @enable, so a disabling write disables only, and fails only
		 * when it disabled nothing (-ENOENT above), while an enabling
		 * one fails only while enabling. Should the rules ever allow
		 * both in one write, wait for a grace period first.
		 */
		if (WARN_ON_ONCE(disabled))
			synchronize_rcu();
		ltt_channel_apply(chan, pattern, &disabled);
		rule = NULL;
	} else {
		kfree(old);
		chan->nr_rules += !old;
	}
	if (disabled)
		synchronize_rcu();
	if (!ret && enable && before == ltt_channel_nr_enabled(chan) &&
	    !ltt_pattern_matches(pattern))
		pr_info_ratelimited("%s/%s: no event matches %s yet\n",
				    chan->session->name, chan->name, pattern);
	return ret;
}

/**
 * ltt_channel_unbind() - Stop recording any event in a channel
 * @chan: the channel, of a stopped or removed session
 *
 * Its bindings stay allocated, to be freed by ltt_channel_free_events()
 * after a grace period.
 *
 * Context: ltt_session_mutex held.
 */
void ltt_channel_unbind(struct ltt_channel *chan)
{
	struct ltt_binding *b;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(b, &chan->bindings, chan_node)
		ltt_binding_disable(b);
}

/**
 * ltt_channel_set_active() - Count a channel's events as recorded or not
 * @chan: the channel
 * @active: its session starts (true) or stops (false)
 *
 * Keeps each event's nr_active, see struct ltt_event.
 *
 * Context: ltt_session_mutex held.
 */
void ltt_channel_set_active(struct ltt_channel *chan, bool active)
{
	struct ltt_binding *b;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(b, &chan->bindings, chan_node)
		if (b->enabled)
			WRITE_ONCE(b->event->nr_active,
				   b->event->nr_active + (active ? 1 : -1));
}

/**
 * ltt_channel_free_events() - Free the rules and bindings of a channel
 * @chan: the channel, unbound at least a grace period ago
 */
void ltt_channel_free_events(struct ltt_channel *chan)
{
	struct ltt_event_rule *rule, *rtmp;
	struct ltt_binding *b, *btmp;

	list_for_each_entry_safe(b, btmp, &chan->bindings, chan_node)
		kfree(b);
	list_for_each_entry_safe(rule, rtmp, &chan->rules, node)
		kfree(rule);
	INIT_LIST_HEAD(&chan->bindings);
	INIT_LIST_HEAD(&chan->rules);
	chan->nr_rules = 0;
}

/**
 * ltt_session_event_by_id() - The event an id of a session stands for
 * @session: the session
 * @id: an event id found in one of its channels
 *
 * For a reader of the buffers in the kernel itself (panic_dump.c).
 *
 * Context: ltt_session_mutex held; or a panic, with the other CPUs
 * stopped, when the list is walked as it is.
 * Return: the event, or NULL if @id is unknown or its module is away.
 */
const struct ltt_event *ltt_session_event_by_id(struct ltt_session *session,
						u32 id)
{
	struct ltt_event_id *eid;

	list_for_each_entry(eid, &session->event_ids, node)
		if (eid->id == id)
			return eid->event;
	return NULL;
}

/**
 * ltt_session_free_event_ids() - Free the event ids of a session
 * @session: the session, being freed
 */
void ltt_session_free_event_ids(struct ltt_session *session)
{
	struct ltt_event_id *eid, *tmp;

	list_for_each_entry_safe(eid, tmp, &session->event_ids, node)
		ltt_event_id_free(eid);
}

/**
 * ltt_event_appeared() - Record a new event where rules ask for it
 * @ev: an event of a module that is coming
 *
 * Context: ltt_session_mutex held.
 */
void ltt_event_appeared(struct ltt_event *ev)
{
	struct ltt_event_rule *rule;
	struct ltt_session *session;
	struct ltt_channel *chan;
	int ret;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(session, &ltt_sessions, node) {
		list_for_each_entry(chan, &session->channels, node) {
			rule = ltt_channel_rule(chan, ev);
			if (!rule || !rule->enable)
				continue;
			ret = ltt_binding_enable(chan, ev,
						 !ltt_pattern_is_glob(rule->pattern));
			if (ret)
				pr_warn_ratelimited("%s/%s: cannot record %s: %d\n",
						    session->name, chan->name,
						    ev->name, ret);
		}
	}
}

/**
 * ltt_event_vanishing() - Forget an event whose module is going
 * @ev: the event
 * @gone: where its bindings go
 *
 * Stops recording @ev. Each session keeps its id, and the channels that
 * declared it, for when it comes back (forgets them if that memory cannot
 * be had: it then comes back as a new event). Its bindings are moved to
 * @gone: the probe may still be walking them, so the caller frees them,
 * and @ev, once the probes are done (tracepoint_synchronize_unregister()).
 *
 * Context: ltt_session_mutex held.
 */
void ltt_event_vanishing(struct ltt_event *ev, struct list_head *gone)
{
	struct ltt_session *session;
	struct ltt_event_id *eid;
	struct ltt_channel *chan;
	struct ltt_binding *b;
	bool keep;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(session, &ltt_sessions, node) {
		eid = ltt_event_id_find(session, ev);
		keep = !!eid;
		list_for_each_entry(chan, &session->channels, node) {
			b = ltt_binding_find(chan, ev);
			if (!b)
				continue;
			if (keep)
				keep = ltt_event_id_keep_declared(eid, b);
			ltt_binding_disable(b);
			list_move_tail(&b->chan_node, gone);
		}
		if (eid && keep)
			eid->event = NULL;
		else if (eid)
			ltt_event_id_free(eid);
	}
}

/**
 * ltt_channel_show_events() - What the channel's events file shows
 * @m: the file
 * @chan: the channel
 *
 * The rules, in order, then the events recorded, with their ids.
 *
 * Context: ltt_session_mutex held.
 */
void ltt_channel_show_events(struct seq_file *m, struct ltt_channel *chan)
{
	struct ltt_event_rule *rule;
	struct ltt_binding *b;

	lockdep_assert_held(&ltt_session_mutex);
	list_for_each_entry(rule, &chan->rules, node)
		seq_printf(m, "# %s %s\n", str_enable_disable(rule->enable),
			   rule->pattern);
	list_for_each_entry(b, &chan->bindings, chan_node)
		if (b->enabled)
			seq_printf(m, "%u %s:%s\n", b->id, b->event->system,
				   b->event->name);
}
