// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the checks a region found at boot must pass before the
 * previous boot's trace is read back (ltt_crash_check_header()): a
 * region laid out as crash_buffer.c saves it passes; every kind of
 * damage, and every layout a kernel of another version or geometry could
 * have left, is reported and not trusted.
 */
#include <kunit/test.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "crash_buffer.h"

#define TEST_SUBBUFS	2U
#define TEST_META	"/* CTF 1.8 */\ntrace { major = 1; minor = 8; };\n"

enum damage {
	NO_DAMAGE,
	BAD_MAGIC,
	NEW_VERSION,
	LIVE,
	EMPTY,
	OTHER_SIZE,
	NO_CPUS,
	ODD_SUBBUF,
	ONE_SUBBUF,
	BAD_CLOCK,
	SHORT_STRIDE,
	DATA_OUTSIDE,
	META_OVERLAP,
	META_TOO_LONG,
	BAD_NAME,
	FLIPPED_HEADER,
	FLIPPED_METADATA,
	FLIPPED_STATE,
};

struct region_case {
	const char *what;
	enum damage damage;
};

static const struct region_case region_cases[] = {
	{ "a region as saved", NO_DAMAGE },
	{ "another magic", BAD_MAGIC },
	{ "another layout version", NEW_VERSION },
	{ "tracing, never saved", LIVE },
	{ "empty", EMPTY },
	{ "another region size", OTHER_SIZE },
	{ "no CPUs", NO_CPUS },
	{ "sub-buffer size not a power of two", ODD_SUBBUF },
	{ "one sub-buffer", ONE_SUBBUF },
	{ "unknown clock", BAD_CLOCK },
	{ "per-CPU state too short", SHORT_STRIDE },
	{ "buffers past the end", DATA_OUTSIDE },
	{ "metadata over the buffers", META_OVERLAP },
	{ "metadata longer than its room", META_TOO_LONG },
	{ "bad session name", BAD_NAME },
	{ "a header byte flipped", FLIPPED_HEADER },
	{ "a metadata byte flipped", FLIPPED_METADATA },
	{ "a saved state byte flipped", FLIPPED_STATE },
};

/*
 * Damage @h as @d says. A layout another kernel could have written has
 * right CRCs (recomputed); a flipped byte has not.
 */
static void damage(struct ltt_crash_header *h, enum damage d)
{
	switch (d) {
	case FLIPPED_HEADER:
		h->channel[0] ^= 0x20;
		return;
	case FLIPPED_METADATA:
		((char *)h)[h->metadata_offset] ^= 1;
		return;
	case FLIPPED_STATE:
		ltt_crash_cpu(h, 0)->saved.offset ^= 1;
		return;
	case BAD_MAGIC:
		h->magic ^= 1;
		break;
	case NEW_VERSION:
		h->version++;
		break;
	case LIVE:
		h->state = LTT_CRASH_LIVE;
		break;
	case EMPTY:
		h->state = LTT_CRASH_EMPTY;
		break;
	case OTHER_SIZE:
		h->region_size += PAGE_SIZE;
		break;
	case NO_CPUS:
		h->nr_cpus = 0;
		break;
	case ODD_SUBBUF:
		h->subbuf_size += 1;
		break;
	case ONE_SUBBUF:
		h->num_subbuf = 1;
		break;
	case BAD_CLOCK:
		h->clock = LTT_CLOCK_NR;
		break;
	case SHORT_STRIDE:
		h->cpu_stride = 8;
		break;
	case DATA_OUTSIDE:
		h->data_offset = h->region_size;
		break;
	case META_OVERLAP:
		h->metadata_max = h->data_offset;
		break;
	case META_TOO_LONG:
		h->metadata_len = h->metadata_max + 1;
		break;
	case BAD_NAME:
		strscpy(h->session, "a/b");
		break;
	case NO_DAMAGE:
		break;
	}
	h->saved_crc = ltt_crash_saved_crc(h);
	h->header_crc = ltt_crash_header_crc(h);
}

static void region_case_desc(const struct region_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(region, region_cases, region_case_desc);

/* A region the way crash_buffer.c lays it out and saves it. */
static struct ltt_crash_header *make_region(struct kunit *test, size_t *size)
{
	struct ltt_crash_header *h;
	u64 data;

	data = (u64)nr_cpu_ids * (TEST_SUBBUFS + 1) * PAGE_SIZE;
	*size = 4 * PAGE_SIZE + data;
	h = vzalloc(*size);
	KUNIT_ASSERT_NOT_NULL(test, h);
	h->magic = LTT_CRASH_MAGIC;
	h->version = LTT_CRASH_VERSION;
	h->state = LTT_CRASH_SAVED;
	h->region_size = *size;
	h->page_size = PAGE_SIZE;
	h->reason = LTT_CRASH_PANIC;
	h->nr_cpus = nr_cpu_ids;
	h->subbuf_size = PAGE_SIZE;
	h->num_subbuf = TEST_SUBBUFS;
	h->mode = LTT_RB_OVERWRITE;
	h->clock = LTT_CLOCK_MONOTONIC;
	h->cpu_offset = PAGE_SIZE;
	h->cpu_stride = ALIGN(struct_size_t(struct ltt_crash_cpu, commit,
					    TEST_SUBBUFS), 64);
	KUNIT_ASSERT_LE(test, h->nr_cpus * h->cpu_stride, PAGE_SIZE);
	h->metadata_offset = 2 * PAGE_SIZE;
	h->metadata_max = 2 * PAGE_SIZE;
	h->data_offset = 4 * PAGE_SIZE;
	h->metadata_len = strlen(TEST_META);
	memcpy((void *)h + h->metadata_offset, TEST_META, h->metadata_len);
	strscpy(h->session, "fr");
	strscpy(h->channel, "fr");
	strscpy(h->release, "6.12");
	ltt_crash_cpu(h, 0)->present = 1;
	ltt_crash_cpu(h, 0)->saved.offset = 3 * PAGE_SIZE + 100;
	h->saved_crc = ltt_crash_saved_crc(h);
	h->header_crc = ltt_crash_header_crc(h);
	return h;
}

static void region_checked_before_trusted(struct kunit *test)
{
	const struct region_case *c = test->param_value;
	struct ltt_crash_header *h;
	const char *why;
	size_t size;

	h = make_region(test, &size);
	damage(h, c->damage);
	why = ltt_crash_check_header(h, size);
	if (c->damage == NO_DAMAGE)
		KUNIT_EXPECT_NULL_MSG(test, why, "refused: %s", why);
	else
		KUNIT_EXPECT_NOT_NULL(test, why);
	vfree(h);
}

static struct kunit_case ltt_crash_cases[] = {
	KUNIT_CASE_PARAM(region_checked_before_trusted, region_gen_params),
	{}
};

static struct kunit_suite ltt_crash_suite = {
	.name = "ltt_crash",
	.test_cases = ltt_crash_cases,
};

kunit_test_suite(ltt_crash_suite);

MODULE_DESCRIPTION("KUnit tests for LTT crash buffers");
MODULE_LICENSE("GPL");
