/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The events of the LTT test event source, see test_events.c.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ltt_test

#if !defined(_LTT_TEST_EVENTS_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LTT_TEST_EVENTS_H

#include <linux/tracepoint.h>

TRACE_EVENT(ltt_test_seq,
	    TP_PROTO(u64 seq),
	    TP_ARGS(seq),
	    TP_STRUCT__entry(__field(u64, seq)),
	    TP_fast_assign(__entry->seq = seq;),
	    TP_printk("seq=%llu", __entry->seq)
);

/*
 * An event whose TP_fast_assign() writes nothing into its entry, as some
 * leave padding or part of an array unwritten, and hands back what the
 * probe gave it: the KUnit tests check that no byte of an earlier event
 * is left there.
 */
TRACE_EVENT(ltt_test_unwritten,
	    TP_PROTO(u64 *seen),
	    TP_ARGS(seen),
	    TP_STRUCT__entry(__field(u64, unwritten)),
	    TP_fast_assign(*seen = __entry->unwritten;),
	    TP_printk("unwritten=%llu", __entry->unwritten)
);

#endif /* _LTT_TEST_EVENTS_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE test_events
#include <trace/define_trace.h>
