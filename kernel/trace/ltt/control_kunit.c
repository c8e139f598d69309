// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LTT control directory and version file
 */
#include <kunit/test.h>
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ltt/version.h>
#include <linux/string.h>

#include "internal.h"

static void version_matches_header(struct kunit *test)
{
	char expected[LTT_VERSION_BUF_LEN];
	char buf[LTT_VERSION_BUF_LEN];
	int len;

	snprintf(expected, sizeof(expected), "%d.%d.%d\n", LTT_VERSION_MAJOR,
		 LTT_VERSION_MINOR, LTT_VERSION_PATCH);
	len = ltt_format_version(buf, sizeof(buf));

	KUNIT_EXPECT_STREQ(test, buf, expected);
	KUNIT_EXPECT_EQ(test, len, (int)strlen(expected));
	KUNIT_EXPECT_EQ(test, buf[len - 1], '\n');
}

/* Buffer sizes from "no room" to "plenty of room". */
static const size_t version_buf_sizes[] = { 1, 2, 4, LTT_VERSION_BUF_LEN };

static void version_buf_size_desc(const size_t *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %zu", *size);
}

KUNIT_ARRAY_PARAM(version_buf_size, version_buf_sizes, version_buf_size_desc);

static void version_truncates_and_terminates(struct kunit *test)
{
	const size_t size = *(const size_t *)test->param_value;
	char full[LTT_VERSION_BUF_LEN];
	char buf[LTT_VERSION_BUF_LEN + 1];
	int full_len, len;

	full_len = ltt_format_version(full, sizeof(full));
	memset(buf, 'x', sizeof(buf));
	len = ltt_format_version(buf, size);

	KUNIT_EXPECT_EQ(test, len, (int)min_t(size_t, full_len, size - 1));
	KUNIT_EXPECT_EQ(test, buf[len], '\0');
	KUNIT_EXPECT_EQ(test, strncmp(buf, full, len), 0);
	/* Nothing is written past the size the caller gave. */
	KUNIT_EXPECT_EQ(test, buf[size], 'x');
}

static void debugfs_root_is_ltt_directory(struct kunit *test)
{
	struct dentry *root = ltt_debugfs_root();

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, root);
	KUNIT_EXPECT_TRUE(test, d_is_dir(root));
	KUNIT_EXPECT_STREQ(test, root->d_name.name, "ltt");
	/* It hangs directly off the debugfs root. */
	KUNIT_EXPECT_TRUE(test, IS_ROOT(root->d_parent));
}

static void version_file_is_owner_read_only(struct kunit *test)
{
	struct dentry *root = ltt_debugfs_root();
	struct dentry *version;
	umode_t mode;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, root);
	version = debugfs_lookup("version", root);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, version);
	mode = d_inode(version)->i_mode;
	dput(version);

	KUNIT_EXPECT_TRUE(test, S_ISREG(mode));
	KUNIT_EXPECT_EQ(test, mode & 0777, 0400);
}

static struct kunit_case ltt_control_cases[] = {
	KUNIT_CASE(version_matches_header),
	KUNIT_CASE_PARAM(version_truncates_and_terminates,
			 version_buf_size_gen_params),
	KUNIT_CASE(debugfs_root_is_ltt_directory),
	KUNIT_CASE(version_file_is_owner_read_only),
	{}
};

static struct kunit_suite ltt_control_suite = {
	.name = "ltt_control",
	.test_cases = ltt_control_cases,
};

kunit_test_suite(ltt_control_suite);
