// SPDX-License-Identifier: GPL-2.0
/*
 * The system-call workload of scripts/bench-events.sh: call getuid()
 * (syscall(SYS_getuid), never a cached libc value) N times in a loop and
 * print how long the loop took, by CLOCK_MONOTONIC (the vDSO: no system
 * call of its own with the guest's TSC clocksource):
 *
 *   syscall: calls=N ns=NANOSECONDS
 *
 * Whatever records system calls meanwhile (raw_syscalls sys_enter and
 * sys_exit, or syscalls sys_enter_getuid and sys_exit_getuid) is part of
 * what is timed; two events per call. A few calls run before the timed
 * loop, so that its first call does not pay for faults.
 *
 *   bench-syscall N
 *   bench-syscall N FILE
 *
 * With FILE, each call is instead a write() of a 32-byte message to FILE
 * (LTT's user_event, ftrace's trace_marker, /dev/null), opened once
 * before the loop: the cost of an event written from user space.
 *
 * Static, for the test guest: built by scripts/bench-events.sh.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The message written to FILE: 31 characters and a newline. */
static const char msg[] = "bench user event, 32-byte line\n";

/* One timed call: getuid(), or with @fd >= 0 a write() of msg. */
static int call(int fd)
{
	if (fd < 0)
		return syscall(SYS_getuid) < 0;
	return write(fd, msg, sizeof(msg) - 1) != sizeof(msg) - 1;
}

int main(int argc, char **argv)
{
	long long t0, t1;
	int fd = -1;
	long n, i;

	if (argc < 2 || argc > 3 || (n = strtol(argv[1], NULL, 0)) <= 0) {
		fprintf(stderr, "usage: %s CALLS [FILE]\n", argv[0]);
		return 2;
	}
	if (argc == 3) {
		fd = open(argv[2], O_WRONLY);
		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
	}
	for (i = 0; i < 16; i++)
		if (call(fd))
			return 1;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (call(fd))
			return 1;
	t1 = now_ns();
	printf("syscall: calls=%ld ns=%lld\n", n, t1 - t0);
	return 0;
}
