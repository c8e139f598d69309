/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace event of the LTT trace event benchmark (bench_events.c)
 *
 * One event with a small payload, two 32-bit integers, so that what a
 * tracer costs per event is mostly what it costs to record any event:
 * its probe, its clock read, its reservation and commit.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ltt_bench

#if !defined(_LTT_BENCH_EVENTS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LTT_BENCH_EVENTS_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(ltt_bench_event,
	    TP_PROTO(u32 seq, u32 value),
	    TP_ARGS(seq, value),
	    TP_STRUCT__entry(__field(u32, seq)
			     __field(u32, value)),
	    TP_fast_assign(__entry->seq = seq;
			   __entry->value = value;),
	    TP_printk("seq=%u value=%u", __entry->seq, __entry->value)
);

#endif /* _LTT_BENCH_EVENTS_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE bench_events_trace
#include <trace/define_trace.h>
