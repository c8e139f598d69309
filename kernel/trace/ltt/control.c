// SPDX-License-Identifier: GPL-2.0
/*
 * LTT control files: the /sys/kernel/debug/ltt/ directory
 *
 * Users drive the tracer by reading and writing files in this directory.
 * debugfs is only reachable by root (its mount point is mode 0700), and
 * each file is created readable or writable by its owner only on top of
 * that, so that no file here is ever accessible to an unprivileged user
 * even if debugfs is mounted with looser permissions.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ltt/version.h>
#include <linux/seq_file.h>

#include "internal.h"

/* Set once at boot, never changed afterwards. */
static struct dentry *ltt_root;

/**
 * ltt_format_version() - Format the tracer version for humans and tools
 * @buf: destination buffer
 * @size: size of @buf in bytes
 *
 * Writes "MAJOR.MINOR.PATCH\n", truncated to fit @buf and always
 * NUL-terminated when @size is not zero.
 *
 * Return: the number of characters written, not counting the NUL.
 */
int ltt_format_version(char *buf, size_t size)
{
	return scnprintf(buf, size, "%d.%d.%d\n", LTT_VERSION_MAJOR,
			 LTT_VERSION_MINOR, LTT_VERSION_PATCH);
}

/**
 * ltt_debugfs_root() - The /sys/kernel/debug/ltt/ directory
 *
 * Return: the directory's dentry, or NULL if it could not be created.
 */
struct dentry *ltt_debugfs_root(void)
{
	return ltt_root;
}

static int version_show(struct seq_file *m, void *unused)
{
	char buf[LTT_VERSION_BUF_LEN];

	ltt_format_version(buf, sizeof(buf));
	seq_puts(m, buf);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(version);

static int __init ltt_control_init(void)
{
	struct dentry *root;

	root = debugfs_create_dir("ltt", NULL);
	if (IS_ERR(root)) {
		pr_warn("cannot create /sys/kernel/debug/ltt: %pe\n", root);
		return PTR_ERR(root);
	}
	debugfs_create_file("version", 0400, root, NULL, &version_fops);
	ltt_root = root;
	return 0;
}
fs_initcall(ltt_control_init);
