// SPDX-License-Identifier: GPL-2.0
/*
 * LTT ring buffer backend: memory and CPU hotplug
 *
 * A CPU gets its buffer, allocated on its own NUMA node, in the CPU
 * hotplug prepare step: for the CPUs online when the ring buffer is
 * created, and later for every CPU before it first comes online, so that
 * the writers of a running CPU always find their buffer. A buffer stays
 * when its CPU goes offline: what it holds can still be read, and it is
 * reused if the CPU comes back. Its open packet is flushed as the CPU goes
 * down. Buffers are freed with the ring buffer.
 *
 * Each buffer has one chunk of memory more than it has sub-buffers: the
 * reader's spare, which the frontend swaps with a complete sub-buffer
 * when the reader takes it (see ring_buffer.c).
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cpuhotplug.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/irq_work.h>
#include <linux/log2.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/overflow.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include <linux/vmalloc.h>

#include "internal.h"

/*
 * The buffers' memory: a request the machine cannot hold fails with
 * -ENOMEM rather than waking the OOM killer, which would kill whoever
 * wrote create_channel, or anything else, to make room for a trace; and
 * quietly, since the failure is the answer the user gets.
 */
#define LTT_RB_GFP	(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

/* Dynamic hotplug states, set once at boot. */
static enum cpuhp_state ltt_rb_prepare_state __ro_after_init;
static enum cpuhp_state ltt_rb_online_state __ro_after_init;

static bool ltt_rb_config_valid(const struct ltt_rb_config *c)
{
	if (c->memory && (c->subbuf_size < PAGE_SIZE ||
			  ltt_rb_memory_size(c) > c->memory->size ||
			  !PAGE_ALIGNED(c->memory->base)))
		return false;
	return is_power_of_2(c->subbuf_size) &&
	       c->subbuf_size >= LTT_RB_MIN_SUBBUF_SIZE &&
	       c->subbuf_size <= LTT_RB_MAX_SUBBUF_SIZE &&
	       is_power_of_2(c->num_subbuf) && c->num_subbuf >= 2 &&
	       c->num_subbuf <= LTT_RB_MAX_NUM_SUBBUF &&
	       (c->mode == LTT_RB_DISCARD || c->mode == LTT_RB_OVERWRITE) &&
	       c->clock < LTT_CLOCK_NR;
}

/* Pages in a chunk, or 0 for chunks smaller than a page. */
static unsigned int ltt_rb_chunk_pages(const struct ltt_rb_cpu *buf)
{
	if (buf->subbuf_shift < PAGE_SHIFT)
		return 0;
	return 1U << (buf->subbuf_shift - PAGE_SHIFT);
}

/**
 * ltt_rb_chunk_free() - Free a chunk of memory of a buffer
 * @buf: the buffer it was allocated for
 * @chunk: the chunk, or NULL
 *
 * The chunk's pages are freed once nobody else holds a reference to
 * them: pages lent to a pipe stay until the pipe is done with them.
 *
 * Context: process context, may sleep.
 */
void ltt_rb_chunk_free(const struct ltt_rb_cpu *buf, struct ltt_rb_chunk *chunk)
{
	unsigned int i, n = ltt_rb_chunk_pages(buf);

	if (!chunk)
		return;
	if (chunk->placed) {
		kvfree(chunk);
		return;
	}
	if (!n)
		kfree(chunk->data);
	else if (n > 1)
		vunmap(chunk->data);
	for (i = 0; i < n; i++)
		if (chunk->pages[i])
			put_page(chunk->pages[i]);
	kvfree(chunk);
}

/**
 * ltt_rb_chunk_alloc() - Allocate a chunk of memory for a buffer
 * @buf: the buffer
 *
 * A chunk of a page or more is made of order-0 pages, so that each one
 * can be mapped to user space or put in a pipe on its own, and mapped
 * contiguously for the writers with vmap() when there are several. A
 * smaller chunk comes from the slab allocator. Both start zeroed: the
 * readers get whole sub-buffers, padding included. The memory is on the
 * NUMA node of @buf's CPU.
 *
 * A buffer placed in given memory has its chunks there, and no others:
 * its readers copy packets rather than swap chunks.
 *
 * Context: process context, may sleep.
 * Return: the chunk, or NULL if there is not enough memory or @buf is
 * placed.
 */
struct ltt_rb_chunk *ltt_rb_chunk_alloc(const struct ltt_rb_cpu *buf)
{
	unsigned int i, n = ltt_rb_chunk_pages(buf);
	int node = cpu_to_node(buf->cpu);
	struct ltt_rb_chunk *chunk;

	if (buf->memory)
		return NULL;
	chunk = kvzalloc_node(struct_size(chunk, pages, n), LTT_RB_GFP, node);
	if (!chunk)
		return NULL;
	if (!n) {
		chunk->data = kzalloc_node(ltt_rb_subbuf_size(buf), LTT_RB_GFP,
					   node);
		goto out;
	}
	for (i = 0; i < n; i++) {
		chunk->pages[i] = alloc_pages_node(node, LTT_RB_GFP | __GFP_ZERO,
						   0);
		if (!chunk->pages[i])
			goto out;
	}
	if (n == 1)
		chunk->data = page_address(chunk->pages[0]);
	else
		chunk->data = vmap(chunk->pages, n, VM_MAP, PAGE_KERNEL);
out:
	if (chunk->data)
		return chunk;
	ltt_rb_chunk_free(buf, chunk);
	return NULL;
}

/*
 * Chunk @i of @buf, in the memory @c gives: zeroed, as an allocated one
 * is, so that nothing of an earlier trace remains to be read back. The
 * memory is in the direct map, page by page (reserve_mem), so its pages
 * can be mapped or lent like allocated ones; they are never freed.
 */
static struct ltt_rb_chunk *ltt_rb_chunk_place(const struct ltt_rb_cpu *buf,
					       const struct ltt_rb_config *c,
					       unsigned int i)
{
	unsigned int j, n = ltt_rb_chunk_pages(buf);
	struct ltt_rb_chunk *chunk;

	chunk = kvzalloc(struct_size(chunk, pages, n), LTT_RB_GFP);
	if (!chunk)
		return NULL;
	chunk->placed = true;
	chunk->data = ltt_rb_memory_chunk(c, c->memory->base, buf->cpu, i);
	memset(chunk->data, 0, c->subbuf_size);
	for (j = 0; j < n; j++)
		chunk->pages[j] = virt_to_page(chunk->data + j * PAGE_SIZE);
	return chunk;
}

static void ltt_rb_cpu_free(struct ltt_rb_cpu *buf)
{
	unsigned int i;

	if (!buf)
		return;
	irq_work_sync(&buf->wakeup_work);
	if (buf->chunks) {
		for (i = 0; i <= buf->idx_mask + 1; i++)
			ltt_rb_chunk_free(buf, buf->chunks[i]);
		kfree(buf->chunks);
	}
	kfree(buf);
}

static struct ltt_rb_cpu *ltt_rb_cpu_alloc(const struct ltt_rb_config *c,
					   int cpu)
{
	unsigned int n = c->num_subbuf;
	int node = cpu_to_node(cpu);
	struct ltt_rb_cpu *buf;
	unsigned int i;

	buf = kzalloc_node(struct_size(buf, sb, n), LTT_RB_GFP, node);
	if (!buf)
		return NULL;
	buf->subbuf_shift = ilog2(c->subbuf_size);
	buf->subbuf_mask = c->subbuf_size - 1;
	buf->idx_mask = n - 1;
	buf->round_shift = buf->subbuf_shift + ilog2(n);
	buf->mode = c->mode;
	buf->clock = c->clock;
	buf->stream_id = c->stream_id;
	buf->cpu = cpu;
	buf->memory = c->memory;
	buf->chunks = kcalloc_node(n + 1, sizeof(*buf->chunks), LTT_RB_GFP,
				   node);
	if (!buf->chunks)
		goto fail;
	for (i = 0; i <= n; i++) {
		if (c->memory)
			buf->chunks[i] = ltt_rb_chunk_place(buf, c, i);
		else
			buf->chunks[i] = ltt_rb_chunk_alloc(buf);
		if (!buf->chunks[i])
			goto fail;
	}
	/* Slot i starts with chunk i, never opened; chunk n is the spare. */
	for (i = 0; i < n; i++)
		atomic64_set(&buf->sb[i].state, ltt_rb_slot_init_state(i));
	buf->spare = n;
	buf->held = -1;
	ltt_rb_init_wakeup(buf);
	return buf;

fail:
	ltt_rb_cpu_free(buf);
	return NULL;
}

/*
 * Runs on a control CPU before @cpu starts, and for every online CPU when
 * a ring buffer is created. Failing keeps the CPU offline: a CPU without
 * a buffer would have nowhere to write.
 */
static int ltt_rb_cpu_prepare(unsigned int cpu, struct hlist_node *node)
{
	struct ltt_rb *rb = hlist_entry(node, struct ltt_rb, prepare_node);
	struct ltt_rb_cpu **slot = per_cpu_ptr(rb->bufs, cpu);
	struct ltt_rb_cpu *buf;

	if (*slot)
		return 0;
	buf = ltt_rb_cpu_alloc(&rb->config, cpu);
	if (!buf)
		return -ENOMEM;
	/*
	 * Readers on other CPUs look the buffer up without a lock: publish
	 * it initialised. Pairs with the acquire in ltt_rb_cpu_buf().
	 */
	smp_store_release(slot, buf);
	return 0;
}

/*
 * Runs on @cpu, pinned, as it goes offline: close its open packet so that
 * the reader gets everything written so far. Whatever the CPU writes
 * after this, on its way down, ltt_rb_flush_cpu() closes later.
 */
static int ltt_rb_cpu_offline(unsigned int cpu, struct hlist_node *node)
{
	struct ltt_rb *rb = hlist_entry(node, struct ltt_rb, online_node);
	struct ltt_rb_cpu *buf = ltt_rb_cpu_buf(rb, cpu);

	if (buf) {
		preempt_disable();
		ltt_rb_flush(buf);
		preempt_enable();
	}
	return 0;
}

static void ltt_rb_free_bufs(struct ltt_rb *rb)
{
	int cpu;

	for_each_possible_cpu(cpu)
		ltt_rb_cpu_free(*per_cpu_ptr(rb->bufs, cpu));
	free_percpu(rb->bufs);
	kfree(rb);
}

/*
 * Can the online CPUs' buffers, spare chunks included, be had at all?
 * si_mem_available() is an estimate of what can be allocated without
 * swapping: this turns away the requests that cannot fit, and the
 * allocations themselves fail cleanly on the rest (LTT_RB_GFP).
 */
static bool ltt_rb_fits_in_memory(const struct ltt_rb_config *config)
{
	u64 bytes = (u64)config->subbuf_size * (config->num_subbuf + 1);

	return DIV_ROUND_UP_ULL(bytes, PAGE_SIZE) * num_online_cpus() <=
	       si_mem_available();
}

/**
 * ltt_rb_create() - Create a ring buffer
 * @config: sub-buffer size and count, mode, clock and stream id
 *
 * @config->subbuf_size must be a power of two from LTT_RB_MIN_SUBBUF_SIZE
 * to LTT_RB_MAX_SUBBUF_SIZE, @config->num_subbuf a power of two from 2 to
 * LTT_RB_MAX_NUM_SUBBUF. With @config->memory, sub-buffers are a page or
 * more and the memory, page-aligned, holds ltt_rb_memory_size() bytes;
 * its chunks are zeroed. Every online CPU gets its buffer now, every CPU
 * that comes online later gets one before it runs.
 *
 * Context: process context, may sleep.
 * Return: the ring buffer, or an ERR_PTR(): -EINVAL for a bad @config,
 * -ENOMEM if the machine cannot hold it (checked first against the memory
 * available, so that nothing is allocated in vain), or -ENODEV if the CPU
 * hotplug state could not be set up.
 */
struct ltt_rb *ltt_rb_create(const struct ltt_rb_config *config)
{
	bool oom_origin = !!current->mm;
	struct ltt_rb *rb;
	int ret;

	if (!ltt_rb_config_valid(config))
		return ERR_PTR(-EINVAL);
	if (!ltt_rb_prepare_state || !ltt_rb_online_state)
		return ERR_PTR(-ENODEV);
	if (!config->memory && !ltt_rb_fits_in_memory(config))
		return ERR_PTR(-ENOMEM);
	rb = kzalloc(sizeof(*rb), GFP_KERNEL);
	if (!rb)
		return ERR_PTR(-ENOMEM);
	rb->config = *config;
	rb->bufs = alloc_percpu(struct ltt_rb_cpu *);
	if (!rb->bufs) {
		kfree(rb);
		return ERR_PTR(-ENOMEM);
	}
	/*
	 * Should the estimate be wrong and the buffers leave too little for
	 * the rest of the system, the task asking for them is the one the
	 * OOM killer takes.
	 */
	if (oom_origin)
		set_current_oom_origin();
	ret = cpuhp_state_add_instance(ltt_rb_prepare_state, &rb->prepare_node);
	if (oom_origin)
		clear_current_oom_origin();
	if (ret)
		goto free;
	ret = cpuhp_state_add_instance_nocalls(ltt_rb_online_state,
					       &rb->online_node);
	if (ret) {
		cpuhp_state_remove_instance_nocalls(ltt_rb_prepare_state,
						    &rb->prepare_node);
		goto free;
	}
	return rb;

free:
	ltt_rb_free_bufs(rb);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(ltt_rb_create);

/**
 * ltt_rb_destroy() - Free a ring buffer and everything it holds
 * @rb: the ring buffer
 *
 * Context: process context, may sleep. No writer may use @rb any more
 * (unregister the probes and wait for an RCU grace period first), and
 * no reader may hold a sub-buffer of it.
 */
void ltt_rb_destroy(struct ltt_rb *rb)
{
	cpuhp_state_remove_instance_nocalls(ltt_rb_online_state,
					    &rb->online_node);
	cpuhp_state_remove_instance_nocalls(ltt_rb_prepare_state,
					    &rb->prepare_node);
	ltt_rb_free_bufs(rb);
}
EXPORT_SYMBOL_GPL(ltt_rb_destroy);

/**
 * ltt_rb_cpu_buf() - The buffer of a given CPU
 * @rb: the ring buffer
 * @cpu: any CPU number
 *
 * Return: the buffer, or NULL if @cpu has not been online since @rb was
 * created.
 */
struct ltt_rb_cpu *ltt_rb_cpu_buf(struct ltt_rb *rb, int cpu)
{
	if (cpu < 0 || cpu >= nr_cpu_ids || !cpu_possible(cpu))
		return NULL;
	/* Pairs with the release in ltt_rb_cpu_prepare(). */
	return smp_load_acquire(per_cpu_ptr(rb->bufs, cpu));
}
EXPORT_SYMBOL_GPL(ltt_rb_cpu_buf);

static int __init ltt_rb_backend_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_BP_PREPARE_DYN, "ltt/rb:prepare",
				      ltt_rb_cpu_prepare, NULL);
	if (ret < 0) {
		pr_warn("cannot set up the ring buffer hotplug state: %d\n", ret);
		return ret;
	}
	ltt_rb_prepare_state = ret;

	ret = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "ltt/rb:online",
				      NULL, ltt_rb_cpu_offline);
	if (ret < 0) {
		pr_warn("cannot set up the ring buffer hotplug state: %d\n", ret);
		return ret;
	}
	ltt_rb_online_state = ret;
	return 0;
}
core_initcall(ltt_rb_backend_init);
