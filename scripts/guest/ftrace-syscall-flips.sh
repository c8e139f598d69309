#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Not a test: looks, with ftrace alone and no LTT session, for the "Oops:
# int3" at a tracepoint's static call site that a fuzz of LTT's control
# files once hit under multi-threaded TCG (review item 27). Each flip
# takes the sys_enter/sys_exit tracepoints from no probe to one (ftrace's
# raw_syscalls events), two (its syscalls events too), one and none, and
# each step has static_call_update() patch every inline call site with
# text_poke_bp(), while both CPUs run through those sites on every system
# call. Run it on a kernel without jump labels (the suite kernel):
#
#   scripts/boot.sh -r extra -t 3000 -x scripts/guest/ftrace-syscall-flips.sh
#
# FLIPS (default 1500) sets how many flips.
T=/sys/kernel/tracing
FLIPS=${FLIPS:-1500}
mount -t tracefs nodev $T 2>/dev/null
( while :; do taskset 1 cat /proc/interrupts > /dev/null; done ) &
l1=$!
( while :; do taskset 2 cat /proc/interrupts > /dev/null; done ) &
l2=$!
i=0
while [ $i -lt "$FLIPS" ]; do
	echo 1 > $T/events/raw_syscalls/enable
	echo 1 > $T/events/syscalls/sys_enter_read/enable
	echo 1 > $T/events/syscalls/sys_exit_read/enable
	echo 0 > $T/events/raw_syscalls/enable
	echo 0 > $T/events/syscalls/sys_enter_read/enable
	echo 0 > $T/events/syscalls/sys_exit_read/enable
	i=$((i + 1))
	[ $((i % 100)) = 0 ] && echo "flips: $i"
done
kill $l1 $l2
echo "flips done: $i"
