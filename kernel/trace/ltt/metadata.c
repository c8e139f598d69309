// SPDX-License-Identifier: GPL-2.0
/*
 * LTT metadata stream: the text that describes a session's trace
 *
 *   sessions/NAME/metadata       0400
 *
 * A CTF trace is described by its metadata, TSDL text that the code
 * describing the packet and event layouts produces. That code appends to
 * the session's metadata with ltt_metadata_append(), or piece by piece
 * between ltt_metadata_begin() and ltt_metadata_end() for a text that
 * readers must see whole or not at all; the text is kept in
 * a buffer that grows as needed and lives as long as the session. The
 * metadata file reads it from the start: each open file has its own
 * position, so any number of readers may read it, each once. read() and
 * poll() behave as on a stream file (see stream.c): a reader that has
 * read everything blocks until more is appended or the session's state
 * changes, gets end of file once the session is stopped, and -ENODEV
 * (poll(): EPOLLERR | EPOLLHUP) once it is destroyed.
 */
#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ltt/session.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/wait.h>

#include "crash_buffer.h"
#include "internal.h"

/* The buffer never shrinks; it starts at a page and doubles. */
#define LTT_METADATA_MIN_SIZE	PAGE_SIZE
#define LTT_METADATA_MAX_SIZE	(16U << 20)

/**
 * ltt_metadata_begin() - Start adding text that readers see all at once
 * @session: the session
 *
 * Text too long to build in one buffer (the first description of a
 * session with thousands of events) is added in pieces with
 * ltt_metadata_add(), then ltt_metadata_end() shows every piece to the
 * readers, or takes them all back if one failed. Until then the session's
 * metadata lock is held: readers wait, and see no part of it.
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOENT if the session was destroyed; then nothing is
 * held and ltt_metadata_end() must not be called.
 */
int ltt_metadata_begin(struct ltt_session *session)
{
	mutex_lock(&session->metadata_lock);
	if (READ_ONCE(session->dead)) {
		mutex_unlock(&session->metadata_lock);
		return -ENOENT;
	}
	session->metadata_mark = session->metadata_len;
	return 0;
}

/**
 * ltt_metadata_add() - Add a piece of text after ltt_metadata_begin()
 * @session: the session
 * @buf: the text, not necessarily NUL-terminated
 * @len: its length in bytes
 *
 * Context: process context, may sleep, between ltt_metadata_begin() and
 * ltt_metadata_end().
 * Return: 0; -EFBIG if the metadata would grow past 16 MiB; -ENOMEM. On
 * error this piece is not added.
 */
int ltt_metadata_add(struct ltt_session *session, const void *buf, size_t len)
{
	size_t size;
	char *p;

	lockdep_assert_held(&session->metadata_lock);
	if (len > LTT_METADATA_MAX_SIZE - session->metadata_len)
		return -EFBIG;
	size = max(session->metadata_size, LTT_METADATA_MIN_SIZE);
	while (size < session->metadata_len + len)
		size *= 2;
	if (size != session->metadata_size) {
		p = kvrealloc(session->metadata, size, GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		session->metadata = p;
		session->metadata_size = size;
	}
	memcpy(session->metadata + session->metadata_len, buf, len);
	/* Read locklessly by ltt_metadata_readable(). */
	WRITE_ONCE(session->metadata_len, session->metadata_len + len);
	return 0;
}

/**
 * ltt_metadata_end() - Show the pieces added since ltt_metadata_begin()
 * @session: the session
 * @err: 0 to show them; else the error that stopped the caller, and
 *	every piece is taken back
 *
 * Context: process context, may sleep.
 * Return: @err.
 */
int ltt_metadata_end(struct ltt_session *session, int err)
{
	lockdep_assert_held(&session->metadata_lock);
	if (err)
		WRITE_ONCE(session->metadata_len, session->metadata_mark);
	else
		ltt_crash_mirror_metadata(session);
	mutex_unlock(&session->metadata_lock);
	if (!err)
		wake_up_interruptible_all(&session->metadata_wait);
	return err;
}

/**
 * ltt_metadata_append() - Add text to a session's metadata
 * @session: the session
 * @buf: the text, not necessarily NUL-terminated
 * @len: its length in bytes
 *
 * Readers of the metadata file see the new text right away.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT if the session was destroyed; -EFBIG if the
 * metadata would grow past 16 MiB; -ENOMEM. On error nothing is added.
 */
int ltt_metadata_append(struct ltt_session *session, const void *buf,
			size_t len)
{
	int ret = ltt_metadata_begin(session);

	if (ret)
		return ret;
	return ltt_metadata_end(session, ltt_metadata_add(session, buf, len));
}

/*
 * Copy what is there past @pos. Return: bytes copied, or as
 * ltt_reader_state() when there is nothing past @pos.
 */
static ssize_t ltt_metadata_copy(struct ltt_session *session, loff_t pos,
				 struct iov_iter *to)
{
	/* Pairs with the release in __ltt_session_stop(). */
	bool drained = smp_load_acquire(&session->drained);
	size_t len;

	guard(mutex)(&session->metadata_lock);
	if (READ_ONCE(session->dead))
		return -ENODEV;
	if (pos < session->metadata_len) {
		len = copy_to_iter(session->metadata + pos,
				   session->metadata_len - pos, to);
		return len ? len : -EFAULT;
	}
	return ltt_reader_state(session, drained);
}

/*
 * Whether a reader at @pos that found nothing should look again: text
 * past @pos, the session drained (end of file) or removed. Tested after
 * the reader queued itself on metadata_wait, which the appender wakes
 * after the mutex's release published the new length.
 */
static bool ltt_metadata_readable(struct ltt_session *session, loff_t pos)
{
	if (READ_ONCE(session->dead))
		return true;
	/* Pairs with the release in __ltt_session_stop(). */
	if (smp_load_acquire(&session->drained))
		return true;
	return pos < READ_ONCE(session->metadata_len);
}

static ssize_t ltt_metadata_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct ltt_session *session = iocb->ki_filp->private_data;
	bool nonblock = iocb->ki_flags & IOCB_NOWAIT ||
			iocb->ki_filp->f_flags & O_NONBLOCK;
	ssize_t ret;

	if (!iov_iter_count(to))
		return 0;
	for (;;) {
		ret = ltt_metadata_copy(session, iocb->ki_pos, to);
		if (ret > 0)
			iocb->ki_pos += ret;
		if (ret != -EAGAIN || nonblock)
			return ret;
		ret = wait_event_interruptible(session->metadata_wait,
					       ltt_metadata_readable(session,
								     iocb->ki_pos));
		if (ret)
			return ret;
	}
}

static __poll_t ltt_metadata_poll(struct file *file, poll_table *wait)
{
	struct ltt_session *session = file->private_data;
	bool drained;

	poll_wait(file, &session->metadata_wait, wait);
	/* Pairs with the release in __ltt_session_stop(). */
	drained = smp_load_acquire(&session->drained);
	guard(mutex)(&session->metadata_lock);
	if (READ_ONCE(session->dead))
		return EPOLLERR | EPOLLHUP;
	if (file->f_pos < session->metadata_len)
		return EPOLLIN | EPOLLRDNORM;
	return drained ? EPOLLIN | EPOLLRDNORM | EPOLLHUP : 0;
}

static int ltt_metadata_open(struct inode *inode, struct file *file)
{
	struct ltt_session *session = inode->i_private;

	scoped_guard(mutex, &ltt_session_mutex) {
		if (session->dead)
			return -ENOENT;
		ltt_session_get(session);
	}
	file->private_data = session;
	return 0;
}

static int ltt_metadata_release(struct inode *inode, struct file *file)
{
	ltt_session_put(file->private_data);
	return 0;
}

static const struct file_operations ltt_metadata_fops = {
	.owner = THIS_MODULE,
	.open = ltt_metadata_open,
	.read_iter = ltt_metadata_read_iter,
	.poll = ltt_metadata_poll,
	.release = ltt_metadata_release,
	.llseek = noop_llseek,
};

/**
 * ltt_metadata_create_file() - Create the metadata file of a session
 * @session: the session
 * @dir: the session's directory
 *
 * Unsafe debugfs file for the same reason as the stream files (stream.c).
 */
void ltt_metadata_create_file(struct ltt_session *session, struct dentry *dir)
{
	debugfs_create_file_unsafe("metadata", 0400, dir, session,
				   &ltt_metadata_fops);
}
