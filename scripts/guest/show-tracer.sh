#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/run.sh inside the guest: show the tracer as a user meets it.
set -e
ltt=/sys/kernel/debug/ltt
show() { echo "# $*"; sh -c "$*"; }

show uname -r
show cat $ltt/version
show "echo demo > $ltt/create_session"
show "echo 'kernel subbuf_size=16K num_subbuf=4 mode=discard' > $ltt/sessions/demo/create_channel"
show "echo 'recorder subbuf_size=4K num_subbuf=2 mode=overwrite' > $ltt/sessions/demo/create_channel"
show "echo 100000 > $ltt/sessions/demo/switch_timer_us"
show "echo pid,tid > $ltt/sessions/demo/channels/kernel/context"
for e in sched_switch sched_wakeup 'irq:*' 'timer:*' sys_enter sys_exit; do
	show "echo '$e' > $ltt/sessions/demo/channels/kernel/enable_event"
done
show "echo sched_switch > $ltt/sessions/demo/channels/recorder/enable_event"
show "find $ltt/sessions | sort"
show "cat $ltt/sessions/demo/channels/kernel/events"
echo "# lttd demo /ltt/out/trace &"
lttd demo /ltt/out/trace > /ltt/out/lttd.log 2>&1 &
lttd=$!
sleep 1
show "echo 1 > $ltt/sessions/demo/enable"
show "ls -R /proc/self > /dev/null; sleep 1; cat /proc/interrupts > /dev/null"
show cat $ltt/sessions/demo/status
show "echo 0 > $ltt/sessions/demo/enable"
wait $lttd
show cat /ltt/out/lttd.log
show ls -l /ltt/out/trace
echo "# echo 'bad size=1' > $ltt/sessions/demo/create_channel  (must fail)"
if echo 'bad size=1' > $ltt/sessions/demo/create_channel; then exit 1; fi
show "echo demo > $ltt/destroy_session"
show ls $ltt/sessions
