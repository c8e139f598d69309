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
 *
 * Static, for the test guest: built by scripts/bench-events.sh.
 */
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

int main(int argc, char **argv)
{
	long n, i;
	long long t0, t1;

	if (argc != 2 || (n = strtol(argv[1], NULL, 0)) <= 0) {
		fprintf(stderr, "usage: %s CALLS\n", argv[0]);
		return 2;
	}
	for (i = 0; i < 16; i++)
		syscall(SYS_getuid);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		syscall(SYS_getuid);
	t1 = now_ns();
	printf("syscall: calls=%ld ns=%lld\n", n, t1 - t0);
	return 0;
}
