// SPDX-License-Identifier: GPL-2.0
/*
 * LTT panic dump: the last events of the flight recorders, on the console
 *
 * A machine without memory reserved for crash buffers (crash_buffer.c)
 * loses its trace with the kernel. For it, writing N to
 * /sys/kernel/debug/ltt/panic_dump makes a panic print, for every
 * overwrite channel of every session tracing at that moment and every
 * CPU, the last N events on the console, decoded enough to be read:
 *
 *   ltt: fr/fr cpu1 48021937220 ltt_test_seq: seq=20000
 *   ltt: fr/fr cpu1 48021939114 sched_switch: prev_comm="sh" prev_pid=83 ...
 *
 * the trace clock's value, the event's name, then each field: integers
 * in decimal (hex where the event says so), strings quoted, arrays and
 * sequences as their first bytes in hex. Off by default (0); at most
 * LTT_PANIC_DUMP_MAX events per buffer, so that a panic never spends
 * more than a bounded time printing.
 *
 * How the events are found: from the buffer's write position back, the
 * packets still in their slots (packet_seq_num as expected), newest
 * first, counting their events, until there are N; then forward again,
 * printing the last N. Events are variable-sized: each is walked field
 * by field from its event's description (the session's id of the event,
 * its fields in order, packed with no padding, as ltt_event_pack() wrote
 * them). An event whose id the session does not know any more (its
 * module left) ends the walk of its packet, as any inconsistency does:
 * the dump never reads past what the packet's header or the write
 * position says was written.
 *
 * It runs from the panic notifier chain, after crash_buffer.c has saved
 * the crash buffers, with the other CPUs stopped: it takes no lock and
 * walks the session and event lists as they are.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/seq_buf.h>
#include <linux/seq_file.h>
#include <linux/unaligned.h>

#include "control.h"
#include "internal.h"

/* Most events printed per buffer. */
#define LTT_PANIC_DUMP_MAX	1000U
/* Elements of an array or sequence shown. */
#define LTT_PANIC_DUMP_ELEMS	8U

static unsigned int ltt_panic_dump_events;

/**
 * struct ltt_dump_cursor - Walking the events of one packet
 * @data: the packet
 * @pos: the next event's offset
 * @end: where its events end
 * @ts: the full timestamp of the last event walked
 */
struct ltt_dump_cursor {
	const u8 *data;
	unsigned long pos;
	unsigned long end;
	u64 ts;
};

/* Bytes of field @f at @p, no further than @end; 0 if it does not fit. */
static unsigned long ltt_dump_field_len(const struct ltt_field *f,
					const u8 *p, const u8 *end)
{
	unsigned long left = end - p, len;

	switch (f->kind) {
	case LTT_FIELD_INTEGER:
		len = f->elem_size;
		break;
	case LTT_FIELD_ARRAY:
		len = (unsigned long)f->len * f->elem_size;
		break;
	case LTT_FIELD_BYTES:
		len = f->len;
		break;
	case LTT_FIELD_STRING:
		len = strnlen(p, left) + 1;
		break;
	case LTT_FIELD_SEQUENCE:
		if (left < sizeof(u32))
			return 0;
		len = sizeof(u32) +
		      (unsigned long)get_unaligned((const u32 *)p) * f->elem_size;
		break;
	default:
		return 0;
	}
	return len <= left ? len : 0;
}

/*
 * Step over the next event of @c. Return its event and set @payload to
 * its fields, or NULL at the end of the packet or where it cannot be
 * walked.
 */
static const struct ltt_event *ltt_dump_next(struct ltt_session *session,
					     const struct ltt_channel *chan,
					     struct ltt_dump_cursor *c,
					     const u8 **payload)
{
	const u8 *p = c->data + c->pos, *end = c->data + c->end;
	const u32 mask = (1U << LTT_EVENT_TS_BITS) - 1;
	const struct ltt_event *ev;
	unsigned long len;
	unsigned int i;
	u32 word, id;

	if (end - p < LTT_EVENT_COMPACT_LEN)
		return NULL;
	word = get_unaligned((const u32 *)p);
#ifdef __LITTLE_ENDIAN
	id = word & LTT_EVENT_ID_ESCAPE;
#else
	id = word >> LTT_EVENT_TS_BITS;
#endif
	if (id == LTT_EVENT_ID_ESCAPE) {
		if (end - p < LTT_EVENT_EXTENDED_LEN)
			return NULL;
		id = get_unaligned((const u32 *)(p + 1));
		c->ts = get_unaligned((const u64 *)(p + 5));
		p += LTT_EVENT_EXTENDED_LEN;
	} else {
#ifdef __LITTLE_ENDIAN
		word >>= LTT_EVENT_ID_BITS;
#endif
		word &= mask;
		/* The low bits wrapped since the last full timestamp. */
		if (word < (c->ts & mask))
			c->ts += mask + 1;
		c->ts = (c->ts & ~(u64)mask) | word;
		p += LTT_EVENT_COMPACT_LEN;
	}
	ev = ltt_session_event_by_id(session, id);
	if (!ev || end - p < chan->context_size)
		return NULL;
	p += chan->context_size;
	*payload = p;
	for (i = 0; i < ev->nr_fields; i++) {
		len = ltt_dump_field_len(&ev->fields[i], p, end);
		if (!len)
			return NULL;
		p += len;
	}
	c->pos = p - c->data;
	return ev;
}

/* The integer of @len bytes at @p, sign-extended if @is_signed. */
static u64 ltt_dump_integer(const u8 *p, unsigned long len, bool is_signed)
{
	switch (len) {
	case 1:
		return is_signed ? (u64)(s64)*(const s8 *)p : *p;
	case 2:
		return is_signed ? (u64)(s64)(s16)get_unaligned((const u16 *)p) :
				   get_unaligned((const u16 *)p);
	case 4:
		return is_signed ? (u64)(s64)(s32)get_unaligned((const u32 *)p) :
				   get_unaligned((const u32 *)p);
	case 8:
		return get_unaligned((const u64 *)p);
	}
	return 0;
}

/* Append one field at @p to @s, return where it ends. */
static const u8 *ltt_dump_field(struct seq_buf *s, const struct ltt_field *f,
				const u8 *p, const u8 *end)
{
	unsigned long len = ltt_dump_field_len(f, p, end);
	const u8 *elems = p;
	unsigned int n, i;
	u64 v;

	seq_buf_printf(s, " %s=", f->name);
	switch (f->kind) {
	case LTT_FIELD_INTEGER:
		v = ltt_dump_integer(p, len, f->flags & LTT_FIELD_SIGNED);
		if (f->flags & LTT_FIELD_HEX)
			seq_buf_printf(s, "0x%llx", v);
		else if (f->flags & LTT_FIELD_SIGNED)
			seq_buf_printf(s, "%lld", (s64)v);
		else
			seq_buf_printf(s, "%llu", v);
		return p + len;
	case LTT_FIELD_STRING:
		seq_buf_printf(s, "\"%.*s\"", (int)len - 1, p);
		return p + len;
	case LTT_FIELD_SEQUENCE:
		elems = p + sizeof(u32);
		n = len - sizeof(u32);
		break;
	default:
		n = len;
	}
	if (f->flags & LTT_FIELD_TEXT) {
		seq_buf_printf(s, "\"%.*s\"", (int)strnlen(elems, n), elems);
		return p + len;
	}
	seq_buf_putc(s, '[');
	for (i = 0; i < n && i < LTT_PANIC_DUMP_ELEMS * f->elem_size; i++)
		seq_buf_printf(s, "%02x", elems[i]);
	seq_buf_puts(s, i < n ? "...]" : "]");
	return p + len;
}

static void ltt_dump_event(const struct ltt_channel *chan, int cpu, u64 ts,
			   const struct ltt_event *ev, const u8 *p,
			   const u8 *end)
{
	static char line[512];
	struct seq_buf s;
	unsigned int i;

	seq_buf_init(&s, line, sizeof(line));
	seq_buf_printf(&s, "%s/%s cpu%d %llu %s:", chan->session->name,
		       chan->name, cpu, ts, ev->name);
	for (i = 0; i < ev->nr_fields; i++)
		p = ltt_dump_field(&s, &ev->fields[i], p, end);
	pr_emerg("%s\n", seq_buf_str(&s));
}

/* Point @c at packet @seq of @buf if its slot still holds it. */
static bool ltt_dump_packet(struct ltt_rb_cpu *buf, unsigned long seq,
			    struct ltt_dump_cursor *c)
{
	const struct ltt_packet_header *hdr;

	hdr = ltt_rb_packet_in_place(buf, seq, &c->end);
	if (!hdr)
		return false;
	c->data = (const u8 *)hdr;
	c->pos = LTT_PACKET_HEADER_LEN;
	c->ts = hdr->timestamp_begin;
	return c->end >= c->pos;
}

static unsigned int ltt_dump_count(struct ltt_session *session,
				   const struct ltt_channel *chan,
				   struct ltt_dump_cursor c)
{
	unsigned int n = 0;
	const u8 *payload;

	while (ltt_dump_next(session, chan, &c, &payload))
		n++;
	return n;
}

/* Print the last @want events of @cpu's buffer of @chan. */
static void ltt_dump_buffer(struct ltt_channel *chan, int cpu,
			    unsigned int want)
{
	struct ltt_session *session = chan->session;
	struct ltt_rb_cpu *buf = ltt_rb_cpu_buf(chan->rb, cpu);
	unsigned long newest, seq, oldest;
	struct ltt_dump_cursor c;
	const struct ltt_event *ev;
	unsigned int n = 0, skip;
	const u8 *payload;

	if (!buf || !ltt_rb_newest_seq(buf, &newest))
		return;
	/*
	 * Back from the newest packet, until enough events are seen or a
	 * slot holds another packet: one the ring went round to.
	 */
	oldest = newest + 1;
	for (seq = newest; n < want; seq--) {
		if (!ltt_dump_packet(buf, seq, &c))
			break;
		n += ltt_dump_count(session, chan, c);
		oldest = seq;
		if (!seq)
			break;
	}
	skip = n > want ? n - want : 0;
	for (seq = oldest; seq <= newest; seq++) {
		if (!ltt_dump_packet(buf, seq, &c))
			continue;
		while ((ev = ltt_dump_next(session, chan, &c, &payload))) {
			if (skip) {
				skip--;
				continue;
			}
			ltt_dump_event(chan, cpu, c.ts, ev, payload,
				       c.data + c.pos);
		}
	}
}

static int ltt_panic_dump(struct notifier_block *nb, unsigned long event,
			  void *msg)
{
	unsigned int want = READ_ONCE(ltt_panic_dump_events);
	struct ltt_session *session;
	struct ltt_channel *chan;
	int cpu;

	if (!want)
		return NOTIFY_DONE;
	pr_emerg("last %u events of each flight-recorder buffer:\n", want);
	rcu_read_lock();
	ltt_for_each_active_session(session) {
		ltt_for_each_channel_rcu(chan, session) {
			if (chan->config.mode != LTT_RB_OVERWRITE)
				continue;
			for_each_possible_cpu(cpu)
				ltt_dump_buffer(chan, cpu, want);
		}
	}
	rcu_read_unlock();
	return NOTIFY_DONE;
}

/* After the crash buffers are saved (INT_MAX), before the rest. */
static struct notifier_block ltt_panic_dump_nb = {
	.notifier_call = ltt_panic_dump,
	.priority = INT_MAX - 1,
};

static int panic_dump_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "%u\n", READ_ONCE(ltt_panic_dump_events));
	return 0;
}

static int panic_dump_store(struct file *file, void *unused, char *cmd)
{
	unsigned int n;

	if (kstrtouint(cmd, 0, &n) || n > LTT_PANIC_DUMP_MAX) {
		pr_warn_ratelimited("panic_dump: events per buffer, 0 (off) to %u\n",
				    LTT_PANIC_DUMP_MAX);
		return -EINVAL;
	}
	/* Read by the panic notifier, on whatever CPU panics. */
	WRITE_ONCE(ltt_panic_dump_events, n);
	return 0;
}

LTT_CTL_RW(panic_dump);

static int __init ltt_panic_dump_init(void)
{
	struct dentry *root = ltt_debugfs_root();

	if (!root)
		return 0;
	debugfs_create_file("panic_dump", 0600, root, NULL, &panic_dump_fops);
	atomic_notifier_chain_register(&panic_notifier_list,
				       &ltt_panic_dump_nb);
	return 0;
}
late_initcall(ltt_panic_dump_init);
