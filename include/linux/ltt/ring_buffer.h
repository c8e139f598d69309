/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT lockless per-CPU ring buffer
 *
 * A ring buffer (struct ltt_rb) is one per-CPU buffer (struct ltt_rb_cpu)
 * per possible CPU that has been online while the ring buffer existed.
 * Each per-CPU buffer is @num_subbuf sub-buffers of @subbuf_size bytes,
 * both powers of two, allocated on the CPU's NUMA node. Every sub-buffer
 * holds one CTF packet: a struct ltt_packet_header, then events, then
 * padding up to the packet's end, the end of the events rounded up to a
 * page (see ltt_packet_size()).
 *
 * Writing an event (any context, NMI included, preemption disabled):
 *
 *	struct ltt_rb_cpu *buf = ltt_rb_this_cpu(rb);
 *	struct ltt_rb_ctx ctx;
 *
 *	if (ltt_rb_reserve(buf, &ctx, id, len))
 *		return;			// dropped, and counted
 *	memcpy(ctx.payload, payload, len);
 *	ltt_rb_commit(&ctx);
 *
 * ltt_rb_reserve() and ltt_rb_commit() are inline: the common case is a
 * clock read, one local_cmpxchg() on the write position and one
 * local_add_return() on the sub-buffer's commit count. Only when an event
 * does not fit in the current sub-buffer does the writer call out of
 * line, to close that packet and open the next one. Writers on one CPU
 * may nest (task, softirq, hardirq, NMI) between reserve and commit; each
 * gets its own space and a sub-buffer is handed to the reader only once
 * every event reserved in it has been committed.
 *
 * Two modes, chosen per ring buffer:
 *
 * LTT_RB_DISCARD
 *	When the reader is behind and no free sub-buffer is left, new events
 *	are dropped and counted, in the per-CPU counter and in the
 *	events_discarded field of the next packet.
 * LTT_RB_OVERWRITE
 *	Flight recorder: the writer never waits and never drops for lack of
 *	space, it reclaims the oldest unread sub-buffer instead (counted in
 *	subbufs_overwritten, its events in events_overwritten, and visible
 *	to CTF readers as a gap in packet_seq_num). A sub-buffer the
 *	reader holds is not in the ring any more, so it is never
 *	overwritten under the reader's feet.
 *
 * Reading (process context, one reader per per-CPU buffer at a time):
 * ltt_rb_get_subbuf() hands out the oldest complete packet,
 * ltt_rb_put_subbuf() gives it back. ltt_rb_flush() and
 * ltt_rb_flush_cpu() close a partly filled packet so that it can be read,
 * for instance when tracing stops or from a periodic timer.
 *
 * Event layout, after the packet header (native byte order, no padding
 * between fields or events: CTF reads them as byte-aligned bit fields):
 *
 *	compact, 4 bytes: id < 31 and less than 2^27 clock units since the
 *	previous event of the packet
 *	  +-----------+------------------------------------------+---------
 *	  | id:5 bits | timestamp: low 27 bits of the clock      | payload
 *	  +-----------+------------------------------------------+---------
 *
 *	extended, 13 bytes: any other event, and the first of each packet
 *	  +------------------+-----------+--------------------+------------
 *	  | 31:5, pad:3 bits | id:32     | timestamp:64       | payload
 *	  +------------------+-----------+--------------------+------------
 *
 * In both, "id:5" is the least significant bits of the first 32-bit word
 * on little-endian machines and the most significant on big-endian ones,
 * which is where CTF places the first field of a bit-packed structure.
 */
#ifndef _LINUX_LTT_RING_BUFFER_H
#define _LINUX_LTT_RING_BUFFER_H

#include <asm/local.h>
#include <asm/local64.h>
#include <asm/page.h>
#include <linux/bits.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/cpumask.h>
#include <linux/irq_work_types.h>
#include <linux/list.h>
#include <linux/ltt/clock.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/unaligned.h>
#include <linux/wait.h>

/* First word of every packet, so that readers recognise CTF packets. */
#define LTT_PACKET_MAGIC		0xC1FC1FC1U

/* Sub-buffer geometry limits, see ltt_rb_create(). */
#define LTT_RB_MIN_SUBBUF_SIZE		256U
#define LTT_RB_MAX_SUBBUF_SIZE		(64U << 20)
#define LTT_RB_MAX_NUM_SUBBUF		BIT(15)

/* Event header forms, see the layout above. */
#define LTT_EVENT_ID_BITS		5
#define LTT_EVENT_TS_BITS		27
#define LTT_EVENT_ID_ESCAPE		((1U << LTT_EVENT_ID_BITS) - 1)
#define LTT_EVENT_COMPACT_LEN		4U
#define LTT_EVENT_EXTENDED_LEN		13U

/**
 * enum ltt_rb_mode - What a writer does when the reader is behind
 * @LTT_RB_DISCARD: drop the new event and count it
 * @LTT_RB_OVERWRITE: reclaim the oldest unread sub-buffer
 */
enum ltt_rb_mode {
	LTT_RB_DISCARD,
	LTT_RB_OVERWRITE,
};

/**
 * struct ltt_rb_memory - Memory a ring buffer is placed in
 * @base: page-aligned, in the kernel's direct map
 * @size: bytes at @base
 *
 * For a buffer whose contents must outlive the kernel that writes it
 * (crash_buffer.c): instead of allocating, the backend cuts every chunk
 * of every CPU out of this memory, at a place only the geometry decides
 * (ltt_rb_memory_chunk()), so that the next kernel finds them. The owner
 * keeps the memory for as long as the ring buffer exists.
 */
struct ltt_rb_memory {
	void *base;
	size_t size;
};

/**
 * struct ltt_rb_config - How a ring buffer is made
 * @subbuf_size: bytes per sub-buffer, a power of two
 * @num_subbuf: sub-buffers per CPU, a power of two, at least 2
 * @mode: discard or overwrite
 * @clock: the clock events are stamped with
 * @stream_id: CTF stream class id written in every packet header
 * @memory: where the buffers go, or NULL to allocate them. Sub-buffers
 *	of a page or more only; ltt_rb_memory_size() bytes are needed.
 */
struct ltt_rb_config {
	unsigned int subbuf_size;
	unsigned int num_subbuf;
	enum ltt_rb_mode mode;
	enum ltt_clock_id clock;
	u32 stream_id;
	const struct ltt_rb_memory *memory;
};

/**
 * ltt_rb_memory_size() - Bytes a ring buffer needs in given memory
 * @config: its geometry
 *
 * Every possible CPU number gets num_subbuf + 1 chunks (the reader's
 * spare included), whether or not the CPU ever comes online: where a
 * CPU's chunks are must not depend on the order CPUs came up.
 *
 * Return: the size, in bytes.
 */
static inline u64 ltt_rb_memory_size(const struct ltt_rb_config *config)
{
	return (u64)nr_cpu_ids * (config->num_subbuf + 1) * config->subbuf_size;
}

/**
 * ltt_rb_memory_chunk() - Where a chunk of a placed ring buffer is
 * @config: its geometry
 * @base: the start of its memory
 * @cpu: the CPU
 * @i: the chunk, 0 to num_subbuf
 *
 * Return: the chunk's first byte.
 */
static inline void *ltt_rb_memory_chunk(const struct ltt_rb_config *config,
					void *base, unsigned int cpu,
					unsigned int i)
{
	return base + ((u64)cpu * (config->num_subbuf + 1) + i) *
		      config->subbuf_size;
}

/**
 * struct ltt_packet_header - The first bytes of every sub-buffer
 * @magic: LTT_PACKET_MAGIC (CTF trace.packet.header)
 * @stream_id: the ring buffer's stream id (CTF trace.packet.header)
 * @timestamp_begin: clock value when the packet was opened; the first
 *	event of the packet has the same timestamp
 * @timestamp_end: clock value when the packet was closed, not less than
 *	the timestamp of any event in it
 * @content_size: bits of header and events, without the end padding
 * @packet_size: bits of the packet, padding included: the sub-buffer
 *	size while it is open, ltt_packet_size() of its content once closed
 * @packet_seq_num: packets this CPU opened before this one; a gap means
 *	packets were overwritten before they could be read
 * @events_discarded: events this CPU dropped from the ring buffer's
 *	creation until the packet was closed
 * @cpu_id: the CPU whose buffer this is
 *
 * All but the first two fields are the CTF stream.packet.context. The
 * fields are naturally aligned, and events follow right after @cpu_id,
 * at byte LTT_PACKET_HEADER_LEN.
 */
struct ltt_packet_header {
	u32 magic;
	u32 stream_id;
	u64 timestamp_begin;
	u64 timestamp_end;
	u64 content_size;
	u64 packet_size;
	u64 packet_seq_num;
	u64 events_discarded;
	u32 cpu_id;
};

#define LTT_PACKET_HEADER_LEN	offsetofend(struct ltt_packet_header, cpu_id)

/**
 * ltt_packet_size() - Size of a packet closed with some content
 * @content: bytes of packet header and events
 * @subbuf_size: the size of its sub-buffer
 *
 * A closed packet ends at its content rounded up to a page, never past
 * its sub-buffer: a packet closed early (a flush, the switch timer) costs
 * its readers and the trace files less than a page of padding instead of
 * the rest of the sub-buffer, and splice() still moves whole pages. A
 * sub-buffer smaller than a page is always a whole packet.
 *
 * Return: the packet size in bytes.
 */
static inline unsigned long ltt_packet_size(unsigned long content,
					    unsigned long subbuf_size)
{
	return min(round_up(content, PAGE_SIZE), subbuf_size);
}

/**
 * struct ltt_rb_subbuf - One slot of the ring
 * @commit: bytes committed to this slot since the buffer was created;
 *	a multiple of the sub-buffer size exactly when every byte reserved
 *	in it has been committed. Writers of this CPU, local atomics.
 * @data: where writers write the packet of this slot. Writers of this
 *	CPU; set when a writer opens the slot (WRITE_ONCE), stable until it
 *	is closed, read (READ_ONCE) by the writers it interrupted or that
 *	interrupt it, and by a flush from another CPU while this one is
 *	offline.
 * @state: which memory chunk backs the slot, for which round, and
 *	whether it may be handed to the reader; see the sub-buffer states
 *	in ring_buffer.c. Writers and the reader, cmpxchg only.
 * @events: events reserved in this slot since the buffer was created.
 *	Writers of this CPU, local atomics.
 * @events_begin: @events when the packet of the current round was
 *	opened. Written by the writer that opens it, before any event of
 *	the round is committed; read by the writer that claims the slot
 *	for the next round.
 */
struct ltt_rb_subbuf {
	local_t commit;
	void *data;
	atomic64_t state;
	local_t events;
	unsigned long events_begin;
};

/**
 * struct ltt_rb_chunk - The memory of one sub-buffer
 * @data: the sub-buffer, contiguous in the kernel's address space.
 * @placed: @data is in the memory given with ltt_rb_config.memory: it
 *	is not the chunk's to free, and no other chunk ever replaces it.
 * @pages: the pages it is made of, when it is a page or more, so that
 *	they can be mapped to user space or lent to a pipe one by one (see
 *	ltt_rb_swap_held()). A chunk smaller than a page has none: it
 *	shares its page with other memory.
 */
struct ltt_rb_chunk {
	void *data;
	bool placed;
	struct page *pages[];
};

/**
 * struct ltt_rb_cpu - The buffer of one CPU
 * @offset: write position in bytes since creation, free running; the
 *	sub-buffer is (@offset >> @subbuf_shift) & @idx_mask. Writers of
 *	this CPU, local_cmpxchg() only.
 * @last_ts: the floor of timestamps, with a clock that can go backwards
 *	(the fast monotonic clock read by an NMI that hit a timekeeping
 *	update, the counter of the KUnit tests): the latest stamp handed
 *	out on this CPU. Such a writer stamps its event no earlier than
 *	this and @prev_ts, and publishes the stamp here before it reserves
 *	(ltt_rb_stamp()): a writer that reserves after it, nested or not,
 *	stamps no earlier either. Unused with a steady clock (the TSC: see
 *	ltt_clock_is_steady()). It only grows. Writers of this CPU,
 *	local64_try_cmpxchg().
 * @prev_ts: the timestamp of an event already reserved, the last one or
 *	an earlier one (a nested writer may have reserved after it before it
 *	got here): the reference a compact event header is decided against,
 *	which must not be later than the event before it in the buffer. Not
 *	@last_ts, which may be the stamp of a writer that was interrupted
 *	before it reserved. Writers of this CPU, after they reserved.
 * @events_discarded: events dropped. Writers of this CPU, local atomics.
 * @subbufs_overwritten: unread packets reclaimed in overwrite mode.
 *	Writers of this CPU, local atomics.
 * @events_overwritten: events in those packets. Writers of this CPU,
 *	local atomics.
 * @padding: bytes of end-of-packet padding, from the end of the events
 *	to the end of the packet (packet_size), added by whoever closes a
 *	packet (a writer switching sub-buffers, a flush). Local atomics.
 * @skipped: bytes of sub-buffer after the end of closed packets: in no
 *	packet, no reader gets them. Added with @padding. Local atomics.
 * @subbuf_shift: log2 of the sub-buffer size. Read-only.
 * @subbuf_mask: sub-buffer size minus one. Read-only.
 * @idx_mask: number of sub-buffers minus one. Read-only.
 * @round_shift: log2 of the size of the whole buffer. Read-only.
 * @mode: discard or overwrite. Read-only.
 * @clock: the trace clock. Read-only.
 * @stream_id: written into every packet. Read-only.
 * @cpu: the CPU this buffer belongs to. Read-only.
 * @memory: the memory the chunks are cut from, or NULL. Read-only.
 * @frozen: no packet may be opened any more (ltt_rb_freeze()): the
 *	writers fill the open one at most, and overwrite nothing. Set once,
 *	never cleared; read by writers on the slow path only.
 * @chunks: the num_subbuf + 1 chunks of memory that back the slots and
 *	the reader's spare; see struct ltt_rb_chunk. An entry is replaced
 *	only by the reader, for the chunk of the packet it holds
 *	(ltt_rb_swap_held(), WRITE_ONCE); writers read entries with
 *	READ_ONCE when they open a slot.
 * @consumed: position of the oldest packet the reader has not taken.
 *	Written by the reader; read by writers in discard mode.
 * @spare: chunk the reader swaps into the ring when it takes a packet.
 *	Reader only.
 * @held: chunk holding the packet the reader took, or -1. Reader only.
 * @wait: the reader of this buffer waits here for a complete packet
 *	(ltt_rb_packet_ready()); woken from @wakeup_work when one is
 *	delivered and someone waits, and by ltt_rb_wake_readers().
 * @wakeup_work: wakes @wait from a context where that is allowed, for
 *	the writer that delivered a packet.
 * @sb: the slots. See struct ltt_rb_subbuf.
 */
struct ltt_rb_cpu {
	local_t offset;
	local64_t last_ts;
	local64_t prev_ts;
	local_t events_discarded;
	local_t subbufs_overwritten;
	local_t events_overwritten;
	local_t padding;
	local_t skipped;

	unsigned int subbuf_shift;
	unsigned long subbuf_mask;
	unsigned long idx_mask;
	unsigned int round_shift;
	enum ltt_rb_mode mode;
	enum ltt_clock_id clock;
	u32 stream_id;
	int cpu;
	const struct ltt_rb_memory *memory;
	bool frozen;
	struct ltt_rb_chunk **chunks;

	atomic_long_t consumed ____cacheline_aligned_in_smp;
	int spare;
	int held;
	wait_queue_head_t wait;
	struct irq_work wakeup_work;

	struct ltt_rb_subbuf sb[] ____cacheline_aligned_in_smp;
};

/* The size of a sub-buffer, and of each chunk of memory, in bytes. */
static inline unsigned long ltt_rb_subbuf_size(const struct ltt_rb_cpu *buf)
{
	return buf->subbuf_mask + 1;
}

/**
 * struct ltt_rb - A ring buffer: one struct ltt_rb_cpu per CPU
 * @config: as given to ltt_rb_create(). Read-only.
 * @bufs: the per-CPU buffers; NULL for a CPU that was never online while
 *	the ring buffer existed. Set by the CPU hotplug prepare step,
 *	before the CPU runs, never cleared until ltt_rb_destroy().
 * @prepare_node: CPU hotplug instance that allocates buffers.
 * @online_node: CPU hotplug instance that flushes buffers.
 */
struct ltt_rb {
	struct ltt_rb_config config;
	struct ltt_rb_cpu * __percpu *bufs;
	struct hlist_node prepare_node;
	struct hlist_node online_node;
};

struct ltt_rb *ltt_rb_create(const struct ltt_rb_config *config);
void ltt_rb_destroy(struct ltt_rb *rb);
struct ltt_rb_cpu *ltt_rb_cpu_buf(struct ltt_rb *rb, int cpu);

/**
 * ltt_rb_this_cpu() - The current CPU's buffer
 * @rb: the ring buffer
 *
 * Context: preemption disabled.
 * Return: the buffer the current CPU writes to.
 */
static __always_inline struct ltt_rb_cpu *ltt_rb_this_cpu(struct ltt_rb *rb)
{
	return this_cpu_read(*rb->bufs);
}

/**
 * struct ltt_rb_ctx - A reservation, from ltt_rb_reserve() to ltt_rb_commit()
 * @buf: the buffer the space is in
 * @sb: the slot of @buf the space is in, where ltt_rb_commit() counts
 *	the bytes without working the slot out from @pos again
 * @pos: position of the first byte reserved: the event header, or the
 *	packet header when this reservation opened the packet
 * @size: bytes reserved from @pos
 * @ts: the event's timestamp
 * @payload: where the caller writes the payload
 */
struct ltt_rb_ctx {
	struct ltt_rb_cpu *buf;
	struct ltt_rb_subbuf *sb;
	unsigned long pos;
	unsigned long size;
	u64 ts;
	void *payload;
};

int ltt_rb_reserve_slow(struct ltt_rb_cpu *buf, struct ltt_rb_ctx *ctx,
			u32 id, unsigned int len);
void ltt_rb_deliver(struct ltt_rb_cpu *buf, unsigned long pos);

DECLARE_PER_CPU(unsigned int, ltt_rb_callout);

/**
 * ltt_rb_in_callout() - Is this context calling out of a writer?
 *
 * A writer that delivers a packet to a waiting reader calls
 * irq_work_queue(), which fires tracepoints of its own (ipi_send_cpu)
 * in the writer's context. ltt_rb_deliver() marks the context for that
 * call, with interrupts disabled so that only a context of another level
 * (NMI) can run on the CPU meanwhile; an event that fires in a marked
 * context is the tracer's own doing, and its probe records nothing.
 *
 * Context: any, with preemption disabled.
 * Return: true if the current context is inside such a call.
 */
static __always_inline bool ltt_rb_in_callout(void)
{
	unsigned int mask = __this_cpu_read(ltt_rb_callout);

	return unlikely(mask) && (mask & BIT(interrupt_context_level()));
}

/*
 * Can an event with this id, stamped @ts, use the compact header after an
 * event stamped @prev? The reader rebuilds the full timestamp from the
 * low 27 bits and the previous event's timestamp, which only works if
 * fewer than 2^27 clock units separate them. @prev may be older than the
 * previous event (see @prev_ts), which only makes the test stricter.
 */
static __always_inline bool ltt_rb_compact(u32 id, u64 ts, u64 prev)
{
	return id < LTT_EVENT_ID_ESCAPE && !((ts - prev) >> LTT_EVENT_TS_BITS);
}

static __always_inline void *ltt_rb_put_compact(void *p, u32 id, u64 ts)
{
	u32 word;

	ts &= (1U << LTT_EVENT_TS_BITS) - 1;
#ifdef __LITTLE_ENDIAN
	word = (u32)ts << LTT_EVENT_ID_BITS | id;
#else
	word = id << LTT_EVENT_TS_BITS | (u32)ts;
#endif
	put_unaligned(word, (u32 *)p);
	return p + LTT_EVENT_COMPACT_LEN;
}

static __always_inline void *ltt_rb_put_extended(void *p, u32 id, u64 ts)
{
#ifdef __LITTLE_ENDIAN
	*(u8 *)p = LTT_EVENT_ID_ESCAPE;
#else
	*(u8 *)p = LTT_EVENT_ID_ESCAPE << (8 - LTT_EVENT_ID_BITS);
#endif
	put_unaligned(id, (u32 *)(p + 1));
	put_unaligned(ts, (u64 *)(p + 5));
	return p + LTT_EVENT_EXTENDED_LEN;
}

/*
 * The timestamp of an event about to be reserved, read inside the
 * caller's cmpxchg loop on @offset; @prev is @prev_ts as the caller read
 * it. A steady clock is used as it reads: a nested writer that reserves
 * between this read and the caller's cmpxchg makes the cmpxchg fail, and
 * the stamp is taken again, so that events are stamped in the order they
 * are reserved. Another clock is floored at @last_ts and @prev, and the
 * stamp is published as the new @last_ts before the caller reserves; a
 * nested writer that changes @last_ts in between makes the publishing
 * cmpxchg fail, and the stamp is taken again. @prev covers the stamps of
 * writers that trusted the clock until it stopped being steady: they have
 * all reserved by then (ltt_clock_is_steady()).
 */
static __always_inline u64 ltt_rb_stamp(struct ltt_rb_cpu *buf, u64 prev)
{
	s64 last;
	u64 ts;

	if (likely(ltt_clock_is_steady(buf->clock)))
		return ltt_clock_read(buf->clock);
	last = local64_read(&buf->last_ts);
	do {
		ts = max3(ltt_clock_read(buf->clock), (u64)last, prev);
	} while (!local64_try_cmpxchg(&buf->last_ts, &last, ts));
	return ts;
}

/**
 * ltt_rb_reserve() - Reserve space for an event
 * @buf: the current CPU's buffer, from ltt_rb_this_cpu()
 * @ctx: the reservation, filled in on success
 * @id: event id
 * @len: payload length in bytes, less than the sub-buffer size
 *
 * Stamps the event, writes its header and points @ctx->payload at @len
 * bytes for the payload. The caller writes them and calls
 * ltt_rb_commit(), without enabling preemption in between.
 *
 * Context: any, NMI included, preemption disabled.
 * Return: 0, or -ENOBUFS if the event was dropped (it is counted).
 */
static __always_inline int ltt_rb_reserve(struct ltt_rb_cpu *buf,
					  struct ltt_rb_ctx *ctx,
					  u32 id, unsigned int len)
{
	long old = local_read(&buf->offset);
	struct ltt_rb_subbuf *sb;
	unsigned long off, size;
	bool compact;
	u64 prev, ts;
	void *p;

	do {
		prev = local64_read(&buf->prev_ts);
		ts = ltt_rb_stamp(buf, prev);
		compact = ltt_rb_compact(id, ts, prev);
		size = len + (compact ? LTT_EVENT_COMPACT_LEN :
					LTT_EVENT_EXTENDED_LEN);
		off = old & buf->subbuf_mask;
		/* No packet open, or the event would fill it: switch. */
		if (unlikely(!off || off + size > buf->subbuf_mask))
			return ltt_rb_reserve_slow(buf, ctx, id, len);
	} while (!local_try_cmpxchg(&buf->offset, &old, old + size));

	local64_set(&buf->prev_ts, ts);
	sb = &buf->sb[((unsigned long)old >> buf->subbuf_shift) & buf->idx_mask];
	/* Counted per slot, before the commit: see ltt_rb_claim(). */
	local_inc(&sb->events);
	p = READ_ONCE(sb->data) + off;
	ctx->buf = buf;
	ctx->sb = sb;
	ctx->pos = old;
	ctx->size = size;
	ctx->ts = ts;
	ctx->payload = compact ? ltt_rb_put_compact(p, id, ts) :
				 ltt_rb_put_extended(p, id, ts);
	return 0;
}

/**
 * ltt_rb_commit() - Commit an event reserved with ltt_rb_reserve()
 * @ctx: the reservation
 *
 * Context: as the ltt_rb_reserve() that filled @ctx, on the same CPU.
 */
static __always_inline void ltt_rb_commit(const struct ltt_rb_ctx *ctx)
{
	struct ltt_rb_cpu *buf = ctx->buf;
	unsigned long done = local_add_return(ctx->size, &ctx->sb->commit);

	/* The packet's last commit: see ring_buffer.c. */
	if (unlikely(!(done & buf->subbuf_mask)))
		ltt_rb_deliver(buf, ctx->pos);
}

/**
 * ltt_rb_count_discarded() - Count an event dropped before its reserve
 * @buf: the current CPU's buffer, from ltt_rb_this_cpu()
 *
 * For a writer that has to give up on an event before it can reserve
 * space for it, so that the event is still accounted for, exactly as if
 * ltt_rb_reserve() had dropped it.
 *
 * Context: any, NMI included, preemption disabled.
 */
static __always_inline void ltt_rb_count_discarded(struct ltt_rb_cpu *buf)
{
	local_inc(&buf->events_discarded);
}

/**
 * struct ltt_rb_stats - Counters of a CPU's buffer
 * @events_written: events reserved
 * @events_discarded: events dropped
 * @subbufs_overwritten: packets reclaimed before the reader took them
 * @events_overwritten: events in those packets
 * @bytes_written: bytes of packets written since the buffer was
 *	created: packet headers, events and end-of-packet padding, each
 *	closed packet up to its packet_size, the open one up to its last
 *	event. What the packets hand to readers: a trace that lost no packet
 *	is that big once flushed. The space the writers went through in the
 *	ring is more, by the rest of each sub-buffer after its packet.
 * @bytes_recorded: @bytes_written less the padding: packet headers and
 *	events only, what was recorded
 *
 * Once the writers are done and the buffer is flushed and read to the
 * end, every event the writers tried to record is exactly one of: read,
 * in @events_discarded, or in @events_overwritten.
 */
struct ltt_rb_stats {
	u64 events_written;
	u64 events_discarded;
	u64 subbufs_overwritten;
	u64 events_overwritten;
	u64 bytes_written;
	u64 bytes_recorded;
};

void ltt_rb_cpu_stats(struct ltt_rb_cpu *buf, struct ltt_rb_stats *stats);

/**
 * struct ltt_rb_saved - What a CPU's buffer says of its packets
 * @offset: the write position: the packet it is in, if not at a
 *	sub-buffer's start, is open, and ends there
 * @last_ts: no event of the buffer is stamped later
 * @events_written: events reserved
 * @events_discarded: events dropped
 * @subbufs_overwritten: packets reclaimed before a reader took them
 * @events_overwritten: events in those packets
 *
 * With the commit count of each slot (ltt_rb_cpu_save()), enough to
 * tell, from a placed buffer's memory alone, which of its packets are
 * whole and where the open one ends.
 */
struct ltt_rb_saved {
	u64 offset;
	u64 last_ts;
	u64 events_written;
	u64 events_discarded;
	u64 subbufs_overwritten;
	u64 events_overwritten;
};

void ltt_rb_freeze(struct ltt_rb *rb);
void ltt_rb_cpu_save(struct ltt_rb_cpu *buf, struct ltt_rb_saved *saved,
		     u64 *commit);
bool ltt_rb_newest_seq(struct ltt_rb_cpu *buf, unsigned long *seq);
const struct ltt_packet_header *
ltt_rb_packet_in_place(struct ltt_rb_cpu *buf, unsigned long seq,
		       unsigned long *end);

bool ltt_rb_packet_ready(struct ltt_rb_cpu *buf);
void ltt_rb_wake_readers(struct ltt_rb *rb);
/*
 * What readers of a CPU's buffer (the stream files) may know of it. The
 * fields of struct ltt_rb_cpu are the ring buffer's own: outside
 * kernel/trace/ltt/ring_buffer*.c, only the inline writer path above and
 * these read them.
 */
/* The chunks of memory behind the buffer: one a slot, and the spare. */
static inline unsigned int ltt_rb_nr_chunks(const struct ltt_rb_cpu *buf)
{
	return buf->idx_mask + 2;
}

/* Page @n of chunk @chunk: a page of the memory readers may map. */
static inline struct page *ltt_rb_chunk_page(const struct ltt_rb_cpu *buf,
					     unsigned int chunk,
					     unsigned long n)
{
	return buf->chunks[chunk]->pages[n];
}

/*
 * The chunk that holds the packet ltt_rb_get_subbuf() gave, until
 * ltt_rb_put_subbuf(). The reader's own field: call it under the lock
 * that serialises the reader.
 */
static inline unsigned int ltt_rb_held_chunk(const struct ltt_rb_cpu *buf)
{
	return buf->held;
}

/* Where readers wait for a packet: woken when one is complete. */
static inline wait_queue_head_t *ltt_rb_reader_queue(struct ltt_rb_cpu *buf)
{
	return &buf->wait;
}

int ltt_rb_get_subbuf(struct ltt_rb_cpu *buf,
		      const struct ltt_packet_header **packet);
void ltt_rb_put_subbuf(struct ltt_rb_cpu *buf);
struct ltt_rb_chunk *ltt_rb_chunk_alloc(const struct ltt_rb_cpu *buf);
void ltt_rb_chunk_free(const struct ltt_rb_cpu *buf, struct ltt_rb_chunk *chunk);
struct ltt_rb_chunk *ltt_rb_swap_held(struct ltt_rb_cpu *buf,
				      struct ltt_rb_chunk *fresh);
void ltt_rb_flush(struct ltt_rb_cpu *buf);
void ltt_rb_flush_if_room(struct ltt_rb_cpu *buf);
int ltt_rb_flush_cpu(struct ltt_rb *rb, int cpu);

#endif /* _LINUX_LTT_RING_BUFFER_H */
