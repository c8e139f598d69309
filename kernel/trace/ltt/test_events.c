// SPDX-License-Identifier: GPL-2.0
/*
 * LTT test event source
 *
 * Tests of what readers get need events at will, with known content.
 * Writing N to /sys/module/ltt/parameters/test_events fires the
 * ltt_test:ltt_test_seq trace event N times, each with the next 64-bit
 * sequence number, from the writing task's CPU; the channels that
 * enabled it record it. Built only with CONFIG_LTT_KUNIT_TEST; a module
 * parameter rather than a debugfs file so that the ltt/ directory stays
 * what users get.
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>

#define CREATE_TRACE_POINTS
#include "test_events.h"

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "ltt."

/* At most this many events per write. */
#define LTT_TEST_EVENTS_MAX	1000000U

static atomic64_t ltt_test_next_seq = ATOMIC64_INIT(0);

static int ltt_test_events_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n, i;
	u64 seq;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;
	if (n > LTT_TEST_EVENTS_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		seq = atomic64_inc_return(&ltt_test_next_seq);
		trace_ltt_test_seq(seq);
	}
	return 0;
}

static const struct kernel_param_ops ltt_test_events_ops = {
	.set = ltt_test_events_set,
};

module_param_cb(test_events, &ltt_test_events_ops, NULL, 0200);
MODULE_PARM_DESC(test_events, "Record this many test events (write only)");
