// SPDX-License-Identifier: GPL-2.0
/*
 * LTT test module: trace events that come and go with a module
 *
 * The events of test_module_trace.h are defined here, in a module, so
 * that a test can enable them before the module is loaded, see them
 * recorded once it is, and decode them from the CTF trace. Writing N to
 * /sys/module/ltt_test_module/parameters/fire fires N rounds from the
 * writing task; each round fires ltt_test_mod_ints, ltt_test_mod_string
 * and ltt_test_mod_array once, in that order. Rounds are numbered from 0
 * at load time and go on across writes. Every value of round i follows
 * from i, so that a reader can check what it decoded:
 *
 *   ltt_test_mod_ints
 *	seq   = i
 *	v_s8  = -(i % 128)
 *	v_u8  = 255 - i % 256
 *	v_s16 = i % 60000 - 30000
 *	v_u16 = 65535 - i % 65536
 *	v_s32 = (i % 1000000) * 4000 - 2000000000
 *	v_u32 = 0x80000000 + i % 0x80000000
 *	v_s64 = -(i % 1000000 + 1) * 0x100000001
 *	v_u64 = 0x1122334455667788 + i
 *	state = i % 4 (LTT_TEST_STATE_*)
 *   ltt_test_mod_string
 *	msg   = "ltt-test-<i>", i in decimal
 *	seq   = i
 *   ltt_test_mod_array
 *	seq   = i
 *	n     = i % 5
 *	vals  = n elements: vals[k] = i * (k + 1), modulo 2^32
 *	fixed = { i, i + 1, i + 2, i + 3 }, each modulo 2^16
 *
 * All the arithmetic is exact (no value leaves its type's range) except
 * where a modulo is said.
 *
 * On x86, writing 1 to .../parameters/mark_tsc_unstable has the kernel
 * stop trusting the TSC, as its clocksource watchdog would, for the test
 * of the trace clock's switch away from it. There is no going back until
 * the next boot.
 */
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>

#ifdef CONFIG_X86_TSC
#include <asm/tsc.h>
#endif

#define CREATE_TRACE_POINTS
#include "test_module_trace.h"

/* At most this many rounds per write. */
#define LTT_TEST_FIRE_MAX	100000U

/* The next round. Writes to "fire" hold kernel_param_lock(THIS_MODULE). */
static u32 ltt_test_next_round;

static void ltt_test_fire_round(u32 i)
{
	u32 vals[4] = {};
	u16 fixed[4];
	char msg[24];
	u32 k, n = i % 5;

	trace_ltt_test_mod_ints(i, -(s8)(i % 128), 255 - i % 256,
				(s16)((int)(i % 60000) - 30000),
				65535 - i % 65536,
				(s32)((s64)(i % 1000000) * 4000 - 2000000000),
				0x80000000U + i % 0x80000000U,
				-(s64)(i % 1000000 + 1) * 0x100000001LL,
				0x1122334455667788ULL + i, i % 4);

	snprintf(msg, sizeof(msg), "ltt-test-%u", i);
	trace_ltt_test_mod_string(msg, i);

	for (k = 0; k < n; k++)
		vals[k] = i * (k + 1);
	for (k = 0; k < ARRAY_SIZE(fixed); k++)
		fixed[k] = i + k;
	trace_ltt_test_mod_array(i, vals, n, fixed);
}

static int ltt_test_fire_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n, i;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;
	if (n > LTT_TEST_FIRE_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		ltt_test_fire_round(ltt_test_next_round++);
		cond_resched();
	}
	return 0;
}

static const struct kernel_param_ops ltt_test_fire_ops = {
	.set = ltt_test_fire_set,
};

module_param_cb(fire, &ltt_test_fire_ops, NULL, 0200);
MODULE_PARM_DESC(fire, "Fire this many rounds of the test events (write only)");

#ifdef CONFIG_X86_TSC
static int ltt_test_tsc_unstable_set(const char *val,
				     const struct kernel_param *kp)
{
	bool mark;
	int ret;

	ret = kstrtobool(val, &mark);
	if (ret)
		return ret;
	if (mark)
		mark_tsc_unstable("ltt_test_module");
	return 0;
}

static const struct kernel_param_ops ltt_test_tsc_unstable_ops = {
	.set = ltt_test_tsc_unstable_set,
};

module_param_cb(mark_tsc_unstable, &ltt_test_tsc_unstable_ops, NULL, 0200);
MODULE_PARM_DESC(mark_tsc_unstable, "Write 1: the kernel stops trusting the TSC (write only)");
#endif

static int __init ltt_test_module_init(void)
{
	return 0;
}

static void __exit ltt_test_module_exit(void)
{
}

module_init(ltt_test_module_init);
module_exit(ltt_test_module_exit);
MODULE_DESCRIPTION("LTT test module: trace events defined in a module");
MODULE_LICENSE("GPL");
