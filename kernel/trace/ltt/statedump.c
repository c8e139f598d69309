// SPDX-License-Identifier: GPL-2.0
/*
 * LTT statedump: the state of the system, written into a session's trace
 *
 * A trace that starts on a running system shows "tid 812 switched to tid
 * 97" and nothing of who they are. A statedump records, as ordinary trace
 * events (include/trace/events/ltt_statedump.h), what a reader needs to
 * name what it sees: every thread, the files each process has mapped and
 * open, the handlers of each interrupt line, the modules, the CPUs, the
 * disks and the network interfaces.
 *
 * When: a session dumps when it starts, if one of its channels enables
 * an ltt_statedump event, and whenever "1" is written to its statedump
 * file while it is active. The dump runs in the task that asked, under
 * ltt_control_lock, after the session is active: whatever changes while
 * it runs (a fork, an exit, an open) is in the trace as the event that
 * changed it, if that event is enabled, so the dump plus the events
 * after ltt_statedump_start give the state at any later point.
 *
 *   ltt_statedump_start(seq)
 *   cpu_topology*  module*  interrupt*  block_device*  network_interface*
 *   for each thread, by increasing tid:
 *     process_state, then for a thread group leader vm_map* file_descriptor*
 *   ltt_statedump_end(seq, events)
 *
 * A reader that finds ltt_statedump_end knows the dump is complete; a
 * dump cut short (the asking task got a fatal signal) has no end event.
 *
 * Whom it records into: the session that asked, only. The events are
 * tracepoints that any tracer may record, and only this file fires them;
 * ltt_event_record() records an event of this system into the channels
 * of ltt_statedump_target alone. ltt_statedump_mutex makes dumps one at a
 * time, so there is one target. The dumping task sets the target before
 * its first event and clears it after its last (WRITE_ONCE); the probes
 * that read it (READ_ONCE) run in that same task, so program order is
 * all the ordering they need, across a migration too (a context switch
 * is a full barrier).
 *
 * Staying bounded, and out of the way: nothing is read from /proc text.
 * Threads are walked by number with find_ge_pid(), one at a time: under
 * RCU only to look the next one up and take a reference, so a thread that
 * exits meanwhile is either dumped or not, never half, and the walk holds
 * no lock from one thread to the next. A process's maps are read under
 * its mmap lock taken for reading (what a reader of /proc/PID/maps
 * takes), its files one descriptor at a time with a reference and no
 * lock held. cond_resched() after each thread, map and file keeps a
 * system with thousands of threads free of soft-lockup and RCU stall
 * warnings. The hot paths the dump meets are those of any reader of
 * /proc: the mmap lock for reading, an interrupt descriptor's lock for
 * as long as it takes to record its handlers' names.
 *
 * Modules: the kernel has no iterator over loaded modules outside
 * kernel/module/, so this file keeps its own list, from the module
 * notifier: LTT is built in and registers it before user space can load
 * any module.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/blkdev.h>
#include <linux/cleanup.h>
#include <linux/cpu.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqnr.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pid_namespace.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/topology.h>

#define CREATE_TRACE_POINTS
#include <trace/events/ltt_statedump.h>

#include "internal.h"

/* Makes dumps one at a time; protects the sessions' statedump counters. */
static DEFINE_MUTEX(ltt_statedump_mutex);

/* The session a dump records into, see above. */
struct ltt_session *ltt_statedump_target;

/* Dumps since boot, numbering them in their start and end events. */
static unsigned int ltt_statedump_seq;

/* Loaded modules, from the module notifier. ltt_statedump_modules_lock. */
struct ltt_statedump_module {
	struct list_head node;
	struct module *mod;
};

static LIST_HEAD(ltt_statedump_modules);
static DEFINE_MUTEX(ltt_statedump_modules_lock);

/* One dump in progress: a buffer for paths, the events recorded. */
struct ltt_statedump {
	char *path;
	unsigned int events;
};

static const char *ltt_statedump_path(struct ltt_statedump *sd,
				      const struct path *path)
{
	char *p = d_path(path, sd->path, PATH_MAX);

	return IS_ERR(p) ? "" : p;
}

static void ltt_statedump_cpus(struct ltt_statedump *sd)
{
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		int package = topology_physical_package_id(cpu);
		int core = topology_core_id(cpu);
		unsigned int threads = cpumask_weight(topology_sibling_cpumask(cpu));

		trace_ltt_statedump_cpu_topology(cpu, package, core,
						 cpu_to_node(cpu), threads);
		sd->events++;
	}
	cpus_read_unlock();
}

static void ltt_statedump_loaded_modules(struct ltt_statedump *sd)
{
#ifdef CONFIG_MODULES
	struct ltt_statedump_module *m;

	guard(mutex)(&ltt_statedump_modules_lock);
	list_for_each_entry(m, &ltt_statedump_modules, node) {
		const struct module_memory *text = &m->mod->mem[MOD_TEXT];
		unsigned long size = 0;

		for_each_mod_mem_type(type)
			size += m->mod->mem[type].size;
		trace_ltt_statedump_module(m->mod->name,
					   (unsigned long)text->base, size);
		sd->events++;
	}
#endif
}

/* The handlers of one interrupt line, as /proc/interrupts reads them. */
static void ltt_statedump_irq(struct ltt_statedump *sd, unsigned int irq,
			      struct irq_desc *desc)
{
	struct irqaction *action;
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	for (action = desc->action; action; action = action->next) {
		trace_ltt_statedump_interrupt(irq, action->name ?: "",
					      action->handler);
		sd->events++;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

static void ltt_statedump_interrupts(struct ltt_statedump *sd)
{
	struct irq_desc *desc;
	unsigned int irq;

	for_each_active_irq(irq) {
		rcu_read_lock();
		desc = irq_to_desc(irq);
		if (desc)
			ltt_statedump_irq(sd, irq, desc);
		rcu_read_unlock();
		cond_resched();
	}
}

/* Every disk and partition, the disk's whole device first. */
static void ltt_statedump_block_devices(struct ltt_statedump *sd)
{
#ifdef CONFIG_BLOCK
	struct class_dev_iter iter;
	struct device *dev;

	class_dev_iter_init(&iter, &block_class, NULL, &disk_type);
	while ((dev = class_dev_iter_next(&iter))) {
		struct gendisk *disk = dev_to_disk(dev);
		struct block_device *part;
		char name[BDEVNAME_SIZE];
		unsigned long idx;

		rcu_read_lock();
		xa_for_each(&disk->part_tbl, idx, part) {
			snprintf(name, sizeof(name), "%pg", part);
			trace_ltt_statedump_block_device(part->bd_dev, name);
			sd->events++;
		}
		rcu_read_unlock();
		cond_resched();
	}
	class_dev_iter_exit(&iter);
#endif
}

static void ltt_statedump_network_interfaces(struct ltt_statedump *sd)
{
#ifdef CONFIG_NET
	struct net_device *dev;

	rcu_read_lock();
	for_each_netdev_rcu(&init_net, dev) {
		trace_ltt_statedump_network_interface(dev->name, dev->ifindex,
						      dev->flags, dev->mtu);
		sd->events++;
	}
	rcu_read_unlock();
#endif
}

/*
 * The next thread whose tid in the initial pid namespace is @nr or more,
 * with a reference, and @nr moved past it; NULL when there is none.
 */
static struct task_struct *ltt_statedump_next_thread(int *nr)
{
	struct task_struct *t = NULL;
	struct pid *pid;

	rcu_read_lock();
	while (!t && (pid = find_ge_pid(*nr, &init_pid_ns))) {
		*nr = pid_nr(pid) + 1;
		t = pid_task(pid, PIDTYPE_PID);
		if (t)
			get_task_struct(t);
	}
	rcu_read_unlock();
	return t;
}

static void ltt_statedump_thread(struct ltt_statedump *sd,
				 struct task_struct *t)
{
	struct pid_namespace *ns;
	pid_t ppid, vtid = 0, vpid = 0;
	unsigned int ns_inum = 0;

	rcu_read_lock();
	ppid = task_tgid_nr(rcu_dereference(t->real_parent));
	ns = task_active_pid_ns(t);
	if (ns) {
		vtid = task_pid_nr_ns(t, ns);
		vpid = task_tgid_nr_ns(t, ns);
		ns_inum = ns->ns.inum;
	}
	rcu_read_unlock();
	trace_ltt_statedump_process_state(t, ppid, vtid, vpid, ns_inum);
	sd->events++;
}

/* The file-backed maps of @mm, process @pid's; mmap lock held. */
static void ltt_statedump_mm(struct ltt_statedump *sd, pid_t pid,
			     struct mm_struct *mm)
{
	VMA_ITERATOR(vmi, mm, 0);
	struct vm_area_struct *vma;
	const char *path;

	for_each_vma(vmi, vma) {
		if (!vma->vm_file)
			continue;
		path = ltt_statedump_path(sd, &vma->vm_file->f_path);
		trace_ltt_statedump_vm_map(pid, vma->vm_start, vma->vm_end,
					   vma->vm_pgoff, vma->vm_flags, path);
		sd->events++;
		cond_resched();
	}
}

/* The maps of process @t (a thread group leader). */
static void ltt_statedump_maps(struct ltt_statedump *sd,
			       struct task_struct *t)
{
	struct mm_struct *mm = get_task_mm(t);

	if (!mm)
		return;
	if (!mmap_read_lock_killable(mm)) {
		ltt_statedump_mm(sd, t->tgid, mm);
		mmap_read_unlock(mm);
	}
	mmput(mm);
}

/* The open files of process @t, one descriptor at a time. */
static void ltt_statedump_files(struct ltt_statedump *sd,
				struct task_struct *t)
{
	const char *path;
	struct file *file;
	unsigned int fd;

	for (fd = 0;; fd++) {
		rcu_read_lock();
		file = task_lookup_next_fdget_rcu(t, &fd);
		rcu_read_unlock();
		if (!file)
			break;
		path = ltt_statedump_path(sd, &file->f_path);
		trace_ltt_statedump_file_descriptor(t->tgid, fd, file->f_flags,
						    path);
		sd->events++;
		fput(file);
		cond_resched();
	}
}

/* Every thread; maps and files once per process. */
static void ltt_statedump_threads(struct ltt_statedump *sd)
{
	struct task_struct *t;
	int nr = 1;

	while (!fatal_signal_pending(current) &&
	       (t = ltt_statedump_next_thread(&nr))) {
		ltt_statedump_thread(sd, t);
		if (thread_group_leader(t)) {
			ltt_statedump_maps(sd, t);
			ltt_statedump_files(sd, t);
		}
		put_task_struct(t);
		cond_resched();
	}
}

/* Does a channel of @session enable an event of the statedump? */
static bool ltt_statedump_wanted(struct ltt_session *session)
{
	struct ltt_channel *chan;
	struct ltt_binding *b;

	guard(mutex)(&ltt_session_mutex);
	list_for_each_entry(chan, &session->channels, node)
		list_for_each_entry(b, &chan->bindings, chan_node)
			if (b->enabled && b->event->statedump)
				return true;
	return false;
}

/**
 * ltt_statedump_run() - Record the state of the system into a session
 * @session: an active session, one of whose channels enables an event of
 *	the statedump (ltt_statedump_wanted())
 *
 * Context: process context, may sleep; ltt_control_lock held, so that the
 * session stays active and alive throughout.
 * Return: 0; -ENOMEM; -EINTR if a fatal signal cut the dump short.
 */
static int ltt_statedump_run(struct ltt_session *session)
{
	struct ltt_statedump sd = { };
	unsigned int seq;
	bool cut;
	u64 start;

	sd.path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!sd.path)
		return -ENOMEM;
	guard(mutex)(&ltt_statedump_mutex);
	start = ktime_get_ns();
	seq = ++ltt_statedump_seq;
	WRITE_ONCE(ltt_statedump_target, session);
	trace_ltt_statedump_start(seq);
	ltt_statedump_cpus(&sd);
	ltt_statedump_loaded_modules(&sd);
	ltt_statedump_interrupts(&sd);
	ltt_statedump_block_devices(&sd);
	ltt_statedump_network_interfaces(&sd);
	ltt_statedump_threads(&sd);
	/* Decided once: the end event and the return value agree. */
	cut = fatal_signal_pending(current);
	if (!cut)
		trace_ltt_statedump_end(seq, sd.events);
	WRITE_ONCE(ltt_statedump_target, NULL);
	kfree(sd.path);
	session->statedump_count++;
	session->statedump_events = sd.events;
	session->statedump_ns = ktime_get_ns() - start;
	return cut ? -EINTR : 0;
}

/**
 * ltt_statedump_started() - Dump the state into a session just started
 * @session: the session
 *
 * Does nothing unless a channel of @session enables a statedump event.
 * A dump that fails leaves the session tracing, and says so in the log.
 *
 * Context: process context, ltt_control_lock held.
 */
void ltt_statedump_started(struct ltt_session *session)
{
	int ret;

	if (!ltt_statedump_wanted(session))
		return;
	ret = ltt_statedump_run(session);
	if (ret)
		pr_warn_ratelimited("session %s: statedump failed (%d)\n",
				    session->name, ret);
}

/**
 * ltt_statedump_request() - Dump the state into a session on demand
 * @session: the session
 *
 * Context: process context, ltt_control_lock held.
 * Return: 0; -EINVAL if the session is not tracing or no channel of it
 * enables a statedump event (nothing would be recorded); see
 * ltt_statedump_run().
 */
int ltt_statedump_request(struct ltt_session *session)
{
	if (!READ_ONCE(session->active)) {
		pr_warn_ratelimited("session %s is stopped: start it to dump the state into it\n",
				    session->name);
		return -EINVAL;
	}
	if (!ltt_statedump_wanted(session)) {
		pr_warn_ratelimited("session %s: no channel enables an ltt_statedump event\n",
				    session->name);
		return -EINVAL;
	}
	return ltt_statedump_run(session);
}

/**
 * ltt_statedump_show() - Show the statedump counters of a session
 * @m: where to
 * @session: the session
 */
void ltt_statedump_show(struct seq_file *m, struct ltt_session *session)
{
	guard(mutex)(&ltt_statedump_mutex);
	seq_printf(m, "dumps %u\nlast_events %u\nlast_ns %llu\n",
		   session->statedump_count, session->statedump_events,
		   session->statedump_ns);
}

static int ltt_statedump_module_notify(struct notifier_block *nb,
				       unsigned long state, void *data)
{
	struct ltt_statedump_module *m, *tmp;
	struct module *mod = data;

	guard(mutex)(&ltt_statedump_modules_lock);
	if (state == MODULE_STATE_COMING) {
		/* On failure, the module is missing from statedumps. */
		m = kmalloc(sizeof(*m), GFP_KERNEL);
		if (!m)
			return NOTIFY_DONE;
		m->mod = mod;
		list_add_tail(&m->node, &ltt_statedump_modules);
	} else if (state == MODULE_STATE_GOING) {
		list_for_each_entry_safe(m, tmp, &ltt_statedump_modules, node) {
			if (m->mod == mod) {
				list_del(&m->node);
				kfree(m);
			}
		}
	}
	return NOTIFY_DONE;
}

static struct notifier_block ltt_statedump_module_nb = {
	.notifier_call = ltt_statedump_module_notify,
};

static int __init ltt_statedump_init(void)
{
	return register_module_notifier(&ltt_statedump_module_nb);
}
core_initcall(ltt_statedump_init);
