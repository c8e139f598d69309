// SPDX-License-Identifier: GPL-2.0
/*
 * Reading LTT trace data from user space: the per-CPU stream files and
 * the metadata file of a session, with read(), splice(), mmap() and
 * poll(), end
 * of file after the session stops, and what a reader sees when the
 * session is destroyed under it. Events come from the test event source
 * (/sys/module/ltt/parameters/test_events, CONFIG_LTT_KUNIT_TEST), the
 * ltt_test_seq trace event, all recorded on CPU 0, where the test pins
 * itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "ltt_test.h"
#include "../../../../include/uapi/linux/ltt.h"

#define TEST_EVENT	"ltt_test:ltt_test_seq"

#define SUBBUF_SIZE	4096
#define PACKET_MAGIC	0xC1FC1FC1U
#define MAX_EVENTS	100000

/* struct ltt_packet_header, as the kernel lays it out. */
struct packet_header {
	uint32_t magic;
	uint32_t stream_id;
	uint64_t timestamp_begin;
	uint64_t timestamp_end;
	uint64_t content_size;
	uint64_t packet_size;
	uint64_t packet_seq_num;
	uint64_t events_discarded;
	uint32_t cpu_id;
};

/* Without the padding the compiler puts after cpu_id. */
#define PACKET_HEADER_LEN	(offsetof(struct packet_header, cpu_id) + 4)

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * The size of a packet of @content bytes in a sub-buffer of @subbuf_size:
 * its content rounded up to a page, at most the sub-buffer.
 */
static size_t packet_size_of(size_t content, size_t subbuf_size)
{
	size_t page = sysconf(_SC_PAGESIZE);
	size_t size = (content + page - 1) / page * page;

	return size < subbuf_size ? size : subbuf_size;
}

/*
 * Pull the 64-bit payloads of the events of @len bytes of packets of
 * SUBBUF_SIZE sub-buffers into @seq; return how many, or -1 if a packet
 * is malformed.
 */
static int packet_events(const unsigned char *p, size_t len, uint64_t *seq,
			 int max)
{
	const struct packet_header *h;
	size_t off, end, size = 0;
	uint32_t word;
	int n = 0;

	for (; len >= PACKET_HEADER_LEN; p += size, len -= size) {
		h = (const void *)p;
		size = h->packet_size / 8;
		if (h->magic != PACKET_MAGIC ||
		    h->content_size > h->packet_size ||
		    size != packet_size_of(h->content_size / 8, SUBBUF_SIZE) ||
		    size > len)
			return -1;
		end = h->content_size / 8;
		for (off = PACKET_HEADER_LEN; off < end && n < max; n++) {
			memcpy(&word, p + off, 4);
			/* Compact (4 bytes) or extended (13) header. */
			off += (word & 31) == 31 ? 13 : 4;
			memcpy(&seq[n], p + off, 8);
			off += 8;
		}
	}
	return len ? -1 : n;
}

/* Run on @cpu only. */
static int pin_to(int cpu)
{
	cpu_set_t cpus;

	CPU_ZERO(&cpus);
	CPU_SET(cpu, &cpus);
	return sched_setaffinity(0, sizeof(cpus), &cpus);
}

FIXTURE(stream) {
	char name[32];
	char dir[128];
};

FIXTURE_SETUP(stream)
{
	int ret = ltt_mount_debugfs();

	if (ret)
		SKIP(return, "debugfs not available: %s", strerror(-ret));
	if (access(LTT_CREATE_SESSION, F_OK))
		SKIP(return, "%s missing: is CONFIG_LTT=y?", LTT_CREATE_SESSION);
	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, "%s missing: is CONFIG_LTT_KUNIT_TEST=y?",
		     LTT_TEST_EVENTS);
	ASSERT_EQ(0, pin_to(0));
	snprintf(self->name, sizeof(self->name), "kstr%d", getpid());
	snprintf(self->dir, sizeof(self->dir), LTT_SESSIONS "/%s", self->name);
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, self->name));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"),
			       "a subbuf_size=4096"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/a/enable_event"),
			       TEST_EVENT));
}

FIXTURE_TEARDOWN(stream)
{
	ltt_write(LTT_DESTROY_SESSION, self->name);
}

TEST_F(stream, files_exist_root_only)
{
	long cpu, ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	EXPECT_EQ(0400U, ltt_file_mode(ltt_path(self->dir, "metadata")));
	for (cpu = 0; cpu < ncpu; cpu++) {
		char f[64];

		snprintf(f, sizeof(f), "channels/a/stream/cpu%ld", cpu);
		EXPECT_EQ(0400U, ltt_file_mode(ltt_path(self->dir, f)));
	}
}

TEST_F(stream, one_reader_per_stream)
{
	int fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1,
		  open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY));
	EXPECT_EQ(EBUSY, errno);
	/* The buffer may not be replaced under the reader. */
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "channels/a/subbuf_size"), "8192"));
	close(fd);
	EXPECT_EQ(0,
		  ltt_write(ltt_path(self->dir, "channels/a/subbuf_size"), "4096"));
}

TEST_F(stream, read_returns_whole_packets_then_eof)
{
	static unsigned char buf[2 * SUBBUF_SIZE];
	static uint64_t seq[MAX_EVENTS];
	int fd, n, i, packets = 0;
	ssize_t len;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(1000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	n = 0;
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		ASSERT_EQ(SUBBUF_SIZE, len);
		i = packet_events(buf, len, seq + n, MAX_EVENTS - n);
		ASSERT_LE(0, i);
		n += i;
		packets++;
	}
	EXPECT_EQ(0, len);
	EXPECT_LE(3, packets);
	ASSERT_EQ(1000, n);
	for (i = 1; i < n; i++)
		EXPECT_EQ(seq[i - 1] + 1, seq[i]);
	/* Still end of file. */
	EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	close(fd);
}

TEST_F(stream, small_reads_return_pieces_of_one_packet)
{
	unsigned char buf[SUBBUF_SIZE];
	size_t got = 0;
	ssize_t len;
	int fd;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(10));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	while (got < SUBBUF_SIZE) {
		len = read(fd, buf + got, 1000);
		ASSERT_LT(0, len);
		ASSERT_GE(1000, len);
		got += len;
	}
	EXPECT_EQ((size_t)SUBBUF_SIZE, got);
	EXPECT_EQ(PACKET_MAGIC, ((struct packet_header *)buf)->magic);
	close(fd);
}

/*
 * A packet flushed before it is full ends at its content rounded up to a
 * page, however large the sub-buffer: read(), splice() and mmap() all
 * return that much and no more.
 */
TEST_F(stream, flushed_packet_ends_at_a_page)
{
	const size_t big = 16 * SUBBUF_SIZE, page = sysconf(_SC_PAGESIZE);
	static unsigned char buf[16 * SUBBUF_SIZE];
	const struct packet_header *h = (const void *)buf;
	struct ltt_subbuf_info sb;
	unsigned char *base;
	uint64_t map_len;
	int fd, pfd[2], way;
	ssize_t len;

	if (page >= big)
		SKIP(return, "pages of %zu bytes: no sub-buffer is larger", page);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"),
			       "b subbuf_size=65536"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/b/enable_event"),
			       TEST_EVENT));
	fd = open(ltt_path(self->dir, "channels/b/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ioctl(fd, LTT_GET_MMAP_LEN, &map_len));
	for (way = 0; way < 3; way++) {
		/* Stopping the session flushes the packet. */
		ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
		ASSERT_EQ(0, ltt_emit(10));
		ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
		if (way == 0) {
			len = read(fd, buf, sizeof(buf));
		} else if (way == 1) {
			len = splice(fd, NULL, pfd[1], NULL, sizeof(buf), 0);
			ASSERT_EQ(len, read(pfd[0], buf, sizeof(buf)));
		} else {
			base = mmap(NULL, map_len, PROT_READ, MAP_SHARED, fd, 0);
			ASSERT_NE(MAP_FAILED, base);
			ASSERT_EQ(0, ioctl(fd, LTT_GET_NEXT_SUBBUF, &sb));
			len = sb.size;
			memcpy(buf, base + sb.offset, sb.size);
			ASSERT_EQ(0, ioctl(fd, LTT_PUT_SUBBUF));
			munmap(base, map_len);
		}
		ASSERT_EQ((ssize_t)page, len);
		EXPECT_EQ(PACKET_MAGIC, h->magic);
		EXPECT_EQ((uint64_t)way, h->packet_seq_num);
		EXPECT_EQ((uint64_t)page * 8, h->packet_size);
		EXPECT_LT(PACKET_HEADER_LEN * 8, h->content_size);
		EXPECT_GE(h->packet_size, h->content_size);
		/* Nothing more until the next start. */
		EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	}
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

/* The same events through read() on one channel, splice() on another. */
TEST_F(stream, read_and_splice_give_the_same_events)
{
	static unsigned char rbuf[64 * SUBBUF_SIZE], sbuf[64 * SUBBUF_SIZE];
	static uint64_t rseq[MAX_EVENTS], sseq[MAX_EVENTS];
	size_t rlen = 0, slen = 0;
	int rfd, sfd, pfd[2], rn, sn;
	ssize_t len;

	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "b subbuf_size=4096"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/b/enable_event"),
			       TEST_EVENT));
	rfd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	sfd = open(ltt_path(self->dir, "channels/b/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, rfd);
	ASSERT_LE(0, sfd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(2000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	while ((len = read(rfd, rbuf + rlen, SUBBUF_SIZE)) > 0)
		rlen += len;
	ASSERT_EQ(0, len);
	while ((len = splice(sfd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0)) > 0) {
		ASSERT_EQ(len, read(pfd[0], sbuf + slen, len));
		slen += len;
	}
	ASSERT_EQ(0, len);
	EXPECT_EQ(rlen, slen);
	rn = packet_events(rbuf, rlen, rseq, MAX_EVENTS);
	sn = packet_events(sbuf, slen, sseq, MAX_EVENTS);
	ASSERT_EQ(2000, rn);
	ASSERT_EQ(rn, sn);
	EXPECT_EQ(0, memcmp(rseq, sseq, rn * sizeof(rseq[0])));
	close(pfd[0]);
	close(pfd[1]);
	close(rfd);
	close(sfd);
}

/*
 * splice() gives the pipe the packet's own pages: they must stay as they
 * were for as long as they are in the pipe, while the writer wraps
 * around the ring many times in overwrite mode.
 */
TEST_F(stream, spliced_packets_outlive_overwriting)
{
	static unsigned char buf[2 * SUBBUF_SIZE];
	static uint64_t seq[MAX_EVENTS];
	const struct packet_header *h;
	int fd, pfd[2], n, i;

	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"),
			       "o subbuf_size=4096 num_subbuf=4 mode=overwrite"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/o/enable_event"),
			       TEST_EVENT));
	fd = open(ltt_path(self->dir, "channels/o/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(1000));
	ASSERT_EQ(SUBBUF_SIZE, splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	ASSERT_EQ(SUBBUF_SIZE, splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	/* Some 60 times around the ring of four sub-buffers. */
	ASSERT_EQ(0, ltt_emit(80000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	ASSERT_EQ(2 * SUBBUF_SIZE, read(pfd[0], buf, sizeof(buf)));
	for (i = 0; i < 2; i++) {
		h = (const void *)(buf + i * SUBBUF_SIZE);
		EXPECT_EQ((uint64_t)i, h->packet_seq_num);
	}
	n = packet_events(buf, sizeof(buf), seq, MAX_EVENTS);
	ASSERT_LT(100, n);
	for (i = 1; i < n; i++)
		ASSERT_EQ(seq[0] + i, seq[i]);
	/* The ring goes on with what the writer left in it. */
	ASSERT_EQ(SUBBUF_SIZE, splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	ASSERT_EQ(SUBBUF_SIZE, read(pfd[0], buf, SUBBUF_SIZE));
	h = (const void *)buf;
	EXPECT_LT(100U, h->packet_seq_num);
	EXPECT_LT(0, packet_events(buf, SUBBUF_SIZE, seq, MAX_EVENTS));
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

/*
 * Less than a page, or from the middle of a page after a short splice,
 * is copied; whole pages are lent. Either way the stream gives every
 * event once, in packets of the sub-buffer size.
 */
TEST_F(stream, splice_of_any_length)
{
	static unsigned char buf[64 * SUBBUF_SIZE];
	static uint64_t seq[MAX_EVENTS];
	size_t len = 0;
	int fd, pfd[2], n, i;
	ssize_t got;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(2000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	ASSERT_EQ(1000, splice(fd, NULL, pfd[1], NULL, 1000, 0));
	ASSERT_EQ(SUBBUF_SIZE - 1000,
		  splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	ASSERT_EQ(SUBBUF_SIZE, read(pfd[0], buf, SUBBUF_SIZE));
	len = SUBBUF_SIZE;
	while ((got = splice(fd, NULL, pfd[1], NULL, 3 * SUBBUF_SIZE, 0)) > 0) {
		ASSERT_EQ(0, got % SUBBUF_SIZE);
		ASSERT_GE(sizeof(buf), len + got);
		ASSERT_EQ(got, read(pfd[0], buf + len, got));
		len += got;
	}
	ASSERT_EQ(0, got);
	n = packet_events(buf, len, seq, MAX_EVENTS);
	ASSERT_EQ(2000, n);
	for (i = 1; i < n; i++)
		ASSERT_EQ(seq[0] + i, seq[i]);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

/*
 * A packet whose first pages are in a pipe gets a new chunk when it is
 * given back: the stream cannot be mapped until then, and splice()
 * copies while it is mapped.
 */
TEST_F(stream, mmap_and_lent_pages_exclude_each_other)
{
	const size_t size = 2 * SUBBUF_SIZE;
	static unsigned char buf[2 * SUBBUF_SIZE];
	const struct packet_header *h = (const void *)buf;
	struct ltt_subbuf_info sb;
	unsigned char *base;
	uint64_t map_len;
	int fd, pfd[2];

	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "b subbuf_size=8192"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/b/enable_event"),
			       TEST_EVENT));
	fd = open(ltt_path(self->dir, "channels/b/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ioctl(fd, LTT_GET_MMAP_LEN, &map_len));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(3000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));

	ASSERT_EQ(SUBBUF_SIZE, splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	EXPECT_EQ(MAP_FAILED,
		  mmap(NULL, map_len, PROT_READ, MAP_SHARED, fd, 0));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(SUBBUF_SIZE, splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0));
	ASSERT_EQ(size, read(pfd[0], buf, size));
	EXPECT_EQ(PACKET_MAGIC, h->magic);
	EXPECT_EQ(0U, h->packet_seq_num);
	EXPECT_EQ(size * 8, h->packet_size);

	base = mmap(NULL, map_len, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, base);
	ASSERT_EQ(size, splice(fd, NULL, pfd[1], NULL, size, 0));
	ASSERT_EQ(size, read(pfd[0], buf, size));
	EXPECT_EQ(1U, h->packet_seq_num);
	ASSERT_EQ(0, ioctl(fd, LTT_GET_NEXT_SUBBUF, &sb));
	h = (const void *)(base + sb.offset);
	EXPECT_EQ(PACKET_MAGIC, h->magic);
	EXPECT_EQ(2U, h->packet_seq_num);
	ASSERT_EQ(0, ioctl(fd, LTT_PUT_SUBBUF));
	munmap(base, map_len);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

/* The same events through read() on one channel, mmap() on another. */
TEST_F(stream, read_and_mmap_give_the_same_events)
{
	static unsigned char rbuf[64 * SUBBUF_SIZE], mbuf[64 * SUBBUF_SIZE];
	static uint64_t rseq[MAX_EVENTS], mseq[MAX_EVENTS];
	size_t rlen = 0, mlen = 0;
	struct ltt_subbuf_info sb;
	uint64_t map_len, size;
	int rfd, mfd, rn, mn;
	unsigned char *base;
	ssize_t len;

	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "b subbuf_size=4096"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "channels/b/enable_event"),
			       TEST_EVENT));
	rfd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	mfd = open(ltt_path(self->dir, "channels/b/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, rfd);
	ASSERT_LE(0, mfd);
	ASSERT_EQ(0, ioctl(mfd, LTT_GET_SUBBUF_SIZE, &size));
	EXPECT_EQ((uint64_t)SUBBUF_SIZE, size);
	ASSERT_EQ(0, ioctl(mfd, LTT_GET_MMAP_LEN, &map_len));
	/* Eight sub-buffers and the spare. */
	EXPECT_EQ((uint64_t)9 * SUBBUF_SIZE, map_len);
	EXPECT_EQ(MAP_FAILED, mmap(NULL, map_len, PROT_READ | PROT_WRITE,
				   MAP_SHARED, mfd, 0));
	base = mmap(NULL, map_len, PROT_READ, MAP_SHARED, mfd, 0);
	ASSERT_NE(MAP_FAILED, base);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(-1, ioctl(mfd, LTT_PUT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, ltt_emit(2000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	while ((len = read(rfd, rbuf + rlen, SUBBUF_SIZE)) > 0)
		rlen += len;
	ASSERT_EQ(0, len);
	while (!ioctl(mfd, LTT_GET_NEXT_SUBBUF, &sb)) {
		ASSERT_EQ((uint64_t)SUBBUF_SIZE, sb.size);
		ASSERT_GE(map_len, sb.offset + sb.size);
		memcpy(mbuf + mlen, base + sb.offset, sb.size);
		mlen += sb.size;
		ASSERT_EQ(0, ioctl(mfd, LTT_PUT_SUBBUF));
	}
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(rlen, mlen);
	rn = packet_events(rbuf, rlen, rseq, MAX_EVENTS);
	mn = packet_events(mbuf, mlen, mseq, MAX_EVENTS);
	ASSERT_EQ(2000, rn);
	ASSERT_EQ(rn, mn);
	EXPECT_EQ(0, memcmp(rseq, mseq, rn * sizeof(rseq[0])));
	munmap(base, map_len);
	close(rfd);
	close(mfd);
}

/*
 * One stream read three ways in turn, a packet each: read(), splice()
 * and mmap() take packets from the same place, so together they return
 * every event once, in order, in well-formed packets.
 */
TEST_F(stream, read_splice_and_mmap_share_one_stream)
{
	static unsigned char buf[64 * SUBBUF_SIZE];
	static uint64_t seq[MAX_EVENTS];
	const struct packet_header *h;
	struct ltt_subbuf_info sb;
	unsigned char *base;
	int fd, pfd[2], n, i;
	uint64_t map_len;
	size_t len = 0;
	ssize_t got;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(pfd));
	ASSERT_EQ(0, ioctl(fd, LTT_GET_MMAP_LEN, &map_len));
	base = mmap(NULL, map_len, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, base);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(2000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	for (i = 0; len + SUBBUF_SIZE <= sizeof(buf); i++) {
		if (i % 3 == 0) {
			got = read(fd, buf + len, SUBBUF_SIZE);
		} else if (i % 3 == 1) {
			got = splice(fd, NULL, pfd[1], NULL, SUBBUF_SIZE, 0);
			if (got > 0)
				ASSERT_EQ(got, read(pfd[0], buf + len, got));
		} else if (!ioctl(fd, LTT_GET_NEXT_SUBBUF, &sb)) {
			ASSERT_EQ((uint64_t)SUBBUF_SIZE, sb.size);
			memcpy(buf + len, base + sb.offset, sb.size);
			ASSERT_EQ(0, ioctl(fd, LTT_PUT_SUBBUF));
			got = sb.size;
		} else {
			ASSERT_EQ(ENODATA, errno);
			got = 0;
		}
		if (got <= 0)
			break;
		ASSERT_EQ(SUBBUF_SIZE, got);
		len += got;
	}
	ASSERT_EQ(0, got);
	/* At least two packets of each kind of read. */
	ASSERT_LE(6, i);
	for (n = 0; n < i; n++) {
		h = (const void *)(buf + n * SUBBUF_SIZE);
		EXPECT_EQ((uint64_t)n, h->packet_seq_num);
	}
	n = packet_events(buf, len, seq, MAX_EVENTS);
	ASSERT_EQ(2000, n);
	for (i = 1; i < n; i++)
		ASSERT_EQ(seq[0] + i, seq[i]);
	munmap(base, map_len);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}

/* Destroying a session while a writer keeps recording into it. */
TEST_F(stream, destroy_while_writing)
{
	unsigned char buf[SUBBUF_SIZE];
	int fd, status, i;
	pid_t pid;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* Fires into the session, then into nothing: never fails. */
		for (i = 0; i < 200; i++)
			if (ltt_emit(500))
				_exit(1);
		_exit(0);
	}
	usleep(100000);
	ASSERT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->name));
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
}

/* A reader blocked in poll() wakes up when its session is destroyed. */
TEST_F(stream, destroy_wakes_a_poller)
{
	struct pollfd pfd = { .events = POLLIN };
	struct timespec t0;
	int status;
	pid_t pid;

	pfd.fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, pfd.fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		usleep(300000);
		_exit(ltt_write(LTT_DESTROY_SESSION, self->name) ? 1 : 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Woken as destroyed, not as stopped and drained. */
	ASSERT_EQ(1, poll(&pfd, 1, 10000));
	EXPECT_LE(200, elapsed_ms(&t0));
	EXPECT_TRUE(pfd.revents & POLLERR);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLERR);
	close(pfd.fd);
}

/* Events in the packets that stream @f returns until end of file. */
static int stream_events(const char *f, uint64_t *seq)
{
	static unsigned char buf[64 * SUBBUF_SIZE];
	size_t len = 0;
	ssize_t got;
	int fd;

	fd = open(f, O_RDONLY);
	if (fd < 0)
		return -1;
	while (len < sizeof(buf) &&
	       (got = read(fd, buf + len, SUBBUF_SIZE)) > 0)
		len += got;
	close(fd);
	return packet_events(buf, len, seq, MAX_EVENTS);
}

#define CPU1_ONLINE	"/sys/devices/system/cpu/cpu1/online"

/*
 * A CPU that goes offline keeps its buffer, and what it recorded stays
 * readable; when it comes back it records into the same buffer again.
 */
TEST_F(stream, offline_cpu_keeps_its_buffer)
{
	static uint64_t seq[MAX_EVENTS];

	if (access(CPU1_ONLINE, W_OK) || pin_to(1))
		SKIP(return, "CPU 1 cannot go offline here");
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(100));
	ASSERT_EQ(0, pin_to(0));
	ASSERT_EQ(0, ltt_write(CPU1_ONLINE, "0"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_EQ(100, stream_events(ltt_path(self->dir, "channels/a/stream/cpu1"),
				     seq));
	EXPECT_EQ(0, ltt_write(CPU1_ONLINE, "1"));
	ASSERT_EQ(0, pin_to(1));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(50));
	ASSERT_EQ(0, pin_to(0));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_EQ(50, stream_events(ltt_path(self->dir, "channels/a/stream/cpu1"),
				    seq));
	ltt_write(CPU1_ONLINE, "1");
}

/*
 * A CPU that has not been online since the channel was created has no
 * buffer yet; it gets one before it runs, and records into it. Needs a
 * CPU 1 that has never been online: boot with maxcpus=1.
 */
TEST_F(stream, cpu_first_online_gets_a_buffer)
{
	static uint64_t seq[MAX_EVENTS];
	char online[8] = "";
	int fd;

	fd = open(CPU1_ONLINE, O_RDONLY);
	if (fd >= 0) {
		if (read(fd, online, sizeof(online) - 1) < 0)
			online[0] = 0;
		close(fd);
	}
	if (online[0] != '0')
		SKIP(return, "CPU 1 is online or cannot be: boot with maxcpus=1");
	EXPECT_EQ(-1,
		  open(ltt_path(self->dir, "channels/a/stream/cpu1"), O_RDONLY));
	EXPECT_EQ(ENODEV, errno);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_write(CPU1_ONLINE, "1"));
	ASSERT_EQ(0, pin_to(1));
	ASSERT_EQ(0, ltt_emit(100));
	ASSERT_EQ(0, pin_to(0));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_EQ(100, stream_events(ltt_path(self->dir, "channels/a/stream/cpu1"),
				     seq));
}

TEST_F(stream, read_blocks_until_stop_then_eof)
{
	unsigned char buf[SUBBUF_SIZE];
	struct timespec t0;
	ssize_t len;
	pid_t pid;
	int fd, status;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, 0));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		usleep(300000);
		_exit(ltt_write(ltt_path(self->dir, "enable"), "0") ? 1 : 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((len = read(fd, buf, sizeof(buf))) > 0)
		;
	EXPECT_EQ(0, len);
	EXPECT_LE(200, elapsed_ms(&t0));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
}

/*
 * A blocked reader wakes up as soon as a packet is complete: the writer
 * that completes it wakes the reader of that CPU's buffer, and nothing
 * else would before the session stops.
 */
TEST_F(stream, read_wakes_when_a_packet_completes)
{
	unsigned char buf[SUBBUF_SIZE];
	struct timespec t0;
	int fd, status;
	pid_t pid;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		usleep(200000);
		/* About 340 events fill a 4 KiB packet. */
		_exit(ltt_emit(1000) ? 1 : 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(SUBBUF_SIZE, read(fd, buf, sizeof(buf)));
	EXPECT_GT(10000, elapsed_ms(&t0));
	EXPECT_EQ(PACKET_MAGIC, ((struct packet_header *)buf)->magic);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	close(fd);
}

TEST_F(stream, poll_reports_packets_and_end)
{
	unsigned char buf[SUBBUF_SIZE];
	struct pollfd pfd = { .events = POLLIN };

	pfd.fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, pfd.fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(0, poll(&pfd, 1, 50));
	/* About 340 events fill a 4 KiB packet. */
	ASSERT_EQ(0, ltt_emit(1000));
	ASSERT_EQ(1, poll(&pfd, 1, 5000));
	EXPECT_EQ(POLLIN, pfd.revents);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	while (read(pfd.fd, buf, sizeof(buf)) > 0)
		;
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	close(pfd.fd);
}

TEST_F(stream, destroy_wakes_a_blocked_reader)
{
	unsigned char buf[SUBBUF_SIZE];
	int fd, status;
	ssize_t len;
	pid_t pid;

	fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		usleep(300000);
		_exit(ltt_write(LTT_DESTROY_SESSION, self->name) ? 1 : 0);
	}
	/*
	 * Nothing was recorded: the reader wakes with the error of a
	 * destroyed session, never with the end of file of a drained one,
	 * which would tell a consumer that its trace is complete.
	 */
	len = read(fd, buf, sizeof(buf));
	EXPECT_EQ(-1, len);
	EXPECT_EQ(ENODEV, errno);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_NE(0, access(self->dir, F_OK));
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	close(fd);
}

TEST_F(stream, destroy_with_streams_open)
{
	struct pollfd pfd = { .events = POLLIN };
	unsigned char buf[SUBBUF_SIZE];
	int md;

	pfd.fd = open(ltt_path(self->dir, "channels/a/stream/cpu0"), O_RDONLY);
	ASSERT_LE(0, pfd.fd);
	md = open(ltt_path(self->dir, "metadata"), O_RDONLY);
	ASSERT_LE(0, md);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(5000));
	ASSERT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->name));
	EXPECT_EQ(-1, read(pfd.fd, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLERR);
	EXPECT_EQ(-1, read(md, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	/* Emitting into nothing is fine too. */
	EXPECT_EQ(0, ltt_emit(100));
	close(pfd.fd);
	close(md);
}

TEST_F(stream, metadata_follows_the_session)
{
	static char buf[65536];
	ssize_t n, len = 0;
	int fd;

	fd = open(ltt_path(self->dir, "metadata"), O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	/* Nothing is described before the first start. */
	EXPECT_EQ(-1, read(fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	/* The whole description, then end of file once stopped. */
	EXPECT_EQ(0, n);
	buf[len] = '\0';
	EXPECT_EQ(0, strncmp(buf, "/* CTF 1.8 */", 13));
	EXPECT_NE(NULL, strstr(buf, "stream {\n\tid = 0;"));
	EXPECT_NE(NULL, strstr(buf, "name = \"ltt_test_seq\";"));
	close(fd);
}

TEST_HARNESS_MAIN
