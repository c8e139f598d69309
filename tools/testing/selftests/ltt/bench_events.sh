#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The per-event cost benchmark, once, in quick mode: load the
# ltt_bench_events module and fire its event with nothing attached, with
# an LTT channel recording it and with ftrace recording it. Each run must
# report a cost, and each tracer must have recorded every event fired:
# otherwise the costs the module measures would be void.
# The costs are echoed as diagnostics; timing under test is no test.

DIR=$(dirname "$(readlink -f "$0")")
. "$DIR/../kselftest/ktap_helpers.sh"

MODULE=ltt_bench_events
N=${LTT_BENCH_EVENTS:-20000}
L=/sys/kernel/debug/ltt
S=$L/sessions/kbench$$
P=/sys/module/$MODULE/parameters
T=/sys/kernel/tracing

ktap_print_header

ko=$(find "/lib/modules/$(uname -r)" -name "$MODULE.ko*" 2>/dev/null | head -n 1)
if [ -z "$ko" ] || [ ! -d $L ]; then
	ktap_skip_all "$MODULE module or $L missing (CONFIG_LTT_BENCH_EVENTS=m)"
	exit "$KSFT_SKIP"
fi
rmmod "$MODULE" 2>/dev/null
if ! insmod "$ko"; then
	ktap_exit_fail_msg "cannot load $MODULE"
fi
[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null

ktap_set_plan 3

# run(): fire N events; prints the module's result line.
run() {
	echo "$N" > $P/run && cat $P/result
}

# cost(): the ns_per_event of a result line, non-empty if it is a number.
cost() {
	echo "$1" | sed -n 's/.*ns_per_event=\([0-9][0-9.]*\).*/\1/p'
}

line=$(run)
ktap_print_msg "disabled: $line"
if [ -n "$(cost "$line")" ] && echo "$line" | grep -q "events=$N "; then
	ktap_test_pass "disabled trace event: cost reported"
else
	ktap_test_fail "disabled trace event: cost reported"
fi

written() {
	awk -v c=bench '$1 == c && NF == 7 { w += $3 } END { print w + 0 }' \
		$S/channels/bench/status
}

ok=0
if echo kbench$$ > $L/create_session &&
   echo "bench subbuf_size=64k num_subbuf=4 mode=overwrite" > $S/create_channel &&
   echo ltt_bench_event > $S/channels/bench/enable_event &&
   echo 1 > $S/enable; then
	line=$(run)
	echo 0 > $S/enable
	ktap_print_msg "ltt: $line, written $(written)"
	[ -n "$(cost "$line")" ] && [ "$(written)" -eq "$N" ] && ok=1
fi
echo kbench$$ > $L/destroy_session 2>/dev/null
if [ $ok -eq 1 ]; then
	ktap_test_pass "LTT records every event and a cost is reported"
else
	ktap_test_fail "LTT records every event and a cost is reported"
fi

E=$T/events/ltt_bench/ltt_bench_event
if [ ! -d "$E" ]; then
	ktap_test_skip "ftrace: no $E"
else
	echo 0 > $T/tracing_on
	echo > $T/trace
	echo 1 > "$E/enable"
	echo 1 > $T/tracing_on
	line=$(run)
	echo 0 > $T/tracing_on
	echo 0 > "$E/enable"
	entries=$(cat $T/per_cpu/cpu*/stats |
		  awk '/^entries:/ { e += $2 } /^overrun:/ { e += $2 } END { print e + 0 }')
	echo > $T/trace
	ktap_print_msg "ftrace: $line, entries+overrun $entries"
	if [ -n "$(cost "$line")" ] && [ "$entries" -eq "$N" ]; then
		ktap_test_pass "ftrace records every event and a cost is reported"
	else
		ktap_test_fail "ftrace records every event and a cost is reported"
	fi
fi

rmmod "$MODULE"
ktap_finished
