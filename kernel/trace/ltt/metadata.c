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
 * metadata file (stream.c) reads it.
 */
#include <linux/cleanup.h>
#include <linux/ltt/session.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "crash_buffer.h"
#include "internal.h"

/* The buffer never shrinks; it starts at a page and doubles. */
#define LTT_METADATA_MIN_SIZE	PAGE_SIZE
#define LTT_METADATA_MAX_SIZE	(16U << 20)

/**
 * ltt_metadata_wake_readers() - Wake the readers of a session's metadata
 * @session: the session
 *
 * For new text, and for what no text announces: the session stopping or
 * going away (session.c). Woken, readers look at the session again.
 *
 * Context: any context but NMI.
 */
void ltt_metadata_wake_readers(struct ltt_session *session)
{
	wake_up_all(&session->metadata_wait);
}

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
	/* Read locklessly by the metadata file's readers (stream.c). */
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
		ltt_metadata_wake_readers(session);
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
