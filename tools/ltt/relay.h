/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lttd's client of lttng-relayd: see relay.c for the protocol.
 */
#ifndef LTTD_RELAY_H
#define LTTD_RELAY_H

#include <stddef.h>
#include <stdint.h>

#define RELAY_CONTROL_PORT	"5342"
#define RELAY_DATA_PORT		"5343"

/**
 * struct relay - One connection to lttng-relayd and the session on it
 * @host: the relay's host name or address
 * @control_port: its control port
 * @data_port: its data port
 * @hostname: the host the trace is from, as the relay files it
 * @session: the session name on the relay
 * @live_timer_us: the session's switch timer; 0: not a live session
 * @control: control socket, -1 while disconnected
 * @data: data socket, -1 while disconnected
 * @path: the trace directory of this connection, under the relay's
 *	output directory
 * @metadata_sent: bytes of metadata sent on this connection
 * @error: why the last call failed, for the user
 */
struct relay {
	char host[256];
	char control_port[16];
	char data_port[16];
	char hostname[64];
	char session[255];
	uint32_t live_timer_us;
	int control;
	int data;
	char path[384];
	uint64_t metadata_sent;
	char error[512];
};

/**
 * struct relay_index - What the relay indexes of a packet
 *
 * The packet context of LTT's packet header, as struct ltt_packet_header
 * of include/linux/ltt/ring_buffer.h lays it out. Sizes in bits.
 */
struct relay_index {
	uint64_t packet_size;
	uint64_t content_size;
	uint64_t timestamp_begin;
	uint64_t timestamp_end;
	uint64_t events_discarded;
	uint64_t stream_id;
	uint64_t stream_instance_id;
	uint64_t packet_seq_num;
};

int relay_parse_url(struct relay *r, const char *url);
int relay_open(struct relay *r);
int relay_add_stream(struct relay *r, const char *name, uint64_t *handle);
int relay_streams_sent(struct relay *r);
int relay_send_metadata(struct relay *r, uint64_t handle, const void *buf,
			size_t len);
int relay_send_packet(struct relay *r, uint64_t handle, uint64_t seq,
		      const void *buf, size_t len,
		      const struct relay_index *index);
int relay_close_stream(struct relay *r, uint64_t handle, uint64_t last_seq);
void relay_close(struct relay *r);

#endif /* LTTD_RELAY_H */
