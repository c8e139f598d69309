// SPDX-License-Identifier: GPL-2.0
/*
 * Record tracepoints with perf while a command runs, the way
 * "perf record -a -c 1 -e SYSTEM:EVENT" records them, minus the reader:
 * one sampling event per tracepoint and online CPU, every hit a sample
 * into that event's perf ring buffer on that CPU, which is mapped
 * read-only and so written in overwrite mode, never waiting for a reader
 * that never comes. The events are enabled just before the command
 * starts and disabled when it ends; then the counts are printed, one
 * line per tracepoint and CPU, one per tracepoint and a total:
 *
 *   perf: id=ID cpu=0 count=... bytes=... record_type=9 record_size=64
 *   perf: id=ID count=... records=...
 *   perf: total count=... records=...
 *
 * count is the number of hits perf counted, records the number of samples
 * it wrote into the ring buffers: bytes written / record size, where all
 * the records of one buffer are samples of the same size, so that the
 * last record, found from the count, must be a sample of bytes / count
 * bytes (records is 0 where it is not: something else was written, such
 * as a lost-samples record).
 *
 * Each tracepoint has its own buffers (one sample size per buffer), where
 * perf record would point all of a CPU's events at one buffer with
 * PERF_EVENT_IOC_SET_OUTPUT; the cost of writing a sample is the same.
 *
 *   bench-perf TRACEPOINT_ID[,TRACEPOINT_ID]... COMMAND [ARG]...
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
#define MAX_EVENTS	8

static int perf_open(struct perf_event_attr *attr, int cpu)
{
	return syscall(SYS_perf_event_open, attr, -1, cpu, -1,
		       PERF_FLAG_FD_CLOEXEC);
}

int main(int argc, char **argv)
{
	struct perf_event_mmap_page *mp[MAX_EVENTS][MAX_CPUS];
	uint64_t total_count = 0, total_records = 0;
	long page = sysconf(_SC_PAGESIZE);
	struct perf_event_attr attr;
	int fd[MAX_EVENTS][MAX_CPUS], ncpu, cpu, status, nev = 0, e;
	unsigned long long id[MAX_EVENTS];
	size_t len = (1 + DATA_PAGES) * page;
	char *p, *end;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: %s TRACEPOINT_ID[,TRACEPOINT_ID]... COMMAND [ARG]...\n",
			argv[0]);
		return 2;
	}
	for (p = argv[1]; nev < MAX_EVENTS; p = end + 1) {
		id[nev++] = strtoull(p, &end, 0);
		if (end == p || (*end && *end != ',')) {
			fprintf(stderr, "bench-perf: bad tracepoint ids %s\n",
				argv[1]);
			return 2;
		}
		if (!*end)
			break;
	}
	if (*end) {
		fprintf(stderr, "bench-perf: more than %d tracepoints\n",
			MAX_EVENTS);
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
	attr.sample_period = 1;
	attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID |
			   PERF_SAMPLE_TIME | PERF_SAMPLE_CPU |
			   PERF_SAMPLE_RAW;
	attr.disabled = 1;
	/* Wake (nobody) once per buffer, not once per half buffer. */
	attr.watermark = 1;
	attr.wakeup_watermark = DATA_PAGES * page;

	for (e = 0; e < nev; e++) {
		attr.config = id[e];
		for (cpu = 0; cpu < ncpu; cpu++) {
			fd[e][cpu] = perf_open(&attr, cpu);
			if (fd[e][cpu] < 0) {
				fprintf(stderr, "bench-perf: perf_event_open id %llu cpu %d: %s\n",
					id[e], cpu, strerror(errno));
				return 1;
			}
			/* PROT_READ only: the kernel writes in overwrite mode. */
			mp[e][cpu] = mmap(NULL, len, PROT_READ, MAP_SHARED,
					  fd[e][cpu], 0);
			if (mp[e][cpu] == MAP_FAILED) {
				fprintf(stderr, "bench-perf: mmap id %llu cpu %d: %s\n",
					id[e], cpu, strerror(errno));
				return 1;
			}
		}
	}
	for (e = 0; e < nev; e++)
		for (cpu = 0; cpu < ncpu; cpu++)
			ioctl(fd[e][cpu], PERF_EVENT_IOC_ENABLE, 0);

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

	for (e = 0; e < nev; e++)
		for (cpu = 0; cpu < ncpu; cpu++)
			ioctl(fd[e][cpu], PERF_EVENT_IOC_DISABLE, 0);
	for (e = 0; e < nev; e++) {
		uint64_t ev_count = 0, ev_records = 0;

		for (cpu = 0; cpu < ncpu; cpu++) {
			struct perf_event_mmap_page *m = mp[e][cpu];
			uint64_t count = 0, head, size = 0, records = 0;
			struct perf_event_header *h = NULL;

			if (read(fd[e][cpu], &count, sizeof(count)) != sizeof(count)) {
				fprintf(stderr, "bench-perf: read id %llu cpu %d: %s\n",
					id[e], cpu, strerror(errno));
				return 1;
			}
			head = __atomic_load_n(&m->data_head, __ATOMIC_ACQUIRE);
			/*
			 * If every record is a sample of the same size, the
			 * last one starts size = head / count bytes before
			 * head (records are 8-byte aligned, so its header
			 * is not split at the end of the data area).
			 */
			if (head && count && !(head % count)) {
				size = head / count;
				h = (void *)((char *)m + m->data_offset +
					     (head - size) % m->data_size);
				if (h->type == PERF_RECORD_SAMPLE && h->size == size)
					records = head / size;
			}
			printf("perf: id=%llu cpu=%d count=%llu bytes=%llu record_type=%u record_size=%u\n",
			       id[e], cpu, (unsigned long long)count,
			       (unsigned long long)head, h ? h->type : 0,
			       h ? h->size : 0);
			ev_count += count;
			ev_records += records;
		}
		printf("perf: id=%llu count=%llu records=%llu\n", id[e],
		       (unsigned long long)ev_count,
		       (unsigned long long)ev_records);
		total_count += ev_count;
		total_records += ev_records;
	}
	printf("perf: total count=%llu records=%llu\n",
	       (unsigned long long)total_count,
	       (unsigned long long)total_records);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
