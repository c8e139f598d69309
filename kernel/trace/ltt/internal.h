/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between the files of kernel/trace/ltt/ and their
 * KUnit tests. Nothing here is an interface for the rest of the kernel.
 */
#ifndef _KERNEL_TRACE_LTT_INTERNAL_H
#define _KERNEL_TRACE_LTT_INTERNAL_H

#include <linux/types.h>

struct dentry;

/* Longest "MAJOR.MINOR.PATCH\n" with three int values, plus the NUL. */
#define LTT_VERSION_BUF_LEN	36

int ltt_format_version(char *buf, size_t size);
struct dentry *ltt_debugfs_root(void);

#endif /* _KERNEL_TRACE_LTT_INTERNAL_H */
