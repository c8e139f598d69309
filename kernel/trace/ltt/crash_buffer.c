// SPDX-License-Identifier: GPL-2.0
/*
 * LTT crash buffers: flight-recorder channels that outlive their kernel
 *
 * A channel created with "memory=NAME" has its ring buffer placed in the
 * memory the kernel reserved at boot for reserve_mem=SIZE:ALIGN:NAME,
 * which a warm reboot leaves as it was, at the same physical address for
 * the same kernel and command line. When the kernel goes down, this file
 * stops the channel's writers from opening packets and saves what the
 * next kernel needs to read the packets back, in the same memory; the
 * next kernel finds it there (crash_previous.c). The layout of the region
 * is in crash_buffer.h.
 *
 * What is in the region while tracing
 * -----------------------------------
 *
 * The packets, written in place by the ordinary writers (the ring buffer
 * only cuts its chunks out of the region instead of allocating them:
 * struct ltt_rb_memory), and the session's metadata, copied there every
 * time it grows (ltt_crash_mirror_metadata(), under the session's
 * metadata lock): a kernel going down is no place to walk a buffer that
 * another CPU may have been reallocating. The header says LIVE and
 * little else.
 *
 * What is saved when the kernel goes down
 * ---------------------------------------
 *
 * The write position, latest timestamp and counters of every CPU's
 * buffer, and every slot's commit count (ltt_rb_cpu_save()): from them
 * the reader tells which packets are whole and where the open one ends.
 * Then the geometry, the CRCs, and SAVED. Two paths save:
 *
 *  - panic(), from its notifier chain: the other CPUs have been stopped
 *    by then (smp_send_stop()), so no writer moves under the save. It
 *    runs first in the chain: what comes after (kmsg dumpers, a kdump
 *    kernel's preparation) may itself fault.
 *  - an oops that does not panic (panic_on_oops=0): the die chain
 *    freezes the buffers at once, so that writers on the CPUs that keep
 *    running overwrite none of the packets before the oops, and saves
 *    them; then, from a work item, each CPU closes its open packet and
 *    the buffers are saved again, this time with nothing in flight. An
 *    oops that does panic is saved again by the panic path.
 *
 * A hard lockup reaches panic() through the watchdog
 * (hardlockup_panic=1); a reset that no kernel code sees (a hardware
 * watchdog, a power cut) leaves the region LIVE, which the next kernel
 * reports and does not read.
 *
 * Locking: ltt_crash_mutex serialises placing and removing channels.
 * Regions, once mapped, stay for the life of the kernel, on a list that
 * only grows (RCU, so that the notifiers can walk it in any context).
 * @chan of a region is published with smp_store_release() once the
 * header is written and read with smp_load_acquire(); it is cleared
 * under the session's metadata lock, then an RCU grace period passes
 * before the channel can go.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/crc32.h>
#include <linux/irq_work.h>
#include <linux/io.h>
#include <linux/kdebug.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/workqueue.h>

#include "crash_buffer.h"
#include "internal.h"

/* The share of a region its metadata copy gets, and its bounds. */
#define LTT_CRASH_METADATA_SHARE	8
#define LTT_CRASH_METADATA_MIN		(64U << 10)
#define LTT_CRASH_METADATA_MAX		(4U << 20)

/**
 * struct ltt_crash_region - A reserve_mem region, mapped
 * @node: in ltt_crash_regions, never removed
 * @hdr: the region, in the direct map
 * @size: its size
 * @data: the part the ring buffer is placed in, while claimed
 * @claimed: a channel is being placed in it, or is. ltt_crash_mutex.
 * @held: it holds the previous boot's trace, offered for reading and not
 *	discarded yet (crash_previous.c): it takes no channel.
 *	ltt_crash_mutex.
 * @overflow: the metadata outgrew its room; the save marks nothing
 *	readable. Session metadata lock.
 * @chan: the channel placed in it, see the locking above
 * @name: the reserve_mem name
 */
struct ltt_crash_region {
	struct list_head node;
	struct ltt_crash_header *hdr;
	size_t size;
	struct ltt_rb_memory data;
	bool claimed;
	bool held;
	bool overflow;
	struct ltt_channel *chan;
	char name[LTT_NAME_MAX + 1];
};

static LIST_HEAD(ltt_crash_regions);
static DEFINE_MUTEX(ltt_crash_mutex);

/**
 * ltt_crash_header_crc() - The CRC of a region's header
 * @h: the header
 *
 * Return: crc32_le() of the header, with @h->header_crc taken as zero.
 */
u32 ltt_crash_header_crc(struct ltt_crash_header *h)
{
	struct ltt_crash_header copy = *h;

	copy.header_crc = 0;
	return crc32_le(~0, (const u8 *)&copy, sizeof(copy));
}

/**
 * ltt_crash_saved_crc() - The CRC of what a save wrote after the header
 * @h: the header of a region, its offsets and sizes checked
 *
 * Return: crc32_le() of the per-CPU states and the metadata text.
 */
u32 ltt_crash_saved_crc(struct ltt_crash_header *h)
{
	u32 crc;

	crc = crc32_le(~0, (const u8 *)h + h->cpu_offset,
		       h->nr_cpus * h->cpu_stride);
	return crc32_le(crc, (const u8 *)h + h->metadata_offset,
			h->metadata_len);
}

static struct ltt_crash_region *ltt_crash_find(const char *name)
{
	struct ltt_crash_region *r;

	lockdep_assert_held(&ltt_crash_mutex);
	list_for_each_entry(r, &ltt_crash_regions, node)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

/**
 * ltt_crash_memremap() - Map the reserve_mem region of a name
 * @name: the reserve_mem name
 * @size: set to the region's size
 *
 * The region is RAM the kernel does not use: the mapping is its
 * direct-map address, the same for every caller.
 *
 * Context: process context, may sleep.
 * Return: the region's first byte, or an ERR_PTR(): -ENODEV if no region
 * has that name (not reported: the caller knows whether that is an
 * error), -EINVAL if it is not page-aligned or smaller than two pages
 * (reported), -ENOMEM if it cannot be mapped.
 */
void *ltt_crash_memremap(const char *name, size_t *size)
{
	phys_addr_t start, len;
	void *p;

	if (!reserve_mem_find_by_name(name, &start, &len))
		return ERR_PTR(-ENODEV);
	if (!PAGE_ALIGNED(start) || len < 2 * PAGE_SIZE) {
		pr_warn_ratelimited("reserved memory \"%s\" is not page-aligned or too small: use reserve_mem=SIZE:4096:%s\n",
				    name, name);
		return ERR_PTR(-EINVAL);
	}
	p = memremap(start, len, MEMREMAP_WB);
	if (!p)
		return ERR_PTR(-ENOMEM);
	*size = len;
	return p;
}

/* Map the region reserve_mem made under @name, once per boot. */
static struct ltt_crash_region *ltt_crash_map(const char *name)
{
	struct ltt_crash_region *r = ltt_crash_find(name);
	size_t size;
	void *p;

	if (r)
		return r;
	p = ltt_crash_memremap(name, &size);
	if (p == ERR_PTR(-ENODEV))
		pr_warn_ratelimited("no reserved memory \"%s\": boot with reserve_mem=SIZE:4096:%s\n",
				    name, name);
	if (IS_ERR(p))
		return ERR_CAST(p);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		memunmap(p);
		return ERR_PTR(-ENOMEM);
	}
	r->hdr = p;
	r->size = size;
	strscpy(r->name, name);
	list_add_tail_rcu(&r->node, &ltt_crash_regions);
	return r;
}

/**
 * ltt_crash_set_held() - Say whether a region holds a trace to be read
 * @name: the reserve_mem name
 * @held: true when the previous boot's trace in the region is offered
 *	for reading, false once it is discarded
 *
 * A held region takes no channel (ltt_crash_claim()), so that the trace
 * in it is not overwritten before it is read. The reader of the previous
 * boot's traces says so here, rather than this file asking it: placing
 * channels knows nothing of the files that read old traces.
 *
 * Context: process context, may sleep.
 * Return: 0, or as ltt_crash_map().
 */
int ltt_crash_set_held(const char *name, bool held)
{
	struct ltt_crash_region *r;

	guard(mutex)(&ltt_crash_mutex);
	r = ltt_crash_map(name);
	if (IS_ERR(r))
		return PTR_ERR(r);
	r->held = held;
	return 0;
}

/* Lay out @r for a channel of @config's geometry, in @r->hdr. */
static int ltt_crash_layout(struct ltt_crash_region *r,
			    const struct ltt_rb_config *config)
{
	struct ltt_crash_header *h = r->hdr;
	u64 need = ltt_rb_memory_size(config);
	u64 meta;

	memset(h, 0, sizeof(*h));
	h->cpu_offset = PAGE_SIZE;
	h->cpu_stride = ALIGN(struct_size_t(struct ltt_crash_cpu, commit,
					    config->num_subbuf), 64);
	h->nr_cpus = nr_cpu_ids;
	h->metadata_offset = PAGE_ALIGN(h->cpu_offset +
					h->nr_cpus * h->cpu_stride);
	meta = clamp_t(u64, r->size / LTT_CRASH_METADATA_SHARE,
		       LTT_CRASH_METADATA_MIN, LTT_CRASH_METADATA_MAX);
	h->metadata_max = PAGE_ALIGN(meta);
	h->data_offset = h->metadata_offset + h->metadata_max;
	if (h->data_offset + need > r->size) {
		pr_warn_ratelimited("reserved memory \"%s\" holds %zu bytes; this geometry needs %llu (%llu for the buffers of %u CPUs, %llu for the header and metadata)\n",
				    r->name, r->size, h->data_offset + need,
				    need, nr_cpu_ids, h->data_offset);
		return -ENOSPC;
	}
	r->data.base = (void *)h + h->data_offset;
	r->data.size = r->size - h->data_offset;
	return 0;
}

/**
 * ltt_crash_claim() - Reserve a region for a channel about to be created
 * @name: the reserve_mem name
 * @config: the channel's geometry; its @memory is set to the region
 *
 * Context: process context, may sleep.
 * Return: the region, or an ERR_PTR(): -ENODEV if there is no reserved
 * memory of that name, -EINVAL if it is unusable, -ENOSPC if it is too
 * small for the geometry, -EBUSY if a channel is in it already or it
 * holds the previous boot's trace, which must be discarded first.
 */
struct ltt_crash_region *ltt_crash_claim(const char *name,
					 struct ltt_rb_config *config)
{
	struct ltt_crash_region *r;
	int ret;

	if (config->subbuf_size < PAGE_SIZE) {
		pr_warn_ratelimited("memory=%s: sub-buffers of at least %lu bytes\n",
				    name, PAGE_SIZE);
		return ERR_PTR(-EINVAL);
	}
	guard(mutex)(&ltt_crash_mutex);
	r = ltt_crash_map(name);
	if (IS_ERR(r))
		return r;
	if (r->held) {
		pr_warn_ratelimited("reserved memory \"%s\" holds the previous boot's trace: read it from previous/%s, then write %s to previous/discard\n",
				    name, name, name);
		return ERR_PTR(-EBUSY);
	}
	if (r->claimed) {
		pr_warn_ratelimited("reserved memory \"%s\" already holds a channel\n",
				    name);
		return ERR_PTR(-EBUSY);
	}
	ret = ltt_crash_layout(r, config);
	if (ret)
		return ERR_PTR(ret);
	r->claimed = true;
	config->memory = &r->data;
	return r;
}

/* The region holds no channel: free for another, nothing to read back. */
static void ltt_crash_release(struct ltt_crash_region *r)
{
	lockdep_assert_held(&ltt_crash_mutex);
	r->hdr->state = LTT_CRASH_EMPTY;
	r->hdr->magic = 0;
	r->claimed = false;
}

/**
 * ltt_crash_unclaim() - Give back a region whose channel was not made
 * @r: from ltt_crash_claim()
 *
 * Context: process context, may sleep.
 */
void ltt_crash_unclaim(struct ltt_crash_region *r)
{
	guard(mutex)(&ltt_crash_mutex);
	ltt_crash_release(r);
}

/* Copy the session's metadata to @r. Session metadata lock held. */
static void ltt_crash_copy_metadata(struct ltt_crash_region *r,
				    struct ltt_session *session)
{
	struct ltt_crash_header *h = r->hdr;
	size_t len = session->metadata_len;

	lockdep_assert_held(&session->metadata_lock);
	if (len > h->metadata_max) {
		if (!r->overflow)
			pr_warn("session %s: metadata of %zu bytes outgrew the %llu of reserved memory \"%s\": its channel cannot be read back after a crash\n",
				session->name, len, h->metadata_max, r->name);
		r->overflow = true;
		return;
	}
	/* Only grows, but a failed group is taken back (metadata_end). */
	memcpy((void *)h + h->metadata_offset, session->metadata, len);
	h->metadata_len = len;
}

/**
 * ltt_crash_attach() - Start keeping a channel in its region
 * @r: from ltt_crash_claim()
 * @chan: the channel, created with the configuration ltt_crash_claim()
 *	set up
 *
 * Context: process context, may sleep.
 */
void ltt_crash_attach(struct ltt_crash_region *r, struct ltt_channel *chan)
{
	struct ltt_session *session = chan->session;
	struct ltt_crash_header *h = r->hdr;

	h->magic = LTT_CRASH_MAGIC;
	h->version = LTT_CRASH_VERSION;
	h->region_size = r->size;
	h->page_size = PAGE_SIZE;
	h->stream_id = chan->config.stream_id;
	strscpy(h->session, session->name);
	strscpy(h->channel, chan->name);
	strscpy(h->release, init_utsname()->release);
	WRITE_ONCE(h->state, LTT_CRASH_LIVE);
	chan->crash = r;

	mutex_lock(&session->metadata_lock);
	r->overflow = false;
	ltt_crash_copy_metadata(r, session);
	/* Pairs with the acquire in ltt_crash_save() and the mirror. */
	smp_store_release(&r->chan, chan);
	mutex_unlock(&session->metadata_lock);
}

/**
 * ltt_crash_detach() - Stop keeping a channel that is going away
 * @chan: the channel, placed in a region or not
 *
 * The region is EMPTY again, free for another channel.
 *
 * Context: process context, may sleep; the channel's writers are gone.
 */
void ltt_crash_detach(struct ltt_channel *chan)
{
	struct ltt_crash_region *r = chan->crash;

	if (!r)
		return;
	mutex_lock(&chan->session->metadata_lock);
	WRITE_ONCE(r->chan, NULL);
	mutex_unlock(&chan->session->metadata_lock);
	/* A die notifier may still be looking at the channel. */
	synchronize_rcu();
	guard(mutex)(&ltt_crash_mutex);
	ltt_crash_release(r);
	chan->crash = NULL;
}

/**
 * ltt_crash_mirror_metadata() - Copy a session's metadata to its regions
 * @session: the session, whose metadata just grew
 *
 * Context: process context, the session's metadata lock held.
 */
void ltt_crash_mirror_metadata(struct ltt_session *session)
{
	struct ltt_crash_region *r;
	struct ltt_channel *chan;

	rcu_read_lock();
	list_for_each_entry_rcu(r, &ltt_crash_regions, node) {
		/* Pairs with the release in ltt_crash_attach(). */
		chan = smp_load_acquire(&r->chan);
		if (chan && chan->session == session)
			ltt_crash_copy_metadata(r, session);
	}
	rcu_read_unlock();
}

/*
 * Save @r's channel. Runs with the writers of every other CPU stopped or
 * frozen, in any context: no lock, no allocation, no sleeping.
 */
static void ltt_crash_save(struct ltt_crash_region *r, u32 reason)
{
	struct ltt_crash_header *h = r->hdr;
	struct ltt_channel *chan;
	struct ltt_crash_cpu *c;
	struct ltt_rb_cpu *buf;
	struct ltt_rb *rb;
	unsigned int cpu;

	/* Pairs with the release in ltt_crash_attach(). */
	chan = smp_load_acquire(&r->chan);
	if (!chan || r->overflow)
		return;
	rb = READ_ONCE(chan->rb);
	ltt_rb_freeze(rb);
	for (cpu = 0; cpu < h->nr_cpus; cpu++) {
		c = ltt_crash_cpu(h, cpu);
		buf = ltt_rb_cpu_buf(rb, cpu);
		c->present = !!buf;
		if (buf)
			ltt_rb_cpu_save(buf, &c->saved, c->commit);
	}
	h->subbuf_size = rb->config.subbuf_size;
	h->num_subbuf = rb->config.num_subbuf;
	h->mode = rb->config.mode;
	h->clock = rb->config.clock;
	h->reason = reason;
	h->saved_clock = ltt_clock_read(rb->config.clock);
	h->state = LTT_CRASH_SAVED;
	h->saved_crc = ltt_crash_saved_crc(h);
	h->header_crc = ltt_crash_header_crc(h);
}

static void ltt_crash_save_all(u32 reason)
{
	struct ltt_crash_region *r;

	rcu_read_lock();
	list_for_each_entry_rcu(r, &ltt_crash_regions, node)
		ltt_crash_save(r, reason);
	rcu_read_unlock();
}

static int ltt_crash_panic(struct notifier_block *nb, unsigned long event,
			   void *msg)
{
	ltt_crash_save_all(LTT_CRASH_PANIC);
	return NOTIFY_DONE;
}

static struct notifier_block ltt_crash_panic_nb = {
	.notifier_call = ltt_crash_panic,
	.priority = INT_MAX,
};

/*
 * After an oops the kernel may go on: close every CPU's open packet so
 * that the save has nothing in flight, from process context.
 */
static void ltt_crash_close_fn(struct work_struct *work)
{
	struct ltt_crash_region *r;
	struct ltt_channel *chan;
	int cpu;

	guard(mutex)(&ltt_session_mutex);
	list_for_each_entry_rcu(r, &ltt_crash_regions, node,
				lockdep_is_held(&ltt_session_mutex)) {
		/* Pairs with the release in ltt_crash_attach(). */
		chan = smp_load_acquire(&r->chan);
		if (!chan)
			continue;
		for_each_possible_cpu(cpu)
			ltt_rb_flush_cpu(chan->rb, cpu);
		ltt_crash_save(r, LTT_CRASH_OOPS);
	}
}

static DECLARE_WORK(ltt_crash_close_work, ltt_crash_close_fn);

static void ltt_crash_close_irq(struct irq_work *work)
{
	schedule_work(&ltt_crash_close_work);
}

static DEFINE_IRQ_WORK(ltt_crash_close_irq_work, ltt_crash_close_irq);

static int ltt_crash_die(struct notifier_block *nb, unsigned long event,
			 void *data)
{
	if (event != DIE_OOPS || list_empty(&ltt_crash_regions))
		return NOTIFY_DONE;
	ltt_crash_save_all(LTT_CRASH_OOPS);
	irq_work_queue(&ltt_crash_close_irq_work);
	return NOTIFY_DONE;
}

static struct notifier_block ltt_crash_die_nb = {
	.notifier_call = ltt_crash_die,
	.priority = INT_MAX,
};

static int __init ltt_crash_init(void)
{
	atomic_notifier_chain_register(&panic_notifier_list,
				       &ltt_crash_panic_nb);
	return register_die_notifier(&ltt_crash_die_nb);
}
device_initcall(ltt_crash_init);
