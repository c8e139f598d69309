// SPDX-License-Identifier: GPL-2.0
/*
 * What user space sees of LTT sessions and channels through
 * /sys/kernel/debug/ltt/: every control file with good and bad input,
 * the errno of each refusal and that a refused write changes nothing,
 * two sessions tracing side by side, and control operations racing from
 * several processes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "ltt_test.h"

/* Read a whole file; returns a static buffer, "" on error. */
static const char *get(const char *path)
{
	static char buf[8192];

	if (ltt_read_file(path, buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	return buf;
}

/* The clock a session's clock file names: its first word. */
static const char *clock_of(const char *path)
{
	static char name[64];

	snprintf(name, sizeof(name), "%s", get(path));
	name[strcspn(name, "\n ")] = '\0';
	return name;
}

static int exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

FIXTURE(session) {
	char name[32];
	char dir[128];
};

FIXTURE_SETUP(session)
{
	int ret = ltt_mount_debugfs();

	if (ret)
		SKIP(return, "debugfs not available: %s", strerror(-ret));
	if (access(LTT_CREATE_SESSION, F_OK))
		SKIP(return, "%s missing: is CONFIG_LTT=y?", LTT_CREATE_SESSION);
	snprintf(self->name, sizeof(self->name), "kst%d", getpid());
	snprintf(self->dir, sizeof(self->dir), LTT_SESSIONS "/%s", self->name);
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, self->name));
}

FIXTURE_TEARDOWN(session)
{
	ltt_write(LTT_DESTROY_SESSION, self->name);
	EXPECT_FALSE(exists(self->dir));
}

TEST_F(session, files_are_root_only)
{
	static const struct { const char *file; unsigned int mode; } files[] = {
		{ "create_channel", 0200 }, { "clock", 0600 },
		{ "switch_timer_us", 0600 }, { "enable", 0600 },
		{ "status", 0400 },
	};
	unsigned int i;

	EXPECT_EQ(0200U, ltt_file_mode(LTT_CREATE_SESSION));
	EXPECT_EQ(0200U, ltt_file_mode(LTT_DESTROY_SESSION));
	for (i = 0; i < ARRAY_SIZE(files); i++)
		EXPECT_EQ(files[i].mode,
			  ltt_file_mode(ltt_path(self->dir, files[i].file)));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	EXPECT_EQ(0600U,
		  ltt_file_mode(ltt_path(self->dir, "channels/c/subbuf_size")));
	EXPECT_EQ(0600U,
		  ltt_file_mode(ltt_path(self->dir, "channels/c/num_subbuf")));
	EXPECT_EQ(0600U, ltt_file_mode(ltt_path(self->dir, "channels/c/mode")));
	EXPECT_EQ(0400U,
		  ltt_file_mode(ltt_path(self->dir, "channels/c/status")));
}

TEST_F(session, defaults)
{
	EXPECT_STREQ("monotonic", clock_of(ltt_path(self->dir, "clock")));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "switch_timer_us")));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "enable")));
}

TEST_F(session, create_duplicate_is_eexist)
{
	EXPECT_EQ(-EEXIST, ltt_write(LTT_CREATE_SESSION, self->name));
	EXPECT_TRUE(exists(ltt_path(self->dir, "enable")));
}

TEST_F(session, create_bad_names_are_einval)
{
	static const char * const bad[] = {
		"", "\n", "a/b", ".hidden", "-x", "two words", "..",
		"1234567890123456789012345678901234567890123456789012345678901234",
	};
	char path[PATH_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ltt_write(LTT_CREATE_SESSION, bad[i])) {
			TH_LOG("name \"%s\"", bad[i]);
		}
		snprintf(path, sizeof(path), LTT_SESSIONS "/%s", bad[i]);
		if (bad[i][0] && !strchr(bad[i], '/') && strcmp(bad[i], "..") &&
		    strcmp(bad[i], "\n"))
			EXPECT_FALSE(exists(path));
	}
}

/*
 * A command is every byte written but echo's one newline: a NUL, blanks
 * around a name or a second newline make it another command, refused,
 * never a shorter one that succeeds.
 */
TEST_F(session, commands_are_taken_byte_for_byte)
{
	static const struct { const char *file; const char *cmd; size_t len; } bad[] = {
		{ "create_session", "nul\0junk", 8 },
		{ "create_session", " lead", 5 },
		{ "create_session", "trail ", 6 },
		{ "create_session", "two\n\n", 5 },
		{ "create_session", "caf\xe9", 4 },
		{ "create_session", "\xc0\xc1", 2 },
		{ "destroy_session", NULL, 0 },	/* "NAME " */
		{ "create_channel", "c\0junk", 6 },
		{ "create_channel", " c", 2 },
		{ "clock", "counter\0x", 9 },
		{ "clock", " counter", 8 },
		{ "switch_timer_us", "1000\0x", 6 },
		{ "enable", "0 ", 2 },
	};
	char cmd[64], path[PATH_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *dir = strncmp(bad[i].file, "create_s", 8) &&
				  strncmp(bad[i].file, "destroy", 7) ? self->dir : LTT_DIR;
		size_t len = bad[i].len;

		if (bad[i].cmd)
			memcpy(cmd, bad[i].cmd, len);
		else
			len = snprintf(cmd, sizeof(cmd), "%s ", self->name);
		snprintf(path, sizeof(path), "%s/%s", dir, bad[i].file);
		EXPECT_EQ(-EINVAL, ltt_write_bytes(path, cmd, len)) {
			TH_LOG("%s: %zu bytes \"%.*s\"", bad[i].file, len, (int)len, cmd);
		}
	}
	EXPECT_FALSE(exists(LTT_SESSIONS "/nul"));
	EXPECT_FALSE(exists(LTT_SESSIONS "/ lead"));
	EXPECT_FALSE(exists(LTT_SESSIONS "/lead"));
	EXPECT_FALSE(exists(LTT_SESSIONS "/trail "));
	EXPECT_FALSE(exists(LTT_SESSIONS "/trail"));
	EXPECT_FALSE(exists(LTT_SESSIONS "/two"));
	EXPECT_TRUE(exists(self->dir));
	EXPECT_FALSE(exists(ltt_path(self->dir, "channels/c")));
	EXPECT_STREQ("monotonic", clock_of(ltt_path(self->dir, "clock")));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "switch_timer_us")));

	/* One trailing newline is echo's, and ignored. */
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "clock"), "counter\n"));
	EXPECT_STREQ("counter\n", get(ltt_path(self->dir, "clock")));
}

TEST_F(session, destroy_unknown_is_enoent)
{
	EXPECT_EQ(-ENOENT, ltt_write(LTT_DESTROY_SESSION, "no-such-session"));
	EXPECT_EQ(-EINVAL, ltt_write(LTT_DESTROY_SESSION, "a/b"));
	EXPECT_TRUE(exists(self->dir));
}

TEST_F(session, destroy_removes_and_name_is_reusable)
{
	ASSERT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->name));
	EXPECT_FALSE(exists(self->dir));
	EXPECT_EQ(-ENOENT, ltt_write(LTT_DESTROY_SESSION, self->name));
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, self->name));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "enable")));
}

TEST_F(session, clock_good_and_bad)
{
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "clock"), "counter\n"));
	EXPECT_STREQ("counter\n", get(ltt_path(self->dir, "clock")));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "clock"), "wallclock"));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "clock"), "counter monotonic"));
	EXPECT_STREQ("counter\n", get(ltt_path(self->dir, "clock")));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "clock"), "monotonic"));
	EXPECT_STREQ("monotonic", clock_of(ltt_path(self->dir, "clock")));
}

static void check_timer(struct __test_metadata *_metadata,
			const char *dir, const char *file,
			const char *initial)
{
	static const char * const bad[] = {
		"", "abc", "-1", "999", "1", "3600000001", "99999999999",
		"1000us", "0x3e8",
	};
	unsigned int i;

	EXPECT_EQ(0, ltt_write(ltt_path(dir, file), "1000"));
	EXPECT_STREQ("1000\n", get(ltt_path(dir, file)));
	EXPECT_EQ(0, ltt_write(ltt_path(dir, file), "3600000000"));
	EXPECT_STREQ("3600000000\n", get(ltt_path(dir, file)));
	EXPECT_EQ(0, ltt_write(ltt_path(dir, file), initial));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ltt_write(ltt_path(dir, file), bad[i])) {
			TH_LOG("%s \"%s\"", file, bad[i]);
		}
	}
	EXPECT_EQ(0,
		  strncmp(initial, get(ltt_path(dir, file)), strlen(initial)));
}

TEST_F(session, switch_timer_good_and_bad)
{
	check_timer(_metadata, self->dir, "switch_timer_us", "0");
}

TEST_F(session, enable_bad_values_are_einval)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "enable"), "2"));
	EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "enable"), "on"));
	EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "enable"), "-1"));
	EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "enable"), ""));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "enable")));
}

TEST_F(session, enable_without_channel_is_einval)
{
	EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "enable")));
}

TEST_F(session, start_and_stop)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_STREQ("1\n", get(ltt_path(self->dir, "enable")));
	EXPECT_NE(NULL,
		  strstr(get(ltt_path(self->dir, "status")), "state: active\n"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "enable")));
	EXPECT_NE(NULL,
		  strstr(get(ltt_path(self->dir, "status")), "state: stopped\n"));
}

/*
 * clock and status say what the clock reads, as the trace's metadata
 * does: the TSC, or the fast monotonic clock (from boot, or since the
 * kernel stopped trusting the TSC).
 */
TEST_F(session, status_says_what_the_clock_reads)
{
	const char *status = get(ltt_path(self->dir, "status"));
	bool tsc = strstr(status, "\nclock: monotonic (x86 TSC, ");

	EXPECT_TRUE(tsc || strstr(status, "\nclock: monotonic (")) {
		TH_LOG("%s", status);
	}
	EXPECT_STREQ(tsc ? "monotonic (tsc)\n" :
			   "monotonic (ktime_get_mono_fast_ns)\n",
		     get(ltt_path(self->dir, "clock")));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "clock"), "counter"));
	status = get(ltt_path(self->dir, "status"));
	EXPECT_NE(NULL, strstr(status, "\nclock: counter (Global event counter")) {
		TH_LOG("%s", status);
	}
}

TEST_F(session, switch_timer_session_starts_and_stops)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "switch_timer_us"), "1000"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	usleep(50000);
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	/* Destroyed active by the teardown. */
}

static void check_channel(struct __test_metadata *_metadata,
			  const char *dir, const char *chan,
			  const char *size, const char *num, const char *mode)
{
	char file[128];

	snprintf(file, sizeof(file), "channels/%s/subbuf_size", chan);
	EXPECT_STREQ(size, get(ltt_path(dir, file)));
	snprintf(file, sizeof(file), "channels/%s/num_subbuf", chan);
	EXPECT_STREQ(num, get(ltt_path(dir, file)));
	snprintf(file, sizeof(file), "channels/%s/mode", chan);
	EXPECT_STREQ(mode, get(ltt_path(dir, file)));
}

TEST_F(session, create_channel_defaults)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c\n"));
	check_channel(_metadata, self->dir, "c", "4096\n", "8\n", "discard\n");
}

TEST_F(session, create_channel_with_options)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"),
			       "c mode=overwrite  num_subbuf=4 subbuf_size=8k\n"));
	check_channel(_metadata, self->dir, "c", "8192\n", "4\n", "overwrite\n");
	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "big subbuf_size=1M"));
	check_channel(_metadata, self->dir, "big", "1048576\n", "8\n", "discard\n");
}

TEST_F(session, create_channel_bad_specs_are_einval)
{
	static const char * const bad[] = {
		"", "a/b", "c subbuf_size=3000", "c subbuf_size=128",
		"c subbuf_size=128M", "c num_subbuf=1", "c num_subbuf=3",
		"c num_subbuf=65536", "c mode=ring", "c colour=blue",
		"c subbuf_size", "c subbuf_size=", "c subbuf_size=4k subbuf_size=8k",
		"c mode=discard mode=discard", "c subbuf_size=-4096",
		"c subbuf_size=4096x", "c subbuf_size=99999999999",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ltt_write(ltt_path(self->dir, "create_channel"), bad[i])) {
			TH_LOG("\"%s\"", bad[i]);
		}
	}
	EXPECT_FALSE(exists(ltt_path(self->dir, "channels/c")));
	EXPECT_NE(NULL,
		  strstr(get(ltt_path(self->dir, "status")), "channels: 0\n"));
}

TEST_F(session, create_channel_duplicate_is_eexist)
{
	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "c subbuf_size=8192"));
	EXPECT_EQ(-EEXIST,
		  ltt_write(ltt_path(self->dir, "create_channel"), "c subbuf_size=4096"));
	check_channel(_metadata, self->dir, "c", "8192\n", "8\n", "discard\n");
}

TEST_F(session, channel_geometry_good_and_bad)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	EXPECT_EQ(0,
		  ltt_write(ltt_path(self->dir, "channels/c/subbuf_size"), "16k"));
	EXPECT_EQ(0,
		  ltt_write(ltt_path(self->dir, "channels/c/num_subbuf"), "2"));
	EXPECT_EQ(0,
		  ltt_write(ltt_path(self->dir, "channels/c/mode"), "overwrite"));
	check_channel(_metadata, self->dir, "c", "16384\n", "2\n", "overwrite\n");
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "channels/c/subbuf_size"), "1000"));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "channels/c/subbuf_size"), "big"));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "channels/c/num_subbuf"), "0"));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "channels/c/num_subbuf"), "7"));
	EXPECT_EQ(-EINVAL,
		  ltt_write(ltt_path(self->dir, "channels/c/mode"), "both"));
	check_channel(_metadata, self->dir, "c", "16384\n", "2\n", "overwrite\n");
}

TEST_F(session, active_session_refuses_changes_with_ebusy)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "channels/c/subbuf_size"), "8192"));
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "channels/c/num_subbuf"), "4"));
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "channels/c/mode"), "overwrite"));
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "create_channel"), "d"));
	EXPECT_EQ(-EBUSY, ltt_write(ltt_path(self->dir, "clock"), "counter"));
	EXPECT_EQ(-EBUSY,
		  ltt_write(ltt_path(self->dir, "switch_timer_us"), "1000"));
	check_channel(_metadata, self->dir, "c", "4096\n", "8\n", "discard\n");
	EXPECT_FALSE(exists(ltt_path(self->dir, "channels/d")));
	EXPECT_STREQ("monotonic", clock_of(ltt_path(self->dir, "clock")));
	EXPECT_STREQ("0\n", get(ltt_path(self->dir, "switch_timer_us")));
	EXPECT_STREQ("1\n", get(ltt_path(self->dir, "enable")));
	/* Stopped, the same writes go through... */
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "0"));
	EXPECT_EQ(0,
		  ltt_write(ltt_path(self->dir, "channels/c/subbuf_size"), "8192"));
	/* ...but the metadata has named the clock since the first start. */
	EXPECT_EQ(-EBUSY, ltt_write(ltt_path(self->dir, "clock"), "counter"));
	EXPECT_STREQ("monotonic", clock_of(ltt_path(self->dir, "clock")));
}

/* One line per channel and CPU, with four counters. */
TEST_F(session, status_lists_channels_per_cpu)
{
	char line[256], chan[64];
	unsigned long long w, d, o, b;
	int cpu, lines = 0, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char *s;

	ASSERT_EQ(0,
		  ltt_write(ltt_path(self->dir, "create_channel"), "a mode=overwrite"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	s = get(ltt_path(self->dir, "status"));
	EXPECT_NE(NULL, strstr(s, "state: stopped\n"));
	EXPECT_NE(NULL, strstr(s, "mode: hybrid\n"));
	EXPECT_NE(NULL, strstr(s, "channels: 2\n"));
	while (*s) {
		size_t n = strcspn(s, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)n, s);
		s += n + (s[n] == '\n');
		if (sscanf(line, "%63s %d %llu %llu %llu %llu", chan, &cpu,
			   &w, &d, &o, &b) == 6) {
			lines++;
			EXPECT_EQ(0ULL, w);
		}
	}
	EXPECT_LE(2 * ncpu, lines);
	s = get(ltt_path(self->dir, "channels/a/status"));
	EXPECT_NE(NULL, strstr(s, "\na "));
	EXPECT_EQ(NULL, strstr(s, "\nb "));
}

TEST_F(session, destroy_active_session)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "switch_timer_us"), "1000"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "enable"), "1"));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->name));
	EXPECT_FALSE(exists(self->dir));
}

/* An open file of a destroyed session fails instead of crashing. */
TEST_F(session, open_file_outlives_session)
{
	int fd;

	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	fd = open(ltt_path(self->dir, "enable"), O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ltt_write(LTT_DESTROY_SESSION, self->name));
	EXPECT_EQ(-1, write(fd, "1", 1));
	EXPECT_EQ(EIO, errno);	/* debugfs: the file was removed */
	close(fd);
}

/* Two sessions, different modes and geometries, tracing side by side. */
TEST(two_sessions_in_parallel)
{
	const char *a = LTT_SESSIONS "/kst-par-a", *b = LTT_SESSIONS "/kst-par-b";

	if (ltt_mount_debugfs() || access(LTT_CREATE_SESSION, F_OK))
		SKIP(return, "no LTT control directory");
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, "kst-par-a"));
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, "kst-par-b"));
	ASSERT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-a/create_channel",
			       "x subbuf_size=4k num_subbuf=4 mode=discard"));
	ASSERT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-b/create_channel",
			       "x subbuf_size=64k num_subbuf=2 mode=overwrite"));
	ASSERT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-b/clock", "counter"));
	ASSERT_EQ(0,
		  ltt_write(LTT_SESSIONS "/kst-par-a/switch_timer_us", "5000"));
	EXPECT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-a/enable", "1"));
	EXPECT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-b/enable", "1"));
	EXPECT_STREQ("1\n", get(LTT_SESSIONS "/kst-par-a/enable"));
	EXPECT_STREQ("1\n", get(LTT_SESSIONS "/kst-par-b/enable"));
	EXPECT_STREQ("4096\n",
		     get(LTT_SESSIONS "/kst-par-a/channels/x/subbuf_size"));
	EXPECT_STREQ("65536\n",
		     get(LTT_SESSIONS "/kst-par-b/channels/x/subbuf_size"));
	EXPECT_STREQ("overwrite\n",
		     get(LTT_SESSIONS "/kst-par-b/channels/x/mode"));
	EXPECT_STREQ("monotonic", clock_of(LTT_SESSIONS "/kst-par-a/clock"));
	EXPECT_STREQ("counter\n", get(LTT_SESSIONS "/kst-par-b/clock"));
	/* Stopping one leaves the other tracing. */
	EXPECT_EQ(0, ltt_write(LTT_SESSIONS "/kst-par-a/enable", "0"));
	EXPECT_STREQ("0\n", get(LTT_SESSIONS "/kst-par-a/enable"));
	EXPECT_STREQ("1\n", get(LTT_SESSIONS "/kst-par-b/enable"));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, "kst-par-a"));
	EXPECT_STREQ("1\n", get(LTT_SESSIONS "/kst-par-b/enable"));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, "kst-par-b"));
	EXPECT_FALSE(exists(a));
	EXPECT_FALSE(exists(b));
}

static long mem_available_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * Buffers bigger than the machine: ENOMEM with nothing changed, not the
 * OOM killer (which killed the writing shell before); a reasonable request
 * right after works. The first request is twice the memory available,
 * whatever the machine; the second more than any machine has.
 */
TEST_F(session, buffers_larger_than_memory_are_enomem)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), avail = mem_available_kb();
	unsigned long per_cpu_mb, num = 2;
	char spec[128];

	ASSERT_LT(0, avail);
	ASSERT_LT(0, cpus);
	per_cpu_mb = 2 * avail / 1024 / cpus + 1;
	while (num < per_cpu_mb)
		num *= 2;
	if (num <= 32768) {
		snprintf(spec, sizeof(spec), "huge subbuf_size=1M num_subbuf=%lu", num);
		EXPECT_EQ(-ENOMEM, ltt_write(ltt_path(self->dir, "create_channel"), spec)) {
			TH_LOG("\"%s\" with %ld kB available", spec, avail);
		}
	}
	EXPECT_EQ(-ENOMEM, ltt_write(ltt_path(self->dir, "create_channel"),
				     "huge subbuf_size=64M num_subbuf=32768"));
	EXPECT_FALSE(exists(ltt_path(self->dir, "channels/huge")));
	EXPECT_NE(NULL, strstr(get(ltt_path(self->dir, "status")), "channels: 0\n"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
}

#define RACERS		4
#define RACE_SECONDS	3
#define RACE_NAMES	2

/* Any refusal must be one of the documented ones. */
static int race_ok(int ret)
{
	return !ret || ret == -EEXIST || ret == -ENOENT || ret == -EBUSY ||
	       ret == -EINVAL;
}

static int racer(int id)
{
	char name[32], path[PATH_MAX];
	time_t end = time(NULL) + RACE_SECONDS;
	unsigned int seed = id;
	int ret = 0;

	while (time(NULL) < end) {
		snprintf(name, sizeof(name), "kst-race%d", rand_r(&seed) % RACE_NAMES);
		switch (rand_r(&seed) % 6) {
		case 0:
			ret = ltt_write(LTT_CREATE_SESSION, name);
			break;
		case 1:
			ret = ltt_write(LTT_DESTROY_SESSION, name);
			break;
		case 2:
			snprintf(path, sizeof(path), LTT_SESSIONS "/%s/create_channel", name);
			ret = ltt_write(path, rand_r(&seed) % 2 ? "c mode=overwrite" : "c");
			break;
		case 3:
		case 4:
			snprintf(path, sizeof(path), LTT_SESSIONS "/%s/enable", name);
			ret = ltt_write(path, rand_r(&seed) % 2 ? "1" : "0");
			break;
		case 5:
			snprintf(path, sizeof(path), LTT_SESSIONS "/%s/switch_timer_us", name);
			ret = ltt_write(path, "1000");
			break;
		}
		/* The session may vanish between open() and write(). */
		if (ret == -EIO)
			ret = 0;
		if (!race_ok(ret)) {
			fprintf(stderr, "%s %d: %s\n", __func__, id, strerror(-ret));
			return 1;
		}
	}
	return 0;
}

TEST(start_stop_destroy_race)
{
	char path[PATH_MAX];
	long before, after;
	int i, status;
	pid_t pid[RACERS];

	if (ltt_mount_debugfs() || access(LTT_CREATE_SESSION, F_OK))
		SKIP(return, "no LTT control directory");
	before = mem_available_kb();
	for (i = 0; i < RACERS; i++) {
		pid[i] = fork();
		ASSERT_LE(0, pid[i]);
		if (!pid[i])
			_exit(racer(i));
	}
	for (i = 0; i < RACERS; i++) {
		ASSERT_EQ(pid[i], waitpid(pid[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	for (i = 0; i < RACE_NAMES; i++) {
		snprintf(path, sizeof(path), "kst-race%d", i);
		ltt_write(LTT_DESTROY_SESSION, path);
		snprintf(path, sizeof(path), LTT_SESSIONS "/kst-race%d", i);
		EXPECT_FALSE(exists(path));
	}
	/* Everything the sessions held came back, give or take slab caches. */
	after = mem_available_kb();
	EXPECT_LT(before - 8192, after) {
		TH_LOG("MemAvailable %ld kB before, %ld kB after", before, after);
	}
	/* And the control directory still works. */
	EXPECT_EQ(0, ltt_write(LTT_CREATE_SESSION, "kst-race0"));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, "kst-race0"));
}

TEST_HARNESS_MAIN
