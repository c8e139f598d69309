// SPDX-License-Identifier: GPL-2.0
/*
 * lttd's client of lttng-relayd, LTTng's relay daemon
 *
 * lttng-relayd receives traces over TCP from LTTng's consumer daemons,
 * writes them as CTF trace directories (one per host and session) and
 * serves them to live viewers (babeltrace2's lttng-live). lttd speaks
 * the same protocol, so an unmodified relay takes LTT traces too.
 *
 * Two TCP connections per tracing host, to the relay's control port
 * (5342) and data port (5343). Every integer on the wire is big-endian,
 * every structure packed. Each control message is a 24-byte header
 *
 *	u64 circuit_id (0)  u64 data_size  u32 cmd  u32 cmd_version (0)
 *
 * followed by data_size bytes; most commands get a reply, which the
 * client waits for. Each data message is a 32-byte header
 *
 *	u64 circuit_id (0)  u64 relay_stream  u64 net_seq_num
 *	u32 data_size  u32 padding_size
 *
 * followed by the data_size bytes of a packet's content, and has no
 * reply; the relay writes padding_size zero bytes after them to make
 * the whole packet.
 *
 * lttd speaks protocol 2.10: the relay answers with its own version and
 * both use the lower one. 2.10 has the fixed-size session and stream
 * messages of 2.4 to 2.10 (no trace chunks, which are 2.11's and belong
 * to lttng-sessiond's rotations) and the index with packet sequence
 * numbers of 2.8. The relay gives such a peer a trace directory of the
 * path it names under its output directory:
 *
 *	VERSION (5)        {major 2, minor 10} -> {major, minor}
 *	CREATE_SESSION (2) {name[255], hostname[64], live_timer_us, 0}
 *	                   -> {session id, status}
 *	ADD_STREAM (1)     {channel_name[264], path[4096], 0, 0}
 *	                   -> {relay stream handle, status}
 *	                   ("metadata" names the metadata stream)
 *	STREAMS_SENT (16)  -> {status}: viewers may now see the streams
 *	SEND_METADATA (6)  {handle, padding 0, text}, no reply (each
 *	                   piece opens with the CTF signature, see
 *	                   relay_send_metadata())
 *	SEND_INDEX (13)    {handle, net_seq_num, packet_size,
 *	                   content_size, timestamp_begin, timestamp_end,
 *	                   events_discarded, stream_id, stream_instance_id,
 *	                   packet_seq_num} -> {status}
 *	CLOSE_STREAM (7)   {handle, last net_seq_num} -> {status}
 *
 * A stream, as the relay sees it, goes through these states:
 *
 *	  ADD_STREAM            packets, each:
 *	 ------------> open --------------------------+
 *	                ^    data (data socket), then |
 *	                |    SEND_INDEX with the same |
 *	                +---- net_seq_num (control)   |
 *	                                              |
 *	  CLOSE_STREAM {last net_seq_num}             v
 *	 -------------------------------------->  closed, once every
 *	  or the control connection closes        packet up to the last
 *	                                          has data and index
 *
 * net_seq_num counts the packets sent on a stream from 0, so the relay
 * can pair a packet with its index; the index carries the packet context
 * LTT's packet header already holds, which live viewers need to find and
 * order packets. LTTng's consumers also send beacons, indexes with
 * packet_size 0 that promise a stream nothing new up to a time read from
 * the trace clock, so that a viewer need not wait for an idle stream;
 * lttd cannot read a CPU's trace clock from user space and sends none,
 * so a live viewer waits for every stream's next packet. Closing the
 * control connection ends the session on the relay, and a live viewer
 * then sees the end of the trace.
 *
 * The protocol has no authentication and no encryption: anyone who can
 * reach the ports can add sessions and read them live.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "relay.h"

enum relay_cmd {
	RELAY_ADD_STREAM = 1,
	RELAY_CREATE_SESSION = 2,
	RELAY_VERSION = 5,
	RELAY_SEND_METADATA = 6,
	RELAY_CLOSE_STREAM = 7,
	RELAY_SEND_INDEX = 13,
	RELAY_STREAMS_SENT = 16,
};

#define RELAY_MAJOR		2
#define RELAY_MINOR		10	/* the highest lttd speaks */
#define RELAY_MINOR_MIN		8	/* packet_seq_num in the index */
#define RELAY_OK		10	/* LTTNG_OK */
#define RELAY_HOSTNAME_LEN	64
#define RELAY_SESSION_LEN	255
#define RELAY_STREAM_NAME_LEN	264
#define RELAY_PATH_LEN		4096

/* A message being built, big-endian, packed. */
struct relay_msg {
	unsigned char buf[24 + RELAY_STREAM_NAME_LEN + RELAY_PATH_LEN + 16];
	size_t len;
};

static void put32(struct relay_msg *m, uint32_t v)
{
	v = htobe32(v);
	memcpy(m->buf + m->len, &v, 4);
	m->len += 4;
}

static void put64(struct relay_msg *m, uint64_t v)
{
	v = htobe64(v);
	memcpy(m->buf + m->len, &v, 8);
	m->len += 8;
}

/* A fixed-size, zero-padded string field; @s is cut to fit. */
static void putstr(struct relay_msg *m, const char *s, size_t size)
{
	size_t len = strlen(s);

	if (len > size - 1)
		len = size - 1;
	memset(m->buf + m->len, 0, size);
	memcpy(m->buf + m->len, s, len);
	m->len += size;
}

static int fail(struct relay *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
	return -1;
}

/* Send the @cnt pieces of @iov, all of them; no SIGPIPE. */
static int sendv(struct relay *r, int fd, struct iovec *iov, int cnt)
{
	ssize_t n;

	while (cnt) {
		struct msghdr mh = { .msg_iov = iov, .msg_iovlen = cnt };

		n = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(r, "cannot send to %s: %s", r->host,
				    strerror(errno));
		while (cnt && (size_t)n >= iov->iov_len) {
			n -= iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= n;
		}
	}
	return 0;
}

static int recv_all(struct relay *r, void *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = recv(r->control, buf, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(r, "no reply from %s: %s", r->host,
				    n ? strerror(errno) : "connection closed");
		buf = (char *)buf + n;
		len -= n;
	}
	return 0;
}

/*
 * Send control command @cmd with the payload in @m (after its header
 * room) and @extra, then read a reply of @reply_len bytes.
 */
static int command(struct relay *r, enum relay_cmd cmd, struct relay_msg *m,
		   const void *extra, size_t extra_len, void *reply,
		   size_t reply_len)
{
	struct iovec iov[2] = {
		{ .iov_base = m->buf, .iov_len = m->len },
		{ .iov_base = (void *)extra, .iov_len = extra_len },
	};
	size_t payload = m->len - 24 + extra_len;

	m->len = 0;
	put64(m, 0);
	put64(m, payload);
	put32(m, cmd);
	put32(m, 0);
	m->len = iov[0].iov_len;
	if (sendv(r, r->control, iov, extra_len ? 2 : 1))
		return -1;
	return reply_len ? recv_all(r, reply, reply_len) : 0;
}

static void msg_init(struct relay_msg *m)
{
	m->len = 24;	/* room for the header */
}

/* The status word of a reply at @off, LTTNG_OK or a failure. */
static int status(struct relay *r, const unsigned char *reply, size_t off,
		  const char *what)
{
	uint32_t code;

	memcpy(&code, reply + off, 4);
	code = be32toh(code);
	if (code != RELAY_OK)
		return fail(r, "%s refused %s (lttng error %u)", r->host, what,
			    code);
	return 0;
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return be64toh(v);
}

/* "HOST[:CONTROL[:DATA]]" or "net://HOST[:CONTROL[:DATA]][/...]". */
int relay_parse_url(struct relay *r, const char *url)
{
	char buf[512], *p, *c;

	if (!strncmp(url, "net://", 6))
		url += 6;
	else if (!strncmp(url, "tcp://", 6))
		url += 6;
	snprintf(buf, sizeof(buf), "%s", url);
	p = strchr(buf, '/');
	if (p)
		*p = 0;
	snprintf(r->control_port, sizeof(r->control_port), RELAY_CONTROL_PORT);
	snprintf(r->data_port, sizeof(r->data_port), RELAY_DATA_PORT);
	c = strchr(buf, ':');
	if (c) {
		*c++ = 0;
		p = strchr(c, ':');
		if (p) {
			*p++ = 0;
			if (!*p || strlen(p) >= sizeof(r->data_port))
				return -1;
			snprintf(r->data_port, sizeof(r->data_port), "%s", p);
		}
		if (!*c || strlen(c) >= sizeof(r->control_port))
			return -1;
		snprintf(r->control_port, sizeof(r->control_port), "%s", c);
	}
	if (!*buf || strlen(buf) >= sizeof(r->host))
		return -1;
	snprintf(r->host, sizeof(r->host), "%s", buf);
	r->control = -1;
	r->data = -1;
	return 0;
}

static int dial(struct relay *r, const char *port)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
	}, *res, *ai;
	int fd = -1, err, one = 1;

	err = getaddrinfo(r->host, port, &hints, &res);
	if (err)
		return fail(r, "cannot resolve %s: %s", r->host,
			    gai_strerror(err));
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
			    ai->ai_protocol);
		if (fd < 0)
			continue;
		if (!connect(fd, ai->ai_addr, ai->ai_addrlen))
			break;
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return fail(r, "cannot connect to %s port %s: %s", r->host,
			    port, strerror(errno));
	/* Indexes are small and a live viewer waits for them. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/*
 * Connect both sockets, agree on the protocol version and create the
 * session. The trace goes to HOSTNAME/SESSION-DATE-TIME/kernel under
 * the relay's output directory, as LTTng's own traces do: a new
 * directory for every connection.
 */
int relay_open(struct relay *r)
{
	unsigned char reply[12];
	struct relay_msg m;
	uint32_t major, minor;
	char date[32];
	struct tm tm;
	time_t now;

	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y%m%d-%H%M%S", &tm);
	snprintf(r->path, sizeof(r->path), "%s/%s-%s/kernel", r->hostname,
		 r->session, date);
	r->metadata_sent = 0;
	r->control = dial(r, r->control_port);
	if (r->control < 0)
		goto err;
	r->data = dial(r, r->data_port);
	if (r->data < 0)
		goto err;

	msg_init(&m);
	put32(&m, RELAY_MAJOR);
	put32(&m, RELAY_MINOR);
	if (command(r, RELAY_VERSION, &m, NULL, 0, reply, 8))
		goto err;
	memcpy(&major, reply, 4);
	memcpy(&minor, reply + 4, 4);
	major = be32toh(major);
	minor = be32toh(minor);
	if (major != RELAY_MAJOR || minor < RELAY_MINOR_MIN) {
		fail(r, "%s speaks relay protocol %u.%u, lttd needs 2.%u or later",
		     r->host, major, minor, RELAY_MINOR_MIN);
		goto err;
	}

	msg_init(&m);
	putstr(&m, r->session, RELAY_SESSION_LEN);
	putstr(&m, r->hostname, RELAY_HOSTNAME_LEN);
	put32(&m, r->live_timer_us);
	put32(&m, 0);		/* not a snapshot */
	if (command(r, RELAY_CREATE_SESSION, &m, NULL, 0, reply, 12) ||
	    status(r, reply, 8, "the session"))
		goto err;
	return 0;
err:
	relay_close(r);
	return -1;
}

int relay_add_stream(struct relay *r, const char *name, uint64_t *handle)
{
	unsigned char reply[12];
	struct relay_msg m;

	msg_init(&m);
	putstr(&m, name, RELAY_STREAM_NAME_LEN);
	putstr(&m, r->path, RELAY_PATH_LEN);
	put64(&m, 0);		/* no trace file size limit */
	put64(&m, 0);		/* no trace file count limit */
	if (command(r, RELAY_ADD_STREAM, &m, NULL, 0, reply, 12) ||
	    status(r, reply, 8, "a stream"))
		return -1;
	*handle = get64(reply);
	return 0;
}

int relay_streams_sent(struct relay *r)
{
	unsigned char reply[4];
	struct relay_msg m;

	msg_init(&m);
	if (command(r, RELAY_STREAMS_SENT, &m, NULL, 0, reply, 4))
		return -1;
	return status(r, reply, 0, "the streams");
}

/*
 * babeltrace2's live reader parses each piece of metadata it fetches on
 * its own, and refuses plain text that does not open with the CTF
 * signature. Every piece after the first therefore starts with the
 * signature again, as a comment, which readers of the whole file skip.
 */
static const char relay_ctf_signature[] = "/* CTF 1.8 */\n";

int relay_send_metadata(struct relay *r, uint64_t handle, const void *buf,
			size_t len)
{
	struct relay_msg m;

	msg_init(&m);
	put64(&m, handle);
	put32(&m, 0);		/* padding */
	if (r->metadata_sent) {
		memcpy(m.buf + m.len, relay_ctf_signature,
		       sizeof(relay_ctf_signature) - 1);
		m.len += sizeof(relay_ctf_signature) - 1;
	}
	if (command(r, RELAY_SEND_METADATA, &m, buf, len, NULL, 0))
		return -1;
	r->metadata_sent += len;
	return 0;
}

static int send_index(struct relay *r, uint64_t handle, uint64_t seq,
		      const struct relay_index *index)
{
	unsigned char reply[4];
	struct relay_msg m;

	msg_init(&m);
	put64(&m, handle);
	put64(&m, seq);
	put64(&m, index->packet_size);
	put64(&m, index->content_size);
	put64(&m, index->timestamp_begin);
	put64(&m, index->timestamp_end);
	put64(&m, index->events_discarded);
	put64(&m, index->stream_id);
	put64(&m, index->stream_instance_id);
	put64(&m, index->packet_seq_num);
	if (command(r, RELAY_SEND_INDEX, &m, NULL, 0, reply, 4))
		return -1;
	return status(r, reply, 0, "an index");
}

/*
 * Packet data first, then its index, as LTTng's consumers do. Only the
 * content goes over the network: the relay writes the padding itself,
 * and a packet closed early by the switch timer is mostly padding.
 */
int relay_send_packet(struct relay *r, uint64_t handle, uint64_t seq,
		      const void *buf, size_t len,
		      const struct relay_index *index)
{
	size_t content = (index->content_size + 7) / 8;
	struct relay_msg m;
	struct iovec iov[2];

	if (content > len)
		content = len;
	m.len = 0;
	put64(&m, 0);
	put64(&m, handle);
	put64(&m, seq);
	put32(&m, content);
	put32(&m, len - content);	/* padding */
	iov[0].iov_base = m.buf;
	iov[0].iov_len = m.len;
	iov[1].iov_base = (void *)buf;
	iov[1].iov_len = content;
	if (sendv(r, r->data, iov, 2))
		return -1;
	return send_index(r, handle, seq, index);
}

int relay_close_stream(struct relay *r, uint64_t handle, uint64_t last_seq)
{
	unsigned char reply[4];
	struct relay_msg m;

	msg_init(&m);
	put64(&m, handle);
	put64(&m, last_seq);
	if (command(r, RELAY_CLOSE_STREAM, &m, NULL, 0, reply, 4))
		return -1;
	return status(r, reply, 0, "closing a stream");
}

/* Closing the control connection ends the session on the relay. */
void relay_close(struct relay *r)
{
	if (r->data >= 0)
		close(r->data);
	if (r->control >= 0)
		close(r->control);
	r->data = -1;
	r->control = -1;
}
