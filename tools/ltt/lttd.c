// SPDX-License-Identifier: GPL-2.0
/*
 * lttd: write an LTT session's trace to a directory
 *
 *   lttd [-d DEBUGFS] SESSION OUTDIR
 *   lttd [-d DEBUGFS] -p REGION OUTDIR
 *
 * Opens every stream file of every channel of SESSION and its metadata
 * file, waits for data with poll() and moves it with splice() through a
 * pipe into OUTDIR, laid out as a CTF trace: one file CHAN_N per channel
 * and CPU, and "metadata". Follows the session until it is stopped and
 * every packet has been written, then prints the events discarded and
 * the packets overwritten (lost) per channel and exits 0. Exits 1 on
 * errors and 2 if the session is destroyed before it was drained.
 *
 * Start lttd before or after the session; channels created after lttd
 * started are not followed.
 *
 * With -p, lttd writes instead the trace a previous boot left in the
 * reserved memory REGION (ltt/previous/REGION/, see "Crash buffers" in
 * Documentation/trace/ltt.rst), which ends where the kernel stopped.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FDS		1024
#define PIPE_SIZE	(1024 * 1024)

struct out {
	int in;			/* stream or metadata file */
	int out;		/* file in OUTDIR */
	int metadata;		/* read() rather than splice() */
	int done;		/* end of file seen */
	unsigned long long bytes;
};

static struct out outs[MAX_FDS];
static int nr_outs;
static int pipefd[2];
static const char *session;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "lttd: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void gone(void)
{
	fprintf(stderr, "lttd: session %s destroyed: the trace is incomplete\n",
		session);
	exit(2);
}

/* Format a path into @buf (PATH_MAX bytes); a path too long is fatal. */
static void mkpath(char *buf, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
	if (len < 0 || len >= PATH_MAX) {
		fprintf(stderr, "lttd: path too long\n");
		exit(1);
	}
}

static void add(const char *in, const char *out, int metadata)
{
	struct out *o;
	int fd;

	fd = open(in, O_RDONLY | O_NONBLOCK);
	if (fd < 0 && errno == ENODEV)
		return;		/* a CPU that never was online */
	if (fd < 0)
		die("cannot open", in);
	if (nr_outs == MAX_FDS) {
		fprintf(stderr, "lttd: more than %d streams\n", MAX_FDS);
		exit(1);
	}
	o = &outs[nr_outs++];
	o->in = fd;
	o->metadata = metadata;
	o->out = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (o->out < 0)
		die("cannot create", out);
}

static void open_channel(const char *sdir, const char *outdir,
			 const char *chan)
{
	char path[PATH_MAX], out[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int cpu;

	mkpath(path, "%s/channels/%s/stream", sdir, chan);
	d = opendir(path);
	if (!d)
		die("cannot list", path);
	while ((de = readdir(d))) {
		if (sscanf(de->d_name, "cpu%d", &cpu) != 1)
			continue;
		mkpath(path, "%s/channels/%s/stream/%s", sdir, chan,
		       de->d_name);
		mkpath(out, "%s/%s_%d", outdir, chan, cpu);
		add(path, out, 0);
	}
	closedir(d);
}

/* Move what is ready; return 1 at end of file. */
static int drain(struct out *o)
{
	char buf[65536];
	ssize_t len, w;

	for (;;) {
		if (o->metadata)
			len = read(o->in, buf, sizeof(buf));
		else
			len = splice(o->in, NULL, pipefd[1], NULL, PIPE_SIZE,
				     SPLICE_F_MOVE);
		if (len == 0)
			return 1;
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return 0;
			if (errno == ENODEV)
				gone();
			die("cannot read", "stream");
		}
		o->bytes += len;
		while (len > 0) {
			if (o->metadata)
				w = write(o->out, buf, len);
			else
				w = splice(pipefd[0], NULL, o->out, NULL, len,
					   SPLICE_F_MOVE);
			if (w <= 0)
				die("cannot write", "trace file");
			len -= w;
		}
	}
}

/* Sum the per-CPU counters of each channel from the status file. */
static void summary(const char *sdir, const char *outdir)
{
	char path[PATH_MAX], line[512], chan[128], prev[128] = "";
	unsigned long long w, disc, over, bytes, tw = 0, td = 0, to = 0;
	unsigned long long total = 0;
	FILE *f;
	int cpu, i;

	for (i = 0; i < nr_outs; i++)
		total += outs[i].bytes;
	printf("lttd: session %s: %llu bytes in %d files under %s\n",
	       session, total, nr_outs, outdir);
	mkpath(path, "%s/status", sdir);
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			gone();
		die("cannot read", path);
	}
	printf("%-16s %14s %14s %14s\n", "channel", "written", "discarded",
	       "lost");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%127s %d %llu %llu %llu %llu", chan, &cpu,
			   &w, &disc, &over, &bytes) != 6)
			continue;
		if (*prev && strcmp(prev, chan)) {
			printf("%-16s %14llu %14llu %14llu\n", prev, tw, td, to);
			tw = 0;
			td = 0;
			to = 0;
		}
		snprintf(prev, sizeof(prev), "%s", chan);
		tw += w;
		td += disc;
		to += over;
	}
	if (ferror(f)) {
		/* The file outlives its session by the time of a read. */
		if (errno == ENOENT)
			gone();
		die("cannot read", path);
	}
	if (*prev)
		printf("%-16s %14llu %14llu %14llu\n", prev, tw, td, to);
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *debugfs = "/sys/kernel/debug", *outdir;
	char sdir[PATH_MAX], path[PATH_MAX], out[PATH_MAX];
	const char *where = "sessions";
	struct pollfd pfd[MAX_FDS];
	struct dirent *de;
	int opt, i, left;
	DIR *d;

	while ((opt = getopt(argc, argv, "d:p")) != -1) {
		if (opt == 'd')
			debugfs = optarg;
		else if (opt == 'p')
			where = "previous";
		else
			goto usage;
	}
	if (argc - optind != 2)
		goto usage;
	session = argv[optind];
	outdir = argv[optind + 1];

	mkpath(sdir, "%s/ltt/%s/%s", debugfs, where, session);
	/*
	 * A trace holds kernel addresses (timer callbacks, pointers in
	 * event fields): readable by its owner only, whatever the umask.
	 * An existing directory keeps its mode: its owner chose it.
	 */
	if (mkdir(outdir, 0700) && errno != EEXIST)
		die("cannot create", outdir);
	mkpath(path, "%s/channels", sdir);
	d = opendir(path);
	if (!d)
		die("cannot list", path);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			open_channel(sdir, outdir, de->d_name);
	closedir(d);
	mkpath(path, "%s/metadata", sdir);
	mkpath(out, "%s/metadata", outdir);
	add(path, out, 1);
	if (pipe(pipefd))
		die("cannot create", "pipe");
	/* Room for a whole sub-buffer; smaller pipes take packets in pieces. */
	fcntl(pipefd[1], F_SETPIPE_SZ, PIPE_SIZE);

	for (left = nr_outs; left;) {
		for (i = 0; i < nr_outs; i++) {
			pfd[i].fd = outs[i].done ? -1 : outs[i].in;
			pfd[i].events = POLLIN;
		}
		if (poll(pfd, nr_outs, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("cannot poll", "streams");
		}
		for (i = 0; i < nr_outs; i++) {
			if (!pfd[i].revents || outs[i].done)
				continue;
			if (pfd[i].revents & POLLERR)
				gone();
			if (drain(&outs[i])) {
				outs[i].done = 1;
				left--;
			}
		}
	}
	summary(sdir, outdir);
	return 0;

usage:
	fprintf(stderr, "usage: lttd [-d DEBUGFS] SESSION OUTDIR\n"
		"       lttd [-d DEBUGFS] -p REGION OUTDIR\n");
	return 1;
}
