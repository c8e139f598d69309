// SPDX-License-Identifier: GPL-2.0
/*
 * LTT switch timers: periodic flush of partly filled sub-buffers
 *
 * A packet only reaches the reader once it is closed, which happens when
 * it is full. On a quiet CPU that may take minutes, and a live reader
 * would see nothing meanwhile. While a session with a switch timer is
 * active, each online CPU runs a timer of its own that closes the open
 * packet of every channel of the session on that CPU, the way a writer
 * switching sub-buffers would. ltt_rb_flush() must run on the buffer's
 * CPU, so the timers are pinned, and they are deferrable: an idle CPU
 * writes nothing, so there is nothing to flush and no reason to wake it.
 *
 * The timers follow CPU hotplug through a multi-instance hotplug state
 * with one instance per active session: the startup step arms the timer
 * of a CPU coming online, on that CPU; the teardown step stops it on a
 * CPU going down, before the timer could be migrated away. The backend
 * itself flushes the buffers of a CPU going offline.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/cpuhotplug.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/ltt/session.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/smp.h>
#include <linux/timer.h>

#include "internal.h"

/**
 * struct ltt_switch_timer - The switch timer of a session on one CPU
 * @timer: pinned, deferrable, rearmed by its own callback. Started and
 *	stopped by the hotplug steps on its CPU.
 * @session: the session. Read-only.
 * @cpu: the CPU. Read-only.
 */
struct ltt_switch_timer {
	struct timer_list timer;
	struct ltt_session *session;
	int cpu;
};

/* Dynamic hotplug state, set once at boot. */
static enum cpuhp_state ltt_switch_timer_state __ro_after_init;

/*
 * The session is active while the timer runs, so its channel list and
 * buffers stay as they are, and switch_timer_us does not change.
 *
 * ltt_rb_flush() wants preemption off, as writers have it. Timer callbacks
 * run in softirq context with preemption off, except on PREEMPT_RT, where
 * they run preemptible in a per-CPU thread; there the guard also makes
 * this an RCU reader for the channel list, which softirq context is
 * implicitly elsewhere.
 */
static void ltt_switch_timer_fn(struct timer_list *timer)
{
	struct ltt_switch_timer *t = from_timer(t, timer, timer);
	struct ltt_session *session = t->session;
	struct ltt_channel *chan;
	struct ltt_rb_cpu *buf;

	guard(preempt)();
	if (WARN_ON_ONCE(t->cpu != smp_processor_id()))
		return;
	list_for_each_entry_rcu(chan, &session->channels, node) {
		buf = ltt_rb_cpu_buf(chan->rb, t->cpu);
		if (buf)
			ltt_rb_flush_if_room(buf);
	}
	mod_timer(timer, jiffies + usecs_to_jiffies(session->switch_timer_us));
}

static int ltt_switch_timer_online(unsigned int cpu, struct hlist_node *node)
{
	struct ltt_session *session = hlist_entry(node, struct ltt_session,
						  cpuhp_node);
	struct ltt_switch_timer *t = per_cpu_ptr(session->timers, cpu);

	t->timer.expires = jiffies + usecs_to_jiffies(session->switch_timer_us);
	add_timer_on(&t->timer, cpu);
	return 0;
}

static int ltt_switch_timer_offline(unsigned int cpu, struct hlist_node *node)
{
	struct ltt_session *session = hlist_entry(node, struct ltt_session,
						  cpuhp_node);

	timer_delete_sync(&per_cpu_ptr(session->timers, cpu)->timer);
	return 0;
}

/**
 * ltt_switch_timer_alloc() - Allocate the switch timers of a new session
 * @session: the session
 *
 * Context: process context, may sleep.
 * Return: 0 or -ENOMEM.
 */
int ltt_switch_timer_alloc(struct ltt_session *session)
{
	struct ltt_switch_timer *t;
	int cpu;

	session->timers = alloc_percpu(struct ltt_switch_timer);
	if (!session->timers)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		t = per_cpu_ptr(session->timers, cpu);
		t->session = session;
		t->cpu = cpu;
		timer_setup(&t->timer, ltt_switch_timer_fn,
			    TIMER_DEFERRABLE | TIMER_PINNED);
	}
	return 0;
}

/**
 * ltt_switch_timer_free() - Free the switch timers of a session
 * @session: a session whose timers are stopped
 */
void ltt_switch_timer_free(struct ltt_session *session)
{
	free_percpu(session->timers);
	session->timers = NULL;
}

/**
 * ltt_switch_timer_start() - Start the switch timers of a session
 * @session: the session, about to become active
 *
 * Does nothing if the session has no switch timer interval.
 *
 * Context: process context, ltt_session_mutex held.
 * Return: 0, -ENODEV if the hotplug state is missing, or what
 * cpuhp_state_add_instance() returned.
 */
int ltt_switch_timer_start(struct ltt_session *session)
{
	lockdep_assert_held(&ltt_session_mutex);
	if (!session->switch_timer_us)
		return 0;
	if (!ltt_switch_timer_state)
		return -ENODEV;
	return cpuhp_state_add_instance(ltt_switch_timer_state,
					&session->cpuhp_node);
}

/**
 * ltt_switch_timer_stop() - Stop the switch timers of a session
 * @session: the active session, about to stop
 *
 * When this returns no timer of the session runs or is pending.
 *
 * Context: process context, ltt_session_mutex held.
 */
void ltt_switch_timer_stop(struct ltt_session *session)
{
	lockdep_assert_held(&ltt_session_mutex);
	if (!session->switch_timer_us)
		return;
	cpuhp_state_remove_instance(ltt_switch_timer_state,
				    &session->cpuhp_node);
}

static int __init ltt_switch_timer_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN,
				      "ltt/session:switch_timer",
				      ltt_switch_timer_online,
				      ltt_switch_timer_offline);
	if (ret < 0) {
		pr_warn("cannot set up the switch timer hotplug state: %d\n",
			ret);
		return ret;
	}
	ltt_switch_timer_state = ret;
	return 0;
}
core_initcall(ltt_switch_timer_init);
