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
show "find $ltt | sort"
echo "# lttd demo /ltt/out/trace &"
lttd demo /ltt/out/trace > /ltt/out/lttd.log 2>&1 &
lttd=$!
sleep 1
show "echo 1 > $ltt/sessions/demo/enable"
# No tracepoint is wired to LTT yet: the test event source (built with
# the KUnit tests) stands in for the kernel's events.
show "echo 5000 > /sys/module/ltt/parameters/test_events"
show cat $ltt/sessions/demo/status
show "echo 0 > $ltt/sessions/demo/enable"
wait $lttd
show cat /ltt/out/lttd.log
show ls -l /ltt/out/trace
echo "# echo 'bad size=1' > $ltt/sessions/demo/create_channel  (must fail)"
if echo 'bad size=1' > $ltt/sessions/demo/create_channel; then exit 1; fi
show "echo demo > $ltt/destroy_session"
show ls $ltt/sessions
