#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The text-edit lock under stress (issue 19). Loads lib/test_immediate.c,
# which checks its own immediate value sites, then for DURATION seconds
# patches text from every patcher at once (imv_set() in a loop, a static
# key, a kprobe and ftrace function tracing when the kernel has them)
# while a thread per CPU executes the patched sites. Meanwhile this
# script flips tracepoints: an LTT session started and stopped with
# sched, timer, irq and system-call events, and ftrace's timer events on
# and off. Every read must give a value that was set, and the kernel log
# must hold no oops, warning or lockdep report.
#
# Run it under -icount only: multi-threaded TCG (QEMU 7.2) runs stale
# int3 bytes that text_poke_bp() already removed (see README).
# DURATION: ltt.imv_stress=SECONDS on the kernel command line, else 5
# (the suite's short form); the long form is scripts/imv-stress.sh.
# A kernel without LTT's events (the immediate values alone, or the
# tracer before its event control files: the first six review batches,
# as scripts/batch-test.sh boots them) patches text while only ftrace's
# timer events flip.
L=/sys/kernel/debug/ltt
S=$L/sessions/imv
T=/sys/kernel/tracing
OUT=/ltt/out/imv
MOD=test_immediate
LABEL=imv-stress
mkdir -p $OUT
. /ltt/lib/results.sh

duration=5
for a in $(cat /proc/cmdline); do
	case $a in ltt.imv_stress=*) duration=${a#ltt.imv_stress=} ;; esac
done

ko=$(find "/lib/modules/$(uname -r)" -name "$MOD.ko*" 2>/dev/null | head -n 1)
if [ -z "$ko" ]; then
	result FAIL "$MOD.ko is installed"
	exit 1
fi
mount -t tracefs nodev $T 2>/dev/null
dmesg > $OUT/dmesg.before

# $L/events, the list of events, comes with the files that enable them.
ltt=0
[ -e $L/events ] && ltt=1
if [ $ltt -eq 1 ]; then
	ctl $L/create_session imv || exit 1
	ctl $S/create_channel "k subbuf_size=16k num_subbuf=4 mode=overwrite"
	for p in sched_switch sched_wakeup 'timer_*' 'irq_handler_*' sys_enter \
		 sys_exit; do
		ctl $S/channels/k/enable_event "$p"
	done
elif [ ! -d $T/events/timer ]; then
	result FAIL "tracepoints to flip" "no LTT and no ftrace timer events"
fi

insmod "$ko" duration="$duration" > $OUT/insmod.log 2>&1 &
mod=$!
flips=0
while kill -0 $mod 2>/dev/null; do
	[ $ltt -eq 0 ] || echo 1 > $S/enable
	[ -d $T/events/timer ] && echo 1 > $T/events/timer/enable
	sleep 0.1
	[ $ltt -eq 0 ] || echo 0 > $S/enable
	[ -d $T/events/timer ] && echo 0 > $T/events/timer/enable
	flips=$((flips + 1))
done
wait $mod
rc=$?
flipped="LTT starts" what="session starts and stops"
[ $ltt -eq 1 ] || { flipped="ftrace flips" what="ftrace timer event flips"; }
echo "$MOD: $flips $what while it patched"
# With the module's init text freed, imv_set() of the vmlinux immediate
# that one of its init sites read must leave that freed text alone, and
# reach the module's other sites.
P=/sys/module/$MOD/parameters
if [ $rc -eq 0 ] && echo 12345 > $P/set_shared &&
   [ "$(cat $P/shared)" = 12345 ]; then
	result PASS "imv_set() after the module's init text was freed"
else
	result FAIL "imv_set() after the module's init text was freed" \
		"rc $rc, module site reads $(cat $P/shared 2>/dev/null)"
fi
dmesg > $OUT/dmesg.after
grep "$MOD: " $OUT/dmesg.after | tee $OUT/module.log
if [ $rc -eq 0 ]; then
	result PASS "$MOD loaded: every check passed ($duration s)"
else
	result FAIL "$MOD loaded: every check passed ($duration s)" \
		"insmod: $(cat $OUT/insmod.log); $(grep 'FAIL' $OUT/module.log)"
fi
if [ $flips -gt 0 ]; then
	result PASS "tracepoints flipped while patching ($flips $flipped)"
else
	result FAIL "tracepoints flipped while patching" "no flip"
fi
if grep -q "PASS: module sites hold the current value" $OUT/module.log; then
	result PASS "module sites got the current value before the module ran"
else
	result FAIL "module sites got the current value before the module ran" \
		"no such line from $MOD"
fi
# Every patcher the kernel has must have patched: imv_set() and static
# keys always; kprobes and ftrace function tracing where built in (the
# suite's stress kernel has both: scripts/config/imv.config).
want="imv_set|static key"
[ -d /sys/kernel/debug/kprobes ] && want="$want|kprobe"
grep -qw function $T/available_tracers 2>/dev/null && want="$want|ftrace"
IFS='|'
for p in $want; do
	if grep -q "PASS: $p patched for" $OUT/module.log; then
		result PASS "$p patched text throughout"
	else
		result FAIL "$p patched text throughout" \
			"$(grep "$p patched" $OUT/module.log)"
	fi
done
unset IFS
new=$(diff $OUT/dmesg.before $OUT/dmesg.after | grep '^>' |
      grep -E 'BUG:|Oops|WARNING:|possible circular|inconsistent lock|lockdep|stack trace|Call Trace' | head -n 5)
if [ -z "$new" ]; then
	result PASS "no oops, warning or lockdep report while patching"
else
	result FAIL "no oops, warning or lockdep report while patching" "$new"
fi
rmmod $MOD 2>/dev/null
[ $ltt -eq 0 ] || echo imv > $L/destroy_session
exit $failed
