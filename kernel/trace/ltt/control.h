/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT control files: what the files of a session or channel share
 *
 * control.c makes the ltt/ directory, sessions and channels and their
 * files; control_events.c adds the files that choose what a channel
 * records. Both define their files the same way: NAME_show() prints the
 * value under the seq_file protocol, NAME_store() takes one command, and
 * one of the macros below makes NAME_fops of them. Writes go through
 * ltt_ctl_write(), which copies the command, trims it and runs
 * NAME_store() under the lock that makes every control operation atomic.
 */
#ifndef _LTT_CONTROL_H
#define _LTT_CONTROL_H

#include <linux/compiler_types.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/types.h>

struct dentry;
struct ltt_channel;
struct ltt_rb_stats;

/* Longest command a control file takes, newline included. */
#define LTT_CMD_MAX	256

char *ltt_ctl_get_cmd(const char __user *ubuf, size_t count, char *buf);
ssize_t ltt_ctl_write(struct file *file, const char __user *ubuf,
		      size_t count, int (*store)(struct file *file,
						 void *obj, char *cmd));
int ltt_chan_show(struct seq_file *m,
		  void (*show)(struct seq_file *m, struct ltt_channel *chan));

void ltt_ctl_show_stats_header(struct seq_file *m);
void ltt_ctl_show_stats(struct seq_file *m, const char *chan, int cpu,
			const struct ltt_rb_stats *stats);

void ltt_ctl_create_event_files(struct ltt_channel *chan, struct dentry *dir);
void ltt_ctl_create_events_file(struct dentry *root);

/*
 * A control file: NAME_show() (optional) shows the value, NAME_store()
 * (optional) takes a command.
 */
#define LTT_CTL_OPEN(name)						\
static int name##_open(struct inode *inode, struct file *file)		\
{									\
	return single_open(file, name##_show, inode->i_private);	\
}

#define LTT_CTL_WRITE(name)						\
static ssize_t name##_write(struct file *file, const char __user *ubuf,	\
			    size_t count, loff_t *ppos)			\
{									\
	return ltt_ctl_write(file, ubuf, count, name##_store);		\
}

/*
 * NAME_write() is spelled out here rather than made with LTT_CTL_WRITE():
 * a macro that passed @name to two others would have checkpatch --strict
 * report a possibly reused argument.
 */
#define LTT_CTL_RW(name)						\
LTT_CTL_OPEN(name)							\
static ssize_t name##_write(struct file *file, const char __user *ubuf,	\
			    size_t count, loff_t *ppos)			\
{									\
	return ltt_ctl_write(file, ubuf, count, name##_store);		\
}									\
static const struct file_operations name##_fops = {			\
	.owner = THIS_MODULE,						\
	.open = name##_open,						\
	.read = seq_read,						\
	.llseek = seq_lseek,						\
	.write = name##_write,						\
	.release = single_release,					\
}

#define LTT_CTL_RO(name)						\
LTT_CTL_OPEN(name)							\
static const struct file_operations name##_fops = {			\
	.owner = THIS_MODULE,						\
	.open = name##_open,						\
	.read = seq_read,						\
	.llseek = seq_lseek,						\
	.release = single_release,					\
}

#define LTT_CTL_WO(name)						\
LTT_CTL_WRITE(name)							\
static const struct file_operations name##_fops = {			\
	.owner = THIS_MODULE,						\
	.open = simple_open,						\
	.write = name##_write,						\
	.llseek = noop_llseek,						\
}

#endif /* _LTT_CONTROL_H */
