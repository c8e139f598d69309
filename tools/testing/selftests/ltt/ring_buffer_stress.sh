#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Stress the LTT ring buffer in each mode: load the ltt_rb_stress module,
# which writes from task, softirq and hardirq context on every CPU while
# a kthread reads, then checks everything it read against what was
# written, discarded and overwritten. Loading succeeds only if every
# check passed; the module's summary line is echoed as a diagnostic.
#
# LTT_RB_STRESS_DURATION sets the seconds per mode (default 30).

DIR=$(dirname "$(readlink -f "$0")")
. "$DIR/../kselftest/ktap_helpers.sh"

MODULE=ltt_rb_stress
DURATION=${LTT_RB_STRESS_DURATION:-30}
MODES="discard overwrite"

ktap_print_header

ko=$(find "/lib/modules/$(uname -r)" -name "$MODULE.ko*" 2>/dev/null | head -n 1)
if [ -z "$ko" ]; then
	ktap_skip_all "$MODULE module not found (CONFIG_LTT_RB_STRESS=m)"
	exit "$KSFT_SKIP"
fi
if [ "$(id -u)" -ne 0 ]; then
	ktap_skip_all "must be run as root"
	exit "$KSFT_SKIP"
fi
# A previous run that was interrupted may have left it loaded.
rmmod "$MODULE" 2>/dev/null

ktap_set_plan 2

for mode in $MODES; do
	if insmod "$ko" mode="$mode" duration="$DURATION"; then
		rc=0
		rmmod "$MODULE"
	else
		rc=1
	fi
	line=$(dmesg | grep "$MODULE: mode=$mode " | tail -n 1)
	ktap_print_msg "${line:-no summary from $MODULE}"
	case "$line" in
	*": PASS") [ $rc -eq 0 ] || line="" ;;
	*) line="" ;;
	esac
	if [ -n "$line" ]; then
		ktap_test_pass "ring buffer stress, $mode mode"
	else
		ktap_test_fail "ring buffer stress, $mode mode"
	fi
done

ktap_finished
