// SPDX-License-Identifier: GPL-2.0
/*
 * What user space sees of /sys/kernel/debug/ltt/version: one line
 * "MAJOR.MINOR.PATCH", readable by root only, that cannot be written and
 * reads the same however it is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "ltt_test.h"

#define VERSION_FILE	LTT_DIR "/version"

FIXTURE(version) {
	char text[64];
	ssize_t len;
};

FIXTURE_SETUP(version)
{
	int ret = ltt_mount_debugfs();

	if (ret)
		SKIP(return, "debugfs not available: %s", strerror(-ret));
	ASSERT_EQ(0, access(LTT_DIR, F_OK)) {
		TH_LOG("%s missing: is CONFIG_LTT=y?", LTT_DIR);
	}
	self->len = ltt_read_file(VERSION_FILE, self->text, sizeof(self->text));
	ASSERT_LT(0, self->len) {
		TH_LOG("reading %s: %s", VERSION_FILE, strerror(-self->len));
	}
}

FIXTURE_TEARDOWN(version)
{
}

/* Exactly three decimal numbers separated by dots, then a newline. */
TEST_F(version, is_one_dotted_triple_line)
{
	unsigned int major, minor, patch;
	char again[64];
	int fields, n = -1;

	fields = sscanf(self->text, "%u.%u.%u\n%n", &major, &minor, &patch, &n);
	ASSERT_EQ(3, fields);
	ASSERT_EQ(self->len, n);
	snprintf(again, sizeof(again), "%u.%u.%u\n", major, minor, patch);
	EXPECT_STREQ(again, self->text);
}

TEST_F(version, is_root_only_regular_file)
{
	struct stat st;

	ASSERT_EQ(0, stat(VERSION_FILE, &st));
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(0400U, st.st_mode & 0777);
	EXPECT_EQ(0U, st.st_uid);
}

/* Writing fails whatever is written, and the content stays the same. */
TEST_F(version, rejects_writes)
{
	char after[64];
	ssize_t ret;
	int fd;

	fd = open(VERSION_FILE, O_WRONLY);
	if (fd >= 0) {
		ret = write(fd, "9.9.9\n", 6);
		EXPECT_EQ(-1, ret);
		close(fd);
	}
	ASSERT_LT(0, ltt_read_file(VERSION_FILE, after, sizeof(after)));
	EXPECT_STREQ(self->text, after);
}

/* A reader that takes one byte at a time, or seeks, sees the same text. */
TEST_F(version, reads_same_in_small_pieces)
{
	char piece[64] = "";
	ssize_t i, ret;
	int fd;

	fd = open(VERSION_FILE, O_RDONLY);
	ASSERT_LE(0, fd);
	for (i = 0; i < (ssize_t)sizeof(piece) - 1; i++) {
		ret = read(fd, piece + i, 1);
		ASSERT_LE(0, ret);
		if (!ret)
			break;
	}
	EXPECT_STREQ(self->text, piece);

	memset(piece, 0, sizeof(piece));
	ret = pread(fd, piece, sizeof(piece) - 1, 2);
	EXPECT_EQ(self->len - 2, ret);
	EXPECT_STREQ(self->text + 2, piece);
	close(fd);
}

TEST_HARNESS_MAIN
