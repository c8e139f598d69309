/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between the files of kernel/trace/ltt/ and their
 * KUnit tests. Nothing here is an interface for the rest of the kernel.
 */
#ifndef _KERNEL_TRACE_LTT_INTERNAL_H
#define _KERNEL_TRACE_LTT_INTERNAL_H

#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/ltt/clock.h>
#include <linux/ltt/ring_buffer.h>
#include <linux/ltt/session.h>
#include <linux/mutex.h>
#include <linux/types.h>

struct dentry;
struct ltt_channel;
struct ltt_rb_cpu;
struct ltt_session;

/* Longest "MAJOR.MINOR.PATCH\n" with three int values, plus the NUL. */
#define LTT_VERSION_BUF_LEN	36

int ltt_format_version(char *buf, size_t size);
struct dentry *ltt_debugfs_root(void);

/* The control path's lock: sessions, channels and their settings. */
extern struct mutex ltt_session_mutex;

bool ltt_name_valid(const char *name);

int ltt_parse_mode(const char *s, enum ltt_rb_mode *mode);
int ltt_parse_clock(const char *s, enum ltt_clock_id *clock);
int ltt_parse_size(const char *s, unsigned int *val);
int ltt_parse_channel_spec(char *spec, char **name,
			   struct ltt_rb_config *config, char **memory);

int ltt_channels_set_clock(struct ltt_session *session, enum ltt_clock_id clock);
void ltt_channels_flush(struct ltt_session *session);
void ltt_channel_free(struct ltt_channel *chan);
void ltt_channels_free(struct ltt_session *session);

int ltt_stream_create_files(struct ltt_channel *chan, struct dentry *dir);
void ltt_metadata_create_file(struct ltt_session *session, struct dentry *dir);
void ltt_metadata_wake_readers(struct ltt_session *session);

struct trace_event_call;

/* The kernel's own trace events, see include/asm-generic/vmlinux.lds.h. */
extern struct trace_event_call *__start_ftrace_events[];
extern struct trace_event_call *__stop_ftrace_events[];

/* Known events and every session, both under ltt_session_mutex. */
extern struct list_head ltt_events;
extern struct list_head ltt_sessions;

/* Longest pattern of a rule, and most rules per channel. */
#define LTT_PATTERN_MAX		127
#define LTT_RULES_MAX		256

/* Probes that may nest on a CPU: task, softirq, hardirq, NMI. */
#define LTT_SCRATCH_NEST	4

struct ltt_event;
struct ltt_binding;
struct seq_file;

struct ltt_field;
struct ltt_pack_op;

unsigned int ltt_event_plan(const struct ltt_field *fields, unsigned int nr,
			    struct ltt_pack_op *ops, unsigned int *fixed_size);
void ltt_event_set_layout(struct ltt_event *ev);
unsigned int ltt_event_size(const struct ltt_event *event, const u8 *entry);
void ltt_event_pack(const struct ltt_event *event, const u8 *entry, u8 *p);
void ltt_event_record(struct ltt_event *ev, const u8 *entry);
int ltt_event_attach(struct ltt_event *ev);
void ltt_event_detach(struct ltt_event *ev);
bool ltt_event_match(const struct ltt_event *ev, const char *pattern);
bool ltt_event_pattern_valid(const char *pattern);
void ltt_event_appeared(struct ltt_event *ev);
void ltt_event_vanishing(struct ltt_event *ev, struct list_head *gone);
int ltt_channel_set_event(struct ltt_channel *chan, const char *pattern,
			  bool enable);
void ltt_channel_unbind(struct ltt_channel *chan);
void ltt_channel_set_active(struct ltt_channel *chan, bool active);
void ltt_channel_free_events(struct ltt_channel *chan);
void ltt_session_free_event_ids(struct ltt_session *session);
const struct ltt_event *ltt_session_event_by_id(struct ltt_session *session,
						u32 id);
void ltt_channel_show_events(struct seq_file *m, struct ltt_channel *chan);
int ltt_channel_set_context(struct ltt_channel *chan, unsigned long mask);
int ltt_parse_context(char *s, unsigned long *mask);

/* Longest event name a layout makes up (ctf_layout.c), NUL included. */
#define LTT_CTF_NAME_MAX	128

int ltt_parse_layout(const char *s, enum ltt_layout *layout);
const char *ltt_layout_name(enum ltt_layout layout);
const char *ltt_ctf_event_name(enum ltt_layout layout,
			       const struct ltt_event *ev, char *buf);
const char *ltt_ctf_field_name(enum ltt_layout layout,
			       const struct ltt_event *ev,
			       const struct ltt_field *f);
bool ltt_ctf_field_plain(enum ltt_layout layout, const struct ltt_event *ev,
			 const struct ltt_field *f);

int ltt_ctf_describe_session(struct ltt_session *session);
int ltt_ctf_describe_stream(struct ltt_channel *chan);
int ltt_ctf_describe_event(struct ltt_binding *b);

#ifdef CONFIG_FTRACE_SYSCALLS
#include <linux/syscalls.h>

static inline bool ltt_is_syscall_event(struct trace_event_call *call)
{
	return is_syscall_trace_event(call);
}

struct ltt_event *ltt_syscall_event_alloc(struct trace_event_call *call);
int ltt_syscall_attach(struct ltt_event *ev);
void ltt_syscall_detach(struct ltt_event *ev);
#else
static inline bool ltt_is_syscall_event(struct trace_event_call *call)
{
	return false;
}

static inline struct ltt_event *
ltt_syscall_event_alloc(struct trace_event_call *call)
{
	return NULL;
}

static inline int ltt_syscall_attach(struct ltt_event *ev)
{
	return -ENODEV;
}

static inline void ltt_syscall_detach(struct ltt_event *ev)
{
}
#endif

void ltt_user_event_create_file(struct dentry *root);

/* statedump.c: read by ltt_event_record(), see there. */
extern struct ltt_session *ltt_statedump_target;
void ltt_statedump_started(struct ltt_session *session);
int ltt_statedump_request(struct ltt_session *session);
void ltt_statedump_show(struct seq_file *m, struct ltt_session *session);

int ltt_switch_timer_alloc(struct ltt_session *session);
void ltt_switch_timer_free(struct ltt_session *session);
int ltt_switch_timer_start(struct ltt_session *session);
void ltt_switch_timer_stop(struct ltt_session *session);

/* ring_buffer.c: the state word of a new buffer's slots. */
u64 ltt_rb_slot_init_state(unsigned int chunk);
/* ring_buffer.c: readers' wake-up, set up with the buffer. */
void ltt_rb_init_wakeup(struct ltt_rb_cpu *buf);

#endif /* _KERNEL_TRACE_LTT_INTERNAL_H */
