// SPDX-License-Identifier: GPL-2.0
/*
 * LTT crash buffers: the previous boot's trace
 *
 * At boot, LTT looks in the reserved memory regions named by the
 * ltt.crash_memory= parameter (default "ltt") for a channel the previous
 * kernel saved as it went down (crash_buffer.c, layout in
 * crash_buffer.h). Nothing in the region is trusted until it is checked:
 * magic, version, the header's CRC, every offset and size against the
 * region, the names, then the CRC of the saved states and metadata.
 * A region that fails is reported in one line and left alone; a region
 * the previous kernel never saved (LIVE) is reported too. A region that
 * passes is shown, read-only, the way a session is:
 *
 *   ltt/previous/
 *     discard                    write NAME: forget that trace, free the
 *                                memory for a new channel
 *     NAME/
 *       info                     what was found, and how it was judged
 *       status                   the counters, as a session's status
 *       metadata                 the session's CTF metadata
 *       switch_timer_us          0
 *       channels/CHAN/
 *         subbuf_size, num_subbuf
 *         stream/cpuN            the whole packets, oldest first
 *
 * so that lttd (lttd -p NAME DIR) writes it as a CTF trace directory.
 * The stream and metadata files read to their end and then give end of
 * file: the trace cannot grow.
 *
 * Which packets are whole
 * -----------------------
 *
 * A CPU's buffer has num_subbuf + 1 chunks; each holds a packet or
 * nothing. A chunk is looked at only if its header is a packet of this
 * stream and CPU, of a size a packet can have (whole pages, up to the
 * sub-buffer), with a sequence number among the num_subbuf + 1 latest
 * the saved write position allows. Then the slot's saved commit count
 * decides, as it decides for a live reader: a packet before the write
 * position is whole if the count reached the end of its round (and its
 * packet_size is then its content rounded up to a page, as closing it
 * made it); the packet the write position is in (the open one) is whole
 * if the count equals its start plus the bytes reserved in it, and is
 * then closed here as a flush would have (timestamp_end, content_size,
 * packet_size, events_discarded, from the saved state). A packet with an
 * event that was reserved and never committed (the crash interrupted its
 * writer) is left out and counted as incomplete. What was overwritten
 * before the crash shows as a gap in packet_seq_num, as in any overwrite
 * trace. The stream file has the whole packets back to back, each
 * packet_size bytes long.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uio.h>

#include "control.h"
#include "crash_buffer.h"
#include "internal.h"

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "ltt."

static char ltt_crash_names[256] = "ltt";
module_param_string(crash_memory, ltt_crash_names, sizeof(ltt_crash_names),
		    0400);
MODULE_PARM_DESC(crash_memory,
		 "Reserved memory regions to look in for the previous boot's trace, comma-separated");

struct ltt_previous;

/**
 * struct ltt_prev_cpu - What was found of one CPU's buffer
 * @prev: the trace
 * @cpu: the CPU
 * @chunks: the chunks holding whole packets, oldest packet first
 * @nr: entries in @chunks
 * @ends: where each of those packets ends in the stream file, which has
 *	them back to back, each packet_size bytes long
 * @incomplete: packets left out: an event in them was never committed
 *
 * What the CPU's stream file points to.
 */
struct ltt_prev_cpu {
	struct ltt_previous *prev;
	unsigned int cpu;
	u32 *chunks;
	unsigned int nr;
	u64 *ends;
	unsigned int incomplete;
};

/**
 * struct ltt_previous - A previous boot's trace, checked
 * @node: in ltt_previous_list. ltt_previous_mutex.
 * @hdr: the region
 * @config: the geometry, for ltt_rb_memory_chunk()
 * @data: where the chunks start
 * @cpus: per CPU number, hdr->nr_cpus of them
 * @readers: open stream files. ltt_previous_mutex.
 * @gone: discarded; freed when the last stream file is closed.
 *	ltt_previous_mutex.
 * @name: the region's name
 *
 * Read-only once made. The stream files are made with
 * debugfs_create_file_unsafe(), for read_iter and splice, which
 * debugfs's proxy does not pass on: @readers keeps the trace for them.
 * The other files go through the proxy, so removing them waits for their
 * reads in flight.
 */
struct ltt_previous {
	struct list_head node;
	struct ltt_crash_header *hdr;
	struct ltt_rb_config config;
	void *data;
	struct ltt_prev_cpu *cpus;
	unsigned int readers;
	bool gone;
	char name[LTT_NAME_MAX + 1];
};

static LIST_HEAD(ltt_previous_list);
static DEFINE_MUTEX(ltt_previous_mutex);
static struct dentry *ltt_previous_dir;

/* What previous/NAME/switch_timer_us says: the trace is not growing. */
static u32 ltt_prev_no_timer;

static const char *const ltt_crash_reasons[] = {
	[LTT_CRASH_PANIC] = "panic",
	[LTT_CRASH_OOPS] = "oops",
};

static bool ltt_prev_name_ok(const char *s, size_t size)
{
	return strnlen(s, size) < size && ltt_name_valid(s);
}

/* Does [off, off + len) lie within [0, size)? */
static bool ltt_prev_within(u64 off, u64 len, u64 size)
{
	u64 end;

	return !check_add_overflow(off, len, &end) && end <= size;
}

/**
 * ltt_crash_check_header() - May a region found at boot be read back?
 * @h: the region, @size bytes
 * @size: its size, as reserve_mem says
 *
 * Everything in the region other than the packets: the header, the
 * saved per-CPU states and the metadata. The packets are checked one by
 * one when they are read.
 *
 * Return: NULL if the region holds a saved trace that can be trusted,
 * else why not, for the kernel log.
 */
const char *ltt_crash_check_header(struct ltt_crash_header *h, size_t size)
{
	u64 cpus, data;

	if (h->magic != LTT_CRASH_MAGIC)
		return "no LTT crash buffer";
	if (h->version != LTT_CRASH_VERSION)
		return "another layout version";
	if (h->header_crc != ltt_crash_header_crc(h))
		return "header CRC mismatch";
	if (h->state == LTT_CRASH_LIVE)
		return "the previous kernel did not save its buffers (no panic or oops path ran)";
	if (h->state != LTT_CRASH_SAVED)
		return "nothing saved";
	if (h->region_size != size || h->page_size != PAGE_SIZE)
		return "another region size or page size";
	if (!h->nr_cpus || h->nr_cpus > nr_cpu_ids ||
	    !is_power_of_2(h->subbuf_size) || h->subbuf_size < PAGE_SIZE ||
	    h->subbuf_size > LTT_RB_MAX_SUBBUF_SIZE ||
	    !is_power_of_2(h->num_subbuf) || h->num_subbuf < 2 ||
	    h->num_subbuf > LTT_RB_MAX_NUM_SUBBUF ||
	    h->mode > LTT_RB_OVERWRITE || h->clock >= LTT_CLOCK_NR ||
	    h->reason < LTT_CRASH_PANIC || h->reason > LTT_CRASH_OOPS)
		return "geometry out of range";
	if (h->cpu_offset < sizeof(*h) ||
	    h->cpu_stride < struct_size_t(struct ltt_crash_cpu, commit,
					  h->num_subbuf) ||
	    h->cpu_stride > (64U << 20) ||
	    !PAGE_ALIGNED(h->data_offset) ||
	    h->metadata_len > h->metadata_max)
		return "bad offsets";
	cpus = (u64)h->nr_cpus * h->cpu_stride;
	data = (u64)h->nr_cpus * (h->num_subbuf + 1) * h->subbuf_size;
	if (!ltt_prev_within(h->cpu_offset, cpus, h->metadata_offset) ||
	    !ltt_prev_within(h->metadata_offset, h->metadata_max,
			     h->data_offset) ||
	    !ltt_prev_within(h->data_offset, data, size))
		return "offsets outside the region";
	if (!ltt_prev_name_ok(h->session, sizeof(h->session)) ||
	    !ltt_prev_name_ok(h->channel, sizeof(h->channel)) ||
	    strnlen(h->release, sizeof(h->release)) == sizeof(h->release))
		return "bad names";
	if (h->saved_crc != ltt_crash_saved_crc(h))
		return "saved state CRC mismatch";
	return NULL;
}

/*
 * Is the packet in @hdr, found in a chunk of CPU @cpu, one to show? See
 * "Which packets are whole" above. Closes the open packet.
 */
static int ltt_prev_judge(struct ltt_previous *prev, unsigned int cpu,
			  struct ltt_packet_header *hdr)
{
	struct ltt_crash_header *h = prev->hdr;
	struct ltt_crash_cpu *c = ltt_crash_cpu(h, cpu);
	unsigned int shift = ilog2(h->subbuf_size);
	u64 size = h->subbuf_size, off = c->saved.offset & (size - 1);
	u64 cur = c->saved.offset >> shift, newest = off ? cur : cur - 1;
	u64 seq = hdr->packet_seq_num, round, commit;

	if (hdr->magic != LTT_PACKET_MAGIC || hdr->stream_id != h->stream_id ||
	    hdr->cpu_id != cpu || !hdr->packet_size ||
	    hdr->packet_size > size * BITS_PER_BYTE ||
	    !IS_ALIGNED(hdr->packet_size, PAGE_SIZE * BITS_PER_BYTE) ||
	    seq > newest || newest - seq > h->num_subbuf)
		return -ENOENT;
	round = seq >> ilog2(h->num_subbuf);
	commit = c->commit[seq & (h->num_subbuf - 1)];
	if (seq == cur) {
		if (commit != round * size + off)
			return -EIO;
		hdr->timestamp_end = c->saved.last_ts;
		hdr->content_size = off * BITS_PER_BYTE;
		hdr->packet_size = (u64)ltt_packet_size(off, size) *
				   BITS_PER_BYTE;
		hdr->events_discarded = c->saved.events_discarded;
		return 0;
	}
	if ((s64)(commit - (round + 1) * size) < 0)
		return -EIO;
	if (hdr->content_size > hdr->packet_size ||
	    hdr->content_size < LTT_PACKET_HEADER_LEN * BITS_PER_BYTE ||
	    hdr->packet_size != (u64)ltt_packet_size(hdr->content_size /
						     BITS_PER_BYTE, size) *
				BITS_PER_BYTE ||
	    hdr->timestamp_end < hdr->timestamp_begin)
		return -EIO;
	return 0;
}

static void *ltt_prev_chunk(struct ltt_previous *prev, unsigned int cpu,
			    unsigned int i)
{
	return ltt_rb_memory_chunk(&prev->config, prev->data, cpu, i);
}

static int ltt_prev_cmp(const void *a, const void *b, const void *priv)
{
	const struct ltt_prev_cpu *pc = priv;
	const struct ltt_packet_header *pa, *pb;

	pa = ltt_prev_chunk(pc->prev, pc->cpu, *(const u32 *)a);
	pb = ltt_prev_chunk(pc->prev, pc->cpu, *(const u32 *)b);
	if (pa->packet_seq_num == pb->packet_seq_num)
		return 0;
	return pa->packet_seq_num < pb->packet_seq_num ? -1 : 1;
}

/* Find CPU @cpu's whole packets, oldest first. */
static int ltt_prev_scan_cpu(struct ltt_previous *prev, unsigned int cpu)
{
	struct ltt_prev_cpu *pc = &prev->cpus[cpu];
	const struct ltt_packet_header *hdr;
	unsigned int i;
	int ret;

	pc->prev = prev;
	pc->cpu = cpu;
	if (!ltt_crash_cpu(prev->hdr, cpu)->present)
		return 0;
	pc->chunks = kcalloc(prev->hdr->num_subbuf + 1, sizeof(*pc->chunks),
			     GFP_KERNEL);
	if (!pc->chunks)
		return -ENOMEM;
	for (i = 0; i <= prev->hdr->num_subbuf; i++) {
		ret = ltt_prev_judge(prev, cpu, ltt_prev_chunk(prev, cpu, i));
		if (!ret)
			pc->chunks[pc->nr++] = i;
		else if (ret == -EIO)
			pc->incomplete++;
	}
	sort_r(pc->chunks, pc->nr, sizeof(*pc->chunks), ltt_prev_cmp, NULL,
	       pc);
	pc->ends = kcalloc(pc->nr + 1, sizeof(*pc->ends), GFP_KERNEL);
	if (!pc->ends)
		return -ENOMEM;
	for (i = 0; i < pc->nr; i++) {
		hdr = ltt_prev_chunk(prev, cpu, pc->chunks[i]);
		pc->ends[i] = (i ? pc->ends[i - 1] : 0) +
			      hdr->packet_size / BITS_PER_BYTE;
	}
	return 0;
}

static void ltt_prev_free(struct ltt_previous *prev)
{
	unsigned int cpu;

	if (prev->cpus)
		for (cpu = 0; cpu < prev->hdr->nr_cpus; cpu++) {
			kfree(prev->cpus[cpu].chunks);
			kfree(prev->cpus[cpu].ends);
		}
	kfree(prev->cpus);
	memunmap(prev->hdr);
	kfree(prev);
}

/* Stream files */

/* The packet byte @pos of the stream file is in; @pc->nr past the end. */
static unsigned int ltt_prev_packet_at(const struct ltt_prev_cpu *pc, u64 pos)
{
	unsigned int lo = 0, hi = pc->nr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pc->ends[mid] > pos)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static ssize_t ltt_prev_stream_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct ltt_prev_cpu *pc = iocb->ki_filp->private_data;
	u64 pos = iocb->ki_pos, start;
	size_t done = 0, n, copied;
	unsigned int idx;

	while (iov_iter_count(to)) {
		idx = ltt_prev_packet_at(pc, pos);
		if (idx >= pc->nr)
			break;
		start = idx ? pc->ends[idx - 1] : 0;
		n = min_t(u64, pc->ends[idx] - pos, iov_iter_count(to));
		copied = copy_to_iter(ltt_prev_chunk(pc->prev, pc->cpu,
						     pc->chunks[idx]) +
				      (pos - start), n, to);
		pos += copied;
		done += copied;
		if (copied < n)
			break;
	}
	iocb->ki_pos = pos;
	if (!done && iov_iter_count(to) && pc->nr && pos < pc->ends[pc->nr - 1])
		return -EFAULT;
	return done;
}

static int ltt_prev_stream_open(struct inode *inode, struct file *file)
{
	struct ltt_prev_cpu *pc = inode->i_private;

	guard(mutex)(&ltt_previous_mutex);
	if (pc->prev->gone)
		return -ENOENT;
	pc->prev->readers++;
	file->private_data = pc;
	return 0;
}

static int ltt_prev_stream_release(struct inode *inode, struct file *file)
{
	struct ltt_prev_cpu *pc = file->private_data;
	struct ltt_previous *prev = pc->prev;

	guard(mutex)(&ltt_previous_mutex);
	if (!--prev->readers && prev->gone)
		ltt_prev_free(prev);
	return 0;
}

static const struct file_operations ltt_prev_stream_fops = {
	.owner = THIS_MODULE,
	.open = ltt_prev_stream_open,
	.release = ltt_prev_stream_release,
	.read_iter = ltt_prev_stream_read,
	.splice_read = copy_splice_read,
	.llseek = default_llseek,
};

static ssize_t ltt_prev_metadata_read(struct file *file, char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	struct ltt_previous *prev = file->private_data;
	struct ltt_crash_header *h = prev->hdr;

	return simple_read_from_buffer(ubuf, count, ppos,
				       (void *)h + h->metadata_offset,
				       h->metadata_len);
}

static const struct file_operations ltt_prev_metadata_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = ltt_prev_metadata_read,
	.llseek = default_llseek,
};

static int ltt_prev_status_show(struct seq_file *m, void *unused)
{
	struct ltt_previous *prev = m->private;
	struct ltt_crash_header *h = prev->hdr;
	const struct ltt_packet_header *hdr;
	struct ltt_rb_stats stats;
	struct ltt_crash_cpu *c;
	struct ltt_prev_cpu *pc;
	unsigned int cpu, i;

	ltt_ctl_show_stats_header(m);
	for (cpu = 0; cpu < h->nr_cpus; cpu++) {
		c = ltt_crash_cpu(h, cpu);
		if (!c->present)
			continue;
		/*
		 * What can be read back is what was recorded: the whole
		 * packets, their headers and events, and their sizes in all.
		 */
		pc = &prev->cpus[cpu];
		stats = (struct ltt_rb_stats) {
			.events_written = c->saved.events_written,
			.events_discarded = c->saved.events_discarded,
			.subbufs_overwritten = c->saved.subbufs_overwritten,
			.events_overwritten = c->saved.events_overwritten,
		};
		for (i = 0; i < pc->nr; i++) {
			hdr = ltt_prev_chunk(prev, cpu, pc->chunks[i]);
			stats.bytes_recorded += hdr->content_size / BITS_PER_BYTE;
		}
		stats.bytes_written = pc->nr ? pc->ends[pc->nr - 1] : 0;
		ltt_ctl_show_stats(m, h->channel, cpu, &stats);
	}
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(ltt_prev_status);

static int ltt_prev_info_show(struct seq_file *m, void *unused)
{
	struct ltt_previous *prev = m->private;
	struct ltt_crash_header *h = prev->hdr;
	struct ltt_prev_cpu *pc;
	const struct ltt_packet_header *first, *last;
	unsigned int cpu;

	seq_printf(m, "session %s\nchannel %s\nkernel %s\nreason %s\n",
		   h->session, h->channel, h->release,
		   ltt_crash_reasons[h->reason]);
	seq_printf(m, "saved_clock %llu\nsubbuf_size %u\nnum_subbuf %u\nmode %s\n",
		   h->saved_clock, h->subbuf_size, h->num_subbuf,
		   h->mode == LTT_RB_OVERWRITE ? "overwrite" : "discard");
	seq_printf(m, "metadata_bytes %llu\n", h->metadata_len);
	for (cpu = 0; cpu < h->nr_cpus; cpu++) {
		pc = &prev->cpus[cpu];
		if (!ltt_crash_cpu(h, cpu)->present)
			continue;
		seq_printf(m, "cpu %u packets %u incomplete %u", cpu, pc->nr,
			   pc->incomplete);
		if (pc->nr) {
			first = ltt_prev_chunk(prev, cpu, pc->chunks[0]);
			last = ltt_prev_chunk(prev, cpu, pc->chunks[pc->nr - 1]);
			seq_printf(m, " seq %llu-%llu", first->packet_seq_num,
				   last->packet_seq_num);
		}
		seq_putc(m, '\n');
	}
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(ltt_prev_info);

static int ltt_prev_create_files(struct ltt_previous *prev)
{
	struct dentry *dir, *chans, *chan, *streams;
	unsigned int cpu;
	char name[16];

	dir = debugfs_create_dir(prev->name, ltt_previous_dir);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	debugfs_create_file("info", 0400, dir, prev, &ltt_prev_info_fops);
	debugfs_create_file("status", 0400, dir, prev, &ltt_prev_status_fops);
	debugfs_create_file("metadata", 0400, dir, prev,
			    &ltt_prev_metadata_fops);
	/* Not a live session: nothing more will come. */
	debugfs_create_u32("switch_timer_us", 0400, dir, &ltt_prev_no_timer);
	chans = debugfs_create_dir("channels", dir);
	chan = debugfs_create_dir(prev->hdr->channel, chans);
	debugfs_create_u32("subbuf_size", 0400, chan, &prev->hdr->subbuf_size);
	debugfs_create_u32("num_subbuf", 0400, chan, &prev->hdr->num_subbuf);
	streams = debugfs_create_dir("stream", chan);
	for (cpu = 0; cpu < prev->hdr->nr_cpus; cpu++) {
		if (!ltt_crash_cpu(prev->hdr, cpu)->present)
			continue;
		snprintf(name, sizeof(name), "cpu%u", cpu);
		debugfs_create_file_unsafe(name, 0400, streams,
					   &prev->cpus[cpu],
					   &ltt_prev_stream_fops);
	}
	return 0;
}

/* Look at region @name; show its trace if it holds one. */
static void ltt_prev_find(const char *name)
{
	struct ltt_crash_header *hdr;
	struct ltt_previous *prev;
	const char *why;
	unsigned int cpu;
	size_t size;

	hdr = ltt_crash_memremap(name, &size);
	if (IS_ERR(hdr))
		return;
	prev = kzalloc(sizeof(*prev), GFP_KERNEL);
	if (!prev) {
		memunmap(hdr);
		return;
	}
	strscpy(prev->name, name);
	prev->hdr = hdr;
	why = ltt_crash_check_header(prev->hdr, size);
	if (why) {
		if (prev->hdr->magic == LTT_CRASH_MAGIC)
			pr_warn("reserved memory \"%s\": previous trace not read back: %s\n",
				name, why);
		memunmap(prev->hdr);
		kfree(prev);
		return;
	}
	prev->config.subbuf_size = prev->hdr->subbuf_size;
	prev->config.num_subbuf = prev->hdr->num_subbuf;
	prev->data = (void *)prev->hdr + prev->hdr->data_offset;
	prev->cpus = kcalloc(prev->hdr->nr_cpus, sizeof(*prev->cpus),
			     GFP_KERNEL);
	if (!prev->cpus)
		goto fail;
	for (cpu = 0; cpu < prev->hdr->nr_cpus; cpu++)
		if (ltt_prev_scan_cpu(prev, cpu))
			goto fail;
	if (ltt_crash_set_held(name, true))
		goto fail;
	if (ltt_prev_create_files(prev)) {
		ltt_crash_set_held(name, false);
		goto fail;
	}
	list_add_tail(&prev->node, &ltt_previous_list);
	pr_info("reserved memory \"%s\": trace of session %s, channel %s, saved on %s by %s: in previous/%s\n",
		name, prev->hdr->session, prev->hdr->channel,
		ltt_crash_reasons[prev->hdr->reason], prev->hdr->release, name);
	return;

fail:
	pr_warn("reserved memory \"%s\": not enough memory to read the previous trace\n",
		name);
	ltt_prev_free(prev);
}

/*
 * Forget a trace: off the list, so that its region takes a new channel
 * (whose readers of the old stream files, if any, then read the new
 * contents: memory that stays mapped), then its files go. debugfs waits
 * for the opens and proxied reads in flight, which take
 * ltt_previous_mutex: not held meanwhile.
 */
static ssize_t discard_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct ltt_previous *prev, *found = NULL;
	char buf[LTT_CMD_MAX];
	char *name;

	name = ltt_ctl_get_cmd(ubuf, count, buf);
	if (IS_ERR(name))
		return PTR_ERR(name);
	scoped_guard(mutex, &ltt_previous_mutex) {
		list_for_each_entry(prev, &ltt_previous_list, node)
			if (!strcmp(prev->name, name))
				found = prev;
		if (!found) {
			pr_warn_ratelimited("previous/discard: no previous trace \"%s\"\n",
					    name);
			return -ENOENT;
		}
		list_del(&found->node);
		found->gone = true;
		found->hdr->state = LTT_CRASH_EMPTY;
		found->hdr->magic = 0;
		ltt_crash_set_held(found->name, false);
	}
	debugfs_lookup_and_remove(found->name, ltt_previous_dir);
	guard(mutex)(&ltt_previous_mutex);
	if (!found->readers)
		ltt_prev_free(found);
	return count;
}

static const struct file_operations discard_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = discard_write,
	.llseek = noop_llseek,
};

static int __init ltt_previous_init(void)
{
	struct dentry *root = ltt_debugfs_root();
	char names[sizeof(ltt_crash_names)];
	char *p = names, *name;

	if (!root)
		return 0;
	ltt_previous_dir = debugfs_create_dir("previous", root);
	if (IS_ERR(ltt_previous_dir))
		return PTR_ERR(ltt_previous_dir);
	debugfs_create_file("discard", 0200, ltt_previous_dir, NULL,
			    &discard_fops);
	strscpy(names, ltt_crash_names);
	guard(mutex)(&ltt_previous_mutex);
	while ((name = strsep(&p, ",")))
		if (ltt_name_valid(name))
			ltt_prev_find(name);
	return 0;
}
late_initcall(ltt_previous_init);
