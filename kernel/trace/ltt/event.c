// SPDX-License-Identifier: GPL-2.0
/*
 * LTT events: the known TRACE_EVENT()s and their recording path
 *
 * LTT knows every event whose class include/trace/ltt.h expanded: the
 * kernel's, found in the _ftrace_events section at boot, and those of
 * each module, added when the module comes and removed when it goes. An
 * event is only described here; enabling it in a channel (event_enable.c)
 * attaches its probe to the tracepoint.
 *
 * The probe (include/trace/ltt.h) runs in two halves around the event's
 * TP_fast_assign() code, ltt_event_begin() and ltt_event_end(), which
 * choose between two ways of recording:
 *
 * in place	when the event is recorded in one channel and its packed
 *		form is its entry's fields as they are laid out (no padding
 *		between them, none dynamic): the first half reserves the
 *		event in the channel and hands the probe the reserved space
 *		as the entry, the second commits it. No copy, no pack.
 * scratch	otherwise: the first half hands the probe a per-CPU scratch
 *		entry (ltt_event_scratch()), the second packs that entry
 *		into every channel the event is enabled in
 *		(ltt_event_commit()).
 *
 * What each costs, in instructions per event measured under QEMU
 * -icount: see the changelog of the patch that added the in-place path.
 *
 * Probes on one CPU nest (task, softirq, hardirq, NMI): the ring buffer
 * lets writers nest between reserve and commit, and each CPU has one
 * scratch entry per nesting level; a fifth level drops its event and
 * counts it as discarded. An event that fires inside the ring buffer's
 * own call out (ltt_rb_in_callout()) is not recorded at all: it would be
 * the tracer tracing itself. Neither half takes a lock: the list of
 * channels is read under RCU, with preemption disabled from the first
 * half to the end of the second by the tracepoint that calls the probe
 * (the scratch path, which ltt_event_scratch() shares with callers that
 * are not probes, disables it once more).
 *
 * Locking: ltt_session_mutex protects the list of events and every
 * event's list of channels.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/export.h>
#include <linux/glob.h>
#include <linux/lockdep.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/unaligned.h>

#include "internal.h"

struct ltt_scratch {
	unsigned int nest;
	u8 entry[LTT_SCRATCH_NEST][LTT_EVENT_MAX_ENTRY] __aligned(8);
};

static DEFINE_PER_CPU(struct ltt_scratch, ltt_scratch);

/* Every known event, kernel's first, then modules' in load order. */
LIST_HEAD(ltt_events);

/*
 * Events that happen often on most systems: they get the event ids that
 * fit in the 4-byte compact event header before any event matched only
 * by a glob. Events enabled by their exact name get them too.
 */
static const char *const ltt_frequent_events[] = {
	"sched_switch", "sched_wakeup", "sched_waking", "sched_stat_runtime",
	"sys_enter", "sys_exit",
	"irq_handler_entry", "irq_handler_exit",
	"softirq_entry", "softirq_exit", "softirq_raise",
	"timer_start", "timer_expire_entry", "timer_expire_exit",
	"hrtimer_start", "hrtimer_expire_entry", "hrtimer_expire_exit",
	"local_timer_entry", "local_timer_exit",
	"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free",
	"mm_page_alloc", "mm_page_free",
	"page_fault_user", "page_fault_kernel",
	"workqueue_execute_start", "workqueue_execute_end",
};

/*
 * Count an event that cannot be recorded at all as discarded in every
 * channel that would have recorded it, so that it is not lost silently:
 * the channel's counters still add up, and the next packet's
 * events_discarded tells CTF readers.
 */
static notrace void ltt_event_drop(struct ltt_event *ev)
{
	struct ltt_binding *b;

	list_for_each_entry_rcu(b, &ev->bindings, node) {
		/* Acquire: see ltt_event_record(). */
		if (smp_load_acquire(&b->chan->session->active))
			ltt_rb_count_discarded(ltt_rb_this_cpu(b->chan->rb));
	}
}

/*
 * A scratch entry of @size bytes for the current nesting level, or NULL
 * if none can be had (the event is then dropped and counted) or LTT fired
 * the event itself. Context: preemption disabled.
 */
static notrace void *ltt_event_claim_scratch(struct ltt_event *ev,
					     unsigned int size)
{
	unsigned int nest;

	/* Fired by LTT's own call out of a writer: not the system's event. */
	if (ltt_rb_in_callout())
		return NULL;
	nest = this_cpu_inc_return(ltt_scratch.nest) - 1;
	if (unlikely(nest >= LTT_SCRATCH_NEST || size > LTT_EVENT_MAX_ENTRY)) {
		this_cpu_dec(ltt_scratch.nest);
		ltt_event_drop(ev);
		return NULL;
	}
	/* Keep the compiler from filling the entry before claiming it. */
	barrier();
	return this_cpu_ptr(&ltt_scratch)->entry[nest];
}

/**
 * ltt_event_scratch() - First half of a probe: where to build the entry
 * @event: the struct ltt_event the probe was attached with
 * @size: bytes of the entry, dynamic fields included
 *
 * An entry bigger than LTT_EVENT_MAX_ENTRY, or a probe nested deeper
 * than the scratch entries of this CPU go, is dropped and counted as
 * discarded in the channels that record the event.
 *
 * Context: any, NMI included.
 * Return: a scratch entry of at least @size bytes, or NULL if no session
 * is tracing, the event was dropped or LTT fired it itself (see
 * ltt_rb_in_callout()). Unless NULL, the caller must call
 * ltt_event_commit() next.
 */
notrace void *ltt_event_scratch(void *event, unsigned int size)
{
	void *entry;

	if (!ltt_tracing())
		return NULL;
	/* Racy hint: see ltt_event_begin(). */
	if (!READ_ONCE(((struct ltt_event *)event)->nr_active))
		return NULL;
	preempt_disable_notrace();
	entry = ltt_event_claim_scratch(event, size);
	if (!entry)
		preempt_enable_notrace();
	return entry;
}
EXPORT_SYMBOL_GPL(ltt_event_scratch);

static __always_inline const u8 *ltt_dyn_data(const struct ltt_pack_op *op,
					      const u8 *entry, u32 *len)
{
	u32 loc = get_unaligned((const u32 *)(entry + op->src));
	unsigned int off = loc & 0xffff;

	*len = loc >> 16;
	if (op->flags & LTT_FIELD_REL)
		off += op->src + sizeof(u32);
	return entry + off;
}

/* Bytes the packed form of @entry takes, context fields excluded. */
notrace unsigned int ltt_event_size(const struct ltt_event *event,
				    const u8 *entry)
{
	unsigned int i, size = event->fixed_size;
	u32 len;

	for (i = 0; i < event->nr_ops; i++) {
		const struct ltt_pack_op *op = &event->ops[i];

		if (op->kind == LTT_FIELD_STRING) {
			ltt_dyn_data(op, entry, &len);
			size += max(len, 1U);
		} else if (op->kind == LTT_FIELD_SEQUENCE) {
			ltt_dyn_data(op, entry, &len);
			size += sizeof(u32) + len - len % op->elem_size;
		}
	}
	return size;
}

/* Write the packed form of @entry at @p. */
notrace void ltt_event_pack(const struct ltt_event *event, const u8 *entry,
			    u8 *p)
{
	unsigned int i;
	const u8 *src;
	u32 len;

	for (i = 0; i < event->nr_ops; i++) {
		const struct ltt_pack_op *op = &event->ops[i];

		switch (op->kind) {
		case LTT_FIELD_STRING:
			src = ltt_dyn_data(op, entry, &len);
			/* Always terminated, even if the entry was not. */
			if (len > 1)
				memcpy(p, src, len - 1);
			len = max(len, 1U);
			p[len - 1] = '\0';
			p += len;
			break;
		case LTT_FIELD_SEQUENCE:
			src = ltt_dyn_data(op, entry, &len);
			len -= len % op->elem_size;
			put_unaligned(len / op->elem_size, (u32 *)p);
			memcpy(p + sizeof(u32), src, len);
			p += sizeof(u32) + len;
			break;
		default:
			memcpy(p, entry + op->src, op->len);
			p += op->len;
		}
	}
}

static __always_inline u8 *ltt_context_pack(const struct ltt_channel *chan,
					    u8 *p)
{
	unsigned long mask = chan->context;

	/* Most channels ask for none: one test instead of four. */
	if (likely(!mask))
		return p;
	if (mask & BIT(LTT_CONTEXT_PID)) {
		put_unaligned((s32)task_tgid_nr(current), (s32 *)p);
		p += sizeof(s32);
	}
	if (mask & BIT(LTT_CONTEXT_TID)) {
		put_unaligned((s32)task_pid_nr(current), (s32 *)p);
		p += sizeof(s32);
	}
	if (mask & BIT(LTT_CONTEXT_CPU)) {
		put_unaligned((u32)raw_smp_processor_id(), (u32 *)p);
		p += sizeof(u32);
	}
	/*
	 * set_task_comm() pads the name with NULs; one racing with this copy
	 * may leave a mix of the old and new names, still NUL-terminated.
	 */
	if (mask & BIT(LTT_CONTEXT_PROCNAME)) {
		memcpy(p, current->comm, TASK_COMM_LEN);
		p += TASK_COMM_LEN;
	}
	return p;
}

/**
 * ltt_event_record() - Record an entry in every channel that wants it
 * @ev: the event
 * @entry: its entry, laid out as @ev's fields say
 *
 * Context: any, NMI included, preemption disabled.
 */
notrace void ltt_event_record(struct ltt_event *ev, const u8 *entry)
{
	struct ltt_binding *b;
	unsigned int size;

	size = unlikely(ev->dynamic) ? ltt_event_size(ev, entry) :
				       ev->fixed_size;
	list_for_each_entry_rcu(b, &ev->bindings, node) {
		struct ltt_channel *chan = b->chan;
		/* Written by ltt_rb_reserve(): see ltt_probe_<class>(). */
		struct ltt_rb_ctx ctx __uninitialized;
		u8 *p;

		/*
		 * Pairs with the release in ltt_session_start(): a session
		 * seen tracing has its channels' buffers (replaced only while
		 * it is stopped, a grace period after it stopped) and context
		 * fields as they were when it started.
		 */
		if (!smp_load_acquire(&chan->session->active))
			continue;
		/* A statedump records into the session that asked, only. */
		if (unlikely(ev->statedump) &&
		    chan->session != READ_ONCE(ltt_statedump_target))
			continue;
		if (ltt_rb_reserve(ltt_rb_this_cpu(chan->rb), &ctx, b->id,
				   chan->context_size + size))
			continue;
		p = ltt_context_pack(chan, ctx.payload);
		/* One run of fixed fields: one copy, no walk of the steps. */
		if (ev->in_place)
			memcpy(p, entry + ev->place_offset, size);
		else
			ltt_event_pack(ev, entry, p);
		ltt_rb_commit(&ctx);
	}
}

/*
 * The one channel an event is recorded in, reserved: where the probe
 * writes the entry in place. NULL if the session stopped meanwhile or
 * the event was dropped (ltt_rb_reserve() counted it).
 */
static notrace void *ltt_event_reserve_in_place(struct ltt_event *ev,
						struct ltt_rb_ctx *ctx)
{
	struct ltt_binding *b;

	list_for_each_entry_rcu(b, &ev->bindings, node) {
		struct ltt_channel *chan = b->chan;

		/* Acquire: see ltt_event_record(). */
		if (!smp_load_acquire(&chan->session->active))
			continue;
		if (ltt_rb_reserve(ltt_rb_this_cpu(chan->rb), ctx, b->id,
				   chan->context_size + ev->fixed_size))
			return NULL;
		return ltt_context_pack(chan, ctx->payload) - ev->place_offset;
	}
	return NULL;
}

/**
 * ltt_event_begin() - First half of a probe: where to build the entry
 * @event: the struct ltt_event the probe was attached with
 * @ctx: the recording, on the probe's stack
 * @size: bytes of the entry, dynamic fields included
 *
 * Writes in place (see struct ltt_event_ctx) when the event can be and a
 * single session that records it is tracing; otherwise hands out a
 * scratch entry, as ltt_event_scratch() does. An entry written in place
 * starts @event's place_offset bytes before the reserved payload: the
 * probe writes its fields, never its common fields (struct trace_entry),
 * which are not recorded.
 *
 * Context: a tracepoint probe: any context, NMI included, with
 * preemption disabled by the tracepoint (__DO_TRACE()), which the
 * reservation relies on until ltt_event_end().
 * Return: the entry the probe fills in, or NULL if no session is tracing,
 * the event was dropped (and counted) or LTT fired it itself. Unless
 * NULL, the caller must call ltt_event_end() next.
 */
notrace void *ltt_event_begin(void *event, struct ltt_event_ctx *ctx,
			      unsigned int size)
{
	struct ltt_event *ev = event;
	unsigned int active;
	void *entry;

	if (!ltt_tracing())
		return NULL;
	/*
	 * How many sessions that record the event are tracing. Read without
	 * ordering: a probe that races with a start or a stop may skip the
	 * event, build it for nothing, or record it in place in the one
	 * session that was tracing, as one that fires a moment earlier or
	 * later would; each session's own flag, read with acquire, decides
	 * whether it records.
	 */
	active = READ_ONCE(ev->nr_active);
	if (!active)
		return NULL;
	ctx->in_place = ev->in_place && active == 1;
	if (ctx->in_place) {
		lockdep_assert_preemption_disabled();
		/* Fired by LTT's own call out of a writer: see ltt_rb_in_callout(). */
		entry = ltt_rb_in_callout() ? NULL :
			ltt_event_reserve_in_place(ev, &ctx->rb);
	} else {
		preempt_disable_notrace();
		entry = ltt_event_claim_scratch(ev, size);
		if (!entry)
			preempt_enable_notrace();
	}
	return entry;
}
EXPORT_SYMBOL_GPL(ltt_event_begin);

/**
 * ltt_event_commit() - Second half of a probe: record the entry
 * @event: the struct ltt_event the probe was attached with
 * @entry: the entry ltt_event_scratch() returned, filled in
 *
 * Records the event in every channel it is enabled in whose session is
 * tracing, and gives the scratch entry back.
 *
 * Context: any, NMI included, after ltt_event_scratch().
 */
notrace void ltt_event_commit(void *event, void *entry)
{
	ltt_event_record(event, entry);
	barrier();
	this_cpu_dec(ltt_scratch.nest);
	preempt_enable_notrace();
}
EXPORT_SYMBOL_GPL(ltt_event_commit);

/* Turn the field table into packing steps; returns the number of steps. */
unsigned int ltt_event_plan(const struct ltt_field *fields, unsigned int nr,
			    struct ltt_pack_op *ops, unsigned int *fixed_size)
{
	struct ltt_pack_op *op = NULL;
	unsigned int i, n = 0;

	*fixed_size = 0;
	for (i = 0; i < nr; i++) {
		const struct ltt_field *f = &fields[i];
		unsigned int len = f->elem_size * f->len;

		if (f->kind == LTT_FIELD_STRING || f->kind == LTT_FIELD_SEQUENCE) {
			op = &ops[n++];
			*op = (struct ltt_pack_op){
				.src = f->offset, .elem_size = f->elem_size,
				.kind = f->kind, .flags = f->flags & LTT_FIELD_REL,
			};
			op = NULL;
			continue;
		}
		*fixed_size += len;
		if (op && op->src + op->len == f->offset) {
			op->len += len;
			continue;
		}
		op = &ops[n++];
		*op = (struct ltt_pack_op){
			.src = f->offset, .len = len, .kind = LTT_FIELD_INTEGER,
		};
	}
	return n;
}

static bool ltt_event_is_frequent(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ltt_frequent_events); i++)
		if (!strcmp(name, ltt_frequent_events[i]))
			return true;
	return false;
}

/*
 * May the probe write @ev's entry straight into a channel? Only if the
 * packed form is the entry itself less its common fields: the fields in
 * one run with no padding and none dynamic (ltt_event_plan() made a
 * single step of them, or none). A statedump event is recorded into the
 * one session that asked (ltt_event_record()), so always from a scratch
 * entry. Payloads in the ring buffer are not aligned, so TP_fast_assign()
 * then stores to unaligned fields: only where the architecture does that
 * at no cost, and not under UBSAN's alignment checks, which would report
 * every such store.
 */
static bool ltt_event_can_write_in_place(const struct ltt_event *ev)
{
	if (!IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS) ||
	    IS_ENABLED(CONFIG_UBSAN_ALIGNMENT) || ev->statedump)
		return false;
	return !ev->nr_ops ||
	       (ev->nr_ops == 1 && ev->ops[0].kind == LTT_FIELD_INTEGER);
}

/**
 * ltt_event_set_layout() - Work out how @ev is packed
 * @ev: an event whose @fields and @nr_fields are set
 *
 * Sets @ops, @nr_ops, @fixed_size, @dynamic, @in_place and @place_offset.
 */
void ltt_event_set_layout(struct ltt_event *ev)
{
	unsigned int i;

	ev->nr_ops = ltt_event_plan(ev->fields, ev->nr_fields, ev->ops,
				    &ev->fixed_size);
	ev->dynamic = false;
	for (i = 0; i < ev->nr_ops; i++)
		if (ev->ops[i].kind != LTT_FIELD_INTEGER)
			ev->dynamic = true;
	ev->place_offset = ev->nr_ops ? ev->ops[0].src : 0;
	ev->in_place = ltt_event_can_write_in_place(ev);
}

/* An LTT event for @call, or NULL if its class has no LTT probe. */
static struct ltt_event *ltt_event_alloc(struct trace_event_call *call,
					 struct module *mod)
{
	const struct trace_event_class *class = call->class;
	const struct ltt_field *fields;
	struct ltt_event *ev;
	unsigned int nr;

	if (!mod && ltt_is_syscall_event(call))
		return ltt_syscall_event_alloc(call);
	if (!class || !class->ltt_probe || !class->ltt_fields ||
	    !(call->flags & TRACE_EVENT_FL_TRACEPOINT) || !call->tp)
		return NULL;
	fields = class->ltt_fields(&nr);
	ev = kzalloc(struct_size(ev, ops, nr), GFP_KERNEL);
	if (!ev)
		return NULL;
	ev->call = call;
	ev->name = trace_event_name(call);
	ev->system = class->system;
	ev->mod = mod;
	ev->fields = fields;
	ev->nr_fields = nr;
	INIT_LIST_HEAD(&ev->bindings);
	ev->frequent = ltt_event_is_frequent(ev->name);
	ev->statedump = !strcmp(ev->system, "ltt_statedump");
	ev->syscall_nr = -1;
	ltt_event_set_layout(ev);
	return ev;
}

/**
 * ltt_event_attach() - Attach the probe of an event to its tracepoint
 * @ev: the event
 *
 * Context: ltt_session_mutex held.
 * Return: 0 or a negative errno from tracepoint_probe_register().
 */
int ltt_event_attach(struct ltt_event *ev)
{
	lockdep_assert_held(&ltt_session_mutex);
	if (ev->syscall_nr >= 0)
		return ltt_syscall_attach(ev);
	return tracepoint_probe_register(ev->call->tp, ev->call->class->ltt_probe,
					 ev);
}

/**
 * ltt_event_detach() - Detach the probe of an event from its tracepoint
 * @ev: the event
 *
 * The probe may still run on other CPUs until the next RCU grace period.
 *
 * Context: ltt_session_mutex held.
 */
void ltt_event_detach(struct ltt_event *ev)
{
	lockdep_assert_held(&ltt_session_mutex);
	if (ev->syscall_nr >= 0) {
		ltt_syscall_detach(ev);
		return;
	}
	WARN_ON_ONCE(tracepoint_probe_unregister(ev->call->tp,
						 ev->call->class->ltt_probe, ev));
}

/**
 * ltt_event_match() - Does a pattern name an event?
 * @ev: the event
 * @pattern: "NAME" or "SYSTEM:NAME", each part a glob
 *
 * Return: true if it does.
 */
bool ltt_event_match(const struct ltt_event *ev, const char *pattern)
{
	const char *colon = strchr(pattern, ':');
	char system[LTT_NAME_MAX + 1];
	size_t len;

	if (!colon)
		return glob_match(pattern, ev->name);
	len = colon - pattern;
	if (len >= sizeof(system))
		return false;
	memcpy(system, pattern, len);
	system[len] = '\0';
	return glob_match(system, ev->system) && glob_match(colon + 1, ev->name);
}

static void ltt_events_add(struct trace_event_call **calls, unsigned int nr,
			   struct module *mod, struct list_head *added)
{
	struct ltt_event *ev;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		ev = ltt_event_alloc(calls[i], mod);
		if (ev)
			list_add_tail(&ev->node, added);
		else if (calls[i]->class && calls[i]->class->ltt_probe)
			pr_warn_ratelimited("no memory for event %s\n",
					    trace_event_name(calls[i]));
	}
}

static void ltt_module_coming(struct module *mod)
{
	LIST_HEAD(added);
	struct ltt_event *ev;

	ltt_events_add(mod->trace_events, mod->num_trace_events, mod, &added);
	if (list_empty(&added))
		return;
	guard(mutex)(&ltt_session_mutex);
	list_for_each_entry(ev, &added, node)
		ltt_event_appeared(ev);
	list_splice_tail(&added, &ltt_events);
}

static void ltt_module_going(struct module *mod)
{
	struct ltt_binding *b, *btmp;
	struct ltt_event *ev, *tmp;
	LIST_HEAD(bindings);
	LIST_HEAD(gone);

	scoped_guard(mutex, &ltt_session_mutex) {
		list_for_each_entry_safe(ev, tmp, &ltt_events, node) {
			if (ev->mod != mod)
				continue;
			ltt_event_vanishing(ev, &bindings);
			list_move_tail(&ev->node, &gone);
		}
	}
	if (list_empty(&gone))
		return;
	/* No probe of the module's events runs after this. */
	tracepoint_synchronize_unregister();
	list_for_each_entry_safe(b, btmp, &bindings, chan_node)
		kfree(b);
	list_for_each_entry_safe(ev, tmp, &gone, node)
		kfree(ev);
}

static int ltt_module_coming_notify(struct notifier_block *nb,
				    unsigned long val, void *data)
{
	if (val == MODULE_STATE_COMING)
		ltt_module_coming(data);
	return NOTIFY_OK;
}

static int ltt_module_going_notify(struct notifier_block *nb,
				   unsigned long val, void *data)
{
	if (val == MODULE_STATE_GOING)
		ltt_module_going(data);
	return NOTIFY_OK;
}

/*
 * A coming module's probes are attached once its jump labels are set up
 * (jump_label's notifier has priority 1); a going module's are detached
 * before the tracepoint code checks that none is left (priority 0).
 */
static struct notifier_block ltt_module_coming_nb = {
	.notifier_call = ltt_module_coming_notify,
	.priority = -1,
};

static struct notifier_block ltt_module_going_nb = {
	.notifier_call = ltt_module_going_notify,
	.priority = 1,
};

static int __init ltt_events_init(void)
{
	LIST_HEAD(added);
	int ret;

	ltt_events_add(__start_ftrace_events,
		       __stop_ftrace_events - __start_ftrace_events, NULL,
		       &added);
	scoped_guard(mutex, &ltt_session_mutex)
		list_splice_tail(&added, &ltt_events);
	ret = register_module_notifier(&ltt_module_coming_nb);
	if (!ret)
		ret = register_module_notifier(&ltt_module_going_nb);
	if (ret)
		pr_warn("module events will not be known: %d\n", ret);
	return 0;
}
core_initcall(ltt_events_init);
