// SPDX-License-Identifier: GPL-2.0
/*
 * LTT CTF layouts: the names a session's metadata gives events and fields
 *
 * A session's trace describes each event under the name of its
 * TRACE_EVENT() and each field under the name TP_STRUCT__entry() gives
 * it: the "ltt" layout, the default. Analysis tools written for LTTng's
 * kernel traces (lttng-analyses, Trace Compass's kernel views) look the
 * same data up under other names: a thread id is "tid", not "pid",
 * system calls are "syscall_entry_NAME" and "syscall_exit_NAME", the
 * statedump's events are "lttng_statedump_*". The "lttng" layout makes
 * the metadata use those names. Only the description changes: the
 * events recorded, their fields, their order and their bytes are the
 * same in both layouts, so the choice costs nothing when recording.
 *
 * The layout is a property of the session, chosen before its first
 * start, when the metadata is first written (ctf.c); it never changes
 * afterwards, as the metadata only grows.
 *
 * The "lttng" names:
 *
 *   events   syscalls:sys_enter_NAME   syscall_entry_NAME
 *            syscalls:sys_exit_NAME    syscall_exit_NAME
 *            ltt_statedump:ltt_statedump_X   lttng_statedump_X
 *   fields   sched:* pid, old_pid      tid, old_tid (they hold thread ids)
 *            sched_switch prev_pid, next_pid   prev_tid, next_tid
 *            sched_process_fork child_pid, child_tgid   child_tid, child_pid
 *            irq:softirq_* vec         a plain integer, not an enumeration
 */
#include <linux/glob.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/string.h>

#include "internal.h"

static const char * const ltt_layout_names[] = {
	[LTT_LAYOUT_LTT] = "ltt",
	[LTT_LAYOUT_LTTNG] = "lttng",
};

/* A field renamed in the "lttng" layout: in events SYSTEM:EVENT (globs). */
struct ltt_ctf_rename {
	const char *system;
	const char *event;
	const char *from;
	const char *to;
};

/* The first entry that matches decides. */
static const struct ltt_ctf_rename ltt_lttng_fields[] = {
	{ "sched", "sched_switch", "prev_pid", "prev_tid" },
	{ "sched", "sched_switch", "next_pid", "next_tid" },
	{ "sched", "sched_process_fork", "child_pid", "child_tid" },
	{ "sched", "sched_process_fork", "child_tgid", "child_pid" },
	{ "sched", "*", "pid", "tid" },
	{ "sched", "*", "old_pid", "old_tid" },
};

/**
 * ltt_parse_layout() - Parse a layout name
 * @s: "ltt" or "lttng"
 * @layout: where to store it
 *
 * Return: 0, or -EINVAL for any other string.
 */
int ltt_parse_layout(const char *s, enum ltt_layout *layout)
{
	int i = match_string(ltt_layout_names, ARRAY_SIZE(ltt_layout_names), s);

	if (i < 0)
		return -EINVAL;
	*layout = i;
	return 0;
}

/**
 * ltt_layout_name() - The name of a layout
 * @layout: the layout
 *
 * Return: its name, as ltt_parse_layout() takes it.
 */
const char *ltt_layout_name(enum ltt_layout layout)
{
	return ltt_layout_names[layout];
}

/**
 * ltt_ctf_event_name() - The name the metadata gives an event
 * @layout: the session's layout
 * @ev: the event
 * @buf: room for a name made up, LTT_CTF_NAME_MAX bytes
 *
 * Return: the name, @ev's own or one written into @buf.
 */
const char *ltt_ctf_event_name(enum ltt_layout layout,
			       const struct ltt_event *ev, char *buf)
{
	const char *name = ev->name;

	if (layout != LTT_LAYOUT_LTTNG)
		return name;
	if (ev->syscall_nr >= 0 && str_has_prefix(name, "sys_enter_"))
		snprintf(buf, LTT_CTF_NAME_MAX, "syscall_entry_%s", name + 10);
	else if (ev->syscall_nr >= 0 && str_has_prefix(name, "sys_exit_"))
		snprintf(buf, LTT_CTF_NAME_MAX, "syscall_exit_%s", name + 9);
	else if (ev->statedump && str_has_prefix(name, "ltt_"))
		snprintf(buf, LTT_CTF_NAME_MAX, "lttng_%s", name + 4);
	else
		return name;
	return buf;
}

/**
 * ltt_ctf_field_name() - The name the metadata gives a field
 * @layout: the session's layout
 * @ev: the event
 * @f: one of its fields
 *
 * Return: the name.
 */
const char *ltt_ctf_field_name(enum ltt_layout layout,
			       const struct ltt_event *ev,
			       const struct ltt_field *f)
{
	const struct ltt_ctf_rename *r;

	if (layout != LTT_LAYOUT_LTTNG)
		return f->name;
	for (r = ltt_lttng_fields; r < ltt_lttng_fields +
	     ARRAY_SIZE(ltt_lttng_fields); r++)
		if (!strcmp(f->name, r->from) && !strcmp(ev->system, r->system) &&
		    glob_match(r->event, ev->name))
			return r->to;
	return f->name;
}

/**
 * ltt_ctf_field_plain() - Must an integer field not be an enumeration?
 * @layout: the session's layout
 * @ev: the event
 * @f: one of its integer fields
 *
 * Return: true if the metadata describes @f as a plain integer even when
 * its event prints it by name (__print_symbolic()).
 */
bool ltt_ctf_field_plain(enum ltt_layout layout, const struct ltt_event *ev,
			 const struct ltt_field *f)
{
	return layout == LTT_LAYOUT_LTTNG && !strcmp(ev->system, "irq") &&
	       str_has_prefix(ev->name, "softirq_") && !strcmp(f->name, "vec");
}
