// SPDX-License-Identifier: GPL-2.0
/*
 * LTT control files: what a channel records
 *
 *   ltt/
 *     events                     read only: every event LTT knows
 *     sessions/NAME/channels/CHAN/
 *       enable_event             write NAME, SYSTEM:NAME or a glob
 *       disable_event            write NAME, SYSTEM:NAME or a glob
 *       events                   read only: the rules, the events recorded
 *       context                  none | pid,tid,cpu,procname (any of them)
 *
 * The rules and what they select are event_enable.c's; this file only
 * parses what users write and says why a write failed. See control.c for
 * what every control file has in common.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/bits.h>
#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/list.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "control.h"
#include "internal.h"

static int ltt_set_event(struct ltt_channel *chan, char *cmd, bool enable)
{
	int ret;

	if (!ltt_event_pattern_valid(cmd)) {
		pr_warn_ratelimited("event \"%.*s\": a NAME or SYSTEM:NAME of up to %d letters, digits, '_', '-', '.' and glob characters\n",
				    LTT_PATTERN_MAX + 1, cmd, LTT_PATTERN_MAX);
		return -EINVAL;
	}
	ret = ltt_channel_set_event(chan, cmd, enable);
	if (ret == -ENOENT && !chan->session->dead)
		pr_warn_ratelimited("event \"%s\": no enabled event matches\n",
				    cmd);
	else if (ret == -ENOSPC)
		pr_warn_ratelimited("channel %s: %d rules at most\n",
				    chan->name, LTT_RULES_MAX);
	return ret;
}

static int enable_event_store(struct file *file, void *obj, char *cmd)
{
	return ltt_set_event(obj, cmd, true);
}

LTT_CTL_WO(enable_event);

static int disable_event_store(struct file *file, void *obj, char *cmd)
{
	return ltt_set_event(obj, cmd, false);
}

LTT_CTL_WO(disable_event);

static int events_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_channel_show_events);
}

LTT_CTL_RO(events);

static const char * const ltt_context_names[] = {
	[LTT_CONTEXT_PID] = "pid",
	[LTT_CONTEXT_TID] = "tid",
	[LTT_CONTEXT_CPU] = "cpu",
	[LTT_CONTEXT_PROCNAME] = "procname",
};

static void ltt_show_context(struct seq_file *m, struct ltt_channel *chan)
{
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < LTT_CONTEXT_NR; i++) {
		if (chan->context & BIT(i)) {
			seq_printf(m, "%s%s", sep, ltt_context_names[i]);
			sep = ",";
		}
	}
	/* What is shown can be written back: "none" when no field is set. */
	seq_puts(m, *sep ? "\n" : "none\n");
}

static int context_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_show_context);
}

/**
 * ltt_parse_context() - Parse what is written to a channel's context file
 * @s: "none", or context field names separated by commas; cut up in place
 * @mask: the fields, as BIT(enum ltt_context), on success
 *
 * Return: 0, or -EINVAL for an unknown or repeated name.
 */
int ltt_parse_context(char *s, unsigned long *mask)
{
	char *name;
	int i;

	*mask = 0;
	if (!strcmp(s, "none"))
		return 0;
	while ((name = strsep(&s, ",")) != NULL) {
		i = match_string(ltt_context_names, LTT_CONTEXT_NR, strim(name));
		if (i < 0 || *mask & BIT(i))
			return -EINVAL;
		*mask |= BIT(i);
	}
	return 0;
}

static int context_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_channel *chan = obj;
	unsigned long mask;
	int ret;

	if (ltt_parse_context(cmd, &mask)) {
		pr_warn_ratelimited("context \"%s\": none, or pid, tid, cpu, procname separated by commas\n",
				    cmd);
		return -EINVAL;
	}
	ret = ltt_channel_set_context(chan, mask);
	if (ret == -EBUSY)
		pr_warn_ratelimited("channel %s: the context is fixed once the session has started\n",
				    chan->name);
	return ret;
}

LTT_CTL_RW(context);

/* Every event LTT knows, "SYSTEM:NAME" per line. */
static int available_events_show(struct seq_file *m, void *unused)
{
	struct ltt_event *ev;

	guard(mutex)(&ltt_session_mutex);
	list_for_each_entry(ev, &ltt_events, node)
		seq_printf(m, "%s:%s\n", ev->system, ev->name);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(available_events);

/**
 * ltt_ctl_create_event_files() - Add the event files to a channel directory
 * @chan: the channel
 * @dir: its directory
 *
 * Context: process context, ltt_control_lock held.
 */
void ltt_ctl_create_event_files(struct ltt_channel *chan, struct dentry *dir)
{
	debugfs_create_file("enable_event", 0200, dir, chan,
			    &enable_event_fops);
	debugfs_create_file("disable_event", 0200, dir, chan,
			    &disable_event_fops);
	debugfs_create_file("events", 0400, dir, chan, &events_fops);
	debugfs_create_file("context", 0600, dir, chan, &context_fops);
}

/**
 * ltt_ctl_create_events_file() - Add ltt/events, the list of known events
 * @root: the ltt/ directory
 *
 * Context: process context, at boot.
 */
void ltt_ctl_create_events_file(struct dentry *root)
{
	debugfs_create_file("events", 0400, root, NULL, &available_events_fops);
}
