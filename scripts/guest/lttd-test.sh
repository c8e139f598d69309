#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/test.sh in the guest: lttd end to end. It must write a
# complete trace directory (a file per channel per CPU, whole packets, the
# metadata) and exit 0, then survive its session being destroyed under it
# (exit 2 with a message). Its log comes back as lttd.log.
L=/sys/kernel/debug/ltt
S=$L/sessions/lt
umask 022
echo lt > $L/create_session || exit 1
echo "ev subbuf_size=4096" > $S/create_channel || exit 1
echo "big subbuf_size=16k num_subbuf=4" > $S/create_channel || exit 1
for c in ev big; do echo ltt_test_seq > $S/channels/$c/enable_event || exit 1; done
lttd lt /tmp/trace > /ltt/out/lttd.log 2>&1 &
pid=$!
sleep 1
echo 1 > $S/enable
for i in 1 2 3 4 5; do echo 2000 > /sys/module/ltt/parameters/test_events; done
echo 0 > $S/enable
wait $pid
rc=$?
echo "lttd exit $rc" >> /ltt/out/lttd.log
ls -l /tmp/trace >> /ltt/out/lttd.log
fail=0
[ $rc = 0 ] || fail=1
[ -f /tmp/trace/metadata ] || fail=1
n=$(grep -c processor /proc/cpuinfo)
# Packets end at their content rounded up to a page: a file of whole
# packets is whole pages, not whole sub-buffers (the "big" channel's last
# packet, closed by the stop, is smaller than its 16k sub-buffer).
sz=4096	# the x86 guest's page size
for c in ev big; do
	cpu=0
	while [ $cpu -lt $n ]; do
		f=/tmp/trace/${c}_$cpu
		[ -f $f ] || { echo "missing $f" >> /ltt/out/lttd.log; fail=1; }
		s=$(wc -c < $f)
		[ $((s % sz)) = 0 ] || { echo "$f size $s" >> /ltt/out/lttd.log; fail=1; }
		cpu=$((cpu + 1))
	done
done
[ $(cat /tmp/trace/ev_* | wc -c) -gt 0 ] || fail=1
# A trace holds kernel addresses: owner only, whatever the umask (022 here).
m=$(stat -c %a /tmp/trace)
[ "$m" = 700 ] || { echo "trace directory mode $m, not 700" >> /ltt/out/lttd.log; fail=1; }
for f in /tmp/trace/*; do
	m=$(stat -c %a $f)
	[ "$m" = 600 ] || { echo "$f mode $m, not 600" >> /ltt/out/lttd.log; fail=1; }
done
# destroyed under lttd
echo 1 > $S/enable
lttd lt /tmp/trace2 >> /ltt/out/lttd.log 2>&1 &
pid=$!
sleep 1
echo lt > $L/destroy_session
wait $pid
rc=$?
echo "lttd after destroy exit $rc" >> /ltt/out/lttd.log
[ $rc = 2 ] || fail=1
echo "fail=$fail" >> /ltt/out/lttd.log
cat /ltt/out/lttd.log
exit $fail
