// SPDX-License-Identifier: GPL-2.0
/*
 * LTT CTF metadata: the TSDL text that describes a session's trace
 *
 * A CTF 1.8 reader such as babeltrace2 needs nothing but the trace
 * directory: this text, carried in the session's metadata stream
 * (metadata.c), says how every byte of the stream files is laid out.
 * It is written in pieces, each appended whole:
 *
 *   first start   the trace (byte order, packet header), the environment
 *                 (host, kernel, tracer, clock in use), the clock, the
 *                 packet context and event header types, one stream per
 *                 channel, one event per event enabled so far
 *   later         a stream for each new channel, an event for each event
 *                 enabled in a channel for the first time, including
 *                 those of modules loaded while tracing; an environment
 *                 that says what the monotonic clock reads, and from
 *                 which value, when it stops reading the TSC (clock.c:
 *                 readers keep the last value of an environment entry)
 *
 * What the first piece describes never changes afterwards: the session
 * refuses a new clock or new context fields once it has been started.
 *
 * Layouts, matching include/linux/ltt/ring_buffer.h and event.h:
 * packet header and context as struct ltt_packet_header; event header
 * the 5-bit id with either a 27-bit timestamp or an escape to a 32-bit
 * id and a 64-bit timestamp; then the channel's context fields and the
 * event's fields, byte-aligned and packed. Field names get a leading
 * underscore, which CTF readers strip, so that a field named like a
 * TSDL keyword does not break the text.
 *
 * Locking: ltt_session_mutex, held by every caller.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/ltt/clock.h>
#include <linux/ltt/event.h>
#include <linux/ltt/session.h>
#include <linux/ltt/version.h>
#include <linux/mm.h>
#include <linux/notifier.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/string_choices.h>
#include <linux/trace_events.h>
#include <linux/utsname.h>
#include <linux/uuid.h>

#include "../trace_output.h"	/* trace_event_sem */
#include "internal.h"

/*
 * Largest declaration: a stream, an event, or the trace's own header. A
 * session's first description is any number of them, added one by one.
 */
#define LTT_CTF_DECL_MAX	(64U << 10)

#ifdef __LITTLE_ENDIAN
#define LTT_CTF_BYTE_ORDER	"le"
#else
#define LTT_CTF_BYTE_ORDER	"be"
#endif

/*
 * The types every stream uses. %s is the clock name, which the
 * timestamps are mapped to.
 */
static const char ltt_ctf_types[] =
"typealias integer { size = 8; align = 8; signed = false; } := uint8_t;\n"
"typealias integer { size = 32; align = 8; signed = true; } := int32_t;\n"
"typealias integer { size = 32; align = 8; signed = false; } := uint32_t;\n"
"typealias integer { size = 64; align = 8; signed = false; } := uint64_t;\n"
"typealias integer { size = 5; align = 1; signed = false; } := uint5_t;\n"
"typealias integer { size = 27; align = 1; signed = false;\n"
"\tmap = clock.%s.value; } := uint27_clock_t;\n"
"typealias integer { size = 64; align = 8; signed = false;\n"
"\tmap = clock.%s.value; } := uint64_clock_t;\n"
"\n"
"struct packet_context {\n"
"\tuint64_clock_t timestamp_begin;\n"
"\tuint64_clock_t timestamp_end;\n"
"\tuint64_t content_size;\n"
"\tuint64_t packet_size;\n"
"\tuint64_t packet_seq_num;\n"
"\tuint64_t events_discarded;\n"
"\tuint32_t cpu_id;\n"
"} align(8);\n"
"\n"
"struct event_header {\n"
"\tenum : uint5_t { compact = 0 ... 30, extended = 31 } id;\n"
"\tvariant <id> {\n"
"\t\tstruct {\n"
"\t\t\tuint27_clock_t timestamp;\n"
"\t\t} compact;\n"
"\t\tstruct {\n"
"\t\t\tuint32_t id;\n"
"\t\t\tuint64_clock_t timestamp;\n"
"\t\t} extended;\n"
"\t} v;\n"
"} align(8);\n\n";

struct ltt_ctf_buf {
	struct seq_buf s;
	char *mem;
};

static int ltt_ctf_begin(struct ltt_ctf_buf *b, size_t size)
{
	b->mem = kvmalloc(size, GFP_KERNEL);
	if (!b->mem)
		return -ENOMEM;
	seq_buf_init(&b->s, b->mem, size);
	return 0;
}

/* Add the declaration printed to a group of pieces, then start afresh. */
static int ltt_ctf_add(struct ltt_ctf_buf *b, struct ltt_session *session)
{
	int ret = -E2BIG;

	if (!seq_buf_has_overflowed(&b->s))
		ret = ltt_metadata_add(session, b->mem, seq_buf_used(&b->s));
	seq_buf_clear(&b->s);
	return ret;
}

/* Append what was printed, all of it or nothing. */
static int ltt_ctf_end(struct ltt_ctf_buf *b, struct ltt_session *session)
{
	int ret = -E2BIG;

	if (!seq_buf_has_overflowed(&b->s))
		ret = ltt_metadata_append(session, b->mem, seq_buf_used(&b->s));
	kvfree(b->mem);
	return ret;
}

/* A quoted TSDL string. */
static void ltt_ctf_string(struct seq_buf *s, const char *key, const char *val)
{
	seq_buf_printf(s, "\t%s = \"", key);
	for (; *val; val++) {
		if (*val == '"' || *val == '\\')
			seq_buf_putc(s, '\\');
		seq_buf_putc(s, *val);
	}
	seq_buf_puts(s, "\";\n");
}

static void ltt_ctf_trace(struct seq_buf *s, struct ltt_session *session,
			  const struct ltt_clock_info *clock)
{
	struct new_utsname *uts = utsname();
	uuid_t uuid;

	uuid_gen(&uuid);
	seq_buf_puts(s, "/* CTF 1.8 */\n\n");
	seq_buf_printf(s, ltt_ctf_types, clock->name, clock->name);
	seq_buf_printf(s,
		       "trace {\n"
		       "\tmajor = 1;\n"
		       "\tminor = 8;\n"
		       "\tuuid = \"%pUb\";\n"
		       "\tbyte_order = " LTT_CTF_BYTE_ORDER ";\n"
		       "\tpacket.header := struct {\n"
		       "\t\tuint32_t magic;\n"
		       "\t\tuint32_t stream_id;\n"
		       "\t} align(8);\n"
		       "};\n\n", &uuid);

	seq_buf_puts(s, "env {\n\tdomain = \"kernel\";\n");
	ltt_ctf_string(s, "sysname", uts->sysname);
	ltt_ctf_string(s, "hostname", uts->nodename);
	ltt_ctf_string(s, "kernel_release", uts->release);
	ltt_ctf_string(s, "kernel_version", uts->version);
	ltt_ctf_string(s, "machine", uts->machine);
	ltt_ctf_string(s, "tracer_name", "ltt");
	seq_buf_printf(s, "\ttracer_major = %d;\n\ttracer_minor = %d;\n"
		       "\ttracer_patchlevel = %d;\n", LTT_VERSION_MAJOR,
		       LTT_VERSION_MINOR, LTT_VERSION_PATCH);
	ltt_ctf_string(s, "trace_name", session->name);
	ltt_ctf_string(s, "trace_clock", clock->name);
	ltt_ctf_string(s, "clock_source", clock->source);
	if (clock->source_since)
		seq_buf_printf(s, "\tclock_source_since = %llu;\n",
			       clock->source_since);
	seq_buf_puts(s, "};\n\n");

	seq_buf_printf(s, "clock {\n\tname = %s;\n", clock->name);
	seq_buf_printf(s, "\tuuid = \"%pUb\";\n", &clock->uuid);
	ltt_ctf_string(s, "description", clock->description);
	seq_buf_printf(s, "\tfreq = %llu;\n\tprecision = 1;\n"
		       "\toffset_s = %lld;\n\toffset = %llu;\n"
		       "\tabsolute = false;\n};\n\n", clock->freq,
		       clock->offset_s, clock->offset);
}

/* An integer type for the elements of @f. */
static void ltt_ctf_integer(struct seq_buf *s, const struct ltt_field *f)
{
	seq_buf_printf(s, "integer { size = %u; align = 8; signed = %s; ",
		       f->elem_size * 8,
		       str_true_false(f->flags & LTT_FIELD_SIGNED));
	if (f->flags & LTT_FIELD_TEXT)
		seq_buf_puts(s, "encoding = UTF8; ");
	seq_buf_printf(s, "base = %u; }", f->flags & LTT_FIELD_HEX ? 16 : 10);
}

/* The procname context field: the task's name, as UTF-8 text. */
static const struct ltt_field ltt_procname_field = {
	.name = "procname", .type = "char", .elem_size = 1,
	.len = TASK_COMM_LEN, .kind = LTT_FIELD_ARRAY, .flags = LTT_FIELD_TEXT,
};

static void ltt_ctf_stream(struct seq_buf *s, struct ltt_channel *chan)
{
	seq_buf_printf(s, "/* channel %s */\nstream {\n\tid = %u;\n"
		       "\tevent.header := struct event_header;\n"
		       "\tpacket.context := struct packet_context;\n",
		       chan->name, chan->config.stream_id);
	if (chan->context) {
		seq_buf_puts(s, "\tevent.context := struct {\n");
		if (chan->context & BIT(LTT_CONTEXT_PID))
			seq_buf_puts(s, "\t\tint32_t _pid;\n");
		if (chan->context & BIT(LTT_CONTEXT_TID))
			seq_buf_puts(s, "\t\tint32_t _tid;\n");
		if (chan->context & BIT(LTT_CONTEXT_CPU))
			seq_buf_puts(s, "\t\tuint32_t _cpu_id;\n");
		if (chan->context & BIT(LTT_CONTEXT_PROCNAME)) {
			seq_buf_puts(s, "\t\t");
			ltt_ctf_integer(s, &ltt_procname_field);
			seq_buf_printf(s, " _procname[%u];\n",
				       ltt_procname_field.len);
		}
		seq_buf_puts(s, "\t};\n");
	}
	seq_buf_puts(s, "};\n\n");
}

/* Skip blanks and the parentheses and casts around a value. */
static const char *ltt_ctf_skip(const char *p)
{
	for (;;) {
		p = skip_spaces(p);
		if (*p != '(')
			return p;
		/* A cast: "(unsigned long)" and the like. */
		if (isalpha(p[1]) || p[1] == '_') {
			const char *q = p + 1;

			while (isalnum(*q) || *q == '_' || *q == ' ' || *q == '*')
				q++;
			if (*q == ')') {
				p = q + 1;
				continue;
			}
		}
		p++;
	}
}

/*
 * Parse "{ VALUE, "LABEL" }" at @p into @val and @label (@len bytes, not
 * terminated). Return: what follows, or NULL if it is not that.
 */
static const char *ltt_ctf_symbol(const char *p, s64 *val,
				  const char **label, size_t *len)
{
	char num[24];
	size_t n;

	p = skip_spaces(p);
	if (*p++ != '{')
		return NULL;
	p = ltt_ctf_skip(p);
	n = strspn(p, "-+0123456789abcdefxABCDEFX");
	if (!n || n >= sizeof(num))
		return NULL;
	memcpy(num, p, n);
	num[n] = '\0';
	if (kstrtoll(num, 0, val))
		return NULL;
	p += n;
	while (*p == ')' || *p == ' ' || *p == 'U' || *p == 'L')
		p++;
	if (*p++ != ',')
		return NULL;
	p = skip_spaces(p);
	if (*p++ != '"')
		return NULL;
	*label = p;
	n = strcspn(p, "\"\\");
	if (p[n] != '"')
		return NULL;
	*len = n;
	p = skip_spaces(p + n + 1);
	return *p == '}' ? p + 1 : NULL;
}

/*
 * The values a field takes, as the event's TP_printk() names them with
 * __print_symbolic(REC->FIELD, ...), become a CTF enumeration. The
 * print format is the one ftrace shows, in which enum constants have
 * been replaced by their values; anything that does not parse as plain
 * numbers and strings leaves the field a plain integer. @name is the
 * field's name in the session's layout.
 */
static bool ltt_ctf_enum(struct seq_buf *s, const struct ltt_event *ev,
			 const struct ltt_field *f, const char *name)
{
	static const char key[] = "__print_symbolic(REC->";
	const char *fmt = ev->call->print_fmt, *p, *start, *label;
	size_t namelen = strlen(f->name), len;
	unsigned int n = 0;
	s64 val;

	if (!fmt)
		return false;
	for (p = strstr(fmt, key); p; p = strstr(p + 1, key)) {
		start = p + sizeof(key) - 1;
		if (!strncmp(start, f->name, namelen) &&
		    *skip_spaces(start + namelen) == ',')
			break;
	}
	if (!p)
		return false;
	/* Check the whole list before printing any of it. */
	start = skip_spaces(start + namelen) + 1;
	for (p = start; (p = ltt_ctf_symbol(p, &val, &label, &len)); n++) {
		if (val < 0 && !(f->flags & LTT_FIELD_SIGNED))
			return false;
		p = skip_spaces(p);
		if (*p == ')')
			break;
		if (*p != ',')
			return false;
		p++;
	}
	if (!p || !n)
		return false;
	seq_buf_puts(s, "\t\tenum : ");
	ltt_ctf_integer(s, f);
	seq_buf_puts(s, " {");
	for (p = start; (p = ltt_ctf_symbol(p, &val, &label, &len)); p++) {
		seq_buf_printf(s, " \"%.*s\" = %lld,", (int)len, label, val);
		if (*skip_spaces(p) == ')')
			break;
		p = skip_spaces(p);
	}
	seq_buf_printf(s, " } _%s;\n", name);
	return true;
}

static void ltt_ctf_field(struct seq_buf *s, enum ltt_layout layout,
			  const struct ltt_event *ev, const struct ltt_field *f)
{
	const char *name = ltt_ctf_field_name(layout, ev, f);
	bool enumerated;

	switch (f->kind) {
	case LTT_FIELD_STRING:
		seq_buf_printf(s, "\t\tstring _%s;\n", name);
		break;
	case LTT_FIELD_SEQUENCE:
		seq_buf_printf(s, "\t\tuint32_t __%s_length;\n\t\t", name);
		ltt_ctf_integer(s, f);
		seq_buf_printf(s, " _%s[__%s_length];\n", name, name);
		break;
	case LTT_FIELD_ARRAY:
	case LTT_FIELD_BYTES:
		seq_buf_puts(s, "\t\t");
		ltt_ctf_integer(s, f);
		seq_buf_printf(s, " _%s[%u];\n", name, f->len);
		break;
	default:
		/*
		 * A module's eval maps rewrite print_fmt in place when it
		 * loads, under trace_event_sem (trace_event_eval_update()).
		 */
		scoped_guard(rwsem_read, &trace_event_sem)
			enumerated = !ltt_ctf_field_plain(layout, ev, f) &&
				     ltt_ctf_enum(s, ev, f, name);
		if (enumerated)
			break;
		seq_buf_puts(s, "\t\t");
		ltt_ctf_integer(s, f);
		seq_buf_printf(s, " _%s;\n", name);
	}
}

static void ltt_ctf_event(struct seq_buf *s, const struct ltt_binding *b)
{
	enum ltt_layout layout = b->chan->session->layout;
	const struct ltt_event *ev = b->event;
	char buf[LTT_CTF_NAME_MAX];
	unsigned int i;

	seq_buf_printf(s, "event {\n\tname = \"%s\";\n\tid = %u;\n"
		       "\tstream_id = %u;\n",
		       ltt_ctf_event_name(layout, ev, buf), b->id,
		       b->chan->config.stream_id);
	if (ev->nr_fields) {
		seq_buf_puts(s, "\tfields := struct {\n");
		for (i = 0; i < ev->nr_fields; i++)
			ltt_ctf_field(s, layout, ev, &ev->fields[i]);
		seq_buf_puts(s, "\t};\n");
	} else {
		seq_buf_puts(s, "\tfields := struct { };\n");
	}
	seq_buf_puts(s, "};\n\n");
}

/* The trace, its streams and its events, a declaration at a time. */
static int ltt_ctf_add_session(struct ltt_ctf_buf *b,
			       struct ltt_session *session,
			       const struct ltt_clock_info *clock)
{
	struct ltt_channel *chan;
	struct ltt_binding *bind;
	int ret;

	ltt_ctf_trace(&b->s, session, clock);
	ret = ltt_ctf_add(b, session);
	list_for_each_entry(chan, &session->channels, node) {
		if (ret)
			return ret;
		ltt_ctf_stream(&b->s, chan);
		ret = ltt_ctf_add(b, session);
	}
	list_for_each_entry(chan, &session->channels, node) {
		list_for_each_entry(bind, &chan->bindings, chan_node) {
			if (ret)
				return ret;
			ltt_ctf_event(&b->s, bind);
			ret = ltt_ctf_add(b, session);
		}
	}
	return ret;
}

/**
 * ltt_ctf_describe_session() - Write the first piece of a session's metadata
 * @session: the session, about to start for the first time
 *
 * The description has no size limit but the metadata's own (16 MiB):
 * every event in a few channels of a distribution kernel is megabytes.
 * It is added a declaration at a time, and readers see all of it or,
 * if a declaration cannot be added, none.
 *
 * Context: ltt_session_mutex held, may sleep.
 * Return: 0; -ENOMEM; -E2BIG if one declaration is longer than
 * LTT_CTF_DECL_MAX; or an error of ltt_metadata_add().
 */
int ltt_ctf_describe_session(struct ltt_session *session)
{
	struct ltt_clock_info clock;
	struct ltt_channel *chan;
	struct ltt_binding *b;
	struct ltt_ctf_buf buf;
	int ret;

	lockdep_assert_held(&ltt_session_mutex);
	ret = ltt_clock_get_info(session->clock, &clock);
	if (ret)
		return ret;
	ret = ltt_ctf_begin(&buf, LTT_CTF_DECL_MAX);
	if (ret)
		return ret;
	ret = ltt_metadata_begin(session);
	if (!ret)
		ret = ltt_metadata_end(session,
				       ltt_ctf_add_session(&buf, session, &clock));
	kvfree(buf.mem);
	if (ret)
		return ret;
	list_for_each_entry(chan, &session->channels, node)
		list_for_each_entry(b, &chan->bindings, chan_node)
			b->described = true;
	session->described = true;
	return 0;
}

/**
 * ltt_ctf_describe_stream() - Append the declaration of a new channel
 * @chan: the channel, of a session already described
 *
 * Context: ltt_session_mutex held, may sleep.
 * Return: 0, or as ltt_ctf_describe_session().
 */
int ltt_ctf_describe_stream(struct ltt_channel *chan)
{
	struct ltt_ctf_buf buf;
	int ret;

	lockdep_assert_held(&ltt_session_mutex);
	ret = ltt_ctf_begin(&buf, PAGE_SIZE);
	if (ret)
		return ret;
	ltt_ctf_stream(&buf.s, chan);
	return ltt_ctf_end(&buf, chan->session);
}

/**
 * ltt_ctf_describe_event() - Append the declaration of an event
 * @b: the event and the channel it is newly enabled in
 *
 * Context: ltt_session_mutex held, may sleep.
 * Return: 0, or as ltt_ctf_describe_session().
 */
int ltt_ctf_describe_event(struct ltt_binding *b)
{
	struct ltt_ctf_buf buf;
	int ret;

	lockdep_assert_held(&ltt_session_mutex);
	ret = ltt_ctf_begin(&buf, LTT_CTF_DECL_MAX);
	if (ret)
		return ret;
	ltt_ctf_event(&buf.s, b);
	ret = ltt_ctf_end(&buf, b->chan->session);
	if (!ret)
		b->described = true;
	return ret;
}

/*
 * The monotonic clock stopped reading the TSC (clock.c): every session
 * that already described it appends what it reads now, and from which
 * clock value on. Sessions described later say so in their first piece.
 */
static int ltt_ctf_clock_changed(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	const struct ltt_clock_info *clock = data;
	struct ltt_session *session;
	char text[128];
	int len;

	len = scnprintf(text, sizeof(text),
			"env {\n\tclock_source = \"%s\";\n"
			"\tclock_source_since = %llu;\n};\n\n",
			clock->source, clock->source_since);
	guard(mutex)(&ltt_session_mutex);
	list_for_each_entry(session, &ltt_sessions, node) {
		if (!session->described || session->clock != LTT_CLOCK_MONOTONIC)
			continue;
		if (ltt_metadata_append(session, text, len))
			pr_warn("session %s: the metadata cannot say that the clock changed\n",
				session->name);
	}
	return NOTIFY_OK;
}

static struct notifier_block ltt_ctf_clock_nb = {
	.notifier_call = ltt_ctf_clock_changed,
};

static int __init ltt_ctf_init(void)
{
	return ltt_clock_notifier_register(&ltt_ctf_clock_nb);
}
core_initcall(ltt_ctf_init);
