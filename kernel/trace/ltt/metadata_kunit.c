// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LTT metadata buffer
 *
 * ltt_metadata_append() is the interface the metadata code will build
 * on: what it appends must come out in order and whole however the
 * buffer grows, and a refused append must leave the text as it was;
 * pieces added together are kept or dropped together.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/ltt/session.h>
#include <linux/slab.h>

#include "internal.h"

static void session_destroy_action(void *session)
{
	ltt_session_destroy(session);
}

static struct ltt_session *make_session(struct kunit *test)
{
	struct ltt_session *session = ltt_session_create("kunit_metadata");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							session_destroy_action,
							session), 0);
	return session;
}

static void metadata_starts_empty(struct kunit *test)
{
	struct ltt_session *session = make_session(test);

	KUNIT_EXPECT_EQ(test, session->metadata_len, 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_append(session, "", 0), 0);
	KUNIT_EXPECT_EQ(test, session->metadata_len, 0);
}

static void metadata_appends_in_order(struct kunit *test)
{
	struct ltt_session *session = make_session(test);

	KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, "trace {", 7), 0);
	KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, " };\n", 4), 0);
	KUNIT_ASSERT_EQ(test, session->metadata_len, 11);
	KUNIT_EXPECT_MEMEQ(test, session->metadata, "trace { };\n", 11);
}

/* Sizes of the pieces appended: below, at and across the page size. */
static const size_t piece_sizes[] = { 1, 100, PAGE_SIZE, 3 * PAGE_SIZE + 7 };

static void piece_desc(const size_t *size, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%zu bytes", *size);
}

KUNIT_ARRAY_PARAM(piece, piece_sizes, piece_desc);

static void metadata_grows_and_keeps_its_text(struct kunit *test)
{
	const size_t piece = *(const size_t *)test->param_value;
	struct ltt_session *session = make_session(test);
	size_t i, total = 5 * PAGE_SIZE + 1;
	u8 *buf;

	buf = kunit_kmalloc(test, piece, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < total; i += piece) {
		size_t j, len = min(piece, total - i);

		for (j = 0; j < len; j++)
			buf[j] = (i + j) % 251;
		KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, buf, len),
				0);
	}
	KUNIT_ASSERT_EQ(test, session->metadata_len, total);
	KUNIT_EXPECT_GE(test, session->metadata_size, total);
	for (i = 0; i < total; i++)
		if ((u8)session->metadata[i] != i % 251)
			break;
	KUNIT_EXPECT_EQ(test, i, total);
}

static void metadata_refuses_too_much(struct kunit *test)
{
	struct ltt_session *session = make_session(test);
	static const char text[] = "env { };\n";

	KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, text, 9), 0);
	/* Refused before anything is read from the buffer. */
	KUNIT_EXPECT_EQ(test, ltt_metadata_append(session, text, 16 << 20),
			-EFBIG);
	KUNIT_EXPECT_EQ(test, session->metadata_len, 9);
	KUNIT_EXPECT_MEMEQ(test, session->metadata, text, 9);
}

static void metadata_refused_once_removed(struct kunit *test)
{
	struct ltt_session *session = ltt_session_create("kunit_metadata");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_EXPECT_EQ(test, ltt_metadata_append(session, "x", 1), 0);
	KUNIT_EXPECT_EQ(test, ltt_session_remove(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_append(session, "y", 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, session->metadata_len, 1);
	ltt_session_free(session);
}

/*
 * Pieces added between ltt_metadata_begin() and ltt_metadata_end() are
 * kept together, or, when one fails, taken back together.
 */
static void metadata_pieces_are_all_or_nothing(struct kunit *test)
{
	struct ltt_session *session = make_session(test);
	int ret;

	KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, "a;", 2), 0);
	KUNIT_ASSERT_EQ(test, ltt_metadata_begin(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_add(session, "b;", 2), 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_add(session, "c;", 2), 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_end(session, 0), 0);
	KUNIT_ASSERT_EQ(test, session->metadata_len, 6);
	KUNIT_EXPECT_MEMEQ(test, session->metadata, "a;b;c;", 6);

	KUNIT_ASSERT_EQ(test, ltt_metadata_begin(session), 0);
	KUNIT_EXPECT_EQ(test, ltt_metadata_add(session, "d;", 2), 0);
	ret = ltt_metadata_add(session, "e;", 16 << 20);
	KUNIT_EXPECT_EQ(test, ret, -EFBIG);
	KUNIT_EXPECT_EQ(test, ltt_metadata_end(session, ret), -EFBIG);
	KUNIT_EXPECT_EQ(test, session->metadata_len, 6);
	KUNIT_EXPECT_EQ(test, ltt_metadata_append(session, "f;", 2), 0);
	KUNIT_EXPECT_MEMEQ(test, session->metadata, "a;b;c;f;", 8);
}

/* A reference keeps a removed session readable until it is dropped. */
static void metadata_outlives_removal_while_referenced(struct kunit *test)
{
	struct ltt_session *session = ltt_session_create("kunit_metadata");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, session);
	KUNIT_ASSERT_EQ(test, ltt_metadata_append(session, "abc", 3), 0);
	ltt_session_get(session);
	ltt_session_destroy(session);
	KUNIT_EXPECT_TRUE(test, session->dead);
	KUNIT_EXPECT_MEMEQ(test, session->metadata, "abc", 3);
	ltt_session_put(session);
}

static struct kunit_case ltt_metadata_cases[] = {
	KUNIT_CASE(metadata_starts_empty),
	KUNIT_CASE(metadata_appends_in_order),
	KUNIT_CASE_PARAM(metadata_grows_and_keeps_its_text, piece_gen_params),
	KUNIT_CASE(metadata_refuses_too_much),
	KUNIT_CASE(metadata_refused_once_removed),
	KUNIT_CASE(metadata_pieces_are_all_or_nothing),
	KUNIT_CASE(metadata_outlives_removal_while_referenced),
	{}
};

static struct kunit_suite ltt_metadata_suite = {
	.name = "ltt_metadata",
	.test_cases = ltt_metadata_cases,
};

kunit_test_suite(ltt_metadata_suite);
