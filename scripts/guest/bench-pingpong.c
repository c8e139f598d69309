// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler workload of scripts/bench-events.sh: two processes pass
 * one byte back and forth over two pipes, N round trips, and the parent
 * prints how long the round trips took, by CLOCK_MONOTONIC:
 *
 *   pingpong: trips=N cpu=C ns=NANOSECONDS
 *
 * Every round trip blocks each process once in read() and wakes it from
 * the other's write(): about two sched_wakeup and two sched_switch
 * events per trip (how many exactly depends on the scheduler, so the
 * benchmark counts what each tracer recorded). A few trips run before
 * the timed ones.
 *
 * Both processes are bound to CPU C (default 0), so that a round trip is
 * two context switches on one CPU, with no idle CPU and no inter-processor
 * interrupt in it: deterministic under QEMU -icount. C = -1 leaves them
 * unbound.
 *
 *   bench-pingpong N [C]
 *
 * Static, for the test guest: built by scripts/bench-events.sh.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP	16

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void xfer(int in, int out, int first)
{
	char c = 'x';

	if (first && write(out, &c, 1) != 1)
		goto fail;
	if (read(in, &c, 1) != 1)
		goto fail;
	if (!first && write(out, &c, 1) != 1)
		goto fail;
	return;
fail:
	perror("bench-pingpong: pipe");
	exit(1);
}

int main(int argc, char **argv)
{
	int ping[2], pong[2], cpu = 0, status;
	long n, i;
	long long t0, t1;
	pid_t pid;

	if (argc < 2 || argc > 3 || (n = strtol(argv[1], NULL, 0)) <= 0) {
		fprintf(stderr, "usage: %s TRIPS [CPU]\n", argv[0]);
		return 2;
	}
	if (argc == 3)
		cpu = atoi(argv[2]);
	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		/* Inherited by the child. */
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("bench-pingpong: sched_setaffinity");
			return 1;
		}
	}
	if (pipe(ping) || pipe(pong)) {
		perror("bench-pingpong: pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("bench-pingpong: fork");
		return 1;
	}
	if (!pid) {
		for (i = 0; i < WARMUP + n; i++)
			xfer(ping[0], pong[1], 0);
		_exit(0);
	}
	for (i = 0; i < WARMUP; i++)
		xfer(pong[0], ping[1], 1);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		xfer(pong[0], ping[1], 1);
	t1 = now_ns();
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "bench-pingpong: the child failed\n");
		return 1;
	}
	printf("pingpong: trips=%ld cpu=%d ns=%lld\n", n, cpu, t1 - t0);
	return 0;
}
