// SPDX-License-Identifier: GPL-2.0
/*
 * Choosing what LTT records, as user space sees it through
 * /sys/kernel/debug/ltt/: the list of events LTT knows, and per channel
 * the enable_event, disable_event, events and context files. Pattern
 * syntax and the errno of each refusal, the rules and which of them
 * decides, the ids events get in a session, the context fields, what a
 * channel records and what the session's metadata declares. Recorded
 * events come from the test event source
 * (/sys/module/ltt/parameters/test_events, CONFIG_LTT_KUNIT_TEST), the
 * ltt_test_seq trace event.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "ltt_test.h"

#define KNOWN_EVENTS	LTT_DIR "/events"
#define TEST_EVENT	"ltt_test:ltt_test_seq"

/* Ids 0 to 30 fit in the compact event header. */
#define COMPACT_IDS	31
#define RULES_MAX	256
#define PATTERN_MAX	127
#define MAX_LISTED	512

/*
 * Read a whole file into a malloc()ed, NUL-terminated string; NULL on
 * error. With O_NONBLOCK in @flags, running out of data (EAGAIN) ends
 * the file as end of file does.
 */
static char *read_all(const char *path, int flags)
{
	size_t len = 0, size = 4096;
	char *buf, *p;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | flags);
	if (fd < 0)
		return NULL;
	buf = malloc(size);
	for (;;) {
		if (!buf)
			break;
		if (size - len < 2) {
			p = realloc(buf, size * 2);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			size *= 2;
		}
		n = read(fd, buf + len, size - 1 - len);
		if (n > 0) {
			len += n;
			continue;
		}
		if (n < 0 && !(errno == EAGAIN && (flags & O_NONBLOCK))) {
			free(buf);
			buf = NULL;
		}
		break;
	}
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* The whole of a control file; NULL on error. */
static char *slurp(const char *path)
{
	return read_all(path, 0);
}

/*
 * Copy the line at @p, without its newline, into @line; return where
 * the next line starts, or NULL if there is none.
 */
static const char *next_line(const char *p, char *line, size_t size)
{
	size_t n;

	if (!*p)
		return NULL;
	n = strcspn(p, "\n");
	snprintf(line, size, "%.*s", (int)n, p);
	return p + n + (p[n] == '\n');
}

/* Does @text have @want as one whole line? */
static int has_line(const char *text, const char *want)
{
	char line[256];
	const char *p = text;

	while ((p = next_line(p, line, sizeof(line))))
		if (!strcmp(line, want))
			return 1;
	return 0;
}

/* How many times @needle is in @text. */
static int count_str(const char *text, const char *needle)
{
	int n = 0;

	while ((text = strstr(text, needle))) {
		n++;
		text += strlen(needle);
	}
	return n;
}

/* The path of a file of a channel of a session, as ltt_path() keeps it. */
static const char *cp(const char *dir, const char *chan, const char *file)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "channels/%s/%s", chan, file);
	return ltt_path(dir, rel);
}

static int ev_enable(const char *dir, const char *chan, const char *pattern)
{
	return ltt_write(cp(dir, chan, "enable_event"), pattern);
}

static int ev_disable(const char *dir, const char *chan, const char *pattern)
{
	return ltt_write(cp(dir, chan, "disable_event"), pattern);
}

/* The events file of a channel, malloc()ed; NULL on error. */
static char *chan_events(const char *dir, const char *chan)
{
	return slurp(cp(dir, chan, "events"));
}

/* An "ID system:name" line of an events file. */
struct listed {
	long id;
	char name[160];
};

/*
 * The events an events file lists, into @ev; return how many, or -1 if a
 * line is neither a rule nor "ID system:name".
 */
static int parse_listed(const char *text, struct listed *ev, int max)
{
	char line[256], rest[2];
	const char *p = text;
	int n = 0;

	while ((p = next_line(p, line, sizeof(line)))) {
		if (!strncmp(line, "# enable ", 9) ||
		    !strncmp(line, "# disable ", 10))
			continue;
		if (n == max ||
		    sscanf(line, "%ld %159s%1s", &ev[n].id, ev[n].name,
			   rest) != 2 ||
		    ev[n].id < 0 || !strchr(ev[n].name, ':'))
			return -1;
		n++;
	}
	return n;
}

/* The id an events file lists @event ("system:name") with, or -1. */
static long id_in(const char *text, const char *event)
{
	static struct listed ev[MAX_LISTED];
	int i, n = parse_listed(text, ev, MAX_LISTED);

	for (i = 0; i < n; i++)
		if (!strcmp(ev[i].name, event))
			return ev[i].id;
	return -1;
}

/* The id channel @chan lists @event with, or -1 if not listed. */
static long event_id(const char *dir, const char *chan, const char *event)
{
	char *text = chan_events(dir, chan);
	long id;

	if (!text)
		return -1;
	id = id_in(text, event);
	free(text);
	return id;
}

static int listed(const char *dir, const char *chan, const char *event)
{
	return event_id(dir, chan, event) >= 0;
}

/*
 * A counter of channel @chan's status summed over all CPUs: @column 0 for
 * the events written, 1 discarded, 2 overwritten, 3 bytes; -1 if
 * unreadable.
 */
static long long chan_counter(const char *dir, const char *chan, int column)
{
	unsigned long long v[4];
	char line[256], name[64];
	long long total = 0;
	const char *p;
	char *text;
	int cpu;

	text = slurp(cp(dir, chan, "status"));
	if (!text)
		return -1;
	p = text;
	while ((p = next_line(p, line, sizeof(line))))
		if (sscanf(line, "%63s %d %llu %llu %llu %llu", name, &cpu,
			   &v[0], &v[1], &v[2], &v[3]) == 6 &&
		    !strcmp(name, chan))
			total += v[column];
	free(text);
	return total;
}

/* Events written by channel @chan over all CPUs; -1 if unreadable. */
static long long chan_written(const char *dir, const char *chan)
{
	return chan_counter(dir, chan, 0);
}

static int start(const char *dir)
{
	return ltt_write(ltt_path(dir, "enable"), "1");
}

static int stop(const char *dir)
{
	return ltt_write(ltt_path(dir, "enable"), "0");
}

/* The metadata so far, read from the start by a new reader. */
static char *metadata(const char *dir)
{
	return read_all(ltt_path(dir, "metadata"), O_NONBLOCK);
}

/* Why the event files cannot be tested here, or NULL if they can. */
static const char *no_event_files(void)
{
	int ret = ltt_mount_debugfs();

	if (ret)
		return "debugfs not available";
	if (access(LTT_CREATE_SESSION, F_OK))
		return LTT_CREATE_SESSION " missing: is CONFIG_LTT=y?";
	if (access(KNOWN_EVENTS, F_OK))
		return KNOWN_EVENTS " missing: no LTT events in this kernel";
	return NULL;
}

TEST(known_events_file_is_root_read_only)
{
	const char *why = no_event_files();

	if (why)
		SKIP(return, "%s", why);
	EXPECT_EQ(0400U, ltt_file_mode(KNOWN_EVENTS));
	EXPECT_NE(0, ltt_write(KNOWN_EVENTS, "sched:sched_switch"));
}

TEST(known_events_are_system_colon_name_lines)
{
	const char *why = no_event_files(), *p;
	char line[256], *text;
	int lines = 0;
	size_t sys;

	if (why)
		SKIP(return, "%s", why);
	text = slurp(KNOWN_EVENTS);
	ASSERT_NE(NULL, text);
	ASSERT_NE('\0', text[0]);
	EXPECT_EQ('\n', text[strlen(text) - 1]);
	p = text;
	while ((p = next_line(p, line, sizeof(line)))) {
		lines++;
		sys = strcspn(line, ":");
		EXPECT_TRUE(sys > 0 && line[sys] == ':' && line[sys + 1] &&
			    !strchr(line + sys + 1, ':') &&
			    !strpbrk(line, " \t")) {
			TH_LOG("line %d: \"%s\"", lines, line);
		}
	}
	EXPECT_LT(0, lines);
	free(text);
}

TEST(known_events_include_sched_syscalls_and_test_event)
{
	const char *why = no_event_files();
	char *text;

	if (why)
		SKIP(return, "%s", why);
	text = slurp(KNOWN_EVENTS);
	ASSERT_NE(NULL, text);
	EXPECT_TRUE(has_line(text, "sched:sched_switch"));
	EXPECT_TRUE(has_line(text, "raw_syscalls:sys_enter"));
	if (!access(LTT_TEST_EVENTS, F_OK))
		EXPECT_TRUE(has_line(text, TEST_EVENT));
	free(text);
}

FIXTURE(events) {
	char name[32];
	char dir[128];
};

/* A session with one channel, "a". */
FIXTURE_SETUP(events)
{
	const char *why = no_event_files();
	int ret;

	if (why)
		SKIP(return, "%s", why);
	snprintf(self->name, sizeof(self->name), "kev%d", getpid());
	snprintf(self->dir, sizeof(self->dir), LTT_SESSIONS "/%s", self->name);
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, self->name));
	/* The teardown only runs once the setup has succeeded. */
	ret = ltt_write(ltt_path(self->dir, "create_channel"), "a");
	if (ret)
		ltt_write(LTT_DESTROY_SESSION, self->name);
	ASSERT_EQ(0, ret);
	if (access(cp(self->dir, "a", "enable_event"), F_OK)) {
		ltt_write(LTT_DESTROY_SESSION, self->name);
		SKIP(return, "channels have no enable_event file");
	}
}

FIXTURE_TEARDOWN(events)
{
	ltt_write(LTT_DESTROY_SESSION, self->name);
	EXPECT_NE(0, access(self->dir, F_OK));
}

/* Why a test that needs the test event source skips. */
#define NO_TEST_EVENTS	LTT_TEST_EVENTS " missing: is CONFIG_LTT_KUNIT_TEST=y?"

TEST_F(events, channel_event_files_are_root_only)
{
	EXPECT_EQ(0200U, ltt_file_mode(cp(self->dir, "a", "enable_event")));
	EXPECT_EQ(0200U, ltt_file_mode(cp(self->dir, "a", "disable_event")));
	EXPECT_EQ(0400U, ltt_file_mode(cp(self->dir, "a", "events")));
	EXPECT_EQ(0600U, ltt_file_mode(cp(self->dir, "a", "context")));
}

TEST_F(events, new_channel_has_no_rules_and_no_events)
{
	char *text = chan_events(self->dir, "a");

	ASSERT_NE(NULL, text);
	EXPECT_STREQ("", text);
	free(text);
}

TEST_F(events, enable_by_name_lists_the_event)
{
	struct listed ev[MAX_LISTED];
	char *text;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_TRUE(has_line(text, "# enable sched_switch"));
	ASSERT_EQ(1, parse_listed(text, ev, MAX_LISTED));
	EXPECT_STREQ("sched:sched_switch", ev[0].name);
	free(text);
}

TEST_F(events, enable_by_system_and_name_lists_the_event)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "raw_syscalls:sys_enter"));
	EXPECT_TRUE(listed(self->dir, "a", "raw_syscalls:sys_enter"));
	EXPECT_FALSE(listed(self->dir, "a", "raw_syscalls:sys_exit"));
}

TEST_F(events, enable_in_the_wrong_system_matches_nothing)
{
	char *text;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "irq:sched_switch"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("# enable irq:sched_switch\n", text);
	free(text);
}

TEST_F(events, enable_ignores_the_newline_echo_adds)
{
	char *text;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch\n"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_TRUE(has_line(text, "# enable sched_switch"));
	EXPECT_LE(0, id_in(text, "sched:sched_switch"));
	free(text);
}

TEST_F(events, events_file_lists_rules_in_order_then_events)
{
	char want[512], *text;
	long id;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:sched_switch"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "no_such_event_xyz"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wakeup"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched:sched_wakeup"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	id = id_in(text, "sched:sched_switch");
	ASSERT_LE(0, id);
	snprintf(want, sizeof(want),
		 "# enable sched:sched_switch\n"
		 "# enable no_such_event_xyz\n"
		 "# enable sched_wakeup\n"
		 "# disable sched:sched_wakeup\n"
		 "%ld sched:sched_switch\n", id);
	EXPECT_STREQ(want, text);
	free(text);
}

TEST_F(events, same_pattern_replaces_the_earlier_rule)
{
	char *text;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched_switch"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("# disable sched_switch\n", text);
	free(text);
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_EQ(1, count_str(text, "# "));
	EXPECT_TRUE(has_line(text, "# enable sched_switch"));
	EXPECT_LE(0, id_in(text, "sched:sched_switch"));
	free(text);
}

TEST_F(events, disable_stops_listing_the_event)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wakeup"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched:sched_switch"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_switch"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_wakeup"));
}

TEST_F(events, narrower_disable_glob_overrides_wider_enable_glob)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_*"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched_wakeup*"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_switch"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_wakeup"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_wakeup_new"));
}

TEST_F(events, later_rule_decides_over_earlier_ones)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_*"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched_wakeup*"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wakeup"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_wakeup"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_wakeup_new"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_switch"));
}

TEST_F(events, system_glob_enables_the_whole_system)
{
	struct listed ev[MAX_LISTED];
	char *text;
	int i, n;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "irq:*"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_LE(0, id_in(text, "irq:irq_handler_entry"));
	n = parse_listed(text, ev, MAX_LISTED);
	EXPECT_LT(0, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(0, strncmp(ev[i].name, "irq:", 4)) {
			TH_LOG("%s", ev[i].name);
		}
	free(text);
}

TEST_F(events, glob_question_mark_matches_one_character)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wakeu?"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_wakeup"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_wakeup_new"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_switch"));
}

TEST_F(events, glob_brackets_and_negated_brackets_match)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_[s]witch"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_switch"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched_switc[!x]"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_switch"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wak[!e]*"));
	EXPECT_TRUE(listed(self->dir, "a", "sched:sched_waking"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_wakeup"));
}

TEST_F(events, enable_matching_nothing_yet_succeeds)
{
	char *text;

	EXPECT_EQ(0, ev_enable(self->dir, "a", "no_such_event_xyz"));
	EXPECT_EQ(0, ev_enable(self->dir, "a", "no_such_system:*"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("# enable no_such_event_xyz\n# enable no_such_system:*\n",
		     text);
	free(text);
}

TEST_F(events, disable_disabling_nothing_is_enoent_and_adds_no_rule)
{
	char *before, *after;

	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "no_such_event_xyz"));
	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "sched_switch"));
	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "sched:*"));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ("", after);
	free(after);
	/* Neither an event enabled in the channel nor one of its rules. */
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_wakeup"));
	before = chan_events(self->dir, "a");
	ASSERT_NE(NULL, before);
	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "sched_switch"));
	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "irq:*"));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ(before, after);
	free(before);
	free(after);
}

TEST_F(events, disable_of_event_enabled_only_elsewhere_is_enoent)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "sched_switch"));
	EXPECT_EQ(-ENOENT, ev_disable(self->dir, "a", "sched_switch"));
	EXPECT_TRUE(listed(self->dir, "b", "sched:sched_switch"));
}

TEST_F(events, disable_of_an_existing_rule_pattern_succeeds)
{
	char *text;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "no_such_event_xyz"));
	EXPECT_EQ(0, ev_disable(self->dir, "a", "no_such_event_xyz"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("# disable no_such_event_xyz\n", text);
	free(text);
}

TEST_F(events, bad_patterns_are_einval_and_change_nothing)
{
	static const char * const bad[] = {
		"", "a:b:c", "a::b", "sched switch", "x;y", "sched/switch",
		"sched,switch", "sched_switch\tsched_wakeup", "caf\xe9",
		"sched:", ":sched_switch", ":", " sched_switch",
		"sched_switch ", "sched_switch\n\n",
	};
	char longest[PATTERN_MAX + 2], *before, *after;
	unsigned int i;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "no_such_event_xyz"));
	before = chan_events(self->dir, "a");
	ASSERT_NE(NULL, before);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ev_enable(self->dir, "a", bad[i])) {
			TH_LOG("enable_event \"%s\"", bad[i]);
		}
		EXPECT_EQ(-EINVAL, ev_disable(self->dir, "a", bad[i])) {
			TH_LOG("disable_event \"%s\"", bad[i]);
		}
	}
	memset(longest, 'a', PATTERN_MAX + 1);
	longest[PATTERN_MAX + 1] = '\0';
	EXPECT_EQ(-EINVAL, ev_enable(self->dir, "a", longest));
	EXPECT_EQ(-EINVAL, ev_disable(self->dir, "a", longest));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ(before, after);
	free(before);
	free(after);
}

TEST_F(events, longest_pattern_is_accepted)
{
	char longest[PATTERN_MAX + 1], rule[PATTERN_MAX + 16], *text;

	memset(longest, 'a', PATTERN_MAX);
	longest[PATTERN_MAX] = '\0';
	EXPECT_EQ(0, ev_enable(self->dir, "a", longest));
	snprintf(rule, sizeof(rule), "# enable %s", longest);
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_TRUE(has_line(text, rule));
	free(text);
}

TEST_F(events, every_allowed_character_is_accepted)
{
	char *text;

	EXPECT_EQ(0, ev_enable(self->dir, "a", "No_Such-Sys.9:Ev-0_.[!a]?*"));
	text = chan_events(self->dir, "a");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("# enable No_Such-Sys.9:Ev-0_.[!a]?*\n", text);
	free(text);
}

TEST_F(events, more_than_256_rules_is_enospc)
{
	char pattern[32], *before, *after;
	int i;

	for (i = 0; i < RULES_MAX; i++) {
		snprintf(pattern, sizeof(pattern), "no_such_event_%03d", i);
		ASSERT_EQ(0, ev_enable(self->dir, "a", pattern)) {
			TH_LOG("rule %d", i + 1);
		}
	}
	before = chan_events(self->dir, "a");
	ASSERT_NE(NULL, before);
	EXPECT_EQ(RULES_MAX, count_str(before, "# enable "));
	EXPECT_EQ(-ENOSPC, ev_enable(self->dir, "a", "no_such_event_x"));
	EXPECT_EQ(-ENOSPC, ev_enable(self->dir, "a", "sched_switch"));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ(before, after);
	free(after);
	/* A pattern written again replaces its rule: no new one. */
	EXPECT_EQ(0, ev_enable(self->dir, "a", "no_such_event_000"));
	EXPECT_EQ(0, ev_disable(self->dir, "a", "no_such_event_001"));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	EXPECT_EQ(RULES_MAX, count_str(after, "# "));
	EXPECT_TRUE(has_line(after, "# disable no_such_event_001"));
	EXPECT_FALSE(has_line(after, "# enable no_such_event_001"));
	free(after);
	free(before);
}

TEST_F(events, exact_enable_gets_a_compact_id)
{
	long id;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	id = event_id(self->dir, "a", "sched:sched_switch");
	EXPECT_LE(0, id);
	EXPECT_GT(COMPACT_IDS, id);
	/* Not a frequent event, but named exactly. */
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:sched_kthread_stop"));
	id = event_id(self->dir, "a", "sched:sched_kthread_stop");
	EXPECT_LE(0, id);
	EXPECT_GT(COMPACT_IDS, id);
}

TEST_F(events, compact_ids_go_in_enable_order)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_kthread_stop"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "raw_syscalls:sys_enter"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	EXPECT_EQ(0, event_id(self->dir, "a", "sched:sched_kthread_stop"));
	EXPECT_EQ(1, event_id(self->dir, "a", "raw_syscalls:sys_enter"));
	EXPECT_EQ(2, event_id(self->dir, "a", "sched:sched_switch"));
}

TEST_F(events, glob_enable_gives_a_rare_event_a_large_id)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	EXPECT_LE(COMPACT_IDS, event_id(self->dir, "a",
					"sched:sched_kthread_stop"));
}

TEST_F(events, glob_enable_gives_a_frequent_event_a_compact_id)
{
	long id;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	id = event_id(self->dir, "a", "sched:sched_switch");
	EXPECT_LE(0, id);
	EXPECT_GT(COMPACT_IDS, id);
}

TEST_F(events, ids_agree_across_channels_of_a_session)
{
	static struct listed ev[MAX_LISTED];
	char *a, *b;
	int i, n;

	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	/* b names first what a enables later, and the other way round. */
	ASSERT_EQ(0, ev_enable(self->dir, "b", "irq_handler_entry"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "irq:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "sched_kthread_stop"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "sched_switch"));
	a = chan_events(self->dir, "a");
	b = chan_events(self->dir, "b");
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	n = parse_listed(b, ev, MAX_LISTED);
	EXPECT_EQ(3, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(id_in(a, ev[i].name), ev[i].id) {
			TH_LOG("%s", ev[i].name);
		}
	/* The id glob gave it in a, not a compact one. */
	EXPECT_LE(COMPACT_IDS, id_in(b, "sched:sched_kthread_stop"));
	free(a);
	free(b);
}

TEST_F(events, ids_are_unique_within_a_session)
{
	static struct listed ev[2 * MAX_LISTED];
	char *a, *b;
	int i, j, na, nb;

	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "irq:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "raw_syscalls:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "sched_switch"));
	a = chan_events(self->dir, "a");
	b = chan_events(self->dir, "b");
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	na = parse_listed(a, ev, MAX_LISTED);
	nb = parse_listed(b, ev + na, MAX_LISTED);
	ASSERT_LT(1, na);
	ASSERT_LT(1, nb);
	for (i = 0; i < na + nb; i++)
		for (j = i + 1; j < na + nb; j++)
			EXPECT_EQ(!strcmp(ev[i].name, ev[j].name),
				  ev[i].id == ev[j].id) {
				TH_LOG("%ld %s, %ld %s", ev[i].id, ev[i].name,
				       ev[j].id, ev[j].name);
			}
	free(a);
	free(b);
}

TEST_F(events, ids_stay_the_same_after_disable_and_enable)
{
	static struct listed ev[MAX_LISTED];
	char *before, *after;
	int i, n;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	before = chan_events(self->dir, "a");
	ASSERT_NE(NULL, before);
	ASSERT_EQ(0, ev_disable(self->dir, "a", "sched:*"));
	EXPECT_FALSE(listed(self->dir, "a", "sched:sched_switch"));
	/* Enabled again, exactly this time, and by the same glob. */
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_kthread_stop"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched:*"));
	after = chan_events(self->dir, "a");
	ASSERT_NE(NULL, after);
	n = parse_listed(before, ev, MAX_LISTED);
	EXPECT_LT(1, n);
	for (i = 0; i < n; i++)
		EXPECT_EQ(ev[i].id, id_in(after, ev[i].name)) {
			TH_LOG("%s", ev[i].name);
		}
	free(before);
	free(after);
}

/*
 * With CONFIG_FTRACE_SYSCALLS every system call has its own entry and
 * exit events, recorded one call at a time.
 */
TEST_F(events, syscall_events_are_recorded_one_call_at_a_time)
{
	char *known = slurp(LTT_DIR "/events");
	int i;

	ASSERT_NE(NULL, known);
	if (!has_line(known, "syscalls:sys_enter_getuid")) {
		free(known);
		SKIP(return, "no per-system-call events: CONFIG_FTRACE_SYSCALLS=n?");
	}
	EXPECT_TRUE(has_line(known, "syscalls:sys_exit_getuid"));
	free(known);
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sys_enter_getuid"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "syscalls:sys_exit_getuid"));
	EXPECT_GT(31, event_id(self->dir, "a", "syscalls:sys_enter_getuid"));
	EXPECT_LE(0, event_id(self->dir, "a", "syscalls:sys_exit_getuid"));
	EXPECT_FALSE(listed(self->dir, "a", "syscalls:sys_enter_getpid"));
	ASSERT_EQ(0, start(self->dir));
	for (i = 0; i < 20; i++)
		syscall(SYS_getuid);
	ASSERT_EQ(0, stop(self->dir));
	/* Other tasks may call getuid() too, never fewer. */
	EXPECT_LE(40, chan_written(self->dir, "a"));
}

TEST_F(events, context_is_none_by_default)
{
	char *text = slurp(cp(self->dir, "a", "context"));

	ASSERT_NE(NULL, text);
	EXPECT_STREQ("none\n", text);
	free(text);
}

TEST_F(events, context_set_reads_back)
{
	char *text;

	EXPECT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
	text = slurp(cp(self->dir, "a", "context"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("pid,tid\n", text);
	free(text);
}

TEST_F(events, context_none_clears_it)
{
	char *text;

	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
	EXPECT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "none"));
	text = slurp(cp(self->dir, "a", "context"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("none\n", text);
	free(text);
}

TEST_F(events, context_bad_values_are_einval_and_change_nothing)
{
	static const char * const bad[] = {
		"", "pid,pid", "uid", "pid,,tid", "pid,uid", "none,pid",
	};
	unsigned int i;
	char *text;

	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "tid"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, ltt_write(cp(self->dir, "a", "context"), bad[i])) {
			TH_LOG("context \"%s\"", bad[i]);
		}
	}
	text = slurp(cp(self->dir, "a", "context"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("tid\n", text);
	free(text);
}

TEST_F(events, context_change_after_first_start_is_ebusy)
{
	char *text;

	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(-EBUSY, ltt_write(cp(self->dir, "a", "context"), "pid"));
	EXPECT_EQ(-EBUSY, ltt_write(cp(self->dir, "a", "context"), "none"));
	ASSERT_EQ(0, stop(self->dir));
	/* Stopped, still: the metadata describes the context. */
	EXPECT_EQ(-EBUSY, ltt_write(cp(self->dir, "a", "context"), "tid"));
	text = slurp(cp(self->dir, "a", "context"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("pid,tid\n", text);
	free(text);
}

TEST_F(events, context_same_value_after_first_start_is_accepted)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
	/* b has none: writing "none" sets what it has. */
	EXPECT_EQ(0, ltt_write(cp(self->dir, "b", "context"), "none"));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "pid,tid"));
}

TEST_F(events, enabled_event_is_recorded_only_by_its_channel)
{
	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, ltt_emit(100));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(100, chan_written(self->dir, "a"));
	EXPECT_EQ(0, chan_written(self->dir, "b"));
}

TEST_F(events, disabled_event_is_no_longer_recorded)
{
	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, ltt_emit(100));
	ASSERT_EQ(0, stop(self->dir));
	ASSERT_EQ(100, chan_written(self->dir, "a"));
	ASSERT_EQ(0, ev_disable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, ltt_emit(50));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(100, chan_written(self->dir, "a"));
}

TEST_F(events, event_enabled_while_active_is_recorded)
{
	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, ltt_emit(10));
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, ltt_emit(100));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(100, chan_written(self->dir, "a"));
}

TEST_F(events, metadata_starts_with_the_ctf_magic_comment)
{
	char *text;

	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	text = metadata(self->dir);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(0, strncmp(text, "/* CTF 1.8 */", 13));
	free(text);
}

TEST_F(events, metadata_declares_an_event_once_per_channel_enabling_it)
{
	char *text;

	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "c"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, ev_enable(self->dir, "b", "ltt_test_seq"));
	ASSERT_EQ(0, ev_enable(self->dir, "c", "sched_switch"));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	text = metadata(self->dir);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(2, count_str(text, "name = \"ltt_test_seq\";"));
	free(text);
}

TEST_F(events, metadata_does_not_redeclare_a_reenabled_event)
{
	char *text;

	if (access(LTT_TEST_EVENTS, F_OK))
		SKIP(return, NO_TEST_EVENTS);
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, ev_disable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, stop(self->dir));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	text = metadata(self->dir);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(1, count_str(text, "name = \"ltt_test_seq\";"));
	free(text);
}

TEST_F(events, enabling_while_active_appends_to_the_metadata)
{
	char *before, *after;

	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_kthread_stop"));
	ASSERT_EQ(0, start(self->dir));
	before = metadata(self->dir);
	ASSERT_NE(NULL, before);
	EXPECT_EQ(0, count_str(before, "name = \"sched_switch\";"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "sched_switch"));
	after = metadata(self->dir);
	ASSERT_NE(NULL, after);
	/* Appended: what was there is still there, unchanged. */
	ASSERT_EQ(0, strncmp(before, after, strlen(before)));
	EXPECT_EQ(1, count_str(after + strlen(before),
			       "name = \"sched_switch\";"));
	EXPECT_EQ(0, stop(self->dir));
	free(before);
	free(after);
}

/*
 * A session's first description has no size limit but the metadata's:
 * every system call event in eight channels is far more text than any
 * one buffer (it used to be built in 256 KiB, and the start failed with
 * E2BIG), and the start succeeds, each event declared once per channel.
 */
TEST_F(events, first_description_has_no_size_limit)
{
	char chan[2] = "a", *text;
	int i;

	text = slurp(LTT_DIR "/events");
	ASSERT_NE(NULL, text);
	i = has_line(text, "syscalls:sys_enter_getuid");
	free(text);
	if (!i)
		SKIP(return, "no per-system-call events: CONFIG_FTRACE_SYSCALLS=n?");
	for (i = 0; i < 8; i++) {
		chan[0] = 'a' + i;
		if (i)
			ASSERT_EQ(0, ltt_write(ltt_path(self->dir,
							"create_channel"),
					       chan));
		ASSERT_EQ(0, ev_enable(self->dir, chan, "syscalls:*"));
	}
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	text = metadata(self->dir);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(8, count_str(text, "name = \"sys_enter_getuid\";"));
	EXPECT_LT((size_t)256 << 10, strlen(text));
	free(text);
}

/* --- The statedump ------------------------------------------------------ */

#define STATEDUMP_EVENTS	"ltt_statedump:*"

/* A counter of a session's statedump file; -1 if unreadable. */
static long long statedump_value(const char *dir, const char *key)
{
	char line[256], name[64];
	long long value = -1, v;
	const char *p;
	char *text;

	text = slurp(ltt_path(dir, "statedump"));
	if (!text)
		return -1;
	p = text;
	while ((p = next_line(p, line, sizeof(line))))
		if (sscanf(line, "%63s %lld", name, &v) == 2 &&
		    !strcmp(name, key))
			value = v;
	free(text);
	return value;
}

/*
 * Give channel @chan of a stopped session 1 MiB per CPU, room for every
 * event a test records, so that none is discarded.
 */
static int big_buffers(const char *dir, const char *chan)
{
	return ltt_write(cp(dir, chan, "subbuf_size"), "65536") ?:
	       ltt_write(cp(dir, chan, "num_subbuf"), "16");
}

TEST_F(events, statedump_file_is_root_only)
{
	EXPECT_EQ(0600U, ltt_file_mode(ltt_path(self->dir, "statedump")));
	EXPECT_EQ(0, statedump_value(self->dir, "dumps"));
}

TEST_F(events, start_dumps_the_state_when_a_channel_enables_it)
{
	long long written, events;

	ASSERT_EQ(0, big_buffers(self->dir, "a"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", STATEDUMP_EVENTS));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(1, statedump_value(self->dir, "dumps"));
	events = statedump_value(self->dir, "last_events");
	written = chan_written(self->dir, "a");
	/* A thread at least, and its start and end events. */
	EXPECT_LT(1, events);
	EXPECT_EQ(events + 2, written);
	EXPECT_LT(0, statedump_value(self->dir, "last_ns"));
}

TEST_F(events, start_without_statedump_events_does_not_dump)
{
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(0, statedump_value(self->dir, "dumps"));
	EXPECT_EQ(0, chan_written(self->dir, "a"));
}

TEST_F(events, statedump_on_demand_records_one_more_dump)
{
	long long before;

	ASSERT_EQ(0, big_buffers(self->dir, "a"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", STATEDUMP_EVENTS));
	ASSERT_EQ(0, start(self->dir));
	before = chan_written(self->dir, "a");
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "statedump"), "1\n"));
	EXPECT_EQ(2, statedump_value(self->dir, "dumps"));
	EXPECT_EQ(before + statedump_value(self->dir, "last_events") + 2,
		  chan_written(self->dir, "a"));
	EXPECT_EQ(0, chan_counter(self->dir, "a", 1));
	ASSERT_EQ(0, stop(self->dir));
}

TEST_F(events, statedump_records_into_the_asking_session_only)
{
	char other[32], odir[128];
	long long before;

	snprintf(other, sizeof(other), "kso%d", getpid());
	snprintf(odir, sizeof(odir), LTT_SESSIONS "/%s", other);
	ASSERT_EQ(0, ltt_write(LTT_CREATE_SESSION, other));
	EXPECT_EQ(0, ltt_write(ltt_path(odir, "create_channel"), "a"));
	EXPECT_EQ(0, big_buffers(odir, "a"));
	EXPECT_EQ(0, ev_enable(odir, "a", STATEDUMP_EVENTS));
	EXPECT_EQ(0, start(odir));
	before = chan_written(odir, "a");
	EXPECT_LT(2, before);
	ASSERT_EQ(0, ev_enable(self->dir, "a", STATEDUMP_EVENTS));
	EXPECT_EQ(0, start(self->dir));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "statedump"), "1"));
	EXPECT_EQ(before, chan_written(odir, "a"));
	EXPECT_EQ(1, statedump_value(odir, "dumps"));
	EXPECT_EQ(2, statedump_value(self->dir, "dumps"));
	EXPECT_EQ(0, ltt_write(LTT_DESTROY_SESSION, other));
}

TEST_F(events, statedump_bad_requests_are_einval_and_record_nothing)
{
	char sd[256];

	/* ltt_path()'s buffer is reused by the calls below: copy it. */
	snprintf(sd, sizeof(sd), "%s", ltt_path(self->dir, "statedump"));
	ASSERT_EQ(0, big_buffers(self->dir, "a"));
	/* Stopped, with nothing to record it, then active without it. */
	EXPECT_EQ(-EINVAL, ltt_write(sd, "1"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(-EINVAL, ltt_write(sd, "1"));
	ASSERT_EQ(0, stop(self->dir));
	ASSERT_EQ(0, ev_enable(self->dir, "a", STATEDUMP_EVENTS));
	EXPECT_EQ(-EINVAL, ltt_write(sd, "1"));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(-EINVAL, ltt_write(sd, "0"));
	EXPECT_EQ(-EINVAL, ltt_write(sd, "2"));
	EXPECT_EQ(-EINVAL, ltt_write(sd, "yes"));
	EXPECT_EQ(-EINVAL, ltt_write(sd, " 1"));
	EXPECT_EQ(-EINVAL, ltt_write_bytes(sd, "1\0", 2));
	ASSERT_EQ(0, stop(self->dir));
	/* The dump of the second start only. */
	EXPECT_EQ(1, statedump_value(self->dir, "dumps"));
	EXPECT_EQ(statedump_value(self->dir, "last_events") + 2,
		  chan_written(self->dir, "a"));
}

/* --- Events from user space --------------------------------------------- */

#define USER_EVENT	LTT_DIR "/user_event"
#define USER_MSG_MAX	1024

TEST_F(events, user_event_file_is_root_write_only)
{
	EXPECT_EQ(0200U, ltt_file_mode(USER_EVENT));
}

TEST_F(events, user_event_is_recorded_by_channels_enabling_it)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "create_channel"), "b"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "ltt_user:*"));
	ASSERT_EQ(0, ev_enable(self->dir, "b", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(0, ltt_write(USER_EVENT, "hello\n"));
	EXPECT_EQ(0, ltt_write(USER_EVENT, "@app.1 named message"));
	EXPECT_EQ(0, ltt_write(USER_EVENT, "@app-2 "));
	EXPECT_EQ(0, ltt_write(USER_EVENT, "no @name here"));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(4, chan_written(self->dir, "a"));
	EXPECT_EQ(0, chan_written(self->dir, "b"));
}

TEST_F(events, user_event_bad_writes_are_refused_and_record_nothing)
{
	char big[USER_MSG_MAX + 2], *unmapped;
	int fd;

	memset(big, 'x', sizeof(big));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "ltt_user:*"));
	ASSERT_EQ(0, start(self->dir));
	EXPECT_EQ(-EMSGSIZE, ltt_write_bytes(USER_EVENT, big, USER_MSG_MAX + 1));
	EXPECT_EQ(-EINVAL, ltt_write_bytes(USER_EVENT, "a\0b", 3));
	EXPECT_EQ(-EINVAL, ltt_write(USER_EVENT, "@nospace"));
	EXPECT_EQ(-EINVAL, ltt_write(USER_EVENT, "@ empty name"));
	EXPECT_EQ(-EINVAL, ltt_write(USER_EVENT, "@bad/name text"));
	EXPECT_EQ(-EINVAL, ltt_write(USER_EVENT, "@.hidden text"));
	/* A page given back: writing from it faults. */
	unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, munmap(unmapped, 4096));
	fd = open(USER_EVENT, O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, write(fd, "", 0));
	EXPECT_EQ(-1, write(fd, unmapped, 16));
	EXPECT_EQ(EFAULT, errno);
	close(fd);
	EXPECT_EQ(0, chan_written(self->dir, "a"));
	/* The longest message, once the bad ones are refused. */
	EXPECT_EQ(0, ltt_write_bytes(USER_EVENT, big, USER_MSG_MAX));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(1, chan_written(self->dir, "a"));
}

/*
 * @writers processes writing @each named, numbered messages each, all at
 * once; returns how many wrote all of theirs.
 */
static int write_user_events(int writers, int each)
{
	int i, j, status, ok = 0;
	char msg[64];
	pid_t pid;

	for (i = 0; i < writers; i++) {
		pid = fork();
		if (pid < 0)
			return -1;
		if (pid)
			continue;
		for (j = 0; j < each; j++) {
			snprintf(msg, sizeof(msg), "@w%d seq=%d", i, j);
			if (ltt_write(USER_EVENT, msg))
				_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < writers; i++)
		if (wait(&status) > 0 && WIFEXITED(status) &&
		    !WEXITSTATUS(status))
			ok++;
	return ok;
}

TEST_F(events, user_events_from_many_writers_are_all_recorded)
{
	const int writers = 4, each = 500;
	int ok;

	ASSERT_EQ(0, big_buffers(self->dir, "a"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "ltt_user:*"));
	ASSERT_EQ(0, start(self->dir));
	ok = write_user_events(writers, each);
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(writers, ok);
	EXPECT_EQ(writers * each, chan_written(self->dir, "a"));
	EXPECT_EQ(0, chan_counter(self->dir, "a", 1));
}

/*
 * The same writers into a channel too small for them: what does not fit
 * is counted as discarded, so written and discarded add up to every
 * message written.
 */
TEST_F(events, user_events_that_do_not_fit_are_counted_as_discarded)
{
	const int writers = 4, each = 500;
	int ok;

	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "subbuf_size"), "4096"));
	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "num_subbuf"), "2"));
	ASSERT_EQ(0, ev_enable(self->dir, "a", "ltt_user:*"));
	ASSERT_EQ(0, start(self->dir));
	ok = write_user_events(writers, each);
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(writers, ok);
	EXPECT_LT(0, chan_counter(self->dir, "a", 1));
	EXPECT_EQ(writers * each, chan_written(self->dir, "a") +
				  chan_counter(self->dir, "a", 1));
}

/* --- Layouts -------------------------------------------------------------- */

TEST_F(events, layout_is_ltt_by_default_and_root_only)
{
	char *text = slurp(ltt_path(self->dir, "layout"));

	ASSERT_NE(NULL, text);
	EXPECT_STREQ("ltt\n", text);
	free(text);
	EXPECT_EQ(0600U, ltt_file_mode(ltt_path(self->dir, "layout")));
}

TEST_F(events, layout_bad_values_are_einval_and_change_nothing)
{
	static const char * const bad[] = {
		"", "LTTng", "lttng ", "ltt,lttng", "lttng2",
	};
	char *text;
	size_t i;

	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "layout"), "lttng\n"));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_NE(0, ltt_write(ltt_path(self->dir, "layout"), bad[i]));
	text = slurp(ltt_path(self->dir, "layout"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("lttng\n", text);
	free(text);
}

TEST_F(events, layout_is_fixed_once_started)
{
	ASSERT_EQ(0, ltt_write(ltt_path(self->dir, "layout"), "lttng"));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	EXPECT_EQ(-EBUSY, ltt_write(ltt_path(self->dir, "layout"), "ltt"));
	EXPECT_EQ(0, ltt_write(ltt_path(self->dir, "layout"), "lttng"));
}

/* Start and stop with @layout, then the metadata. */
static char *metadata_in_layout(const char *dir, const char *layout)
{
	if (ltt_write(ltt_path(dir, "layout"), layout) ||
	    big_buffers(dir, "a") ||
	    ev_enable(dir, "a", "sched_switch") ||
	    ev_enable(dir, "a", "sys_enter_getuid") ||
	    ev_enable(dir, "a", "sys_exit_getuid") ||
	    ev_enable(dir, "a", STATEDUMP_EVENTS) ||
	    start(dir) || stop(dir))
		return NULL;
	return metadata(dir);
}

TEST_F(events, lttng_layout_renames_in_the_metadata_only)
{
	char *text = metadata_in_layout(self->dir, "lttng");

	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "name = \"sched_switch\";"));
	EXPECT_NE(NULL, strstr(text, " _prev_tid;"));
	EXPECT_NE(NULL, strstr(text, " _next_tid;"));
	EXPECT_EQ(NULL, strstr(text, " _prev_pid;"));
	EXPECT_NE(NULL, strstr(text, "name = \"syscall_entry_getuid\";"));
	EXPECT_NE(NULL, strstr(text, "name = \"syscall_exit_getuid\";"));
	EXPECT_NE(NULL, strstr(text, "name = \"lttng_statedump_process_state\";"));
	EXPECT_EQ(NULL, strstr(text, "name = \"ltt_statedump_"));
	free(text);
	/* Recorded as in any layout: the dump, start and end, and more. */
	EXPECT_LE(statedump_value(self->dir, "last_events") + 2,
		  chan_written(self->dir, "a"));
	EXPECT_EQ(0, chan_counter(self->dir, "a", 1));
}

TEST_F(events, ltt_layout_keeps_the_kernel_names)
{
	char *text = metadata_in_layout(self->dir, "ltt");

	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, " _prev_pid;"));
	EXPECT_EQ(NULL, strstr(text, " _prev_tid;"));
	EXPECT_NE(NULL, strstr(text, "name = \"sys_enter_getuid\";"));
	EXPECT_NE(NULL, strstr(text, "name = \"ltt_statedump_process_state\";"));
	free(text);
}

TEST_F(events, context_procname_is_the_task_name_in_the_metadata)
{
	char *text;

	ASSERT_EQ(0, ltt_write(cp(self->dir, "a", "context"), "tid,procname"));
	text = slurp(cp(self->dir, "a", "context"));
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("tid,procname\n", text);
	free(text);
	ASSERT_EQ(0, ev_enable(self->dir, "a", TEST_EVENT));
	ASSERT_EQ(0, start(self->dir));
	ASSERT_EQ(0, stop(self->dir));
	text = metadata(self->dir);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "encoding = UTF8; base = 10; } _procname[16];"));
	free(text);
	EXPECT_EQ(-EINVAL, ltt_write(cp(self->dir, "a", "context"),
				     "procname,procname"));
}

TEST_HARNESS_MAIN
