/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the LTT selftests: where the control files are and
 * how to read one whole.
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

#endif /* LTT_TEST_H */
