// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LTT control directory and version file
 */
#include <kunit/test.h>
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ltt/ring_buffer.h>
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

struct size_case {
	const char *s;
	int ret;
	unsigned int val;
};

static const struct size_case size_cases[] = {
	{ "4096", 0, 4096 },
	{ "4k", 0, 4096 },
	{ "4K", 0, 4096 },
	{ "2M", 0, 2U << 20 },
	{ "0", 0, 0 },
	{ "4095", 0, 4095 },
	{ "4294967295", 0, 4294967295U },
	{ "4294967296", -EINVAL },
	{ "4194304k", -EINVAL },
	{ "", -EINVAL },
	{ "k", -EINVAL },
	{ "-4", -EINVAL },
	{ "+4", -EINVAL },
	{ "0x100", -EINVAL },
	{ "4kk", -EINVAL },
	{ "4 k", -EINVAL },
	{ "4G", -EINVAL },
};

static void size_case_desc(const struct size_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", c->s);
}

KUNIT_ARRAY_PARAM(size, size_cases, size_case_desc);

static void parse_size(struct kunit *test)
{
	const struct size_case *c = test->param_value;
	unsigned int val = 12345;

	KUNIT_EXPECT_EQ(test, ltt_parse_size(c->s, &val), c->ret);
	KUNIT_EXPECT_EQ(test, val, c->ret ? 12345U : c->val);
}

struct spec_case {
	const char *spec;
	int ret;
	const char *name;
	unsigned int subbuf_size;
	unsigned int num_subbuf;
	enum ltt_rb_mode mode;
	const char *memory;
};

static const struct spec_case spec_cases[] = {
	{ "c", 0, "c", 4096, 8, LTT_RB_DISCARD },
	{ "c  ", 0, "c", 4096, 8, LTT_RB_DISCARD },
	{ "  c", -EINVAL },
	{ "chan subbuf_size=8k", 0, "chan", 8192, 8, LTT_RB_DISCARD },
	{ "chan mode=overwrite num_subbuf=2 subbuf_size=256", 0, "chan",
	  256, 2, LTT_RB_OVERWRITE },
	{ "chan\tnum_subbuf=32768   mode=discard", 0, "chan", 4096, 32768,
	  LTT_RB_DISCARD },
	{ "chan subbuf_size=64M", 0, "chan", 64U << 20, 8, LTT_RB_DISCARD },
	{ "", -EINVAL },
	{ "a/b", -EINVAL },
	{ ".c", -EINVAL },
	{ "c subbuf_size=128", -EINVAL },
	{ "c subbuf_size=3000", -EINVAL },
	{ "c subbuf_size=128M", -EINVAL },
	{ "c num_subbuf=1", -EINVAL },
	{ "c num_subbuf=6", -EINVAL },
	{ "c num_subbuf=65536", -EINVAL },
	{ "c mode=both", -EINVAL },
	{ "c mode=", -EINVAL },
	{ "c mode", -EINVAL },
	{ "c size=4096", -EINVAL },
	{ "c mode=discard mode=overwrite", -EINVAL },
	{ "c =4096", -EINVAL },
	{ "c memory=ltt mode=overwrite", 0, "c", 4096, 8, LTT_RB_OVERWRITE,
	  "ltt" },
	{ "c memory=", -EINVAL },
	{ "c memory=a/b", -EINVAL },
	{ "c memory=a memory=b", -EINVAL },
};

static void spec_case_desc(const struct spec_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", c->spec);
}

KUNIT_ARRAY_PARAM(spec, spec_cases, spec_case_desc);

static void parse_channel_spec(struct kunit *test)
{
	const struct spec_case *c = test->param_value;
	struct ltt_rb_config config;
	char *name, *memory;
	char buf[128];

	strscpy(buf, c->spec);
	KUNIT_ASSERT_EQ(test, ltt_parse_channel_spec(buf, &name, &config,
						     &memory), c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_STREQ(test, name, c->name);
	KUNIT_EXPECT_EQ(test, config.subbuf_size, c->subbuf_size);
	KUNIT_EXPECT_EQ(test, config.num_subbuf, c->num_subbuf);
	KUNIT_EXPECT_EQ(test, config.mode, c->mode);
	if (c->memory)
		KUNIT_EXPECT_STREQ(test, memory, c->memory);
	else
		KUNIT_EXPECT_NULL(test, memory);
}

static void parse_mode_and_clock(struct kunit *test)
{
	enum ltt_clock_id clock = LTT_CLOCK_NR;
	enum ltt_rb_mode mode = LTT_RB_DISCARD;

	KUNIT_EXPECT_EQ(test, ltt_parse_mode("overwrite", &mode), 0);
	KUNIT_EXPECT_EQ(test, mode, LTT_RB_OVERWRITE);
	KUNIT_EXPECT_EQ(test, ltt_parse_mode("discard", &mode), 0);
	KUNIT_EXPECT_EQ(test, mode, LTT_RB_DISCARD);
	KUNIT_EXPECT_EQ(test, ltt_parse_mode("Discard", &mode), -EINVAL);
	KUNIT_EXPECT_EQ(test, ltt_parse_clock("counter", &clock), 0);
	KUNIT_EXPECT_EQ(test, clock, LTT_CLOCK_COUNTER);
	KUNIT_EXPECT_EQ(test, ltt_parse_clock("monotonic", &clock), 0);
	KUNIT_EXPECT_EQ(test, clock, LTT_CLOCK_MONOTONIC);
	KUNIT_EXPECT_EQ(test, ltt_parse_clock("realtime", &clock), -EINVAL);
	KUNIT_EXPECT_EQ(test, clock, LTT_CLOCK_MONOTONIC);
}

static void session_files_exist(struct kunit *test)
{
	static const char * const files[] = {
		"create_session", "destroy_session", "sessions",
	};
	struct dentry *root = ltt_debugfs_root(), *d;
	unsigned int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, root);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		d = debugfs_lookup(files[i], root);
		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, d, "%s", files[i]);
		dput(d);
	}
}

static struct kunit_case ltt_control_cases[] = {
	KUNIT_CASE(version_matches_header),
	KUNIT_CASE_PARAM(version_truncates_and_terminates,
			 version_buf_size_gen_params),
	KUNIT_CASE(debugfs_root_is_ltt_directory),
	KUNIT_CASE(version_file_is_owner_read_only),
	KUNIT_CASE_PARAM(parse_size, size_gen_params),
	KUNIT_CASE_PARAM(parse_channel_spec, spec_gen_params),
	KUNIT_CASE(parse_mode_and_clock),
	KUNIT_CASE(session_files_exist),
	{}
};

static struct kunit_suite ltt_control_suite = {
	.name = "ltt_control",
	.test_cases = ltt_control_cases,
};

kunit_test_suite(ltt_control_suite);
