// SPDX-License-Identifier: GPL-2.0
/*
 * Count the events in the files a consumer wrote, for
 * scripts/bench-throughput.sh: the events that reached the disk, to be
 * compared with the events fired and with each tracer's own counters.
 *
 *   trace-count ltt PAYLOAD FILE...
 *	LTT stream files as lttd writes them (CTF packets, see
 *	include/linux/ltt/ring_buffer.h), in a channel where every event
 *	has PAYLOAD bytes of fields and no context: walks the events of
 *	each packet, compact (4-byte header) or extended (13 bytes), up to
 *	the packet's content_size, and sums the last events_discarded of
 *	each file.
 *
 *   trace-count ftrace PAGE ID FILE...
 *	ftrace ring-buffer pages of PAGE bytes as trace_pipe_raw gives
 *	them (ftrace-splice): walks each page's events up to its commit,
 *	and counts the data events whose common_type is ID; other data
 *	events are counted apart.
 *
 * Prints one line:
 *
 *   count: events=N packets=P other=O discarded=D bad=B
 *
 * (P: packets or pages; O: other events, ftrace only; D: LTT's
 * events_discarded, or for ftrace the pages flagged with missed events;
 * B: packets or pages that did not parse: bad magic, an event running
 * past the content). Exits 1 if B is not 0. Little-endian only.
 *
 * Static, for the test guest: built by scripts/bench-throughput.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LTT_MAGIC		0xC1FC1FC1U
#define LTT_HEADER_LEN		60	/* struct ltt_packet_header */
#define LTT_ID_ESCAPE		31
#define LTT_COMPACT_LEN		4
#define LTT_EXTENDED_LEN	13

#define RB_TYPE_PADDING		29
#define RB_TYPE_TIME_EXTEND	30
#define RB_TYPE_TIME_STAMP	31
#define RB_MISSED_EVENTS	(1ULL << 31)
#define RB_COMMIT_MASK		((1ULL << 30) - 1)
#define RB_PAGE_HEADER_LEN	16	/* u64 time_stamp, local_t commit */

static unsigned long long events, packets, other, discarded, bad;

static unsigned long get16(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void count_ltt(FILE *f, unsigned long payload)
{
	unsigned char head[LTT_HEADER_LEN], *pkt;
	unsigned long long size, content, pos, disc = 0;

	while (fread(head, 1, sizeof(head), f) == sizeof(head)) {
		packets++;
		size = get64(head + 32) / 8;
		content = get64(head + 24) / 8;
		if (get32(head) != LTT_MAGIC || size < LTT_HEADER_LEN ||
		    content < LTT_HEADER_LEN || content > size) {
			bad++;
			return;
		}
		disc = get64(head + 48);
		pkt = malloc(size);
		if (!pkt || fread(pkt + LTT_HEADER_LEN, 1, size - LTT_HEADER_LEN, f) !=
			    size - LTT_HEADER_LEN) {
			free(pkt);
			bad++;
			return;
		}
		for (pos = LTT_HEADER_LEN; pos < content; events++) {
			if (content - pos < LTT_COMPACT_LEN)
				break;
			if ((get32(pkt + pos) & LTT_ID_ESCAPE) == LTT_ID_ESCAPE)
				pos += LTT_EXTENDED_LEN;
			else
				pos += LTT_COMPACT_LEN;
			pos += payload;
		}
		if (pos != content)
			bad++;
		free(pkt);
	}
	discarded += disc;
}

static void count_ftrace(FILE *f, unsigned long page, unsigned long id)
{
	unsigned char *buf = malloc(page);
	unsigned long long commit, len, pos, size;
	uint32_t w, type_len, delta;
	const unsigned char *data;

	if (!buf) {
		bad++;
		return;
	}
	while (fread(buf, 1, page, f) == page) {
		packets++;
		commit = get64(buf + 8);
		if (commit & RB_MISSED_EVENTS)
			discarded++;
		len = commit & RB_COMMIT_MASK;
		if (len > page - RB_PAGE_HEADER_LEN) {
			bad++;
			continue;
		}
		data = buf + RB_PAGE_HEADER_LEN;
		for (pos = 0; pos + 4 <= len; pos += size) {
			w = get32(data + pos);
			type_len = w & 31;
			delta = w >> 5;
			if (type_len == RB_TYPE_PADDING) {
				if (!delta)		/* the rest of the page */
					break;
				if (pos + 8 > len)
					break;
				size = get32(data + pos + 4) + 4;
				continue;
			}
			if (type_len == RB_TYPE_TIME_EXTEND ||
			    type_len == RB_TYPE_TIME_STAMP) {
				size = 8;
				continue;
			}
			if (type_len) {
				size = 4 + 4 * type_len;
				if (pos + 6 <= len && get16(data + pos + 4) == id)
					events++;
				else
					other++;
			} else {
				if (pos + 10 > len)
					break;
				size = get32(data + pos + 4) + 4;
				if (get16(data + pos + 8) == id)
					events++;
				else
					other++;
			}
			if (size < 8)
				break;
		}
		if (pos > len)
			bad++;
	}
	free(buf);
}

int main(int argc, char **argv)
{
	unsigned long a, b = 0;
	int i, first;
	FILE *f;

	if (argc < 4)
		goto usage;
	a = strtoul(argv[2], NULL, 0);
	if (!strcmp(argv[1], "ltt")) {
		first = 3;
	} else if (!strcmp(argv[1], "ftrace") && argc >= 5) {
		b = strtoul(argv[3], NULL, 0);
		first = 4;
		if (a <= RB_PAGE_HEADER_LEN)
			goto usage;
	} else {
		goto usage;
	}
	for (i = first; i < argc; i++) {
		f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		if (first == 3)
			count_ltt(f, a);
		else
			count_ftrace(f, a, b);
		fclose(f);
	}
	printf("count: events=%llu packets=%llu other=%llu discarded=%llu bad=%llu\n",
	       events, packets, other, discarded, bad);
	return bad ? 1 : 0;

usage:
	fprintf(stderr, "usage: trace-count ltt PAYLOAD FILE...\n"
			"       trace-count ftrace PAGE ID FILE...\n");
	return 2;
}
