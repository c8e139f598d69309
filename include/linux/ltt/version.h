/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LTT version
 *
 * The tracer reports its version in /sys/kernel/debug/ltt/version, as
 * "MAJOR.MINOR.PATCH" followed by a newline, and later in the environment
 * of every trace it writes, so that a trace read on another machine years
 * from now still tells which tracer produced it.
 *
 * Bump LTT_VERSION_MINOR for any change that a control-file user or a
 * trace reader can observe, LTT_VERSION_MAJOR when such a change breaks
 * existing users, and LTT_VERSION_PATCH for everything else.
 */
#ifndef _LINUX_LTT_VERSION_H
#define _LINUX_LTT_VERSION_H

#define LTT_VERSION_MAJOR	0
#define LTT_VERSION_MINOR	1
#define LTT_VERSION_PATCH	0

#endif /* _LINUX_LTT_VERSION_H */
