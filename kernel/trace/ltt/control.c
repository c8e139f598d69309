// SPDX-License-Identifier: GPL-2.0
/*
 * LTT control files: the /sys/kernel/debug/ltt/ directory
 *
 * Users drive the tracer by reading and writing files in this directory.
 * debugfs is only reachable by root (its mount point is mode 0700), and
 * each file is created readable or writable by its owner only on top of
 * that, so that no file here is ever accessible to an unprivileged user
 * even if debugfs is mounted with looser permissions.
 *
 *   ltt/
 *     version
 *     events                     read only: every event LTT knows
 *     user_event                 write a message, see user_event.c
 *     create_session             write NAME
 *     destroy_session            write NAME
 *     sessions/NAME/
 *       create_channel           write "CHAN [subbuf_size=N] [num_subbuf=N]
 *                                       [mode=discard|overwrite]
 *                                       [memory=NAME]"
 *       clock                    monotonic | counter; reads
 *                                "monotonic (tsc)" or
 *                                "monotonic (ktime_get_mono_fast_ns)"
 *       layout                   ltt | lttng: the names of events and
 *                                fields in the metadata, see ctf_layout.c
 *       switch_timer_us          0 | 1000..3600000000
 *       enable                   0 | 1
 *       statedump                1; reads the last dump's counters
 *       status                   read only
 *       metadata                 the trace's description, see metadata.c
 *       channels/CHAN/
 *         subbuf_size, num_subbuf, mode
 *         status                 read only
 *         enable_event           write NAME, SYSTEM:NAME or a glob
 *         disable_event          write NAME, SYSTEM:NAME or a glob
 *         events                 read only: the rules, the events recorded
 *         context                none | pid,tid,cpu,procname (any)
 *         stream/cpuN            the trace data, see stream.c
 *
 * The files that choose what is recorded, ltt/events and each channel's
 * enable_event, disable_event, events and context, are in
 * control_events.c.
 *
 * Every write is one whole command; the newline echo adds is ignored,
 * nothing else (see ltt_ctl_get_cmd()). A write that fails changes
 * nothing, and when
 * its errno alone does not say what was wrong, one rate-limited line in
 * the kernel log does. Reading a file shows its current value.
 *
 * Locking: ltt_names_lock serialises creating and destroying sessions,
 * so that a name is free again as soon as destroy_session returns.
 * ltt_control_lock makes each other write (an operation on a session,
 * then the control files that go with it) atomic. Neither is held while
 * a directory is removed: debugfs waits for the operations in flight on
 * its files, which may be waiting for ltt_control_lock. The session is
 * marked dead first, which makes those operations fail with -ENOENT.
 */
#define pr_fmt(fmt) "ltt: " fmt

#include <linux/cleanup.h>
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/ltt/session.h>
#include <linux/ltt/version.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "control.h"
#include "crash_buffer.h"
#include "internal.h"

/* Set once at boot, never changed afterwards. */
static struct dentry *ltt_root;
static struct dentry *ltt_sessions_dir;

static DEFINE_MUTEX(ltt_names_lock);
static DEFINE_MUTEX(ltt_control_lock);

/**
 * ltt_format_version() - Format the tracer version for humans and tools
 * @buf: destination buffer
 * @size: size of @buf in bytes
 *
 * Writes "MAJOR.MINOR.PATCH\n", truncated to fit @buf and always
 * NUL-terminated when @size is not zero.
 *
 * Return: the number of characters written, not counting the NUL.
 */
int ltt_format_version(char *buf, size_t size)
{
	return scnprintf(buf, size, "%d.%d.%d\n", LTT_VERSION_MAJOR,
			 LTT_VERSION_MINOR, LTT_VERSION_PATCH);
}

/**
 * ltt_debugfs_root() - The /sys/kernel/debug/ltt/ directory
 *
 * Return: the directory's dentry, or NULL if it could not be created.
 */
struct dentry *ltt_debugfs_root(void)
{
	return ltt_root;
}

static int version_show(struct seq_file *m, void *unused)
{
	char buf[LTT_VERSION_BUF_LEN];

	ltt_format_version(buf, sizeof(buf));
	seq_puts(m, buf);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(version);

static const char * const ltt_mode_names[] = {
	[LTT_RB_DISCARD] = "discard",
	[LTT_RB_OVERWRITE] = "overwrite",
};

static const char * const ltt_clock_names[] = {
	[LTT_CLOCK_MONOTONIC] = "monotonic",
	[LTT_CLOCK_COUNTER] = "counter",
};

/**
 * ltt_parse_mode() - Parse a channel mode
 * @s: "discard" or "overwrite"
 * @mode: set on success
 *
 * Return: 0, or -EINVAL.
 */
int ltt_parse_mode(const char *s, enum ltt_rb_mode *mode)
{
	int i = match_string(ltt_mode_names, ARRAY_SIZE(ltt_mode_names), s);

	if (i < 0)
		return -EINVAL;
	*mode = i;
	return 0;
}

/**
 * ltt_parse_clock() - Parse a trace clock name
 * @s: "monotonic" or "counter"
 * @clock: set on success
 *
 * Return: 0, or -EINVAL.
 */
int ltt_parse_clock(const char *s, enum ltt_clock_id *clock)
{
	int i = match_string(ltt_clock_names, ARRAY_SIZE(ltt_clock_names), s);

	if (i < 0)
		return -EINVAL;
	*clock = i;
	return 0;
}

/**
 * ltt_parse_size() - Parse a size in bytes, with an optional suffix
 * @s: decimal digits, optionally followed by K (2^10) or M (2^20),
 *	upper or lower case
 * @val: set on success
 *
 * Return: 0, or -EINVAL if @s is not such a number or does not fit in an
 * unsigned int; then @val is left alone.
 */
int ltt_parse_size(const char *s, unsigned int *val)
{
	char digits[16];
	unsigned int shift = 0;
	size_t len = strlen(s);
	unsigned int v;

	if (!len || len >= sizeof(digits))
		return -EINVAL;
	memcpy(digits, s, len + 1);
	switch (digits[len - 1]) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	}
	if (shift)
		digits[--len] = '\0';
	if (!len || !isdigit(digits[0]) || kstrtouint(digits, 10, &v))
		return -EINVAL;
	if (check_shl_overflow(v, shift, &v))
		return -EINVAL;
	*val = v;
	return 0;
}

static bool ltt_subbuf_size_valid(unsigned int size)
{
	if (is_power_of_2(size) && size >= LTT_RB_MIN_SUBBUF_SIZE &&
	    size <= LTT_RB_MAX_SUBBUF_SIZE)
		return true;
	pr_warn_ratelimited("subbuf_size %u: must be a power of two from %u to %u\n",
			    size, LTT_RB_MIN_SUBBUF_SIZE, LTT_RB_MAX_SUBBUF_SIZE);
	return false;
}

static bool ltt_num_subbuf_valid(unsigned int n)
{
	if (is_power_of_2(n) && n >= 2 && n <= LTT_RB_MAX_NUM_SUBBUF)
		return true;
	pr_warn_ratelimited("num_subbuf %u: must be a power of two from 2 to %lu\n",
			    n, LTT_RB_MAX_NUM_SUBBUF);
	return false;
}

static bool ltt_check_name(const char *what, const char *name)
{
	if (ltt_name_valid(name))
		return true;
	pr_warn_ratelimited("%s name \"%.*s\": use 1 to %d letters, digits, '_', '-' or '.', not starting with '.' or '-'\n",
			    what, LTT_NAME_MAX + 1, name, LTT_NAME_MAX);
	return false;
}

/**
 * ltt_parse_channel_spec() - Parse what is written to create_channel
 * @spec: "NAME [subbuf_size=SIZE] [num_subbuf=N] [mode=MODE]
 *	[memory=REGION]", keys in any order, each at most once, separated
 *	by blanks; cut up in place
 * @name: set to the channel name, inside @spec
 * @config: sub-buffer size and count and mode, defaults for the keys
 *	not given
 * @memory: set to the reserve_mem region to place the channel in, inside
 *	@spec, or NULL
 *
 * Logs why @spec is refused.
 *
 * Return: 0, or -EINVAL.
 */
int ltt_parse_channel_spec(char *spec, char **name,
			   struct ltt_rb_config *config, char **memory)
{
	bool seen_size = false, seen_num = false, seen_mode = false;
	bool seen_memory = false;
	char *tok, *val;
	bool *seen;
	int ret;

	memset(config, 0, sizeof(*config));
	config->subbuf_size = LTT_DEFAULT_SUBBUF_SIZE;
	config->num_subbuf = LTT_DEFAULT_NUM_SUBBUF;
	config->mode = LTT_RB_DISCARD;
	*memory = NULL;

	*name = strsep(&spec, " \t\n");
	if (!ltt_check_name("channel", *name))
		return -EINVAL;
	while ((tok = strsep(&spec, " \t\n"))) {
		if (!*tok)
			continue;
		val = strchr(tok, '=');
		if (!val) {
			pr_warn_ratelimited("create_channel: \"%s\" is not KEY=VALUE\n",
					    tok);
			return -EINVAL;
		}
		*val++ = '\0';
		if (!strcmp(tok, "subbuf_size")) {
			seen = &seen_size;
			ret = ltt_parse_size(val, &config->subbuf_size);
			if (!ret && !ltt_subbuf_size_valid(config->subbuf_size))
				return -EINVAL;
		} else if (!strcmp(tok, "num_subbuf")) {
			seen = &seen_num;
			ret = ltt_parse_size(val, &config->num_subbuf);
			if (!ret && !ltt_num_subbuf_valid(config->num_subbuf))
				return -EINVAL;
		} else if (!strcmp(tok, "mode")) {
			seen = &seen_mode;
			ret = ltt_parse_mode(val, &config->mode);
		} else if (!strcmp(tok, "memory")) {
			seen = &seen_memory;
			ret = ltt_name_valid(val) ? 0 : -EINVAL;
			*memory = val;
		} else {
			pr_warn_ratelimited("create_channel: unknown key \"%s\": subbuf_size, num_subbuf, mode or memory\n",
					    tok);
			return -EINVAL;
		}
		if (ret) {
			pr_warn_ratelimited("create_channel: bad value \"%s\" for %s\n",
					    val, tok);
			return ret;
		}
		if (*seen) {
			pr_warn_ratelimited("create_channel: %s given twice\n", tok);
			return -EINVAL;
		}
		*seen = true;
	}
	return 0;
}

/**
 * ltt_ctl_get_cmd() - Copy one command from user space
 * @ubuf: what user space wrote
 * @count: its length
 * @buf: LTT_CMD_MAX bytes to copy it to
 *
 * The command is NUL-terminated. The newline that echo adds is the only
 * byte dropped: blanks are part of the command, so that " name" is
 * refused as a name rather than taken for "name". A NUL inside the
 * command would make the store handlers see less than was written and
 * succeed on it: refused too.
 *
 * Context: process context, may sleep.
 * Return: @buf, or an ERR_PTR(): -EINVAL if the command is empty, too
 * long or holds a NUL, -EFAULT if it cannot be read.
 */
char *ltt_ctl_get_cmd(const char __user *ubuf, size_t count, char *buf)
{
	if (!count || count >= LTT_CMD_MAX) {
		pr_warn_ratelimited("command of %zu bytes: must be 1 to %d\n",
				    count, LTT_CMD_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	if (copy_from_user(buf, ubuf, count))
		return ERR_PTR(-EFAULT);
	if (buf[count - 1] == '\n')
		count--;
	buf[count] = '\0';
	if (strlen(buf) != count) {
		pr_warn_ratelimited("command holds a NUL byte\n");
		return ERR_PTR(-EINVAL);
	}
	return buf;
}

static int ltt_ctl_busy(const struct ltt_session *session, int ret)
{
	if (ret == -EBUSY)
		pr_warn_ratelimited("session %s is active: stop it first\n",
				    session->name);
	else if (ret == -ENOMEM)
		pr_warn_ratelimited("session %s: not enough memory for the buffers: fewer or smaller sub-buffers\n",
				    session->name);
	return ret;
}

/**
 * ltt_ctl_write() - Carry out a write to a session or channel file
 * @file: the control file
 * @ubuf: what user space wrote
 * @count: its length
 * @store: the file's NAME_store(), which gets the object the file belongs
 *	to and the command, under ltt_control_lock
 *
 * Context: process context, may sleep.
 * Return: @count, or what @store or copying the command failed with.
 */
ssize_t ltt_ctl_write(struct file *file, const char __user *ubuf,
		      size_t count, int (*store)(struct file *file,
						 void *obj, char *cmd))
{
	char buf[LTT_CMD_MAX];
	char *cmd;
	int ret;

	cmd = ltt_ctl_get_cmd(ubuf, count, buf);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	scoped_guard(mutex, &ltt_control_lock)
		ret = store(file, file_inode(file)->i_private, cmd);
	return ret ? ret : count;
}

/* Session files */

/*
 * The clock's name, and for the monotonic clock what it reads now, the
 * TSC or the fast monotonic clock: "monotonic (tsc)". Only the name is
 * written back.
 */
static int clock_show(struct seq_file *m, void *unused)
{
	struct ltt_session *session = m->private;
	struct ltt_clock_info clock = {};

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	seq_puts(m, ltt_clock_names[session->clock]);
	if (session->clock == LTT_CLOCK_MONOTONIC &&
	    !ltt_clock_get_info(session->clock, &clock))
		seq_printf(m, " (%s)", clock.source);
	seq_putc(m, '\n');
	return 0;
}

static int clock_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_session *session = obj;
	enum ltt_clock_id clock;
	int ret;

	if (ltt_parse_clock(cmd, &clock)) {
		pr_warn_ratelimited("clock \"%s\": monotonic or counter\n", cmd);
		return -EINVAL;
	}
	ret = ltt_session_set_clock(session, clock);
	if (ret == -EBUSY && !READ_ONCE(session->active)) {
		pr_warn_ratelimited("session %s: the clock is fixed once the session has started\n",
				    session->name);
		return ret;
	}
	return ltt_ctl_busy(session, ret);
}

LTT_CTL_RW(clock);

static int layout_show(struct seq_file *m, void *unused)
{
	struct ltt_session *session = m->private;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	seq_printf(m, "%s\n", ltt_layout_name(session->layout));
	return 0;
}

static int layout_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_session *session = obj;
	enum ltt_layout layout;
	int ret;

	if (ltt_parse_layout(cmd, &layout)) {
		pr_warn_ratelimited("layout \"%s\": ltt or lttng\n", cmd);
		return -EINVAL;
	}
	ret = ltt_session_set_layout(session, layout);
	if (ret == -EBUSY)
		pr_warn_ratelimited("session %s: the layout is fixed once the session has started\n",
				    session->name);
	return ret;
}

LTT_CTL_RW(layout);

static int ltt_parse_timer(const char *what, const char *cmd,
			   unsigned int *us)
{
	if (!kstrtouint(cmd, 10, us) &&
	    (!*us || (*us >= LTT_TIMER_MIN_US && *us <= LTT_TIMER_MAX_US)))
		return 0;
	pr_warn_ratelimited("%s \"%s\": 0 or %u to %u microseconds\n",
			    what, cmd, LTT_TIMER_MIN_US, LTT_TIMER_MAX_US);
	return -EINVAL;
}

static int switch_timer_us_show(struct seq_file *m, void *unused)
{
	struct ltt_session *session = m->private;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	seq_printf(m, "%u\n", session->switch_timer_us);
	return 0;
}

static int switch_timer_us_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_session *session = obj;
	unsigned int us;

	if (ltt_parse_timer("switch_timer_us", cmd, &us))
		return -EINVAL;
	return ltt_ctl_busy(session,
			    ltt_session_set_switch_timer(session, us));
}

LTT_CTL_RW(switch_timer_us);

static int enable_show(struct seq_file *m, void *unused)
{
	struct ltt_session *session = m->private;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	seq_printf(m, "%d\n", session->active);
	return 0;
}

static int enable_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_session *session = obj;
	unsigned int on;
	int ret;

	if (kstrtouint(cmd, 10, &on) || on > 1) {
		pr_warn_ratelimited("enable \"%s\": 1 to start, 0 to stop\n",
				    cmd);
		return -EINVAL;
	}
	if (!on)
		return ltt_session_stop(session);
	/* ltt_control_lock held: nothing else starts or stops a session. */
	if (session->active)
		return 0;
	ret = ltt_session_start(session);
	if (!ret)
		ltt_statedump_started(session);
	return ret;
}

LTT_CTL_RW(enable);

static int statedump_show(struct seq_file *m, void *unused)
{
	ltt_statedump_show(m, m->private);
	return 0;
}

static int statedump_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_session *session = obj;

	if (strcmp(cmd, "1")) {
		pr_warn_ratelimited("statedump \"%s\": 1 to dump the state\n",
				    cmd);
		return -EINVAL;
	}
	return ltt_statedump_request(session);
}

LTT_CTL_RW(statedump);

/**
 * ltt_ctl_show_stats_header() - Print the header of a table of counters
 * @m: the seq_file of a status file
 *
 * The columns of ltt_ctl_show_stats(), in a line that starts with '#'.
 */
void ltt_ctl_show_stats_header(struct seq_file *m)
{
	seq_printf(m, "%-16s %3s %14s %14s %14s %16s %16s\n", "# channel",
		   "cpu", "written", "discarded", "overwritten", "bytes",
		   "packet_bytes");
}

/**
 * ltt_ctl_show_stats() - Print the counters of one CPU's buffer
 * @m: the seq_file of a status file
 * @chan: the channel's name
 * @cpu: the CPU
 * @stats: its counters
 *
 * One line, under ltt_ctl_show_stats_header(): what a live session's and
 * a previous boot's status files show alike, for scripts to read both.
 */
void ltt_ctl_show_stats(struct seq_file *m, const char *chan, int cpu,
			const struct ltt_rb_stats *stats)
{
	seq_printf(m, "%-16s %3d %14llu %14llu %14llu %16llu %16llu\n",
		   chan, cpu, stats->events_written, stats->events_discarded,
		   stats->subbufs_overwritten, stats->bytes_recorded,
		   stats->bytes_written);
}

/* One line per CPU that has a buffer: the counters of the channel. */
static void ltt_show_channel_stats(struct seq_file *m, struct ltt_channel *chan)
{
	struct ltt_rb_stats stats;
	struct ltt_rb_cpu *buf;
	int cpu;

	for_each_possible_cpu(cpu) {
		buf = ltt_rb_cpu_buf(chan->rb, cpu);
		if (!buf)
			continue;
		ltt_rb_cpu_stats(buf, &stats);
		ltt_ctl_show_stats(m, chan->name, cpu, &stats);
	}
}

static const char *ltt_session_mode(struct ltt_session *session)
{
	bool discard = false, overwrite = false;
	struct ltt_channel *chan;

	list_for_each_entry(chan, &session->channels, node) {
		if (chan->config.mode == LTT_RB_OVERWRITE)
			overwrite = true;
		else
			discard = true;
	}
	if (discard && overwrite)
		return "hybrid";
	if (overwrite)
		return "overwrite";
	return discard ? "discard" : "none";
}

static int status_show(struct seq_file *m, void *unused)
{
	struct ltt_session *session = m->private;
	struct ltt_clock_info clock = {};
	struct ltt_channel *chan;

	guard(mutex)(&ltt_session_mutex);
	if (session->dead)
		return -ENOENT;
	seq_printf(m, "state: %s\n", session->active ? "active" : "stopped");
	seq_printf(m, "mode: %s\n", ltt_session_mode(session));
	/* What the clock really reads: the TSC, or its fallback. */
	ltt_clock_get_info(session->clock, &clock);
	seq_printf(m, "clock: %s (%s)\n", ltt_clock_names[session->clock],
		   clock.description ?: "unknown");
	seq_printf(m, "channels: %u\n", session->nr_channels);
	ltt_ctl_show_stats_header(m);
	list_for_each_entry(chan, &session->channels, node)
		ltt_show_channel_stats(m, chan);
	return 0;
}

LTT_CTL_RO(status);

/* Channel files */

/**
 * ltt_chan_show() - Show a channel file's value
 * @m: the seq_file of a file created with the channel as its data
 * @show: prints the value
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOENT if the channel's session was destroyed.
 */
int ltt_chan_show(struct seq_file *m,
		  void (*show)(struct seq_file *m, struct ltt_channel *chan))
{
	struct ltt_channel *chan = m->private;

	guard(mutex)(&ltt_session_mutex);
	if (chan->session->dead)
		return -ENOENT;
	show(m, chan);
	return 0;
}

static int ltt_chan_set(struct ltt_channel *chan, unsigned int subbuf_size,
			unsigned int num_subbuf, enum ltt_rb_mode mode)
{
	int ret = ltt_channel_set_geometry(chan, subbuf_size, num_subbuf, mode);

	if (ret == -EXDEV)
		pr_warn_ratelimited("channel %s is in reserved memory: its geometry is fixed, destroy the session to change it\n",
				    chan->name);
	return ltt_ctl_busy(chan->session, ret);
}

static void ltt_show_subbuf_size(struct seq_file *m, struct ltt_channel *chan)
{
	seq_printf(m, "%u\n", chan->config.subbuf_size);
}

static int subbuf_size_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_show_subbuf_size);
}

static int subbuf_size_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_channel *chan = obj;
	unsigned int size;

	if (ltt_parse_size(cmd, &size)) {
		pr_warn_ratelimited("subbuf_size \"%s\": not a size\n", cmd);
		return -EINVAL;
	}
	if (!ltt_subbuf_size_valid(size))
		return -EINVAL;
	return ltt_chan_set(chan, size, chan->config.num_subbuf,
			    chan->config.mode);
}

LTT_CTL_RW(subbuf_size);

static void ltt_show_num_subbuf(struct seq_file *m, struct ltt_channel *chan)
{
	seq_printf(m, "%u\n", chan->config.num_subbuf);
}

static int num_subbuf_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_show_num_subbuf);
}

static int num_subbuf_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_channel *chan = obj;
	unsigned int n;

	if (ltt_parse_size(cmd, &n)) {
		pr_warn_ratelimited("num_subbuf \"%s\": not a number\n", cmd);
		return -EINVAL;
	}
	if (!ltt_num_subbuf_valid(n))
		return -EINVAL;
	return ltt_chan_set(chan, chan->config.subbuf_size, n,
			    chan->config.mode);
}

LTT_CTL_RW(num_subbuf);

static void ltt_show_mode(struct seq_file *m, struct ltt_channel *chan)
{
	seq_printf(m, "%s\n", ltt_mode_names[chan->config.mode]);
}

static int mode_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_show_mode);
}

static int mode_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_channel *chan = obj;
	enum ltt_rb_mode mode;

	if (ltt_parse_mode(cmd, &mode)) {
		pr_warn_ratelimited("mode \"%s\": discard or overwrite\n", cmd);
		return -EINVAL;
	}
	return ltt_chan_set(chan, chan->config.subbuf_size,
			    chan->config.num_subbuf, mode);
}

LTT_CTL_RW(mode);

static void ltt_show_chan_status(struct seq_file *m, struct ltt_channel *chan)
{
	ltt_ctl_show_stats_header(m);
	ltt_show_channel_stats(m, chan);
}

static int chan_status_show(struct seq_file *m, void *unused)
{
	return ltt_chan_show(m, ltt_show_chan_status);
}

LTT_CTL_RO(chan_status);

static int create_channel_store(struct file *file, void *obj, char *cmd)
{
	struct ltt_crash_region *region = NULL;
	struct ltt_session *session = obj;
	struct dentry *sdir, *cdir, *dir;
	struct ltt_rb_config config;
	struct ltt_channel *chan;
	char *name, *memory;
	int ret;

	ret = ltt_parse_channel_spec(cmd, &name, &config, &memory);
	if (ret)
		return ret;
	if (memory) {
		region = ltt_crash_claim(memory, &config);
		if (IS_ERR(region))
			return PTR_ERR(region);
	}
	chan = ltt_channel_create(session, name, &config);
	if (IS_ERR(chan)) {
		if (region)
			ltt_crash_unclaim(region);
		return ltt_ctl_busy(session, PTR_ERR(chan));
	}
	if (region)
		ltt_crash_attach(region, chan);

	/* This file is in the session's directory. */
	sdir = dget_parent(file->f_path.dentry);
	cdir = debugfs_lookup("channels", sdir);
	dput(sdir);
	dir = cdir ? debugfs_create_dir(chan->name, cdir) : ERR_PTR(-ENOENT);
	dput(cdir);
	if (IS_ERR(dir)) {
		ltt_channel_destroy(chan);
		return PTR_ERR(dir);
	}
	debugfs_create_file("subbuf_size", 0600, dir, chan, &subbuf_size_fops);
	debugfs_create_file("num_subbuf", 0600, dir, chan, &num_subbuf_fops);
	debugfs_create_file("mode", 0600, dir, chan, &mode_fops);
	debugfs_create_file("status", 0400, dir, chan, &chan_status_fops);
	ltt_ctl_create_event_files(chan, dir);
	ret = ltt_stream_create_files(chan, dir);
	if (!ret)
		ret = ltt_channel_describe(chan);
	if (ret) {
		debugfs_remove(dir);
		ltt_channel_destroy(chan);
	}
	return ret;
}

LTT_CTL_WO(create_channel);

/* Top-level files */

static int ltt_ctl_session_dir(struct ltt_session *session)
{
	struct dentry *dir, *chans;

	dir = debugfs_create_dir(session->name, ltt_sessions_dir);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	chans = debugfs_create_dir("channels", dir);
	if (IS_ERR(chans)) {
		debugfs_remove(dir);
		return PTR_ERR(chans);
	}
	debugfs_create_file("create_channel", 0200, dir, session,
			    &create_channel_fops);
	debugfs_create_file("clock", 0600, dir, session, &clock_fops);
	debugfs_create_file("layout", 0600, dir, session, &layout_fops);
	debugfs_create_file("switch_timer_us", 0600, dir, session,
			    &switch_timer_us_fops);
	debugfs_create_file("enable", 0600, dir, session, &enable_fops);
	debugfs_create_file("statedump", 0600, dir, session, &statedump_fops);
	debugfs_create_file("status", 0400, dir, session, &status_fops);
	ltt_metadata_create_file(session, dir);
	return 0;
}

static ssize_t create_session_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	struct ltt_session *session;
	char buf[LTT_CMD_MAX];
	char *name;
	int ret;

	name = ltt_ctl_get_cmd(ubuf, count, buf);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!ltt_check_name("session", name))
		return -EINVAL;

	guard(mutex)(&ltt_names_lock);
	session = ltt_session_create(name);
	if (IS_ERR(session))
		return PTR_ERR(session);
	ret = ltt_ctl_session_dir(session);
	if (ret) {
		ltt_session_destroy(session);
		return ret;
	}
	return count;
}

static const struct file_operations create_session_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = create_session_write,
	.llseek = noop_llseek,
};

static ssize_t destroy_session_write(struct file *file,
				     const char __user *ubuf, size_t count,
				     loff_t *ppos)
{
	struct ltt_session *session;
	char buf[LTT_CMD_MAX];
	char *name;

	name = ltt_ctl_get_cmd(ubuf, count, buf);
	if (IS_ERR(name))
		return PTR_ERR(name);
	if (!ltt_check_name("session", name))
		return -EINVAL;

	guard(mutex)(&ltt_names_lock);
	scoped_guard(mutex, &ltt_control_lock) {
		session = ltt_session_lookup(name);
		if (!session)
			return -ENOENT;
		ltt_session_remove(session);
	}
	/* Waits for the operations in flight on the session's files. */
	debugfs_lookup_and_remove(session->name, ltt_sessions_dir);
	ltt_session_free(session);
	return count;
}

static const struct file_operations destroy_session_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = destroy_session_write,
	.llseek = noop_llseek,
};

static int __init ltt_control_init(void)
{
	struct dentry *root;

	root = debugfs_create_dir("ltt", NULL);
	if (IS_ERR(root)) {
		pr_warn("cannot create /sys/kernel/debug/ltt: %pe\n", root);
		return PTR_ERR(root);
	}
	debugfs_create_file("version", 0400, root, NULL, &version_fops);
	ltt_ctl_create_events_file(root);
	ltt_user_event_create_file(root);
	ltt_sessions_dir = debugfs_create_dir("sessions", root);
	if (!IS_ERR(ltt_sessions_dir)) {
		debugfs_create_file("create_session", 0200, root, NULL,
				    &create_session_fops);
		debugfs_create_file("destroy_session", 0200, root, NULL,
				    &destroy_session_fops);
	}
	ltt_root = root;
	/*
	 * Under lockdown (integrity or confidentiality), debugfs refuses to
	 * open any file that can be written, mapped or given ioctls, and
	 * those are every control file: nothing can be traced. Say it once,
	 * where an administrator looks first, instead of letting each echo
	 * fail with EPERM unexplained.
	 */
	if (security_locked_down(LOCKDOWN_DEBUGFS))
		pr_warn("kernel locked down: debugfs refuses the control files, no tracing (see Documentation/trace/ltt.rst)\n");
	return 0;
}
fs_initcall(ltt_control_init);
