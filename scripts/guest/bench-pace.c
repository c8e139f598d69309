// SPDX-License-Identifier: GPL-2.0
/*
 * The paced event source of scripts/bench-throughput.sh: fire the
 * ltt_bench_events module's event at a given average rate, in bursts.
 *
 *   bench-pace EVENTS RATE BURST [CPU]
 *
 * Writes BURST to /sys/module/ltt_bench_events/parameters/run (the module
 * fires its event BURST times in a row, see bench_events.c) once every
 * BURST / RATE seconds of CLOCK_MONOTONIC, with absolute deadlines, so
 * that the average rate is RATE events per second however long a burst
 * takes, until EVENTS events have been fired. After the last burst it
 * waits for the end of that burst's period, so that a run on schedule
 * takes exactly EVENTS / RATE seconds. Bound to CPU (default 1), so that
 * the consumer can have the other CPU.
 *
 * A burst that ends after the next deadline makes the source late: the
 * next burst starts right away and the run takes longer than planned.
 * The program prints what it achieved:
 *
 *   pace: events=N bursts=B rate=R ns=T achieved=A late=L
 *
 * (T: nanoseconds from the first burst to the end of the run; A: events
 * per second over T; L: bursts that started after their deadline).
 *
 * Static, for the test guest: built by scripts/bench-throughput.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RUN_FILE	"/sys/module/ltt_bench_events/parameters/run"
#define NSEC		1000000000LL

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * NSEC + ts.tv_nsec;
}

static void sleep_until(long long t)
{
	struct timespec ts = { .tv_sec = t / NSEC, .tv_nsec = t % NSEC };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

int main(int argc, char **argv)
{
	long long events, rate, burst, fired = 0, bursts = 0, late = 0;
	long long t0, deadline, end, n;
	char buf[32];
	int fd, cpu = 1, len;
	cpu_set_t set;

	if (argc < 4 || argc > 5)
		goto usage;
	events = strtoll(argv[1], NULL, 0);
	rate = strtoll(argv[2], NULL, 0);
	burst = strtoll(argv[3], NULL, 0);
	if (argc == 5)
		cpu = atoi(argv[4]);
	if (events <= 0 || rate <= 0 || burst <= 0)
		goto usage;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("bench-pace: sched_setaffinity");
		return 1;
	}
	fd = open(RUN_FILE, O_WRONLY);
	if (fd < 0) {
		perror("bench-pace: " RUN_FILE);
		return 1;
	}

	t0 = now_ns();
	deadline = t0;
	while (fired < events) {
		n = events - fired < burst ? events - fired : burst;
		len = snprintf(buf, sizeof(buf), "%lld\n", n);
		if (pwrite(fd, buf, len, 0) != len) {
			perror("bench-pace: " RUN_FILE);
			return 1;
		}
		fired += n;
		bursts++;
		/* The period of this burst: n events at the rate. */
		deadline += n * NSEC / rate;
		if (fired < events && now_ns() > deadline)
			late++;
		sleep_until(deadline);
	}
	end = now_ns();
	if (end < deadline)
		end = deadline;
	printf("pace: events=%lld bursts=%lld rate=%lld ns=%lld achieved=%lld late=%lld\n",
	       fired, bursts, rate, end - t0, fired * NSEC / (end - t0), late);
	return 0;

usage:
	fprintf(stderr, "usage: %s EVENTS RATE BURST [CPU]\n", argv[0]);
	return 2;
}
