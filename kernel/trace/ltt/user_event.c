// SPDX-License-Identifier: GPL-2.0
/*
 * LTT events from user space: /sys/kernel/debug/ltt/user_event
 *
 * Each write() to the file is one ltt_user:ltt_user_message event
 * (include/trace/events/ltt_user.h), fired in the writer's context: it
 * is recorded in every session whose channel enables the event, between
 * the kernel events that happened before and after the write, with the
 * writer's pid and tid. Like every trace event, ftrace and perf can
 * record it too.
 *
 *   write "TEXT"         a message with no name
 *   write "@NAME TEXT"   a message named NAME, so that a reader can pick
 *                        an application's messages out of the others:
 *                        NAME as a session name (1 to LTT_NAME_MAX
 *                        letters, digits, '_', '-', '.'), TEXT after one
 *                        space
 *
 * One trailing newline is dropped. A write is taken whole or refused
 * whole, with nothing recorded:
 *
 *   EMSGSIZE   more than LTT_USER_MSG_MAX bytes
 *   EINVAL     a NUL byte in it, or "@" not followed by a valid NAME and
 *              a space
 *   EFAULT     the buffer cannot be read
 *
 * so a partial or odd write never leaves part of an event in a buffer.
 * Writers need no lock between them: each write is a tracepoint call,
 * and each session's buffers take concurrent writers.
 *
 * A message of up to LTT_USER_STACK_MSG bytes is copied to the stack,
 * a longer one to the heap: the usual short message costs no allocation.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ltt/session.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define CREATE_TRACE_POINTS
#include <trace/events/ltt_user.h>

#include "internal.h"

/* Longest write, name and newline included. */
#define LTT_USER_MSG_MAX	1024
#define LTT_USER_STACK_MSG	192

/*
 * Split "@NAME TEXT" in @buf into @name and the returned text; a message
 * that does not start with '@' has no name. NULL if the name is not valid.
 */
static char *ltt_user_split(char *buf, const char **name)
{
	char *sep;

	*name = "";
	if (buf[0] != '@')
		return buf;
	sep = strchr(buf, ' ');
	if (!sep)
		return NULL;
	*sep = '\0';
	if (!ltt_name_valid(buf + 1))
		return NULL;
	*name = buf + 1;
	return sep + 1;
}

/* Record the message @count bytes at @buf hold, NUL-terminated there. */
static int ltt_user_record(char *buf, size_t count)
{
	const char *name;
	char *msg;

	if (count && buf[count - 1] == '\n')
		buf[--count] = '\0';
	if (strlen(buf) != count)
		return -EINVAL;
	msg = ltt_user_split(buf, &name);
	if (!msg)
		return -EINVAL;
	trace_ltt_user_message(name, msg);
	return 0;
}

static ssize_t user_event_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char stack_buf[LTT_USER_STACK_MSG + 1];
	char *buf = stack_buf;
	int ret;

	if (!count)
		return 0;
	if (count > LTT_USER_MSG_MAX)
		return -EMSGSIZE;
	if (count > LTT_USER_STACK_MSG) {
		buf = kmalloc(count + 1, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	if (copy_from_user(buf, ubuf, count)) {
		ret = -EFAULT;
	} else {
		buf[count] = '\0';
		ret = ltt_user_record(buf, count);
	}
	if (buf != stack_buf)
		kfree(buf);
	return ret ?: count;
}

static const struct file_operations user_event_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.write = user_event_write,
	.llseek = noop_llseek,
};

/**
 * ltt_user_event_create_file() - Add ltt/user_event
 * @root: the ltt/ directory
 *
 * Context: process context, at boot.
 */
void ltt_user_event_create_file(struct dentry *root)
{
	debugfs_create_file("user_event", 0200, root, NULL, &user_event_fops);
}
