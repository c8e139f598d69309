// SPDX-License-Identifier: GPL-2.0
/*
 * Record a tracepoint with perf while a command runs, the way
 * "perf record -a -c 1 -e SYSTEM:EVENT" records it, minus the reader:
 * one sampling event per online CPU, every hit a sample into that CPU's
 * perf ring buffer, which is mapped read-only and so written in
 * overwrite mode, never waiting for a reader that never comes. The
 * events are enabled just before the command starts and disabled when
 * it ends; then the counts are printed, one line per CPU and a total:
 *
 *   perf: cpu=0 count=... bytes=... record_type=9 record_size=64
 *   perf: total count=... records=...
 *
 * count is the number of hits perf counted, records the number of samples
 * it wrote into the ring buffers (bytes written / record size; all are
 * samples of the same size).
 *
 *   bench-perf TRACEPOINT_ID COMMAND [ARG]...
 *
 * TRACEPOINT_ID is tracefs events/SYSTEM/EVENT/id. Static, for the test
 * guest: built by scripts/bench-events.sh.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Data pages per CPU: 256 KiB, as the LTT channel and ftrace buffer. */
#define DATA_PAGES	64
#define MAX_CPUS	64

static int perf_open(struct perf_event_attr *attr, int cpu)
{
	return syscall(SYS_perf_event_open, attr, -1, cpu, -1,
		       PERF_FLAG_FD_CLOEXEC);
}

int main(int argc, char **argv)
{
	struct perf_event_mmap_page *mp[MAX_CPUS];
	uint64_t total_count = 0, total_records = 0;
	long page = sysconf(_SC_PAGESIZE);
	struct perf_event_attr attr;
	int fd[MAX_CPUS], ncpu, cpu, status;
	size_t len = (1 + DATA_PAGES) * page;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: %s TRACEPOINT_ID COMMAND [ARG]...\n",
			argv[0]);
		return 2;
	}
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpu < 1 || ncpu > MAX_CPUS) {
		fprintf(stderr, "bench-perf: %d CPUs\n", ncpu);
		return 1;
	}

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = strtoull(argv[1], NULL, 0);
	attr.sample_period = 1;
	attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID |
			   PERF_SAMPLE_TIME | PERF_SAMPLE_CPU |
			   PERF_SAMPLE_RAW;
	attr.disabled = 1;
	/* Wake (nobody) once per buffer, not once per half buffer. */
	attr.watermark = 1;
	attr.wakeup_watermark = DATA_PAGES * page;

	for (cpu = 0; cpu < ncpu; cpu++) {
		fd[cpu] = perf_open(&attr, cpu);
		if (fd[cpu] < 0) {
			fprintf(stderr, "bench-perf: perf_event_open cpu %d: %s\n",
				cpu, strerror(errno));
			return 1;
		}
		/* PROT_READ only: the kernel writes in overwrite mode. */
		mp[cpu] = mmap(NULL, len, PROT_READ, MAP_SHARED, fd[cpu], 0);
		if (mp[cpu] == MAP_FAILED) {
			fprintf(stderr, "bench-perf: mmap cpu %d: %s\n", cpu,
				strerror(errno));
			return 1;
		}
	}
	for (cpu = 0; cpu < ncpu; cpu++)
		ioctl(fd[cpu], PERF_EVENT_IOC_ENABLE, 0);

	pid = fork();
	if (pid < 0) {
		perror("bench-perf: fork");
		return 1;
	}
	if (!pid) {
		execvp(argv[2], argv + 2);
		perror("bench-perf: exec");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("bench-perf: waitpid");
		return 1;
	}

	for (cpu = 0; cpu < ncpu; cpu++)
		ioctl(fd[cpu], PERF_EVENT_IOC_DISABLE, 0);
	for (cpu = 0; cpu < ncpu; cpu++) {
		uint64_t count = 0, head, records = 0;
		struct perf_event_header *h;

		if (read(fd[cpu], &count, sizeof(count)) != sizeof(count)) {
			fprintf(stderr, "bench-perf: read cpu %d: %s\n", cpu,
				strerror(errno));
			return 1;
		}
		head = __atomic_load_n(&mp[cpu]->data_head, __ATOMIC_ACQUIRE);
		/*
		 * Every record is a sample of the same size, and the data
		 * size is a multiple of it, so the data area starts with a
		 * record even after the buffer wrapped.
		 */
		h = (void *)((char *)mp[cpu] + mp[cpu]->data_offset);
		if (head && h->size)
			records = head / h->size;
		printf("perf: cpu=%d count=%llu bytes=%llu record_type=%u record_size=%u\n",
		       cpu, (unsigned long long)count, (unsigned long long)head,
		       head ? h->type : 0, head ? h->size : 0);
		total_count += count;
		total_records += records;
	}
	printf("perf: total count=%llu records=%llu\n",
	       (unsigned long long)total_count,
	       (unsigned long long)total_records);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
