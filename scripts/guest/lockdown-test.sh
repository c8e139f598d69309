#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/test.sh in a guest booted with lockdown=integrity, as a
# distribution kernel runs under Secure Boot: LTT said once at boot that
# it cannot be controlled, its read-only files still read, and a write to
# a control file is refused (EPERM) and changes nothing.
L=/sys/kernel/debug/ltt
fail() { echo "lockdown-test: FAIL: $*"; exit 1; }

n=$(dmesg | grep -c 'ltt: kernel locked down: debugfs refuses the control files')
[ "$n" = 1 ] || fail "the boot message is there $n times, not once"
v=$(cat $L/version) || fail "version is not readable"
echo "$v" | grep -qx '[0-9]*\.[0-9]*\.[0-9]*' || fail "version reads '$v'"
grep -q ' sched:sched_switch$\|^sched:sched_switch$' $L/events ||
	fail "the events list is not readable"
err=$( (echo s > $L/create_session) 2>&1 ) && fail "create_session accepted a write"
echo "$err" | grep -q 'not permitted' || fail "create_session: '$err', not EPERM"
[ ! -e $L/sessions/s ] || fail "a session was created"
[ -z "$(ls $L/sessions)" ] || fail "sessions/ is not empty"
echo "lockdown-test: ok (version $v; create_session: $err)"
