// SPDX-License-Identifier: GPL-2.0
/*
 * The ftrace consumer of scripts/bench-throughput.sh: what lttd does for
 * LTT, done for ftrace's ring buffer.
 *
 *   ftrace-splice [-t TRACEFS] OUTDIR
 *
 * Opens per_cpu/cpuN/trace_pipe_raw of every CPU under TRACEFS (default
 * /sys/kernel/tracing), waits for data with ppoll() and moves whole
 * ring-buffer pages with splice() through a pipe into OUTDIR/cpuN (the
 * pages go into the pipe without a copy, the pipe into the file with
 * one). poll() on trace_pipe_raw reports data once the buffer is
 * buffer_percent full, as a blocking splice() would wait for.
 *
 * On SIGTERM or SIGINT it stops waiting, splices what is left in whole
 * pages, then read()s the last, partly filled page of each CPU (splice()
 * only takes full pages), so that the files hold every event the buffer
 * held. Stop tracing first. Then it prints, per CPU and in all:
 *
 *   ftrace-splice: cpuN bytes=B pages=P read=R
 *   ftrace-splice: total bytes=B pages=P
 *
 * (R: the pages of P that read() took at the end) and exits 0; 1 on
 * errors.
 *
 * Static, for the test guest: built by scripts/bench-throughput.sh.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CPUS	256
#define PIPE_SIZE	(1024 * 1024)

struct cpu_out {
	int cpu;
	int in;			/* trace_pipe_raw */
	int out;		/* OUTDIR/cpuN */
	unsigned long long bytes;
};

static struct cpu_out cpus[MAX_CPUS];
static int nr_cpus;
static int pipefd[2];
static long page_size;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "ftrace-splice: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* Splice the full pages of @c into its file until none is left. */
static void drain(struct cpu_out *c)
{
	ssize_t len, w;

	for (;;) {
		len = splice(c->in, NULL, pipefd[1], NULL, PIPE_SIZE,
			     SPLICE_F_NONBLOCK | SPLICE_F_MOVE);
		if (len == 0)
			return;
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			die("cannot splice", "trace_pipe_raw");
		}
		c->bytes += len;
		while (len > 0) {
			w = splice(pipefd[0], NULL, c->out, NULL, len, SPLICE_F_MOVE);
			if (w <= 0)
				die("cannot write", "trace file");
			len -= w;
		}
	}
}

/* read() what splice() does not take: the partly filled last page. */
static void drain_partial(struct cpu_out *c)
{
	char *buf = malloc(page_size);
	ssize_t len;

	if (!buf)
		die("cannot allocate", "page");
	for (;;) {
		len = read(c->in, buf, page_size);
		if (len <= 0) {
			if (len < 0 && errno != EAGAIN && errno != EINTR)
				die("cannot read", "trace_pipe_raw");
			break;
		}
		if (write(c->out, buf, len) != len)
			die("cannot write", "trace file");
		c->bytes += len;
	}
	free(buf);
}

/* The ring buffer's page (sub-buffer) size. */
static long subbuf_size(const char *tracefs)
{
	char path[PATH_MAX];
	FILE *f;
	long kb;

	snprintf(path, sizeof(path), "%s/buffer_subbuf_size_kb", tracefs);
	f = fopen(path, "r");
	if (!f)
		return sysconf(_SC_PAGESIZE);
	if (fscanf(f, "%ld", &kb) != 1)
		kb = sysconf(_SC_PAGESIZE) / 1024;
	fclose(f);
	return kb * 1024;
}

int main(int argc, char **argv)
{
	const char *tracefs = "/sys/kernel/tracing", *outdir;
	char path[PATH_MAX];
	struct pollfd pfd[MAX_CPUS];
	unsigned long long total = 0;
	struct sigaction sa;
	sigset_t block, orig;
	struct dirent *de;
	int opt, i, cpu;
	DIR *d;

	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't')
			goto usage;
		tracefs = optarg;
	}
	if (argc - optind != 1)
		goto usage;
	outdir = argv[optind];
	page_size = subbuf_size(tracefs);

	/* The signals only get through in ppoll(): no wake-up is missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &orig);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	if (mkdir(outdir, 0755) && errno != EEXIST)
		die("cannot create", outdir);
	snprintf(path, sizeof(path), "%s/per_cpu", tracefs);
	d = opendir(path);
	if (!d)
		die("cannot list", path);
	while ((de = readdir(d))) {
		struct cpu_out *c;

		if (sscanf(de->d_name, "cpu%d", &cpu) != 1)
			continue;
		if (nr_cpus == MAX_CPUS) {
			fprintf(stderr, "ftrace-splice: more than %d CPUs\n", MAX_CPUS);
			return 1;
		}
		c = &cpus[nr_cpus++];
		c->cpu = cpu;
		snprintf(path, sizeof(path), "%s/per_cpu/cpu%d/trace_pipe_raw",
			 tracefs, cpu);
		c->in = open(path, O_RDONLY | O_NONBLOCK);
		if (c->in < 0)
			die("cannot open", path);
		snprintf(path, sizeof(path), "%s/cpu%d", outdir, cpu);
		c->out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (c->out < 0)
			die("cannot create", path);
	}
	closedir(d);
	if (!nr_cpus) {
		fprintf(stderr, "ftrace-splice: no CPU under %s/per_cpu\n", tracefs);
		return 1;
	}
	if (pipe(pipefd))
		die("cannot create", "pipe");
	fcntl(pipefd[1], F_SETPIPE_SZ, PIPE_SIZE);

	while (!stop) {
		for (i = 0; i < nr_cpus; i++) {
			pfd[i].fd = cpus[i].in;
			pfd[i].events = POLLIN;
		}
		if (ppoll(pfd, nr_cpus, NULL, &orig) < 0) {
			if (errno == EINTR)
				continue;
			die("cannot poll", "trace_pipe_raw");
		}
		for (i = 0; i < nr_cpus; i++)
			if (pfd[i].revents & POLLIN)
				drain(&cpus[i]);
	}

	for (i = 0; i < nr_cpus; i++) {
		unsigned long long spliced;

		drain(&cpus[i]);
		spliced = cpus[i].bytes;
		drain_partial(&cpus[i]);
		printf("ftrace-splice: cpu%d bytes=%llu pages=%llu read=%llu\n",
		       cpus[i].cpu, cpus[i].bytes, cpus[i].bytes / page_size,
		       (cpus[i].bytes - spliced) / page_size);
		total += cpus[i].bytes;
		close(cpus[i].out);
	}
	printf("ftrace-splice: total bytes=%llu pages=%llu\n", total, total / page_size);
	return 0;

usage:
	fprintf(stderr, "usage: ftrace-splice [-t TRACEFS] OUTDIR\n");
	return 1;
}
