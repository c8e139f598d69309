/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT events
 *
 * Every event defined with TRACE_EVENT() (or DECLARE_EVENT_CLASS() and
 * DEFINE_EVENT()), in the kernel or in a module, is an LTT event: there
 * is nothing to write per event. include/trace/ltt.h expands each
 * definition once more, next to ftrace's and perf's expansions, into a
 * tracepoint probe and a description of the event's fields, and stores
 * both in the event's struct trace_event_class.
 *
 * Users enable events per channel of a session, by name or glob, through
 * the channel's enable_event file (Documentation/trace/ltt.rst). Only
 * then is LTT's probe attached to the tracepoint: an event no session
 * enabled costs what a disabled tracepoint costs, a patched-out branch.
 *
 * What an enabled event costs: the probe runs the event's own
 * TP_fast_assign() code on the entry ftrace would write (struct
 * trace_event_raw_<class>), in one of two places that ltt_event_begin()
 * chooses. When the entry's fields follow each other with no padding and
 * none of them is dynamic (sched_switch, sys_enter, most events), what
 * LTT records is those fields as they are laid out: the probe writes them
 * straight into the channel's ring buffer, as ftrace writes its entry into
 * its own, if the event is recorded in one channel only. Otherwise it
 * fills the entry in a per-CPU scratch area and ltt_event_end() packs it
 * into every channel the event is enabled in. Packing drops what the
 * entry needs for ftrace but a CTF reader does not: the common fields
 * (pid, flags, preempt count), the padding between fields, and the
 * offset/length words of dynamic fields. What is left, in declaration
 * order and with no padding, the same either way:
 *
 *	integers, fixed arrays	as declared, native byte order
 *	strings			the bytes and the terminating NUL
 *	dynamic arrays		a u32 element count, then the elements
 *
 * preceded by the context fields the channel asks for (see
 * enum ltt_context). The CTF metadata (kernel/trace/ltt/ctf.c) describes
 * exactly this layout, from the same struct ltt_field tables.
 */
#ifndef _LINUX_LTT_EVENT_H
#define _LINUX_LTT_EVENT_H

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/types.h>

/* Biggest trace event entry LTT records, dynamic fields included. */
#define LTT_EVENT_MAX_ENTRY	4096U

struct ltt_channel;
struct module;
struct trace_event_call;

/**
 * enum ltt_field_kind - How a field of a trace event entry is stored
 * @LTT_FIELD_INTEGER: an integer, bool, enum or pointer (__field())
 * @LTT_FIELD_ARRAY: a fixed-length array of those (__array())
 * @LTT_FIELD_BYTES: an opaque fixed-size value (__field_struct())
 * @LTT_FIELD_STRING: a NUL-terminated string (__string() and friends)
 * @LTT_FIELD_SEQUENCE: a variable-length array (__dynamic_array(),
 *	__bitmask(), __cpumask(), __sockaddr())
 */
enum ltt_field_kind {
	LTT_FIELD_INTEGER,
	LTT_FIELD_ARRAY,
	LTT_FIELD_BYTES,
	LTT_FIELD_STRING,
	LTT_FIELD_SEQUENCE,
};

/* struct ltt_field.flags */
#define LTT_FIELD_SIGNED	BIT(0)	/* elements are signed */
#define LTT_FIELD_HEX		BIT(1)	/* pointers and masks: show in hex */
#define LTT_FIELD_TEXT		BIT(2)	/* elements are char: UTF-8 text */
#define LTT_FIELD_REL		BIT(3)	/* __rel_loc: offset from field end */

/**
 * struct ltt_field - A field of a trace event entry
 * @name: the field's name in TP_STRUCT__entry()
 * @type: its C (element) type as written there
 * @offset: where the field is in struct trace_event_raw_<class>; for
 *	strings and sequences, where their __data_loc/__rel_loc word is
 * @elem_size: bytes of one element (of the integer itself for
 *	LTT_FIELD_INTEGER)
 * @len: elements of an LTT_FIELD_ARRAY, bytes of an LTT_FIELD_BYTES, 1
 *	for an LTT_FIELD_INTEGER, 0 for dynamic fields
 * @kind: an enum ltt_field_kind
 * @flags: LTT_FIELD_* flags
 */
struct ltt_field {
	const char *name;
	const char *type;
	u16 offset;
	u16 elem_size;
	u16 len;
	u8 kind;
	u8 flags;
};

/**
 * enum ltt_context - Context fields a channel can add to every event
 * @LTT_CONTEXT_PID: the process id (tgid) of the current task, s32
 * @LTT_CONTEXT_TID: the thread id of the current task, s32
 * @LTT_CONTEXT_CPU: the CPU the event was recorded on, u32
 * @LTT_CONTEXT_PROCNAME: the current task's name (comm), TASK_COMM_LEN
 *	bytes, NUL-padded
 * @LTT_CONTEXT_NR: number of context fields
 *
 * They are written in this order, before the event's own fields, only
 * when the channel asks for them.
 */
enum ltt_context {
	LTT_CONTEXT_PID,
	LTT_CONTEXT_TID,
	LTT_CONTEXT_CPU,
	LTT_CONTEXT_PROCNAME,
	LTT_CONTEXT_NR,
};

/**
 * struct ltt_pack_op - One step of packing an entry
 * @src: offset in the entry of the bytes to copy, or of the data
 *	location word of a dynamic field
 * @len: bytes to copy for a fixed run, 0 for a dynamic field
 * @elem_size: element size of a sequence
 * @kind: LTT_FIELD_INTEGER for a run of fixed fields, LTT_FIELD_STRING
 *	or LTT_FIELD_SEQUENCE for a dynamic field
 * @flags: LTT_FIELD_REL for a relative data location
 *
 * Adjacent fixed fields with no padding between them are one run.
 */
struct ltt_pack_op {
	u16 src;
	u16 len;
	u16 elem_size;
	u8 kind;
	u8 flags;
};

/**
 * struct ltt_event - An event LTT can record: one TRACE_EVENT()
 * @node: in the list of known events. ltt_session_mutex.
 * @call: ftrace's description of the event. Read-only.
 * @name: the event's name. Read-only.
 * @system: its TRACE_SYSTEM. Read-only.
 * @mod: the module that defines it, or NULL. Read-only.
 * @fields: the entry's fields, @nr_fields of them. Read-only.
 * @nr_fields: see @fields.
 * @fixed_size: bytes of the packed fixed fields. Read-only.
 * @nr_ops: entries in @ops.
 * @dynamic: some field is a string or a sequence: the packed size depends
 *	on the entry. Read-only.
 * @in_place: the probe may write the entry's fields straight into a
 *	channel: packed, they are the entry less its first @place_offset
 *	bytes (see ltt_event_can_write_in_place()). Read-only.
 * @place_offset: offset of the first field in the entry. Read-only.
 * @bindings: the channels it is enabled in (struct ltt_binding). Changed
 *	under ltt_session_mutex, read under RCU by the probe.
 * @nr_bindings: entries in @bindings; the probe is attached to the
 *	tracepoint while it is not zero. ltt_session_mutex.
 * @nr_active: entries in @bindings whose session is tracing. While it is
 *	zero the probe returns before building the entry: an event enabled
 *	only in stopped sessions costs its probe a load and a branch, not
 *	its TP_fast_assign(). ltt_session_mutex to change; the probe reads
 *	it with READ_ONCE() as a hint, see ltt_event_scratch().
 * @frequent: one of the events known to be frequent, which get the ids
 *	that fit in the compact event header. Read-only.
 * @statedump: one of the statedump's events (statedump.c), recorded only
 *	into the session whose dump fires it. Read-only.
 * @syscall_nr: for a system call event (syscall.c), its number; -1 for
 *	a TRACE_EVENT(). Read-only.
 * @ops: how to pack an entry. Read-only.
 */
struct ltt_event {
	struct list_head node;
	struct trace_event_call *call;
	const char *name;
	const char *system;
	struct module *mod;
	const struct ltt_field *fields;
	unsigned int nr_fields;
	unsigned int fixed_size;
	unsigned int nr_ops;
	bool dynamic;
	bool in_place;
	u16 place_offset;
	struct list_head bindings;
	unsigned int nr_bindings;
	unsigned int nr_active;
	bool frequent;
	bool statedump;
	int syscall_nr;
	struct ltt_pack_op ops[];
};

/**
 * struct ltt_binding - An event enabled in a channel
 * @node: in the event's @bindings while enabled. See struct ltt_event.
 * @chan_node: in the channel's @bindings. ltt_session_mutex.
 * @chan: the channel. Read-only.
 * @event: the event. Read-only.
 * @id: the event's id in the channel's session. Read-only.
 * @enabled: on @event's list. ltt_session_mutex.
 * @described: its CTF declaration is in the session's metadata.
 *	ltt_session_mutex.
 */
struct ltt_binding {
	struct list_head node;
	struct list_head chan_node;
	struct ltt_channel *chan;
	struct ltt_event *event;
	u32 id;
	bool enabled;
	bool described;
};

/**
 * struct ltt_event_ctx - An event a probe is recording
 * @rb: the space reserved for it in the channel, if @in_place
 * @in_place: the probe writes the entry into @rb, not into a scratch
 *	entry that ltt_event_end() packs
 *
 * Filled in by ltt_event_begin(), on the probe's stack.
 */
struct ltt_event_ctx {
	struct ltt_rb_ctx rb;
	bool in_place;
};

void *ltt_event_begin(void *event, struct ltt_event_ctx *ctx,
		      unsigned int size);
void *ltt_event_scratch(void *event, unsigned int size);
void ltt_event_commit(void *event, void *entry);

/**
 * ltt_event_end() - Second half of a probe: record the entry
 * @event: the struct ltt_event the probe was attached with
 * @ctx: as ltt_event_begin() filled it
 * @entry: the entry ltt_event_begin() returned, filled in
 *
 * Commits an entry written in place; packs a scratch entry into every
 * channel the event is enabled in whose session is tracing and gives the
 * scratch entry back. Inline: an in-place commit is a few instructions,
 * fewer than a call and its return.
 *
 * Context: as ltt_event_begin(), after it.
 */
static __always_inline void ltt_event_end(void *event,
					  struct ltt_event_ctx *ctx,
					  void *entry)
{
	if (ctx->in_place)
		ltt_rb_commit(&ctx->rb);
	else
		ltt_event_commit(event, entry);
}

#endif /* _LINUX_LTT_EVENT_H */
