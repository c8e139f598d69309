/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the LTT selftests: where the control files are, how
 * to read one whole and how to write one.
 */
#ifndef LTT_TEST_H
#define LTT_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEBUGFS_DIR	"/sys/kernel/debug"
#define LTT_DIR		DEBUGFS_DIR "/ltt"

/*
 * Make sure debugfs is mounted. Returns 0 when it is, or a negative errno
 * when it is not and cannot be.
 */
static inline int ltt_mount_debugfs(void)
{
	struct stat st;

	if (!stat(DEBUGFS_DIR "/ltt", &st) || !stat(DEBUGFS_DIR "/sched", &st))
		return 0;
	if (mount("debugfs", DEBUGFS_DIR, "debugfs", 0, NULL) && errno != EBUSY)
		return -errno;
	return 0;
}

/*
 * Read a control file into @buf, NUL-terminated. Returns the number of
 * bytes read or a negative errno.
 */
static inline ssize_t ltt_read_file(const char *path, char *buf, size_t size)
{
	ssize_t len, total = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while (total < (ssize_t)size - 1) {
		len = read(fd, buf + total, size - 1 - total);
		if (len < 0) {
			len = -errno;
			close(fd);
			return len;
		}
		if (!len)
			break;
		total += len;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

#define LTT_CREATE_SESSION	LTT_DIR "/create_session"
#define LTT_DESTROY_SESSION	LTT_DIR "/destroy_session"
#define LTT_SESSIONS		LTT_DIR "/sessions"

/*
 * Write @len bytes of @s (ltt_write(): the string @s) to a control file
 * in one write(), as "echo" would. Returns 0, or a negative errno: the
 * control files answer bad input that way.
 */
static inline int ltt_write_bytes(const char *path, const void *s, size_t len)
{
	ssize_t ret;
	int fd, err;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ret = write(fd, s, len);
	err = errno;
	close(fd);
	if (ret < 0)
		return -err;
	return ret == (ssize_t)len ? 0 : -EIO;
}

static inline int ltt_write(const char *path, const char *s)
{
	return ltt_write_bytes(path, s, strlen(s));
}

/* The permission bits of a file, or 0 if it does not exist. */
static inline unsigned int ltt_file_mode(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return 0;
	return st.st_mode & 07777;
}

/*
 * "@dir/@file" in a static buffer, one of four used in turn, so that a
 * call can take a few such paths at once.
 */
static inline const char *ltt_path(const char *dir, const char *file)
{
	static char path[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, file);
	return path[i];
}

/* The test event source: writing N fires ltt_test:ltt_test_seq N times. */
#define LTT_TEST_EVENTS	"/sys/module/ltt/parameters/test_events"

static inline int ltt_emit(unsigned int n)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", n);
	return ltt_write(LTT_TEST_EVENTS, buf);
}

#endif /* LTT_TEST_H */
