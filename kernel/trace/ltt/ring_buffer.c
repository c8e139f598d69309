// SPDX-License-Identifier: GPL-2.0
/*
 * LTT ring buffer frontend: the lockless writer and reader protocol
 *
 * The fast path (reserve within the current sub-buffer, commit) is inline
 * in <linux/ltt/ring_buffer.h>. This file holds everything that changes
 * the state of a sub-buffer: opening and closing packets, handing them to
 * the reader, taking them back, and flushing.
 *
 * Reserve and commit
 * ------------------
 *
 * Each per-CPU buffer has a write position, @offset, in bytes since the
 * buffer was created. It only grows. Only writers of the buffer's own CPU
 * move it, with local_cmpxchg(), so it needs no lock and no bus-locked
 * instruction; writers nest (task, softirq, hardirq, NMI), they never
 * run in parallel. A writer reserves [old, old + size) by moving @offset
 * from old to old + size. The event timestamp is read inside the cmpxchg
 * loop: if a nested writer reserves in between, the cmpxchg fails and the
 * writer takes a new position and a new timestamp. With the TSC, which
 * never goes back on one CPU, that is all it takes for timestamps to
 * follow buffer order. A clock that can go back is floored at the last
 * stamp, published (@last_ts) before the cmpxchg, so that a nested writer
 * that comes after the cmpxchg stamps no earlier. Timestamps never go
 * backwards in buffer order, even when the clock does (ltt_rb_stamp()).
 *
 * The writer then writes its event where it reserved and commits it by
 * adding its size to the commit count of the sub-buffer. Commits come in
 * any order: below, the NMI reserved C after the task reserved A, but
 * committed first. Only the sum matters.
 *
 *    sub-buffer k (round r)
 *   +--------+------------+--------+---------+------------------------+
 *   | packet | A (task)   | B (irq)| C (NMI) |                        |
 *   | header | reserved,  | done   | done    |         free           |
 *   |        | writing    |        |         |                        |
 *   +--------+------------+--------+---------+------------------------+
 *   ^                                        ^                        ^
 *   start: commit count = r * size          @offset             start + size
 *
 * An event that does not fit in what is left of the sub-buffer, and the
 * first event after a flush, take the slow path, ltt_rb_reserve_slow().
 * With a single cmpxchg the writer reserves the rest of sub-buffer k as
 * padding, the packet header of sub-buffer k + 1 and its event:
 *
 *   before:                            @offset
 *                                        v
 *   | k: ... |  A  |  B  |  C  |  D  |   .   .   |   k + 1: . . . . .  |
 *   after:                                                      @offset
 *                                                                  v
 *   | k: ... |  A  |  B  |  C  |  D  |  padding  | header | event |    |
 *                                    \____ closes k ____/\_ opens k+1 _/
 *
 * The padding belongs to the switching writer: it writes the closing
 * fields of packet k (timestamp_end, content_size, packet_size,
 * events_discarded) and commits the padding. The commit count of
 * sub-buffer k reaches (r + 1) * size, a multiple of the sub-buffer
 * size, exactly when the last of its writers commits, whoever that is;
 * that writer delivers the packet to the reader. Before that, the count
 * is not a multiple of the size, so the test costs one AND in
 * ltt_rb_commit(). The packet ends at its content rounded up to a page
 * (packet_size): the rest of the sub-buffer is in no packet.
 *
 * A flush (ltt_rb_flush()) is a switch without an event: the flushing
 * context, on the buffer's CPU, moves @offset to the start of the next
 * sub-buffer and closes the current packet. The next writer opens the
 * next packet. No event is lost or written twice: every reservation is
 * either before the flush's cmpxchg, in the closed packet, or after it,
 * in the next one.
 *
 * Sub-buffer states
 * -----------------
 *
 * A ring of num_subbuf slots is backed by num_subbuf + 1 chunks of
 * memory: the reader always owns one chunk, its spare. To take a packet,
 * the reader swaps its spare with the chunk of the slot; from then on the
 * packet is the reader's alone and no writer can touch it, whatever the
 * mode. The state word of each slot (struct ltt_rb_subbuf.state) says
 * which chunk backs it, for which round (position >> round_shift), and
 * who may touch it:
 *
 *                          writer opens round r (claim):
 *                          round := r, clear COMMITTED|READ|EMPTY
 *   +-------------------+ ---------------------------> +---------------+
 *   | EMPTY | COMMITTED |                              |   WRITING r   |<-+
 *   +-------------------+             +--------------> | (writers only)|  |
 *                                     |                +---------------+  |
 *              writer opens round r+1 |                        |          |
 *              (space was read)       |  last commit of round r|          |
 *                                     |  (deliver): COMMITTED  |          |
 *                                     |                        v          |
 *   +---------------------+ reader takes +-----------------------+        |
 *   | READ | COMMITTED, r | <----------- | COMPLETE r: COMMITTED |        |
 *   | chunk := the spare  | (swap chunks)+-----------------------+        |
 *   +---------------------+                        |                      |
 *                                                  +----------------------+
 *                                           overwrite mode only: writer
 *                                           opens round r+1, packet r lost
 *
 * Every transition is an atomic64 cmpxchg on the state word. Writers move
 * slots to WRITING and COMPLETE, the reader moves them from COMPLETE to
 * READ. Because the round is part of the word, a reader that looked at a
 * slot for round r can never swap the chunk of round r + 1, and a writer
 * that opens round r + 1 wins or loses cleanly against a reader taking
 * round r: if the reader wins, the writer writes into the reader's old
 * spare; if the writer wins, the reader sees the new round and skips.
 *
 * A writer opens (claims) a slot before it moves @offset into it, never
 * after: a nested writer that reserves in the new sub-buffer right after
 * the cmpxchg must find the slot already out of the reader's reach. It
 * may only open a slot whose previous round is fully committed (else an
 * interrupted writer is still writing there: the event is dropped, in
 * both modes) and, in discard mode, that the reader has taken.
 *
 * Cross-CPU atomics (on the state word, and the reader's @consumed) are
 * only used on the slow path, once per sub-buffer.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/bits.h>
#include <linux/cpu.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/irq_work.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/wait.h>

#include "internal.h"

/*
 * The state word of a slot, struct ltt_rb_subbuf.state, as the diagram of
 * the sub-buffer states above uses it:
 *
 *   63                  19 18           3   2      1         0
 *  +----------------------+--------------+-------+------+-----------+
 *  | round                | chunk        | EMPTY | READ | COMMITTED |
 *  +----------------------+--------------+-------+------+-----------+
 *
 * COMMITTED: every writer of the slot's round has committed, so the
 * packet is complete and deliverable (and, in overwrite mode, may be
 * written over). READ: the reader took the round's packet; the slot's
 * chunk is the spare it gave in exchange. EMPTY: no writer ever opened
 * the slot. A writer that opens a round clears all three.
 */
#define LTT_RB_COMMITTED	BIT_ULL(0)
#define LTT_RB_READ		BIT_ULL(1)
#define LTT_RB_EMPTY		BIT_ULL(2)
#define LTT_RB_FLAGS		GENMASK_ULL(2, 0)
#define LTT_RB_CHUNK_SHIFT	3
#define LTT_RB_CHUNK_MASK	GENMASK_ULL(18, 3)
#define LTT_RB_ROUND_SHIFT	19
#define LTT_RB_ROUND_MASK	((unsigned long)(U64_MAX >> LTT_RB_ROUND_SHIFT))

static inline u64 ltt_rb_state(unsigned int chunk, unsigned long round,
			       u64 flags)
{
	return (u64)round << LTT_RB_ROUND_SHIFT |
	       (u64)chunk << LTT_RB_CHUNK_SHIFT | flags;
}

static inline unsigned int ltt_rb_state_chunk(u64 state)
{
	return (state & LTT_RB_CHUNK_MASK) >> LTT_RB_CHUNK_SHIFT;
}

static inline unsigned long ltt_rb_state_round(u64 state)
{
	return state >> LTT_RB_ROUND_SHIFT;
}

/* The state of a new buffer's slot backed by @chunk: never opened. */
u64 ltt_rb_slot_init_state(unsigned int chunk)
{
	return ltt_rb_state(chunk, 0, LTT_RB_COMMITTED | LTT_RB_EMPTY);
}

static inline struct ltt_rb_subbuf *ltt_rb_slot(struct ltt_rb_cpu *buf,
						unsigned long pos)
{
	return &buf->sb[(pos >> buf->subbuf_shift) & buf->idx_mask];
}

static inline unsigned long ltt_rb_round(const struct ltt_rb_cpu *buf,
					 unsigned long pos)
{
	return (pos >> buf->round_shift) & LTT_RB_ROUND_MASK;
}

/*
 * Has every byte reserved in the slot of @begin, before the round of
 * @begin, been committed? The commit count of a slot is round * size
 * then. Compared modulo 2^(BITS_PER_LONG - log2(num_subbuf)), which is as
 * far as @begin, wrapping at 2^BITS_PER_LONG, can tell rounds apart.
 */
static bool ltt_rb_slot_committed(struct ltt_rb_cpu *buf, unsigned long begin)
{
	unsigned long expect = (begin >> buf->round_shift) << buf->subbuf_shift;
	unsigned long commit = local_read(&ltt_rb_slot(buf, begin)->commit);

	return !((commit - expect) << (buf->round_shift - buf->subbuf_shift));
}

/*
 * The chunk @i backs, for a writer on the buffer's CPU. The reader, on
 * any CPU, replaces an entry (ltt_rb_swap_held()) only while no slot
 * uses it, and the state cmpxchg that later puts that chunk into a slot
 * orders its store before the writer's load; READ_ONCE() because the
 * two run in parallel all the same.
 */
static inline struct ltt_rb_chunk *ltt_rb_chunk_at(struct ltt_rb_cpu *buf,
						   unsigned int i)
{
	return READ_ONCE(buf->chunks[i]);
}

/*
 * Move the slot of @begin to WRITING for the round of @begin, taking it
 * out of the reader's reach, unless a nested writer did it already.
 * Reclaiming a packet nobody read counts it as overwritten.
 *
 * Whoever finds the slot claimed for the round, the claimer included,
 * points @data at the chunk the state names: the claimer may have been
 * interrupted between its cmpxchg and its store, and the nested writer
 * that then opens the packet must not write through the pointer of the
 * previous round, whose chunk the reader may have taken since.
 *
 * The events of a reclaimed packet are the slot's event count now less
 * the count when the packet was opened. Both are read before the
 * cmpxchg: the previous round is fully committed (ltt_rb_can_open()),
 * so every one of its events has been counted, and no event of the new
 * round can be until the slot is claimed, which would fail our cmpxchg.
 * After it, a nested writer may already have opened the new round and
 * overwritten @events_begin.
 *
 * Nested writers may also have gone past @begin while the caller was
 * interrupted after ltt_rb_can_open(): then the slot is already in the
 * round of @begin with its packet complete, or in a later round, and
 * claiming it would take it back from the reader or from the writers of
 * the later round. Return false then; the caller starts over from the
 * current write position.
 */
static bool ltt_rb_claim(struct ltt_rb_cpu *buf, unsigned long begin)
{
	struct ltt_rb_subbuf *sb = ltt_rb_slot(buf, begin);
	unsigned long round = ltt_rb_round(buf, begin);
	u64 old = atomic64_read(&sb->state);
	unsigned long ahead, lost;
	u64 new;

	do {
		ahead = (ltt_rb_state_round(old) - round) & LTT_RB_ROUND_MASK;
		if (ahead && ahead <= LTT_RB_ROUND_MASK / 2)
			return false;
		if (!ahead && !(old & LTT_RB_EMPTY)) {
			if (old & LTT_RB_COMMITTED)
				return false;
			WRITE_ONCE(sb->data,
				   ltt_rb_chunk_at(buf, ltt_rb_state_chunk(old))->data);
			return true;
		}
		lost = local_read(&sb->events) - sb->events_begin;
		new = ltt_rb_state(ltt_rb_state_chunk(old), round, 0);
	} while (!atomic64_try_cmpxchg(&sb->state, &old, new));

	if (!(old & (LTT_RB_EMPTY | LTT_RB_READ))) {
		local_inc(&buf->subbufs_overwritten);
		local_add(lost, &buf->events_overwritten);
	}
	WRITE_ONCE(sb->data, ltt_rb_chunk_at(buf, ltt_rb_state_chunk(new))->data);
	return true;
}

/*
 * Bit N set: the context of interrupt_context_level() N of this CPU is in
 * ltt_rb_raise_wakeup(). Written by that context only, with interrupts
 * disabled; an NMI that nests sets and clears its own bit, so the word is
 * as it found it when the context it interrupted resumes.
 */
DEFINE_PER_CPU(unsigned int, ltt_rb_callout);
EXPORT_PER_CPU_SYMBOL_GPL(ltt_rb_callout);

/*
 * The one call out of LTT on the recording path: irq_work_queue() fires
 * the ipi_send_cpu tracepoint, and lockdep or preempt tracing may add
 * more. Mark the context so that LTT's probes ignore them (see
 * ltt_rb_in_callout()): a channel that enables ipi:* must not record the
 * wakeups of its own readers. Interrupts are disabled with the raw
 * helpers, which fire no tracepoint, so that no interrupt taken before
 * its entry code raised the preempt count's level is mistaken for the
 * marked context.
 */
static notrace void ltt_rb_raise_wakeup(struct ltt_rb_cpu *buf)
{
	unsigned int bit = BIT(interrupt_context_level());
	unsigned long flags;

	raw_local_irq_save(flags);
	__this_cpu_or(ltt_rb_callout, bit);
	irq_work_queue(&buf->wakeup_work);
	__this_cpu_and(ltt_rb_callout, ~bit);
	raw_local_irq_restore(flags);
}

/*
 * Readers sleep on the buffer's queue until a packet is complete. The
 * writer that completes it cannot wake them itself (it may be an NMI):
 * it raises the irq_work above, and this wakes them. Readers also wait
 * for changes no packet announces, see ltt_rb_wake_readers().
 */
static void ltt_rb_wakeup_fn(struct irq_work *work)
{
	struct ltt_rb_cpu *buf = container_of(work, struct ltt_rb_cpu,
					      wakeup_work);

	wake_up_interruptible_all(&buf->wait);
}

/* Called when @buf is allocated, before any writer or reader sees it. */
void ltt_rb_init_wakeup(struct ltt_rb_cpu *buf)
{
	init_waitqueue_head(&buf->wait);
	init_irq_work(&buf->wakeup_work, ltt_rb_wakeup_fn);
}

/**
 * ltt_rb_wake_readers() - Wake every reader waiting on a ring buffer
 * @rb: the ring buffer
 *
 * For a change no packet announces: the writers stopped, or the buffer's
 * owner is going away. Woken readers look at their predicate again.
 *
 * Context: process context.
 */
void ltt_rb_wake_readers(struct ltt_rb *rb)
{
	struct ltt_rb_cpu *buf;
	int cpu;

	for_each_possible_cpu(cpu) {
		buf = ltt_rb_cpu_buf(rb, cpu);
		if (buf)
			wake_up_all(&buf->wait);
	}
}

/**
 * ltt_rb_deliver() - Hand a complete packet to the reader
 * @buf: the buffer
 * @pos: any position in the packet's sub-buffer, in the packet's round
 *
 * Called by ltt_rb_commit() when the commit count of a sub-buffer shows
 * that its packet is closed and every event in it committed. The fully
 * ordered cmpxchg publishes the packet's contents before the reader can
 * see it complete. If a writer already reclaimed the slot for the next
 * round (overwrite mode, the commit was interrupted for that long), the
 * packet is gone and there is nothing to deliver. A reader waiting on
 * the buffer's queue is woken, from irq_work.
 *
 * Context: any, on @buf's CPU.
 */
void ltt_rb_deliver(struct ltt_rb_cpu *buf, unsigned long pos)
{
	struct ltt_rb_subbuf *sb = ltt_rb_slot(buf, pos);
	unsigned long round = ltt_rb_round(buf, pos);
	u64 old = atomic64_read(&sb->state);

	do {
		if ((old & (LTT_RB_COMMITTED | LTT_RB_EMPTY)) ||
		    ltt_rb_state_round(old) != round)
			return;
	} while (!atomic64_try_cmpxchg(&sb->state, &old, old | LTT_RB_COMMITTED));
	/*
	 * Waking a task is not allowed in every context a writer runs in
	 * (NMI), irq_work is. The cmpxchg above and wq_has_sleeper()'s
	 * barrier pair with the one in the reader's prepare_to_wait() and
	 * its ltt_rb_packet_ready() after it: either the reader sees this
	 * packet or this writer sees the reader waiting.
	 */
	if (wq_has_sleeper(&buf->wait))
		ltt_rb_raise_wakeup(buf);
}
EXPORT_SYMBOL_GPL(ltt_rb_deliver);

/* Write the closing fields of the packet that ends at @end, commit the
 * padding after it.
 *
 * The packet shrinks to its content rounded up to a page
 * (ltt_packet_size()): readers get that much, the rest of the sub-buffer
 * is committed with the padding but is in no packet. Like every closing
 * field, packet_size is written before the commit: the last commit,
 * ours or that of a writer we interrupted, delivers the packet with a
 * fully ordered cmpxchg (ltt_rb_deliver()) after this CPU's stores, and
 * the reader takes it with another, so a reader that sees the packet
 * complete sees its final size, and hands out that many bytes.
 */
static void ltt_rb_close(struct ltt_rb_cpu *buf, unsigned long end, u64 ts)
{
	unsigned long off = end & buf->subbuf_mask;
	unsigned long start = end - off;
	struct ltt_rb_subbuf *sb = ltt_rb_slot(buf, start);
	struct ltt_packet_header *hdr = READ_ONCE(sb->data);
	unsigned long done;

	hdr->timestamp_end = ts;
	hdr->content_size = (u64)off * BITS_PER_BYTE;
	hdr->packet_size = (u64)ltt_packet_size(off, ltt_rb_subbuf_size(buf)) *
			   BITS_PER_BYTE;
	hdr->events_discarded = local_read(&buf->events_discarded);
	/*
	 * @offset moved past this packet before its padding is counted;
	 * pairs with the smp_rmb() in ltt_rb_cpu_stats().
	 */
	smp_wmb();
	local_add(ltt_packet_size(off, ltt_rb_subbuf_size(buf)) - off,
		  &buf->padding);
	local_add(ltt_rb_subbuf_size(buf) -
		  ltt_packet_size(off, ltt_rb_subbuf_size(buf)), &buf->skipped);
	done = local_add_return(ltt_rb_subbuf_size(buf) - off, &sb->commit);
	if (!(done & buf->subbuf_mask))
		ltt_rb_deliver(buf, start);
}

/*
 * Write the opening fields of the packet that starts at @begin. Until it
 * is closed, the packet may grow to the whole sub-buffer, and says so.
 */
static void *ltt_rb_open(struct ltt_rb_cpu *buf, unsigned long begin, u64 ts)
{
	struct ltt_packet_header *hdr = READ_ONCE(ltt_rb_slot(buf, begin)->data);

	hdr->magic = LTT_PACKET_MAGIC;
	hdr->stream_id = buf->stream_id;
	hdr->timestamp_begin = ts;
	hdr->packet_size = (u64)ltt_rb_subbuf_size(buf) * BITS_PER_BYTE;
	hdr->packet_seq_num = begin >> buf->subbuf_shift;
	hdr->cpu_id = buf->cpu;
	return (void *)hdr + LTT_PACKET_HEADER_LEN;
}

/* May the writer open the slot of @begin? */
static bool ltt_rb_can_open(struct ltt_rb_cpu *buf, unsigned long begin)
{
	/* Pairs with the WRITE_ONCE() in ltt_rb_freeze(); see there. */
	if (unlikely(READ_ONCE(buf->frozen)))
		return false;
	if (!ltt_rb_slot_committed(buf, begin))
		return false;
	if (buf->mode == LTT_RB_OVERWRITE)
		return true;
	/* Discard mode: the reader must have taken the previous round. */
	return !((begin - atomic_long_read(&buf->consumed)) >> buf->round_shift);
}

/**
 * ltt_rb_reserve_slow() - Reserve space, switching sub-buffers if needed
 * @buf: the current CPU's buffer
 * @ctx: the reservation, filled in on success
 * @id: event id
 * @len: payload length in bytes
 *
 * The out-of-line part of ltt_rb_reserve(), which it calls when the
 * event does not fit in the current packet or no packet is open. Closes
 * the current packet, opens the next one with the event as its first,
 * and writes the event header. The first event of a packet always gets
 * the extended header, so that readers need not rely on the packet's
 * timestamp_begin to decode it.
 *
 * Context: any, preemption disabled, on @buf's CPU.
 * Return: 0, or -ENOBUFS if the event was dropped (and counted): too big
 * for a sub-buffer, the reader is behind in discard mode, or the next
 * sub-buffer still has uncommitted events from an interrupted writer.
 */
int ltt_rb_reserve_slow(struct ltt_rb_cpu *buf, struct ltt_rb_ctx *ctx,
			u32 id, unsigned int len)
{
	const unsigned long first = LTT_PACKET_HEADER_LEN +
				    LTT_EVENT_EXTENDED_LEN + (unsigned long)len;
	long old = local_read(&buf->offset);
	unsigned long off, begin, size, events;
	bool compact;
	u64 prev, ts;
	void *p;

	if (unlikely(first >= ltt_rb_subbuf_size(buf)))
		goto drop;
	for (;;) {
		prev = local64_read(&buf->prev_ts);
		ts = ltt_rb_stamp(buf, prev);
		off = old & buf->subbuf_mask;

		/* A nested writer may have switched for us meanwhile. */
		compact = ltt_rb_compact(id, ts, prev);
		size = len + (compact ? LTT_EVENT_COMPACT_LEN :
					LTT_EVENT_EXTENDED_LEN);
		if (off && off + size < ltt_rb_subbuf_size(buf)) {
			if (!local_try_cmpxchg(&buf->offset, &old, old + size))
				continue;
			ctx->pos = old;
			p = READ_ONCE(ltt_rb_slot(buf, old)->data) + off;
			break;
		}

		begin = off ? old - off + ltt_rb_subbuf_size(buf) : old;
		if (!ltt_rb_can_open(buf, begin))
			goto drop;
		if (!ltt_rb_claim(buf, begin)) {
			old = local_read(&buf->offset);
			continue;
		}
		/*
		 * The slot's event count before the new round's first
		 * event, exact if the cmpxchg succeeds: nobody reserved in
		 * the slot in between, or the cmpxchg would fail.
		 */
		events = local_read(&ltt_rb_slot(buf, begin)->events);
		if (!local_try_cmpxchg(&buf->offset, &old, begin + first))
			continue;
		if (off)
			ltt_rb_close(buf, old, ts);
		ctx->pos = begin;
		ltt_rb_slot(buf, begin)->events_begin = events;
		p = ltt_rb_open(buf, begin, ts);
		size = first;
		compact = false;
		break;
	}
	local64_set(&buf->prev_ts, ts);
	ctx->sb = ltt_rb_slot(buf, ctx->pos);
	local_inc(&ctx->sb->events);
	ctx->buf = buf;
	ctx->size = size;
	ctx->ts = ts;
	ctx->payload = compact ? ltt_rb_put_compact(p, id, ts) :
				 ltt_rb_put_extended(p, id, ts);
	return 0;

drop:
	local_inc(&buf->events_discarded);
	return -ENOBUFS;
}
EXPORT_SYMBOL_GPL(ltt_rb_reserve_slow);

/**
 * ltt_rb_flush() - Close the open packet so that the reader can take it
 * @buf: the buffer
 *
 * Does nothing if no packet is open. The packet is delivered right away
 * unless a writer this call interrupted still has an event to commit in
 * it; then it is delivered by that writer's commit.
 *
 * Context: any, preemption disabled, on @buf's CPU; or from any CPU while
 * @buf's CPU is offline and cannot go online (hold cpus_read_lock()).
 */
void ltt_rb_flush(struct ltt_rb_cpu *buf)
{
	long old = local_read(&buf->offset);
	unsigned long off;
	u64 ts;

	do {
		off = old & buf->subbuf_mask;
		if (!off)
			return;
		ts = ltt_rb_stamp(buf, local64_read(&buf->prev_ts));
	} while (!local_try_cmpxchg(&buf->offset, &old,
				    old - off + ltt_rb_subbuf_size(buf)));
	ltt_rb_close(buf, old, ts);
}

/**
 * ltt_rb_flush_if_room() - Close the open packet if writers can go on
 * @buf: the buffer
 *
 * As ltt_rb_flush(), except when the writers could not open the next
 * sub-buffer (discard mode, the reader a whole buffer behind): then the
 * open packet stays open, as a writer that finds no room leaves it. The
 * events dropped meanwhile are counted in its events_discarded when it
 * is closed at last. Closed now, no packet could be opened to carry
 * them, and if tracing stopped before the reader caught up, they would
 * be counted in no packet at all: trace readers would never learn of
 * them. For periodic flushes; the last flush of a buffer must close.
 *
 * Context: as ltt_rb_flush(), on @buf's CPU.
 */
void ltt_rb_flush_if_room(struct ltt_rb_cpu *buf)
{
	long old = local_read(&buf->offset);
	unsigned long off = old & buf->subbuf_mask;

	if (off && !ltt_rb_can_open(buf, old - off + ltt_rb_subbuf_size(buf)))
		return;
	ltt_rb_flush(buf);
}

static void ltt_rb_flush_ipi(void *info)
{
	ltt_rb_flush(info);
}

/**
 * ltt_rb_flush_cpu() - Close the open packet of a CPU's buffer
 * @rb: the ring buffer
 * @cpu: the CPU
 *
 * Runs ltt_rb_flush() on @cpu if it is online, here if it is offline.
 *
 * Context: process context, interrupts enabled.
 * Return: 0, or -ENODEV if @cpu has no buffer.
 */
int ltt_rb_flush_cpu(struct ltt_rb *rb, int cpu)
{
	struct ltt_rb_cpu *buf = ltt_rb_cpu_buf(rb, cpu);
	int ret = 0;

	if (!buf)
		return -ENODEV;
	cpus_read_lock();
	if (cpu_online(cpu))
		ret = smp_call_function_single(cpu, ltt_rb_flush_ipi, buf, 1);
	else
		ltt_rb_flush(buf);
	cpus_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(ltt_rb_flush_cpu);

/**
 * ltt_rb_packet_ready() - Is there a packet for ltt_rb_get_subbuf()?
 * @buf: the buffer
 *
 * Looks without taking: the reader's test before it sleeps on @buf->wait,
 * after queueing itself (see ltt_rb_deliver()). Also true when the next
 * slot was overwritten (the reader skips it, then looks again) and while
 * the reader holds a packet.
 *
 * Context: any; the answer is only stable against the buffer's reader.
 * Return: true if the reader should call ltt_rb_get_subbuf() now.
 */
bool ltt_rb_packet_ready(struct ltt_rb_cpu *buf)
{
	unsigned long cons = atomic_long_read(&buf->consumed);
	u64 state = atomic64_read(&ltt_rb_slot(buf, cons)->state);
	unsigned long diff;

	if (READ_ONCE(buf->held) >= 0)
		return true;
	if (state & LTT_RB_EMPTY)
		return false;
	diff = (ltt_rb_state_round(state) - ltt_rb_round(buf, cons)) &
	       LTT_RB_ROUND_MASK;
	if (diff > LTT_RB_ROUND_MASK / 2)
		return false;	/* the writer is not there yet */
	return diff || (state & LTT_RB_COMMITTED);
}

/**
 * ltt_rb_get_subbuf() - Take the oldest complete packet
 * @buf: the buffer
 * @packet: set to the packet on success
 *
 * The packet is the caller's until ltt_rb_put_subbuf(): writers cannot
 * touch it, in either mode. Its events end at its content_size, its
 * packet_seq_num tells how many packets came before it on this CPU; in
 * overwrite mode, packets the writer reclaimed before the reader came are
 * skipped, which shows as a gap in packet_seq_num.
 *
 * Context: process context or any context that serialises the readers of
 * @buf, on any CPU. One packet at a time per buffer.
 * Return: 0; -EAGAIN if no complete packet is there yet (flush to close
 * the open one); -EBUSY if the caller already holds one.
 */
int ltt_rb_get_subbuf(struct ltt_rb_cpu *buf,
		      const struct ltt_packet_header **packet)
{
	unsigned long cons, round, diff;
	struct ltt_rb_subbuf *sb;
	u64 state, new;

	if (buf->held >= 0)
		return -EBUSY;
	for (;;) {
		cons = atomic_long_read(&buf->consumed);
		sb = ltt_rb_slot(buf, cons);
		round = ltt_rb_round(buf, cons);
		state = atomic64_read(&sb->state);
		if (state & LTT_RB_EMPTY)
			return -EAGAIN;
		diff = (ltt_rb_state_round(state) - round) & LTT_RB_ROUND_MASK;
		if (diff > LTT_RB_ROUND_MASK / 2)
			return -EAGAIN;	/* the writer is not there yet */
		if (diff) {
			/*
			 * Overwritten: the slot is at least @diff rounds
			 * ahead, so the oldest packet that can still be
			 * there is in the next slot, one round less ahead.
			 */
			atomic_long_set(&buf->consumed, cons +
					(diff << buf->round_shift) -
					(buf->idx_mask << buf->subbuf_shift));
			continue;
		}
		if (!(state & LTT_RB_COMMITTED))
			return -EAGAIN;	/* open or not fully committed */
		if (WARN_ON_ONCE(state & LTT_RB_READ))
			return -EIO;
		new = ltt_rb_state(buf->spare, round, LTT_RB_COMMITTED | LTT_RB_READ);
		if (!atomic64_try_cmpxchg(&sb->state, &state, new))
			continue;
		buf->held = ltt_rb_state_chunk(state);
		buf->spare = -1;
		atomic_long_set(&buf->consumed, cons + ltt_rb_subbuf_size(buf));
		*packet = buf->chunks[buf->held]->data;
		return 0;
	}
}
EXPORT_SYMBOL_GPL(ltt_rb_get_subbuf);

/**
 * ltt_rb_put_subbuf() - Give back the packet ltt_rb_get_subbuf() gave
 * @buf: the buffer
 *
 * Context: as ltt_rb_get_subbuf().
 */
void ltt_rb_put_subbuf(struct ltt_rb_cpu *buf)
{
	if (WARN_ON_ONCE(buf->held < 0))
		return;
	buf->spare = buf->held;
	buf->held = -1;
}
EXPORT_SYMBOL_GPL(ltt_rb_put_subbuf);

/**
 * ltt_rb_swap_held() - Take the memory of the packet the reader holds
 * @buf: the buffer
 * @fresh: a chunk from ltt_rb_chunk_alloc() for @buf, to put in its place
 *
 * The chunk that holds the packet taken by ltt_rb_get_subbuf() becomes
 * the caller's, to free with ltt_rb_chunk_free() whenever it wants, and
 * @fresh replaces it: it is what ltt_rb_put_subbuf() gives back to the
 * ring. A reader can so give a packet's pages to someone else, a pipe,
 * for as long as they need them, without a copy and without holding up
 * the writers. The packet stays held: the reader puts it as usual.
 *
 * Context: as ltt_rb_get_subbuf(), holding a packet.
 * Return: the chunk of the packet, or NULL (and @fresh is not used) if
 * the reader holds none.
 */
struct ltt_rb_chunk *ltt_rb_swap_held(struct ltt_rb_cpu *buf,
				      struct ltt_rb_chunk *fresh)
{
	struct ltt_rb_chunk *held;

	if (WARN_ON_ONCE(buf->held < 0))
		return NULL;
	/*
	 * No writer can look at the slot: the held chunk backs none. The
	 * cmpxchg of the next ltt_rb_get_subbuf(), which swaps @fresh into
	 * a slot, orders this store before any writer's use of it.
	 */
	held = buf->chunks[buf->held];
	/* Read by writers on another CPU: see ltt_rb_chunk_at(). */
	WRITE_ONCE(buf->chunks[buf->held], fresh);
	return held;
}

/**
 * ltt_rb_freeze() - Stop the writers of a ring buffer from opening packets
 * @rb: the ring buffer
 *
 * For a kernel that is going down (crash_buffer.c): from now on a writer
 * that needs a new packet drops its event (counted), so that the packets
 * the buffers hold, the last ones written before the crash, stay. A
 * writer on another CPU still fills the packet it has open, so what is
 * saved of a buffer must be taken with that CPU stopped, as panic() does,
 * or once the writers are done. Costs the writers nothing until they
 * switch packets, where they look at @frozen.
 *
 * No ordering: a writer that does not see the flag yet opens one packet
 * more, which the snapshot taken after the CPUs stopped then shows as it
 * is.
 *
 * Context: any, NMI included.
 */
void ltt_rb_freeze(struct ltt_rb *rb)
{
	struct ltt_rb_cpu *buf;
	int cpu;

	for_each_possible_cpu(cpu) {
		buf = ltt_rb_cpu_buf(rb, cpu);
		if (buf)
			WRITE_ONCE(buf->frozen, true);
	}
}

/**
 * ltt_rb_cpu_save() - Take what the next kernel needs to read a buffer
 * @buf: a buffer placed in given memory, whose writers are stopped
 * @saved: filled in
 * @commit: num_subbuf entries, each slot's commit count
 *
 * See struct ltt_rb_saved. A writer of @buf interrupted for good between
 * its reserve and its commit (the crash happened in it) shows as a slot
 * whose count falls short: its packet is not whole, and the reader of
 * the saved buffer leaves it out.
 *
 * Context: any, NMI included; @buf's CPU does not run its writers.
 */
void ltt_rb_cpu_save(struct ltt_rb_cpu *buf, struct ltt_rb_saved *saved,
		     u64 *commit)
{
	struct ltt_rb_stats stats;
	unsigned long i;

	ltt_rb_cpu_stats(buf, &stats);
	saved->offset = (unsigned long)local_read(&buf->offset);
	/*
	 * With a steady clock @last_ts is unused and @prev_ts may be behind
	 * a nested writer's stamp (see ltt_rb_stamp()); the clock read now is
	 * later than every stamp, on any CPU: the TSC is synchronised.
	 */
	saved->last_ts = max(local64_read(&buf->last_ts),
			     local64_read(&buf->prev_ts));
	if (ltt_clock_is_steady(buf->clock))
		saved->last_ts = max(saved->last_ts, ltt_clock_read(buf->clock));
	saved->events_written = stats.events_written;
	saved->events_discarded = stats.events_discarded;
	saved->subbufs_overwritten = stats.subbufs_overwritten;
	saved->events_overwritten = stats.events_overwritten;
	for (i = 0; i <= buf->idx_mask; i++)
		commit[i] = (unsigned long)local_read(&buf->sb[i].commit);
}

/**
 * ltt_rb_newest_seq() - The sequence number of a buffer's newest packet
 * @buf: the buffer
 * @seq: set to the number of the packet the write position is in, or of
 *	the one it just closed if it is at the start of a sub-buffer
 *
 * With ltt_rb_packet_in_place(), how the panic dump walks a buffer's
 * packets in place, newest first, without a reader.
 *
 * Context: any.
 * Return: false if the buffer holds no packet yet.
 */
bool ltt_rb_newest_seq(struct ltt_rb_cpu *buf, unsigned long *seq)
{
	unsigned long offset = local_read(&buf->offset);

	*seq = offset >> buf->subbuf_shift;
	if (offset & buf->subbuf_mask)
		return true;
	if (!*seq)
		return false;
	(*seq)--;
	return true;
}

/**
 * ltt_rb_packet_in_place() - A packet of a buffer, where the writers left it
 * @buf: the buffer; its writers stopped, or what is read may change
 * @seq: the packet's sequence number
 * @end: set to where the packet's events end, in bytes from its start:
 *	the write position in the open packet, the content size in a
 *	closed one
 *
 * Context: any.
 * Return: the packet, or NULL if its slot holds another packet, or none,
 * or a header that does not hold together.
 */
const struct ltt_packet_header *
ltt_rb_packet_in_place(struct ltt_rb_cpu *buf, unsigned long seq,
		       unsigned long *end)
{
	unsigned long offset = local_read(&buf->offset);
	const struct ltt_packet_header *hdr;

	hdr = READ_ONCE(buf->sb[seq & buf->idx_mask].data);
	if (!hdr || hdr->magic != LTT_PACKET_MAGIC || hdr->packet_seq_num != seq)
		return NULL;
	if (seq == offset >> buf->subbuf_shift)
		*end = offset & buf->subbuf_mask;
	else
		*end = hdr->content_size / BITS_PER_BYTE;
	return *end <= ltt_rb_subbuf_size(buf) ? hdr : NULL;
}

/**
 * ltt_rb_cpu_stats() - Read the counters of a CPU's buffer
 * @buf: the buffer
 * @stats: filled in
 *
 * Each counter is exact; they are not read at the same instant.
 * Events written are counted per sub-buffer, so that the writers can
 * tell how many events a reclaimed packet held, and summed up here.
 *
 * Context: any.
 */
void ltt_rb_cpu_stats(struct ltt_rb_cpu *buf, struct ltt_rb_stats *stats)
{
	unsigned long i, skipped, padding;

	stats->events_written = 0;
	for (i = 0; i <= buf->idx_mask; i++)
		stats->events_written += (unsigned long)local_read(&buf->sb[i].events);
	stats->events_discarded = local_read(&buf->events_discarded);
	stats->subbufs_overwritten = local_read(&buf->subbufs_overwritten);
	stats->events_overwritten = local_read(&buf->events_overwritten);
	/*
	 * A packet is closed by moving @offset first, then adding to
	 * @skipped and @padding: read those before @offset, so that a close
	 * in between makes the byte counts high by less than a sub-buffer
	 * for a moment, never negative.
	 */
	skipped = local_read(&buf->skipped);
	padding = local_read(&buf->padding);
	/* Pairs with the smp_wmb() in ltt_rb_close(). */
	smp_rmb();
	stats->bytes_written = (unsigned long)local_read(&buf->offset) - skipped;
	stats->bytes_recorded = stats->bytes_written - padding;
}
EXPORT_SYMBOL_GPL(ltt_rb_cpu_stats);
