// SPDX-License-Identifier: GPL-2.0
/*
 * LTT stream and metadata files: reading a session's trace from user space
 *
 *   sessions/NAME/channels/CHAN/stream/cpuN      0400, one per possible CPU
 *   sessions/NAME/metadata                       0400
 *
 * Each stream file has at most one reader at a time (a second open gets
 * -EBUSY), because a per-CPU buffer has one reader side. read() returns
 * packets: it takes the oldest complete packet from the ring buffer
 * and copies it out, packet header, events and padding, packet_size
 * bytes in all: the end of its events rounded up to a page, at most the
 * sub-buffer size, so that a packet closed early by a flush does not
 * carry the rest of its sub-buffer. A read buffer smaller than that gets
 * the packet in
 * pieces, one per read(); a read never returns bytes of two packets, so
 * a reader with a buffer of at least the sub-buffer size gets exactly one
 * packet per call.
 *
 * When no packet is complete, read() blocks (or fails with -EAGAIN for
 * O_NONBLOCK) and poll() reports nothing, until one is. Once the session
 * has been stopped, which closes every open packet, and the reader has
 * taken the last one, read() returns 0 (end of file) and poll() reports
 * EPOLLIN | EPOLLHUP; a stream opened before the session ever started
 * waits for it to start. Starting the session again makes more data
 * readable. When the session is destroyed, read() fails with -ENODEV and
 * poll() reports EPOLLERR | EPOLLHUP; the open file keeps the session's
 * memory (see ltt_session_get()) until it is closed.
 *
 * Wakeups: a reader waits on the queue of the buffer it reads, which the
 * ring buffer wakes when a packet is complete (ltt_rb_packet_ready()
 * becomes true), and stopping or destroying the session wakes directly.
 * The reader tests for a packet, the end of the trace and the session's
 * removal after it queued itself (wait_event_interruptible()), so that a
 * packet delivered between its last look and its sleep wakes it.
 *
 * splice() to a pipe moves packets without copying them: the pipe gets
 * the pages of the packet in hand, a page per pipe buffer, as many as
 * fit and as asked for, and the ring buffer gets a fresh chunk in its
 * place (ltt_rb_swap_held()) when the packet is given back, so that the
 * pages stay in the pipe for as long as needed and no writer ever writes
 * into them again. Otherwise splice() is read() into pages of the pipe,
 * with one copy: when the sub-buffers are smaller than a page, when a
 * read() left the packet in hand at an offset that is not a multiple of
 * the page size, for less than a page, and while the stream is mapped.
 * Either way, splice() has the semantics of read().
 *
 * mmap() and the ioctls of <uapi/linux/ltt.h> give packets in place,
 * without copy: the mapping covers the buffer's chunks, the sub-buffers
 * and the spare, in chunk order, and LTT_GET_NEXT_SUBBUF says which chunk
 * the packet taken is in. A packet taken there is the same one read()
 * would return next; read() and the ioctls may be mixed.
 *
 * The files are created with debugfs_create_file_unsafe(): debugfs only
 * protects open() against the removal of the session's directory, and
 * the session reference taken there protects everything after it. That
 * lets destroy_session remove the directory while a reader is blocked in
 * read(): it is woken by ltt_session_remove() and fails with -ENODEV.
 *
 * The metadata file reads the session's metadata text (metadata.c) from
 * the start: each open file has its own position, so any number of
 * readers may read it, each once. read() and poll() behave as on a
 * stream file: a reader that has read everything blocks until more is
 * appended or the session's state changes, gets end of file once the
 * session is stopped, and -ENODEV (poll(): EPOLLERR | EPOLLHUP) once it
 * is destroyed.
 */
#include <linux/cleanup.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/ltt/session.h>
#include <linux/mutex.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/splice.h>
#include <linux/uio.h>
#include <linux/wait.h>

#include <uapi/linux/ltt.h>

#include "internal.h"

/**
 * struct ltt_stream - What a stream file points to
 * @chan: the channel. Read-only.
 * @cpu: the CPU. Read-only.
 * @open: the file is open. Session mutex.
 */
struct ltt_stream {
	struct ltt_channel *chan;
	int cpu;
	bool open;
};

/**
 * struct ltt_stream_file - An open stream file
 * @lock: serialises read() and poll() on the file.
 * @session: holds a reference. Read-only.
 * @stream: the stream. Read-only.
 * @buf: the per-CPU buffer. Read-only: the channel's ring buffer is not
 *	replaced while a stream file is open.
 * @packet: the packet taken from @buf, or NULL. @lock.
 * @pos: bytes of @packet already read. @lock.
 * @fresh: a chunk ready to replace the one of @packet. @lock.
 * @lent: pages of @packet are in a pipe. @lock and @map_lock.
 * @mappings: memory mappings of the file. @map_lock.
 * @map_lock: serialises mmap() against splice() lending pages.
 */
struct ltt_stream_file {
	struct mutex lock;	/* see above */
	struct ltt_session *session;
	struct ltt_stream *stream;
	struct ltt_rb_cpu *buf;
	const struct ltt_packet_header *packet;
	size_t pos;
	struct ltt_rb_chunk *fresh;
	bool lent;
	unsigned int mappings;
	struct mutex map_lock;	/* see above */
};

/**
 * ltt_reader_state() - Where a reader that found nothing to read stands
 * @session: the session
 * @drained: whether the session was drained before the reader looked
 *
 * Return: -ENODEV if the session was destroyed, 0 (end of file) if it
 * was drained, -EAGAIN otherwise.
 */
static int ltt_reader_state(struct ltt_session *session, bool drained)
{
	if (READ_ONCE(session->dead))
		return -ENODEV;
	return drained ? 0 : -EAGAIN;
}

/*
 * Take the next packet if there is none in hand. Return: 1 with a packet
 * in hand, else as ltt_reader_state().
 */
static int ltt_stream_take(struct ltt_stream_file *sf)
{
	/* Pairs with the release in __ltt_session_stop(). */
	bool drained = smp_load_acquire(&sf->session->drained);

	lockdep_assert_held(&sf->lock);
	if (READ_ONCE(sf->session->dead))
		return -ENODEV;
	if (sf->packet)
		return 1;
	if (!ltt_rb_get_subbuf(sf->buf, &sf->packet)) {
		sf->pos = 0;
		return 1;
	}
	sf->packet = NULL;
	return ltt_reader_state(sf->session, drained);
}

/*
 * Give the packet in hand back. If a pipe has some of its pages, give the
 * ring buffer the fresh chunk instead of the packet's, which the pipe
 * frees page by page.
 */
static void ltt_stream_drop(struct ltt_stream_file *sf)
{
	struct ltt_rb_chunk *chunk;

	if (!sf->packet)
		return;
	if (sf->lent) {
		chunk = ltt_rb_swap_held(sf->buf, sf->fresh);
		sf->fresh = NULL;
		scoped_guard(mutex, &sf->map_lock)
			sf->lent = false;
		ltt_rb_chunk_free(sf->buf, chunk);
	}
	ltt_rb_put_subbuf(sf->buf);
	sf->packet = NULL;
}

/*
 * Whether a reader that found nothing to read should look again: a
 * packet is complete, the session was drained (the reader then takes
 * the last packets or ends) or removed.
 */
static bool ltt_stream_readable(struct ltt_stream_file *sf)
{
	if (READ_ONCE(sf->session->dead))
		return true;
	/* Pairs with the release in __ltt_session_stop(). */
	if (smp_load_acquire(&sf->session->drained))
		return true;
	return ltt_rb_packet_ready(sf->buf);
}

static int ltt_stream_wait(struct ltt_stream_file *sf, bool nonblock)
{
	int ret;

	for (;;) {
		ret = ltt_stream_take(sf);
		if (ret != -EAGAIN || nonblock)
			return ret;
		mutex_unlock(&sf->lock);
		ret = wait_event_interruptible(*ltt_rb_reader_queue(sf->buf),
					       ltt_stream_readable(sf));
		mutex_lock(&sf->lock);
		if (ret)
			return ret;
	}
}

static ssize_t ltt_stream_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct ltt_stream_file *sf = iocb->ki_filp->private_data;
	bool nonblock = iocb->ki_flags & IOCB_NOWAIT ||
			iocb->ki_filp->f_flags & O_NONBLOCK;
	size_t size, len;
	int ret;

	if (!iov_iter_count(to))
		return 0;
	guard(mutex)(&sf->lock);
	ret = ltt_stream_wait(sf, nonblock);
	if (ret <= 0)
		return ret;
	size = sf->packet->packet_size / BITS_PER_BYTE;
	len = copy_to_iter((const void *)sf->packet + sf->pos,
			   size - sf->pos, to);
	if (!len)
		return -EFAULT;
	sf->pos += len;
	if (sf->pos == size)
		ltt_stream_drop(sf);
	return len;
}

/*
 * May splice() give the pipe pages of the packet in hand? Only whole
 * pages, and only with a chunk ready to take the packet's place.
 */
static bool ltt_stream_may_lend(struct ltt_stream_file *sf, size_t len)
{
	if (ltt_rb_subbuf_size(sf->buf) < PAGE_SIZE || !PAGE_ALIGNED(sf->pos) ||
	    len < PAGE_SIZE)
		return false;
	if (!sf->fresh)
		sf->fresh = ltt_rb_chunk_alloc(sf->buf);
	if (!sf->fresh)
		return false;
	guard(mutex)(&sf->map_lock);
	if (sf->mappings)
		return false;
	sf->lent = true;
	return true;
}

/* Put pages of the packet in hand in @pipe, up to @len bytes. */
static ssize_t ltt_stream_lend(struct ltt_stream_file *sf,
			       struct pipe_inode_info *pipe, size_t len)
{
	size_t size = sf->packet->packet_size / BITS_PER_BYTE;
	unsigned int held = ltt_rb_held_chunk(sf->buf);
	struct pipe_buffer pb;
	ssize_t done = 0, ret;

	while (sf->pos < size && len - done >= PAGE_SIZE) {
		pb = (struct pipe_buffer) {
			.page = ltt_rb_chunk_page(sf->buf, held,
						  sf->pos >> PAGE_SHIFT),
			.len = PAGE_SIZE,
			.ops = &nosteal_pipe_buf_ops,
		};
		get_page(pb.page);
		ret = add_to_pipe(pipe, &pb);
		if (ret < 0)
			return done ?: ret;
		sf->pos += PAGE_SIZE;
		done += PAGE_SIZE;
	}
	if (sf->pos == size)
		ltt_stream_drop(sf);
	return done;
}

static ssize_t ltt_stream_splice_read(struct file *in, loff_t *ppos,
				      struct pipe_inode_info *pipe,
				      size_t len, unsigned int flags)
{
	struct ltt_stream_file *sf = in->private_data;
	bool nonblock = flags & SPLICE_F_NONBLOCK ||
			in->f_flags & O_NONBLOCK;
	ssize_t ret;

	scoped_guard(mutex, &sf->lock) {
		ret = ltt_stream_wait(sf, nonblock);
		if (ret <= 0)
			return ret;
		if (ltt_stream_may_lend(sf, len))
			return ltt_stream_lend(sf, pipe, len);
	}
	return copy_splice_read(in, ppos, pipe, len, flags);
}

static __poll_t ltt_stream_poll(struct file *file, poll_table *wait)
{
	struct ltt_stream_file *sf = file->private_data;

	poll_wait(file, ltt_rb_reader_queue(sf->buf), wait);
	guard(mutex)(&sf->lock);
	switch (ltt_stream_take(sf)) {
	case 1:
		return EPOLLIN | EPOLLRDNORM;
	case 0:
		return EPOLLIN | EPOLLRDNORM | EPOLLHUP;
	case -EAGAIN:
		return 0;
	default:
		return EPOLLERR | EPOLLHUP;
	}
}

static void ltt_stream_vm_open(struct vm_area_struct *vma)
{
	struct ltt_stream_file *sf = vma->vm_file->private_data;

	guard(mutex)(&sf->map_lock);
	sf->mappings++;
}

static void ltt_stream_vm_close(struct vm_area_struct *vma)
{
	struct ltt_stream_file *sf = vma->vm_file->private_data;

	guard(mutex)(&sf->map_lock);
	sf->mappings--;
}

/* Count the mappings: splice() must not lend pages while there are. */
static const struct vm_operations_struct ltt_stream_vm_ops = {
	.open = ltt_stream_vm_open,
	.close = ltt_stream_vm_close,
};

/*
 * A mapping shows the chunks the ring buffer has when it is made, so it
 * cannot be made while splice() has lent pages of a packet whose chunk
 * is about to be replaced.
 */
static int ltt_stream_map_begin(struct ltt_stream_file *sf)
{
	guard(mutex)(&sf->map_lock);
	if (sf->lent)
		return -EBUSY;
	sf->mappings++;
	return 0;
}

/*
 * Chunks are mapped whole, page by page; they are made of pages from a
 * page up. The mapping holds a reference to each page.
 */
static int ltt_stream_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ltt_stream_file *sf = file->private_data;
	struct ltt_rb_cpu *buf = sf->buf;
	size_t size = ltt_rb_subbuf_size(buf);
	unsigned long addr = vma->vm_start;
	unsigned int i, j;
	int ret;

	if (size < PAGE_SIZE || vma->vm_pgoff ||
	    vma->vm_end - vma->vm_start != ltt_rb_nr_chunks(buf) * size)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	ret = ltt_stream_map_begin(sf);
	if (ret)
		return ret;
	vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYWRITE);
	for (i = 0; i < ltt_rb_nr_chunks(buf); i++) {
		for (j = 0; j < size >> PAGE_SHIFT; j++) {
			ret = vm_insert_page(vma, addr,
					     ltt_rb_chunk_page(buf, i, j));
			if (ret) {
				/* Failed, the area is never open: uncount. */
				ltt_stream_vm_close(vma);
				return ret;
			}
			addr += PAGE_SIZE;
		}
	}
	vma->vm_ops = &ltt_stream_vm_ops;
	return 0;
}

static long ltt_stream_get_next(struct ltt_stream_file *sf,
				struct ltt_subbuf_info __user *uinfo)
{
	struct ltt_subbuf_info info = {};
	int ret;

	scoped_guard(mutex, &sf->lock) {
		ret = ltt_stream_take(sf);
		if (ret <= 0)
			return ret ? ret : -ENODATA;
		/* The reader's own field: the chunk holding the packet. */
		info.offset = (u64)ltt_rb_held_chunk(sf->buf) *
			      ltt_rb_subbuf_size(sf->buf);
		info.size = sf->packet->packet_size / BITS_PER_BYTE;
	}
	return copy_to_user(uinfo, &info, sizeof(info)) ? -EFAULT : 0;
}

static long ltt_stream_put(struct ltt_stream_file *sf)
{
	guard(mutex)(&sf->lock);
	if (!sf->packet)
		return -EINVAL;
	ltt_stream_drop(sf);
	return 0;
}

static long ltt_stream_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct ltt_stream_file *sf = file->private_data;
	struct ltt_rb_cpu *buf = sf->buf;
	u64 val;

	switch (cmd) {
	case LTT_GET_MMAP_LEN:
		val = (u64)ltt_rb_nr_chunks(buf) * ltt_rb_subbuf_size(buf);
		break;
	case LTT_GET_SUBBUF_SIZE:
		val = ltt_rb_subbuf_size(buf);
		break;
	case LTT_GET_NEXT_SUBBUF:
		return ltt_stream_get_next(sf, (void __user *)arg);
	case LTT_PUT_SUBBUF:
		return ltt_stream_put(sf);
	default:
		return -ENOTTY;
	}
	return put_user(val, (u64 __user *)arg);
}

static int ltt_stream_open(struct inode *inode, struct file *file)
{
	struct ltt_stream *stream = inode->i_private;
	struct ltt_channel *chan = stream->chan;
	struct ltt_session *session = chan->session;
	struct ltt_stream_file *sf;
	struct ltt_rb_cpu *buf;

	sf = kzalloc(sizeof(*sf), GFP_KERNEL);
	if (!sf)
		return -ENOMEM;
	scoped_guard(mutex, &ltt_session_mutex) {
		buf = ltt_rb_cpu_buf(chan->rb, stream->cpu);
		if (session->dead || !buf || stream->open) {
			kfree(sf);
			return session->dead ? -ENOENT : !buf ? -ENODEV : -EBUSY;
		}
		stream->open = true;
		chan->readers++;
		ltt_session_get(session);
	}
	mutex_init(&sf->lock);
	mutex_init(&sf->map_lock);
	sf->session = session;
	sf->stream = stream;
	sf->buf = buf;
	file->private_data = sf;
	return stream_open(inode, file);
}

static int ltt_stream_release(struct inode *inode, struct file *file)
{
	struct ltt_stream_file *sf = file->private_data;
	struct ltt_stream *stream = sf->stream;

	ltt_stream_drop(sf);
	ltt_rb_chunk_free(sf->buf, sf->fresh);
	scoped_guard(mutex, &ltt_session_mutex) {
		stream->open = false;
		stream->chan->readers--;
	}
	ltt_session_put(sf->session);
	kfree(sf);
	return 0;
}

static const struct file_operations ltt_stream_fops = {
	.owner = THIS_MODULE,
	.open = ltt_stream_open,
	.read_iter = ltt_stream_read_iter,
	.splice_read = ltt_stream_splice_read,
	.poll = ltt_stream_poll,
	.mmap = ltt_stream_mmap,
	.unlocked_ioctl = ltt_stream_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = ltt_stream_release,
};

/**
 * ltt_stream_create_files() - Create the stream files of a channel
 * @chan: the channel
 * @dir: the channel's directory
 *
 * Context: process context, control lock held.
 * Return: 0 or -ENOMEM.
 */
int ltt_stream_create_files(struct ltt_channel *chan, struct dentry *dir)
{
	char name[16];
	int cpu;

	chan->streams = kcalloc(nr_cpu_ids, sizeof(*chan->streams),
				GFP_KERNEL);
	if (!chan->streams)
		return -ENOMEM;
	dir = debugfs_create_dir("stream", dir);
	for_each_possible_cpu(cpu) {
		chan->streams[cpu].chan = chan;
		chan->streams[cpu].cpu = cpu;
		snprintf(name, sizeof(name), "cpu%d", cpu);
		debugfs_create_file_unsafe(name, 0400, dir, &chan->streams[cpu],
					   &ltt_stream_fops);
	}
	return 0;
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
