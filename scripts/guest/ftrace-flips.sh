#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Not a test: reproduces, with ftrace alone, the "Oops: int3" that a
# kernel with CONFIG_JUMP_LABEL=y hits under multi-threaded TCG (QEMU
# 7.2). Tracepoints are enabled and disabled 400 times, each flip patching
# their static keys with text_poke_bp(), while they fire on both CPUs. No
# LTT session exists. Under plain TCG the guest oopses within seconds on
# an int3 that the patching has already removed; under -icount it does
# not. Run it with:
#
#   scripts/build.sh -o ~/.cache/ltt/out/jl -c FRAGMENT  # CONFIG_JUMP_LABEL=y
#   scripts/boot.sh -k ~/.cache/ltt/out/jl -r extra -x scripts/guest/ftrace-flips.sh
T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
( while :; do echo 200 > /sys/module/ltt/parameters/test_events; done ) &
l1=$!
( while :; do taskset 2 cat /proc/interrupts > /dev/null; done ) &
l2=$!
i=0
while [ $i -lt 400 ]; do
	echo 1 > $T/events/ltt_test/ltt_test_seq/enable
	echo 1 > $T/events/timer/enable
	echo 0 > $T/events/timer/enable
	echo 0 > $T/events/ltt_test/ltt_test_seq/enable
	i=$((i + 1))
	[ $((i % 50)) = 0 ] && echo "flips: $i"
done
kill $l1 $l2
echo "flips done: $i"
