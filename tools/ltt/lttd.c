// SPDX-License-Identifier: GPL-2.0
/*
 * lttd: write an LTT session's trace to a directory
 *
 *   lttd [-d DEBUGFS] SESSION OUTDIR
 *   lttd [-d DEBUGFS] [-o OUTDIR] [-H HOSTNAME] [-r RETRIES]
 *        --relayd HOST[:CONTROL_PORT[:DATA_PORT]] SESSION
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
 * With --relayd (or a URL of the form net://HOST[:PORT[:PORT]]), lttd
 * sends the trace to lttng-relayd instead (relay.c), and to OUTDIR as
 * well with -o: packets one at a time with the index the relay's live
 * viewers need, the metadata as it grows. When the relay is lost, lttd
 * stops reading, so the channels discard or overwrite as configured,
 * and connects again once a second, RETRIES times (default 30), to go
 * on in a new trace directory on the relay; then it gives up and exits
 * 3.
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
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "relay.h"

#define MAX_FDS		1024
#define PIPE_SIZE	(1024 * 1024)

/* The packet header fields of struct ltt_packet_header, at byte: */
#define PH_STREAM_ID		4
#define PH_TIMESTAMP_BEGIN	8
#define PH_TIMESTAMP_END	16
#define PH_CONTENT_SIZE		24
#define PH_PACKET_SIZE		32
#define PH_PACKET_SEQ_NUM	40
#define PH_EVENTS_DISCARDED	48
#define PH_CPU_ID		56
#define PH_LEN			60

struct out {
	int in;			/* stream or metadata file */
	int out;		/* file in OUTDIR, -1: none */
	int metadata;		/* read() rather than splice() */
	int done;		/* end of file seen */
	unsigned long long bytes;
	char name[NAME_MAX + 16];	/* CHAN_CPU or "metadata" */
	size_t subbuf_size;	/* largest packet */
	uint64_t handle;	/* the relay's stream */
	uint64_t seq;		/* packets sent on this relay connection */
};

static struct out outs[MAX_FDS];
static int nr_outs;
static int pipefd[2];
static const char *session;

/* --relayd: the relay, and the metadata sent so far, to send again. */
static struct relay relay;
static int relayed;
static int retries = 30;
static char *meta_text;
static size_t meta_len;
static unsigned char *packet;
static size_t packet_size;
static unsigned long long reconnects;

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

static void add(const char *in, const char *out, int metadata,
		const char *name, size_t subbuf_size)
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
	o->out = -1;
	snprintf(o->name, sizeof(o->name), "%s", name);
	o->subbuf_size = subbuf_size;
	if (subbuf_size > packet_size)
		packet_size = subbuf_size;
	if (!out)
		return;
	o->out = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (o->out < 0)
		die("cannot create", out);
}

static void open_channel(const char *sdir, const char *outdir,
			 const char *chan)
{
	char path[PATH_MAX], out[PATH_MAX], name[NAME_MAX + 16];
	unsigned long long subbuf_size;
	struct dirent *de;
	FILE *f;
	DIR *d;
	int cpu;

	mkpath(path, "%s/channels/%s/subbuf_size", sdir, chan);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%llu", &subbuf_size) != 1)
		die("cannot read", path);
	fclose(f);

	mkpath(path, "%s/channels/%s/stream", sdir, chan);
	d = opendir(path);
	if (!d)
		die("cannot list", path);
	while ((de = readdir(d))) {
		if (sscanf(de->d_name, "cpu%d", &cpu) != 1)
			continue;
		mkpath(path, "%s/channels/%s/stream/%s", sdir, chan,
		       de->d_name);
		snprintf(name, sizeof(name), "%s_%d", chan, cpu);
		mkpath(out, "%s/%s", outdir ? outdir : "", name);
		add(path, outdir ? out : NULL, 0, name, subbuf_size);
	}
	closedir(d);
}

/*
 * A read or splice of @name that moved nothing: 1 at end of file, 0 when
 * nothing is ready yet (poll again). Exits if the session is gone or the
 * file cannot be read.
 */
static int read_end(ssize_t len, const char *name)
{
	if (len < 0 && errno == ENODEV)
		gone();
	if (len < 0 && errno != EAGAIN && errno != EINTR)
		die("cannot read", name);
	return len == 0;
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
		if (len <= 0)
			return read_end(len, "stream");
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

/*
 * Announce every stream on a new relay connection, metadata first, and
 * send the metadata read so far.
 */
static int relay_announce(void)
{
	int i;

	for (i = nr_outs - 1; i >= 0; i--) {
		outs[i].seq = 0;
		if (relay_add_stream(&relay, outs[i].name, &outs[i].handle))
			return -1;
	}
	if (relay_streams_sent(&relay))
		return -1;
	if (meta_len && relay_send_metadata(&relay, outs[nr_outs - 1].handle,
					    meta_text, meta_len))
		return -1;
	return 0;
}

/*
 * The relay is gone: connect again once a second, up to @retries times,
 * reading nothing meanwhile so that the channels discard or overwrite
 * as configured. Gives up with exit status 3.
 */
static void relay_lost(void)
{
	int i;

	fprintf(stderr,
		"lttd: relay lost: %s; not reading, connecting again every second, %d times\n",
		relay.error, retries);
	relay_close(&relay);
	for (i = 1; i <= retries; i++) {
		sleep(1);
		if (relay_open(&relay))
			continue;
		if (!relay_announce()) {
			reconnects++;
			fprintf(stderr,
				"lttd: relay back after %d attempts, the trace goes on in %s\n",
				i, relay.path);
			return;
		}
		relay_close(&relay);
	}
	fprintf(stderr, "lttd: relay lost, giving up after %d attempts: %s\n",
		retries, relay.error);
	exit(3);
}

static uint64_t field(const unsigned char *p, int off, int len)
{
	uint64_t v = 0;
	uint32_t v32;

	if (len == 4) {
		memcpy(&v32, p + off, 4);
		return v32;
	}
	memcpy(&v, p + off, 8);
	return v;
}

/* Send one packet with its index, connecting again if needed. */
static void relay_packet(struct out *o, const unsigned char *p, size_t len)
{
	struct relay_index index = {
		.packet_size = field(p, PH_PACKET_SIZE, 8),
		.content_size = field(p, PH_CONTENT_SIZE, 8),
		.timestamp_begin = field(p, PH_TIMESTAMP_BEGIN, 8),
		.timestamp_end = field(p, PH_TIMESTAMP_END, 8),
		.events_discarded = field(p, PH_EVENTS_DISCARDED, 8),
		.stream_id = field(p, PH_STREAM_ID, 4),
		.stream_instance_id = field(p, PH_CPU_ID, 4),
		.packet_seq_num = field(p, PH_PACKET_SEQ_NUM, 8),
	};

	while (relay_send_packet(&relay, o->handle, o->seq, p, len, &index))
		relay_lost();
	o->seq++;
}

/* Move what is ready to the relay (and OUTDIR); return 1 at end of file. */
static int drain_relay(struct out *o)
{
	ssize_t len;
	char *m;

	for (;;) {
		if (o->metadata) {
			m = realloc(meta_text, meta_len + 65536);
			if (!m)
				die("cannot allocate", "metadata");
			meta_text = m;
			len = read(o->in, meta_text + meta_len, 65536);
		} else {
			len = read(o->in, packet, o->subbuf_size);
		}
		if (len <= 0)
			return read_end(len, o->name);
		/*
		 * A read of subbuf_size bytes returns one whole packet,
		 * packet_size bytes (less than the sub-buffer when it was
		 * closed early): the index sent with it says so.
		 */
		if (!o->metadata && (len < PH_LEN ||
				     (uint64_t)len !=
				     field(packet, PH_PACKET_SIZE, 8) / 8)) {
			fprintf(stderr, "lttd: %s: short packet\n", o->name);
			exit(1);
		}
		o->bytes += len;
		if (o->out >= 0 &&
		    write(o->out, o->metadata ? meta_text + meta_len :
			  (char *)packet, len) != len)
			die("cannot write", o->name);
		if (!o->metadata) {
			relay_packet(o, packet, len);
			continue;
		}
		meta_len += len;
		if (relay_send_metadata(&relay, o->handle,
					meta_text + meta_len - len, len))
			relay_lost();	/* sends the whole text again */
	}
}

/* Close every stream, then the session: the relay ends the trace. */
static void relay_end(void)
{
	int i;

	for (i = 0; i < nr_outs; i++)
		if (relay_close_stream(&relay, outs[i].handle,
				       outs[i].seq ? outs[i].seq - 1 : -1ULL))
			fprintf(stderr, "lttd: %s\n", relay.error);
	relay_close(&relay);
	printf("lttd: session %s: sent to %s, %s, reconnected %llu times\n",
	       session, relay.host, relay.path, reconnects);
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
	       session, total, nr_outs, outdir ? outdir : "(none)");
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

/* The session's switch timer, which makes it a live session. */
static unsigned int live_timer(const char *sdir)
{
	char path[PATH_MAX];
	unsigned int us;
	FILE *f;

	mkpath(path, "%s/switch_timer_us", sdir);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%u", &us) != 1)
		die("cannot read", path);
	fclose(f);
	return us;
}

static const struct option options[] = {
	{ "relayd", required_argument, NULL, 'R' },
	{ }
};

int main(int argc, char **argv)
{
	const char *debugfs = "/sys/kernel/debug", *outdir = NULL;
	const char *url = NULL, *hostname = NULL;
	char sdir[PATH_MAX], path[PATH_MAX], out[PATH_MAX];
	const char *where = "sessions";
	struct pollfd pfd[MAX_FDS];
	struct utsname uts;
	struct dirent *de;
	int opt, i, left;
	DIR *d;

	while ((opt = getopt_long(argc, argv, "d:o:H:r:p", options,
				  NULL)) != -1) {
		switch (opt) {
		case 'd':
			debugfs = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'H':
			hostname = optarg;
			break;
		case 'r':
			retries = atoi(optarg);
			break;
		case 'R':
			url = optarg;
			break;
		case 'p':
			where = "previous";
			break;
		default:
			goto usage;
		}
	}
	if (!url && !outdir && argc - optind == 2)
		outdir = argv[optind + 1];
	else if (argc - optind != 1 || (!url && !outdir))
		goto usage;
	session = argv[optind];
	relayed = !!url;

	mkpath(sdir, "%s/ltt/%s/%s", debugfs, where, session);
	/*
	 * A trace holds kernel addresses (timer callbacks, pointers in
	 * event fields): readable by its owner only, whatever the umask.
	 * An existing directory keeps its mode: its owner chose it.
	 */
	if (outdir && mkdir(outdir, 0700) && errno != EEXIST)
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
	mkpath(out, "%s/metadata", outdir ? outdir : "");
	add(path, outdir ? out : NULL, 1, "metadata", 0);
	if (relayed) {
		if (relay_parse_url(&relay, url)) {
			fprintf(stderr, "lttd: bad relay address %s\n", url);
			return 1;
		}
		uname(&uts);
		if (!hostname)
			hostname = uts.nodename;
		/* The relay takes names shorter than its fields. */
		if (strlen(hostname) >= sizeof(relay.hostname) ||
		    strlen(session) >= sizeof(relay.session)) {
			fprintf(stderr, "lttd: host or session name too long for the relay\n");
			return 1;
		}
		memcpy(relay.hostname, hostname, strlen(hostname) + 1);
		memcpy(relay.session, session, strlen(session) + 1);
		relay.live_timer_us = live_timer(sdir);
		packet = malloc(packet_size);
		if (!packet)
			die("cannot allocate", "packet buffer");
		if (relay_open(&relay) || relay_announce()) {
			fprintf(stderr, "lttd: %s\n", relay.error);
			return 1;
		}
		printf("lttd: session %s: sending to %s port %s/%s, %s\n",
		       session, relay.host, relay.control_port,
		       relay.data_port, relay.path);
		fflush(stdout);
	}
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
			if (relayed ? drain_relay(&outs[i]) : drain(&outs[i])) {
				outs[i].done = 1;
				left--;
			}
		}
	}
	if (relayed)
		relay_end();
	summary(sdir, outdir);
	return 0;

usage:
	fprintf(stderr, "usage: lttd [-d DEBUGFS] SESSION OUTDIR\n"
		"       lttd [-d DEBUGFS] [-o OUTDIR] [-H HOSTNAME] [-r RETRIES]\n"
		"            --relayd HOST[:CONTROL_PORT[:DATA_PORT]] SESSION\n"
		"       lttd [-d DEBUGFS] -p REGION OUTDIR\n");
	return 1;
}
