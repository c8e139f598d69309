#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# An event keeps its id while its module is unloaded and loaded again: a
# session recording the test module's events in two channels, through
# five reloads, lists the same ids after each, and its metadata declares
# each event once per channel, not once per load.

DIR=$(dirname "$(readlink -f "$0")")
. "$DIR/../kselftest/ktap_helpers.sh"

MODULE=ltt_test_module
RELOADS=5
L=/sys/kernel/debug/ltt
NAME=kreload$$
S=$L/sessions/$NAME

ktap_print_header

ko=$(find "/lib/modules/$(uname -r)" -name "$MODULE.ko*" 2>/dev/null | head -n 1)
if [ -z "$ko" ] || [ ! -d $L ]; then
	ktap_skip_all "$MODULE module or $L missing (CONFIG_LTT_TEST_MODULE=m)"
	exit "$KSFT_SKIP"
fi
loaded=0
[ -d /sys/module/$MODULE ] && loaded=1
rmmod $MODULE 2>/dev/null
insmod "$ko" || ktap_exit_fail_msg "cannot load $MODULE"

ktap_set_plan 3

# ids: the events both channels record, with their ids.
ids() {
	grep -hv '^#' $S/channels/a/events $S/channels/b/events
}

echo $NAME > $L/create_session || ktap_exit_fail_msg "create_session"
for c in a b; do
	echo $c > $S/create_channel &&
		echo 'ltt_test_mod:*' > $S/channels/$c/enable_event ||
		ktap_exit_fail_msg "channel $c"
done
echo 1 > $S/enable || ktap_exit_fail_msg "enable"
before=$(ids)
same=1
i=0
while [ $i -lt $RELOADS ]; do
	i=$((i + 1))
	rmmod $MODULE && insmod "$ko" || ktap_exit_fail_msg "reload $i"
	now=$(ids)
	if [ "$now" != "$before" ]; then
		echo "# after reload $i: $(echo $now), were $(echo $before)"
		same=0
	fi
done
echo 0 > $S/enable
recorded=0
[ -n "$before" ] && recorded=1
ktap_test_result "the test module's events are recorded" [ $recorded = 1 ]
ktap_test_result "ids stay the same through $RELOADS reloads" [ $same = 1 ]
n=$(grep -c 'name = "ltt_test_mod_ints";' $S/metadata)
echo "# ltt_test_mod_ints declared $n times"
ktap_test_result "each event declared once per channel" [ "$n" = 2 ]

echo $NAME > $L/destroy_session
rmmod $MODULE
[ $loaded = 1 ] && insmod "$ko"
ktap_finished
