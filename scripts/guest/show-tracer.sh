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
show "echo 1 > $ltt/sessions/demo/enable"
show cat $ltt/sessions/demo/status
show "echo 0 > $ltt/sessions/demo/enable"
echo "# echo 'bad size=1' > $ltt/sessions/demo/create_channel  (must fail)"
if echo 'bad size=1' > $ltt/sessions/demo/create_channel; then exit 1; fi
show "echo demo > $ltt/destroy_session"
show ls $ltt/sessions
