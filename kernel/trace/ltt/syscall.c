// SPDX-License-Identifier: GPL-2.0
/*
 * LTT system call events: one entry and one exit event per system call
 *
 * With CONFIG_FTRACE_SYSCALLS the kernel describes every system call
 * (struct syscall_metadata: its name, the names and C types of its
 * arguments) and has a trace_event_call for its entry and its exit,
 * syscalls:sys_enter_NAME and syscalls:sys_exit_NAME. They are not
 * TRACE_EVENT()s: all of them are fed by the two raw_syscalls
 * tracepoints. LTT makes each an event like any other, with the
 * system call's own arguments as named fields on entry and the return
 * value on exit, and no system call number in the payload: the event
 * id already says which system call it is. A getuid() entry takes the
 * 4 bytes of a compact event header, its exit 12.
 *
 * One probe on each raw tracepoint serves every system call: it looks
 * the current one up in a table of the events being recorded, indexed
 * by system call number, which the control path fills under
 * ltt_session_mutex and the probe reads under RCU.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/trace_events.h>
#include <asm/syscall.h>
#include <trace/events/syscalls.h>
#include <trace/syscall.h>

#include "internal.h"

/* The events of one raw tracepoint, indexed by system call number. */
struct ltt_syscall_table {
	struct ltt_event __rcu *events[NR_syscalls];
	unsigned int users;	/* events attached; ltt_session_mutex */
};

static struct ltt_syscall_table ltt_sys_enter_table, ltt_sys_exit_table;

static const struct ltt_field ltt_sys_exit_fields[] = {
	{ "ret", "long", 0, sizeof(long), 1, LTT_FIELD_INTEGER,
	  LTT_FIELD_SIGNED },
};

/*
 * The event @table has for the system call being entered or left, or
 * NULL if it is not recorded or is not a native system call.
 * Context: preemption disabled.
 */
static __always_inline struct ltt_event *
ltt_syscall_event(struct ltt_syscall_table *table, struct pt_regs *regs)
{
	int nr;

#ifdef ARCH_TRACE_IGNORE_COMPAT_SYSCALLS
	if (unlikely(arch_trace_is_compat_syscall(regs)))
		return NULL;
#endif
	nr = syscall_get_nr(current, regs);
	if (nr < 0 || nr >= NR_syscalls)
		return NULL;
	return rcu_dereference_sched(table->events[nr]);
}

static notrace void ltt_sys_enter_probe(void *data, struct pt_regs *regs,
					long id)
{
	/*
	 * Filled by syscall_get_arguments() before it is read:
	 * __uninitialized spares every system call the probe sees, recorded
	 * or not, the stores with which CONFIG_INIT_STACK_ALL_ZERO would
	 * clear it.
	 */
	unsigned long args[6] __uninitialized;
	struct ltt_event *ev;

	if (!ltt_tracing())
		return;
	preempt_disable_notrace();
	ev = ltt_syscall_event(&ltt_sys_enter_table, regs);
	/* nr_active: see ltt_event_scratch(). */
	if (ev && READ_ONCE(ev->nr_active)) {
		syscall_get_arguments(current, regs, args);
		ltt_event_record(ev, (const u8 *)args);
	}
	preempt_enable_notrace();
}

static notrace void ltt_sys_exit_probe(void *data, struct pt_regs *regs,
				       long ret)
{
	struct ltt_event *ev;

	if (!ltt_tracing())
		return;
	preempt_disable_notrace();
	ev = ltt_syscall_event(&ltt_sys_exit_table, regs);
	if (ev && READ_ONCE(ev->nr_active))
		ltt_event_record(ev, (const u8 *)&ret);
	preempt_enable_notrace();
}

static bool ltt_syscall_is_exit(const struct trace_event_call *call)
{
	return call->class == &event_class_syscall_exit;
}

static struct ltt_syscall_table *ltt_syscall_table_of(struct ltt_event *ev)
{
	return ltt_syscall_is_exit(ev->call) ? &ltt_sys_exit_table :
					       &ltt_sys_enter_table;
}

/**
 * ltt_syscall_event_alloc() - An LTT event for a system call event
 * @call: syscalls:sys_enter_NAME or syscalls:sys_exit_NAME
 *
 * Return: the event, or NULL if @call is not one, has no system call
 * number, or there is no memory.
 */
struct ltt_event *ltt_syscall_event_alloc(struct trace_event_call *call)
{
	const struct syscall_metadata *meta = call->data;
	struct ltt_field *fields = NULL;
	const struct ltt_field *f;
	struct ltt_event *ev;
	unsigned int i, nr;

	if (!is_syscall_trace_event(call) || !meta || meta->syscall_nr < 0 ||
	    meta->syscall_nr >= NR_syscalls)
		return NULL;
	if (ltt_syscall_is_exit(call)) {
		f = ltt_sys_exit_fields;
		nr = ARRAY_SIZE(ltt_sys_exit_fields);
	} else {
		nr = meta->nb_args;
		if (nr) {
			fields = kcalloc(nr, sizeof(*fields), GFP_KERNEL);
			if (!fields)
				return NULL;
		}
		for (i = 0; i < nr; i++) {
			fields[i] = (struct ltt_field){
				.name = meta->args[i], .type = meta->types[i],
				.offset = i * sizeof(unsigned long),
				.elem_size = sizeof(unsigned long), .len = 1,
				.kind = LTT_FIELD_INTEGER,
				.flags = strchr(meta->types[i], '*') ?
					 LTT_FIELD_HEX : 0,
			};
		}
		f = fields;
	}
	ev = kzalloc(struct_size(ev, ops, max(nr, 1U)), GFP_KERNEL);
	if (!ev) {
		kfree(fields);
		return NULL;
	}
	ev->call = call;
	ev->name = trace_event_name(call);
	ev->system = call->class->system;
	ev->fields = f;
	ev->nr_fields = nr;
	ev->syscall_nr = meta->syscall_nr;
	INIT_LIST_HEAD(&ev->bindings);
	ltt_event_set_layout(ev);
	return ev;
}

/**
 * ltt_syscall_attach() - Start feeding a system call event
 * @ev: an event from ltt_syscall_event_alloc()
 *
 * Context: ltt_session_mutex held.
 * Return: 0 or an error from tracepoint_probe_register().
 */
int ltt_syscall_attach(struct ltt_event *ev)
{
	struct ltt_syscall_table *table = ltt_syscall_table_of(ev);
	int ret = 0;

	lockdep_assert_held(&ltt_session_mutex);
	if (!table->users) {
		if (table == &ltt_sys_exit_table)
			ret = register_trace_sys_exit(ltt_sys_exit_probe, NULL);
		else
			ret = register_trace_sys_enter(ltt_sys_enter_probe, NULL);
	}
	if (ret)
		return ret;
	table->users++;
	rcu_assign_pointer(table->events[ev->syscall_nr], ev);
	return 0;
}

/**
 * ltt_syscall_detach() - Stop feeding a system call event
 * @ev: an event ltt_syscall_attach() was called for
 *
 * The probe may still see @ev until the next RCU grace period; system
 * call events are never freed.
 *
 * Context: ltt_session_mutex held.
 */
void ltt_syscall_detach(struct ltt_event *ev)
{
	struct ltt_syscall_table *table = ltt_syscall_table_of(ev);

	lockdep_assert_held(&ltt_session_mutex);
	RCU_INIT_POINTER(table->events[ev->syscall_nr], NULL);
	if (WARN_ON_ONCE(!table->users) || --table->users)
		return;
	if (table == &ltt_sys_exit_table)
		unregister_trace_sys_exit(ltt_sys_exit_probe, NULL);
	else
		unregister_trace_sys_enter(ltt_sys_enter_probe, NULL);
}
