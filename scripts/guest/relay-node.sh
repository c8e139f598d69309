#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the guest (scripts/boot.sh -n -x) by scripts/relay-test.sh: one
# node that streams its trace to lttng-relayd on the host, through QEMU
# user networking (the host's loopback is 10.0.2.2 from the guest).
#
# Kernel command line (boot.sh -a):
#   ltt.node=NAME            host name of this node, as the relay files it
#   ltt.relay=HOST:C:D       relay of session "main"
#   ltt.relay2=HOST:C:D      optional: relay of session "restart", which
#                            the host kills and starts again
#   ltt.control=HOST:PORT    the host's control connection: each line
#                            it sends is a command, "mark TEXT" (write
#                            "@mark TEXT" to user_event), "module" (load
#                            the test module and fire its events: their
#                            description reaches the relay as metadata
#                            appended while tracing) or "stop"
#
# Both sessions record the same scheduler, timer, interrupt and user
# events under a busy workload, with a 200 ms switch timer (a live
# session), and stop when the host says "stop".
#
# Leaves in /ltt/out/relay/ (OUT/guest/relay/ on the host):
#   SESSION.status   the session's status once lttd is done
#   SESSION.lttd.log what lttd printed, SESSION.lttd.rc its exit status
#   results.txt      the PASS:/FAIL: lines below
#
# Prints a PASS: or FAIL: line per guest-side check; exits 1 if any
# failed.

L=/sys/kernel/debug/ltt
OUT=/ltt/out/relay
# Longest wait for lttd to drain and exit after the stop, in seconds.
LTTD_LIMIT=120

rm -rf $OUT
mkdir -p $OUT
LABEL=relay-guest
# result, check, ctl
. /ltt/lib/results.sh

node=node
relay=
relay2=
control=
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	ltt.node=*) node=${arg#ltt.node=} ;;
	ltt.relay=*) relay=${arg#ltt.relay=} ;;
	ltt.relay2=*) relay2=${arg#ltt.relay2=} ;;
	ltt.control=*) control=${arg#ltt.control=} ;;
	esac
done
LABEL="relay-guest $node"

# The kernel moves from tsc-early to tsc a few seconds into the boot.
# In this boot (one KUnit suite) that comes after init lowered the
# console's log level, so wait for it and put the kernel's line on the
# console for scripts/parse-console.sh.
i=0
while [ "$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)" != tsc ] &&
      [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
dmesg | grep 'clocksource: Switched to clocksource tsc$'

hostname "$node"
ip link set lo up
check "eth0 configured" ip addr add 10.0.2.15/24 dev eth0
check "eth0 up" ip link set eth0 up
ip route add default via 10.0.2.2

sessions=main
[ -n "$relay2" ] && sessions="main restart"
for s in $sessions; do
	S=$L/sessions/$s
	ctl $L/create_session $s || exit 1
	if [ $s = main ]; then
		ctl $S/create_channel "kernel subbuf_size=64k num_subbuf=8 mode=discard"
	else
		# Small, so that the time without a relay discards events.
		ctl $S/create_channel "kernel subbuf_size=16k num_subbuf=4 mode=discard"
	fi
	for p in sched_switch sched_wakeup 'timer_*' 'hrtimer_*' \
		 'irq_handler_*' 'ltt_user:*' 'ltt_test_mod:*'; do
		ctl $S/channels/kernel/enable_event "$p"
	done
	ctl $S/switch_timer_us 200000
done

lttd --relayd "$relay" -r 30 main > $OUT/main.lttd.log 2>&1 &
main_pid=$!
if [ -n "$relay2" ]; then
	lttd --relayd "$relay2" -r 60 restart > $OUT/restart.lttd.log 2>&1 &
	restart_pid=$!
fi
for s in $sessions; do
	ctl $L/sessions/$s/enable 1
done

# Busy on both CPUs: processes, pipes, timers.
work() {
	while :; do
		ls -R /sys/kernel/debug/ltt > /dev/null 2>&1
		cat /proc/stat /proc/interrupts > /dev/null
		sleep 0.01
	done
}
work &
w1=$!
work &
w2=$!

# The host's commands, until "stop" or the connection closes; the host
# may not listen yet when the guest gets here.
i=0
while [ $i -lt 600 ]; do
	nc "${control%:*}" "${control##*:}" < /dev/null > $OUT/control.txt && break
	sleep 1
	i=$((i + 1))
done &
nc_loop=$!
n=0
while kill -0 $nc_loop 2>/dev/null; do
	# Act on each new line as it comes.
	lines=$(wc -l < $OUT/control.txt 2>/dev/null || echo 0)
	while [ "$n" -lt "$lines" ]; do
		n=$((n + 1))
		line=$(sed -n "${n}p" $OUT/control.txt)
		case "$line" in
		"mark "*) echo "@mark ${line#mark }" > $L/user_event ;;
		module)
			ko=$(find "/lib/modules/$(uname -r)" -name 'ltt_test_module.ko*' | head -n 1)
			check "insmod ltt_test_module while tracing" insmod "$ko"
			check "fire its events" \
				sh -c 'echo 20 > /sys/module/ltt_test_module/parameters/fire'
			;;
		esac
	done
	sleep 0.2
done
check "control connection to the host" grep -qx stop $OUT/control.txt

kill $w1 $w2
for s in $sessions; do
	ctl $L/sessions/$s/enable 0
done

# lttd ends once every packet is sent.
wait_lttd() {	# wait_lttd SESSION PID
	i=0
	while kill -0 "$2" 2>/dev/null && [ $i -lt $LTTD_LIMIT ]; do
		sleep 1
		i=$((i + 1))
	done
	if kill -0 "$2" 2>/dev/null; then
		result FAIL "lttd $1 drains and exits" "still running after ${LTTD_LIMIT}s"
		kill "$2"
	fi
	wait "$2"
	echo $? > $OUT/$1.lttd.rc
	check "lttd $1 exits 0" [ "$(cat $OUT/$1.lttd.rc)" = 0 ]
}
wait_lttd main $main_pid
[ -n "$relay2" ] && wait_lttd restart $restart_pid
for s in $sessions; do
	cat $L/sessions/$s/status > $OUT/$s.status
	ctl $L/destroy_session $s
done
cat $OUT/*.lttd.log
[ $failed -eq 0 ]
