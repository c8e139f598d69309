/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace events of the LTT test module (test_module.c)
 *
 * Three events that between them use every kind of field LTT packs and
 * describes in the CTF metadata: signed and unsigned integers of each
 * size, an int shown symbolically, a string followed by a fixed field, a
 * dynamic array and a fixed array. Each carries the round number @seq
 * it was fired in, from which a trace reader recomputes every other
 * value (see test_module.c for the formulas).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ltt_test_mod

#if !defined(_LTT_TEST_MODULE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LTT_TEST_MODULE_TRACE_H

#include <linux/tracepoint.h>

/* Values of ltt_test_mod_ints.state, which TP_printk() shows by name. */
#define LTT_TEST_STATE_IDLE	0
#define LTT_TEST_STATE_RUN	1
#define LTT_TEST_STATE_WAIT	2
#define LTT_TEST_STATE_DONE	3

TRACE_EVENT(ltt_test_mod_ints,
	    TP_PROTO(u32 seq, s8 v_s8, u8 v_u8, s16 v_s16, u16 v_u16,
		     s32 v_s32, u32 v_u32, s64 v_s64, u64 v_u64, int state),
	    TP_ARGS(seq, v_s8, v_u8, v_s16, v_u16, v_s32, v_u32, v_s64, v_u64,
		    state),
	    TP_STRUCT__entry(__field(u32, seq)
			     __field(s8, v_s8)
			     __field(u8, v_u8)
			     __field(s16, v_s16)
			     __field(u16, v_u16)
			     __field(s32, v_s32)
			     __field(u32, v_u32)
			     __field(s64, v_s64)
			     __field(u64, v_u64)
			     __field(int, state)),
	    TP_fast_assign(__entry->seq = seq;
			   __entry->v_s8 = v_s8;
			   __entry->v_u8 = v_u8;
			   __entry->v_s16 = v_s16;
			   __entry->v_u16 = v_u16;
			   __entry->v_s32 = v_s32;
			   __entry->v_u32 = v_u32;
			   __entry->v_s64 = v_s64;
			   __entry->v_u64 = v_u64;
			   __entry->state = state;),
	    TP_printk("seq=%u s8=%d u8=%u s16=%d u16=%u s32=%d u32=%u s64=%lld u64=0x%llx state=%s",
		      __entry->seq, __entry->v_s8, __entry->v_u8,
		      __entry->v_s16, __entry->v_u16, __entry->v_s32,
		      __entry->v_u32, __entry->v_s64, __entry->v_u64,
		      __print_symbolic(__entry->state,
				       { LTT_TEST_STATE_IDLE, "idle" },
				       { LTT_TEST_STATE_RUN, "run" },
				       { LTT_TEST_STATE_WAIT, "wait" },
				       { LTT_TEST_STATE_DONE, "done" }))
);

TRACE_EVENT(ltt_test_mod_string,
	    TP_PROTO(const char *msg, u32 seq),
	    TP_ARGS(msg, seq),
	    TP_STRUCT__entry(__string(msg, msg)
			     __field(u32, seq)),
	    TP_fast_assign(__assign_str(msg);
			   __entry->seq = seq;),
	    TP_printk("msg=%s seq=%u", __get_str(msg), __entry->seq)
);

TRACE_EVENT(ltt_test_mod_array,
	    TP_PROTO(u32 seq, const u32 *vals, u32 n, const u16 *fixed),
	    TP_ARGS(seq, vals, n, fixed),
	    TP_STRUCT__entry(__field(u32, seq)
			     __field(u32, n)
			     __dynamic_array(u32, vals, n)
			     __array(u16, fixed, 4)),
	    TP_fast_assign(__entry->seq = seq;
			   __entry->n = n;
			   memcpy(__get_dynamic_array(vals), vals,
				  n * sizeof(*vals));
			   memcpy(__entry->fixed, fixed,
				  sizeof(__entry->fixed));),
	    TP_printk("seq=%u n=%u vals=%s fixed=%s",
		      __entry->seq, __entry->n,
		      __print_array(__get_dynamic_array(vals), __entry->n,
				    sizeof(u32)),
		      __print_array(__entry->fixed, 4, sizeof(u16)))
);

#endif /* _LTT_TEST_MODULE_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE test_module_trace
#include <trace/define_trace.h>
