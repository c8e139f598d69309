/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT crash buffers: the layout of a reserved memory region
 *
 * Shared by crash_buffer.c, which places a channel in the region and saves
 * its state when the kernel goes down, and crash_previous.c, which the
 * next kernel uses to read it back. Both sides are the same source, but
 * not necessarily the same build: everything the reader relies on is in
 * the region, checked against LTT_CRASH_MAGIC, LTT_CRASH_VERSION and a
 * CRC, and in native byte order (the region never leaves the machine).
 *
 *   offset 0          struct ltt_crash_header
 *   cpu_offset        nr_cpus x cpu_stride bytes: struct ltt_crash_cpu,
 *                     then num_subbuf commit counts, per CPU number
 *   metadata_offset   metadata_max bytes: the session's CTF metadata,
 *                     metadata_len of them used
 *   data_offset       the ring buffer's chunks, ltt_rb_memory_chunk()
 *   region_size       end
 *
 * The state word says what the region holds:
 *
 *   EMPTY ---- a channel is placed in it ----> LIVE
 *   LIVE  ---- the channel is destroyed -----> EMPTY
 *   LIVE  ---- panic, oops (saved) ----------> SAVED
 *   SAVED ---- next boot, "discard" ---------> EMPTY
 *
 * A LIVE region found at boot belongs to a kernel that went down without
 * saving its buffers (a reset no panic path saw): nothing in it can be
 * trusted, and it is reported and left unread. So is anything that fails
 * a check. A region keeps its SAVED trace, and refuses new channels,
 * until someone reads it and discards it.
 */
#ifndef _LTT_CRASH_BUFFER_H
#define _LTT_CRASH_BUFFER_H

#include <linux/ltt/ring_buffer.h>
#include <linux/ltt/session.h>
#include <linux/types.h>

#define LTT_CRASH_MAGIC		0x485341524354544cULL	/* "LTTCRASH" */
#define LTT_CRASH_VERSION	1U

enum ltt_crash_state {
	LTT_CRASH_EMPTY,
	LTT_CRASH_LIVE,
	LTT_CRASH_SAVED,
};

/* Why the buffers were saved: header->reason. */
enum ltt_crash_reason {
	LTT_CRASH_PANIC = 1,
	LTT_CRASH_OOPS,
};

/**
 * struct ltt_crash_header - The start of a region
 * @magic: LTT_CRASH_MAGIC
 * @version: LTT_CRASH_VERSION: the layout of everything here
 * @state: an enum ltt_crash_state
 * @header_crc: crc32_le() of the header with this field zero
 * @saved_crc: crc32_le() of the per-CPU states and the metadata, SAVED
 * @region_size: bytes in the region, as the writing kernel found it
 * @page_size: PAGE_SIZE of the writing kernel
 * @reason: an enum ltt_crash_reason, SAVED
 * @nr_cpus: per-CPU states that follow, nr_cpu_ids of the writer
 * @subbuf_size: the channel's geometry, mode, clock and stream id
 * @num_subbuf: see @subbuf_size
 * @mode: see @subbuf_size
 * @clock: see @subbuf_size
 * @stream_id: see @subbuf_size
 * @cpu_offset: where the per-CPU states start
 * @cpu_stride: bytes per CPU state
 * @metadata_offset: where the metadata text starts
 * @metadata_max: room for it
 * @metadata_len: bytes of it, at the time of saving
 * @data_offset: where the buffer's memory starts (page-aligned)
 * @saved_clock: the trace clock when the buffers were saved, in its units
 * @session: the session's name
 * @channel: the channel's name
 * @release: the writing kernel's release (utsname)
 */
struct ltt_crash_header {
	u64 magic;
	u32 version;
	u32 state;
	u32 header_crc;
	u32 saved_crc;
	u64 region_size;
	u32 page_size;
	u32 reason;
	u32 nr_cpus;
	u32 subbuf_size;
	u32 num_subbuf;
	u32 mode;
	u32 clock;
	u32 stream_id;
	u64 cpu_offset;
	u64 cpu_stride;
	u64 metadata_offset;
	u64 metadata_max;
	u64 metadata_len;
	u64 data_offset;
	u64 saved_clock;
	char session[LTT_NAME_MAX + 1];
	char channel[LTT_NAME_MAX + 1];
	char release[65];
};

/**
 * struct ltt_crash_cpu - The saved state of one CPU's buffer
 * @present: the CPU had a buffer
 * @unused: zero; keeps @saved 8-byte aligned
 * @saved: what ltt_rb_cpu_save() took
 * @commit: num_subbuf commit counts, one per slot
 */
struct ltt_crash_cpu {
	u32 present;
	u32 unused;
	struct ltt_rb_saved saved;
	u64 commit[];
};

static inline struct ltt_crash_cpu *
ltt_crash_cpu(struct ltt_crash_header *h, unsigned int cpu)
{
	return (void *)h + h->cpu_offset + (u64)cpu * h->cpu_stride;
}

u32 ltt_crash_header_crc(struct ltt_crash_header *h);
u32 ltt_crash_saved_crc(struct ltt_crash_header *h);

/* crash_buffer.c: placing channels and saving them */
struct ltt_crash_region;
void *ltt_crash_memremap(const char *name, size_t *size);
struct ltt_crash_region *ltt_crash_claim(const char *name,
					 struct ltt_rb_config *config);
void ltt_crash_attach(struct ltt_crash_region *r, struct ltt_channel *chan);
void ltt_crash_unclaim(struct ltt_crash_region *r);
void ltt_crash_detach(struct ltt_channel *chan);
void ltt_crash_mirror_metadata(struct ltt_session *session);
int ltt_crash_set_held(const char *name, bool held);

/* crash_previous.c: the previous boot's buffers */
const char *ltt_crash_check_header(struct ltt_crash_header *h, size_t size);

#endif /* _LTT_CRASH_BUFFER_H */
