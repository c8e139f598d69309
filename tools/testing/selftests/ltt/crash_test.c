// SPDX-License-Identifier: GPL-2.0
/*
 * Crash buffers, as user space sees them: channels placed in memory
 * reserved at boot (create_channel's memory= key), the previous/
 * directory and the panic_dump file. Placing a channel needs
 * reserve_mem=SIZE:4096:ltt on the kernel command line (4M, for
 * instance); without it those tests are skipped. That a placed channel
 * survives a crash and reads back after a warm reboot is not tested
 * here: that takes a crash and a reboot of the machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "ltt_test.h"

#define PREVIOUS	LTT_DIR "/previous"
#define DISCARD		PREVIOUS "/discard"
#define PANIC_DUMP	LTT_DIR "/panic_dump"
#define PACKET_MAGIC	0xC1FC1FC1U
#define REGION		"ltt"

/* A session of the test's own: its name and directories. */
struct session {
	char name[32];
	char dir[128];
	char chans[160];
};

/* Create a session named after the test process; 0 or a -errno. */
static int session_create(struct session *s, const char *prefix)
{
	snprintf(s->name, sizeof(s->name), "%s%d", prefix, getpid());
	snprintf(s->dir, sizeof(s->dir), LTT_SESSIONS "/%s", s->name);
	snprintf(s->chans, sizeof(s->chans), "%s/channels", s->dir);
	return ltt_write(LTT_CREATE_SESSION, s->name);
}

/* Why a test cannot run here, or NULL. */
static const char *ltt_missing(void)
{
	if (ltt_mount_debugfs())
		return "debugfs not available";
	if (access(LTT_CREATE_SESSION, F_OK))
		return LTT_CREATE_SESSION " missing: is CONFIG_LTT=y?";
	return NULL;
}

/* Create a channel in the region, or -ENODEV if the kernel has none. */
static int place(const char *dir, const char *spec)
{
	return ltt_write(ltt_path(dir, "create_channel"), spec);
}

FIXTURE(crash) {
	struct session s;
};

FIXTURE_SETUP(crash)
{
	const char *why = ltt_missing();

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, session_create(&self->s, "kcr"));
}

FIXTURE_TEARDOWN(crash)
{
	ltt_write(LTT_DESTROY_SESSION, self->s.name);
}

/* A session with channel "c" placed in the region. */
FIXTURE(placed) {
	struct session s;
	char chan[256];
};

FIXTURE_SETUP(placed)
{
	const char *why = ltt_missing();
	int ret;

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, session_create(&self->s, "kcp"));
	snprintf(self->chan, sizeof(self->chan), "%s/c", self->s.chans);
	ret = place(self->s.dir, "c memory=" REGION);
	if (ret == -ENODEV) {
		/* The teardown of a skipped setup does not run. */
		ltt_write(LTT_DESTROY_SESSION, self->s.name);
		SKIP(return, "no reserve_mem region \"" REGION "\"");
	}
	ASSERT_EQ(0, ret);
}

FIXTURE_TEARDOWN(placed)
{
	ltt_write(LTT_DESTROY_SESSION, self->s.name);
}

TEST_F(crash, previous_directory_and_discard_file)
{
	struct stat st;

	ASSERT_EQ(0, stat(PREVIOUS, &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	EXPECT_EQ(0200U, ltt_file_mode(DISCARD));
}

TEST_F(crash, discard_of_unknown_trace_is_enoent)
{
	EXPECT_EQ(-ENOENT, ltt_write(DISCARD, "nosuch"));
	EXPECT_EQ(-EINVAL, ltt_write(DISCARD, ""));
	/* Taken as written, as every control file takes a name. */
	EXPECT_EQ(-ENOENT, ltt_write(DISCARD, " " REGION));
}

TEST_F(crash, missing_memory_is_enodev)
{
	EXPECT_EQ(-ENODEV, place(self->s.dir, "c memory=nosuch-region"));
	EXPECT_NE(0, access(ltt_path(self->s.chans, "c"), F_OK));
}

TEST_F(crash, bad_memory_names_are_einval)
{
	EXPECT_EQ(-EINVAL, place(self->s.dir, "c memory="));
	EXPECT_EQ(-EINVAL, place(self->s.dir, "c memory=a/b"));
	EXPECT_EQ(-EINVAL, place(self->s.dir, "c memory=a memory=b"));
	EXPECT_NE(0, access(ltt_path(self->s.chans, "c"), F_OK));
}

TEST_F(crash, geometry_that_does_not_fit_is_refused)
{
	int ret = place(self->s.dir, "c subbuf_size=256 memory=" REGION);

	if (ret == -ENODEV)
		SKIP(return, "no reserve_mem region \"" REGION "\"");
	/* Sub-buffers smaller than a page cannot be placed. */
	EXPECT_EQ(-EINVAL, ret);
	EXPECT_EQ(-ENOSPC, place(self->s.dir, "c num_subbuf=32768 memory=" REGION));
	EXPECT_NE(0, access(ltt_path(self->s.chans, "c"), F_OK));
}

TEST_F(placed, channel_records_and_reads_back)
{
	char buf[4096], status[4096];
	const char *chan = self->chan;
	unsigned long long written = 0;
	int fd, packets = 0;
	ssize_t n;
	uint32_t magic;
	char *line;

	ASSERT_EQ(0, ltt_write(ltt_path(chan, "mode"), "overwrite"));
	ASSERT_EQ(0, ltt_write(ltt_path(chan, "enable_event"),
			       "ltt_test:ltt_test_seq"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->s.dir, "enable"), "1"));
	ASSERT_EQ(0, ltt_emit(1000));
	ASSERT_EQ(0, ltt_write(ltt_path(self->s.dir, "enable"), "0"));
	ASSERT_LT(0, ltt_read_file(ltt_path(chan, "status"), status,
				   sizeof(status)));
	for (line = strtok(status, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long long w;
		int cpu;

		if (sscanf(line, "c %d %llu", &cpu, &w) == 2)
			written += w;
	}
	EXPECT_EQ(1000ULL, written);
	for (int cpu = 0; cpu < 64; cpu++) {
		char f[300];

		snprintf(f, sizeof(f), "%s/stream/cpu%d", chan, cpu);
		fd = open(f, O_RDONLY | O_NONBLOCK);
		if (fd < 0)
			continue;
		while ((n = read(fd, buf, sizeof(buf))) == sizeof(buf)) {
			memcpy(&magic, buf, sizeof(magic));
			EXPECT_EQ(PACKET_MAGIC, magic);
			packets++;
		}
		close(fd);
	}
	EXPECT_LT(0, packets);
}

TEST_F(placed, one_channel_per_region)
{
	char other[64], odir[128];

	snprintf(other, sizeof(other), "kcro%d", getpid());
	snprintf(odir, sizeof(odir), LTT_SESSIONS "/%s", other);
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, other));
	EXPECT_EQ(-EBUSY, place(odir, "d memory=" REGION));
	EXPECT_EQ(-EBUSY, place(self->s.dir, "d memory=" REGION));
	/* Destroying the channel's session frees the region. */
	ASSERT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->s.name));
	EXPECT_EQ(0, place(odir, "d memory=" REGION));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, other));
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, self->s.name));
}

TEST_F(placed, geometry_is_fixed_but_mode_is_not)
{
	const char *chan = self->chan;
	char buf[32];

	EXPECT_EQ(-EXDEV, ltt_write(ltt_path(chan, "subbuf_size"), "8192"));
	EXPECT_EQ(-EXDEV, ltt_write(ltt_path(chan, "num_subbuf"), "16"));
	ASSERT_LT(0, ltt_read_file(ltt_path(chan, "subbuf_size"), buf,
				   sizeof(buf)));
	EXPECT_STREQ("4096\n", buf);
	EXPECT_EQ(0, ltt_write(ltt_path(chan, "mode"), "overwrite"));
	ASSERT_LT(0, ltt_read_file(ltt_path(chan, "mode"), buf, sizeof(buf)));
	EXPECT_STREQ("overwrite\n", buf);
}

TEST_F(crash, panic_dump_takes_a_bounded_count)
{
	char buf[32], old[32];

	ASSERT_LT(0, ltt_read_file(PANIC_DUMP, old, sizeof(old)));
	EXPECT_EQ(0600U, ltt_file_mode(PANIC_DUMP));
	EXPECT_EQ(-EINVAL, ltt_write(PANIC_DUMP, "1001"));
	EXPECT_EQ(-EINVAL, ltt_write(PANIC_DUMP, "-1"));
	EXPECT_EQ(-EINVAL, ltt_write(PANIC_DUMP, "ten"));
	ASSERT_LT(0, ltt_read_file(PANIC_DUMP, buf, sizeof(buf)));
	EXPECT_STREQ(old, buf);
	EXPECT_EQ(0, ltt_write(PANIC_DUMP, "1000"));
	ASSERT_LT(0, ltt_read_file(PANIC_DUMP, buf, sizeof(buf)));
	EXPECT_STREQ("1000\n", buf);
	EXPECT_EQ(0, ltt_write(PANIC_DUMP, "0"));
	ASSERT_LT(0, ltt_read_file(PANIC_DUMP, buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
}

TEST_HARNESS_MAIN
