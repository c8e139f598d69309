#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the guest (scripts/boot.sh -x): record a CTF trace of kernel
# trace events and of the events of a module loaded while tracing, for
# scripts/check-trace.py to check on the host.
#
# Session "ctf", two discard channels, created in this order:
#   kernel  64k x 8 per CPU, context pid,tid: sched, irq, softirq, timer,
#           hrtimer and syscall events, and ltt_test_mod:* enabled before
#           the module that defines them is loaded
#   small   4k x 2 per CPU, context cpu: only ltt_test_mod_*, made to
#           overflow on purpose
# While tracing: a task with a known comm sleeps and wakes up, the test
# module (CONFIG_LTT_TEST_MODULE=m) is loaded and fires its events.
#
# Leaves in /ltt/out/ctf/ (OUT/guest/ctf/ on the host):
#   trace/           what lttd wrote: metadata, CHAN_CPU stream files
#   expect.txt       KEY=VALUE lines the host checks the trace against
#   results.txt      the PASS:/FAIL: lines below
#   CHAN.status, CHAN.events, session.status, events.txt, lttd.log
#
# Prints a PASS: or FAIL: line per guest-side check; exits 1 if any
# failed.

L=/sys/kernel/debug/ltt
S=$L/sessions/ctf
OUT=/ltt/out/ctf
MOD=ltt_test_module
PARAM=/sys/module/$MOD/parameters/fire
COMM=ltt-pingpong
# Rounds of test events: a few first, then enough to overflow "small".
FIRE1=50
FIRE2=2000
# Longest wait for lttd to drain and exit, in seconds.
LTTD_LIMIT=120

rm -rf $OUT
mkdir -p $OUT
LABEL=ctf-guest
# result, check, ctl
. /ltt/lib/results.sh

# A previous run that was interrupted may have left these behind.
rmmod $MOD 2>/dev/null
[ -d $S ] && echo ctf > $L/destroy_session

ko=$(find "/lib/modules/$(uname -r)" -name "$MOD.ko*" 2>/dev/null | head -n 1)
if [ -n "$ko" ]; then
	result PASS "$MOD.ko is installed"
else
	result FAIL "$MOD.ko is installed" \
		"not under /lib/modules/$(uname -r): build with CONFIG_LTT_TEST_MODULE=m"
fi

check "events lists sched:sched_switch" grep -qx 'sched:sched_switch' $L/events
if grep -q '^ltt_test_mod:' $L/events; then
	result FAIL "events has no ltt_test_mod event before $MOD is loaded"
else
	result PASS "events has no ltt_test_mod event before $MOD is loaded"
fi

if ! ctl $L/create_session ctf; then
	exit 1
fi
ctl $S/create_channel "kernel subbuf_size=64k num_subbuf=8 mode=discard"
ctl $S/create_channel "small subbuf_size=4096 num_subbuf=2 mode=discard"
ctl $S/channels/kernel/context pid,tid
ctl $S/channels/small/context cpu
for p in sched_switch sched_wakeup 'irq_handler_*' 'softirq_*' 'timer_*' \
	 'hrtimer_*' sys_enter sys_exit 'ltt_test_mod:*' sched_waking \
	 sys_enter_geteuid sys_exit_geteuid; do
	ctl $S/channels/kernel/enable_event "$p"
done
# Enabled, then disabled again: the host checks that none was recorded.
ctl $S/channels/kernel/disable_event sched_waking
ctl $S/channels/small/enable_event 'ltt_test_mod_*'
cat $S/channels/kernel/events > $OUT/kernel.events.before
if grep -q ' sched:sched_waking$' $OUT/kernel.events.before; then
	result FAIL "disable_event sched_waking" "still listed in kernel/events"
else
	result PASS "disable_event sched_waking"
fi
check "kernel/events shows the rule ltt_test_mod:*" \
	grep -qx '# enable ltt_test_mod:\*' $OUT/kernel.events.before
if grep -q '^[0-9][0-9]* ltt_test_mod:' $OUT/kernel.events.before; then
	result FAIL "ltt_test_mod:* waits for its module" "already enabled"
else
	result PASS "ltt_test_mod:* waits for its module"
fi

# The task with a known comm: a script's comm is its file name. It runs
# shell builtins only, never forks, so every task named $COMM is this
# one: it works a little, then sleeps in poll() on a FIFO nobody writes.
rm -f /tmp/$COMM.fifo
mkfifo /tmp/$COMM.fifo
cat > /tmp/$COMM <<'EOF'
#!/bin/busybox sh
exec 3<> /tmp/ltt-pingpong.fifo
i=0
while [ $i -lt 10 ]; do
	j=0
	while [ $j -lt 200 ]; do j=$((j + 1)); done
	read -t 0.05 x <&3
	i=$((i + 1))
done
exit 0
EOF
chmod +x /tmp/$COMM

lttd ctf $OUT/trace > $OUT/lttd.log 2>&1 &
lttd=$!
sleep 1
ctl $S/enable 1 || exit 1

/tmp/$COMM &
ping=$!
echo "ctf-test: tracing; $COMM is pid $ping"
# A device interrupt for irq_handler_*, besides the serial console's:
# virtio-blk completing a read of the (not yet used) output disk.
[ -b /dev/vda ] && dd if=/dev/vda of=/dev/null bs=4096 count=16 2>/dev/null

# Per-system-call events: "id -u" calls geteuid(), GETEUID_CALLS times.
GETEUID_CALLS=5
i=0
while [ $i -lt $GETEUID_CALLS ]; do
	id -u > /dev/null
	i=$((i + 1))
done

fired=0
if [ -n "$ko" ] && insmod "$ko"; then
	result PASS "insmod $MOD while tracing"
	cat $S/channels/kernel/events > $OUT/kernel.events.loaded
	check "kernel/events lists ltt_test_mod_ints once loaded" \
		grep -q ' ltt_test_mod:ltt_test_mod_ints$' $OUT/kernel.events.loaded
	check "small/events lists ltt_test_mod_array once loaded" \
		grep -q ' ltt_test_mod:ltt_test_mod_array$' $S/channels/small/events
	check "events lists ltt_test_mod:ltt_test_mod_string" \
		grep -qx 'ltt_test_mod:ltt_test_mod_string' $L/events
	# echo is a builtin: this shell is the writer, the events' tid.
	for n in $FIRE1 $FIRE2; do
		echo "ctf-test: firing $n rounds"
		if echo "$n" > $PARAM; then
			fired=$((fired + n))
		else
			result FAIL "fire $n rounds" "write to $PARAM refused"
		fi
	done
else
	[ -n "$ko" ] && result FAIL "insmod $MOD while tracing" "insmod $ko failed"
fi

wait $ping
rc=$?
check "$COMM ran" [ $rc -eq 0 ]
echo "ctf-test: stopping"
ctl $S/enable 0

# lttd exits once every packet is written; kill it if it does not.
( sleep $LTTD_LIMIT; kill $lttd 2>/dev/null ) &
watchdog=$!
wait $lttd
rc=$?
kill $watchdog 2>/dev/null
echo "lttd exit $rc" >> $OUT/lttd.log
check "lttd exits 0 once the session is stopped" [ $rc -eq 0 ]

cat $S/status > $OUT/session.status
for c in kernel small; do
	cat $S/channels/$c/status > $OUT/$c.status
	cat $S/channels/$c/events > $OUT/$c.events
done
cat $L/events > $OUT/events.txt

check "trace/metadata written" [ -s $OUT/trace/metadata ]
cpus=$(grep -c ^processor /proc/cpuinfo)
for c in kernel small; do
	cpu=0
	while [ $cpu -lt "$cpus" ]; do
		check "trace/${c}_$cpu written" [ -f $OUT/trace/${c}_$cpu ]
		cpu=$((cpu + 1))
	done
done
# The overflow is the point of "small": it must have discarded events.
disc=$(awk '!/^#/ && NF == 7 { d += $4 } END { print d + 0 }' $OUT/small.status)
check "small channel discarded events ($disc)" [ "$disc" -gt 0 ]

if [ -n "$ko" ] && grep -q "^$MOD " /proc/modules; then
	check "rmmod $MOD" rmmod $MOD
	if grep -q '^[0-9][0-9]* ltt_test_mod:' $S/channels/kernel/events; then
		result FAIL "ltt_test_mod events gone with $MOD" "still in kernel/events"
	else
		result PASS "ltt_test_mod events gone with $MOD"
	fi
	if grep -q '^ltt_test_mod:' $L/events; then
		result FAIL "events forgets ltt_test_mod with $MOD"
	else
		result PASS "events forgets ltt_test_mod with $MOD"
	fi
fi
if echo ctf > $L/destroy_session; then
	result PASS "destroy session ctf"
else
	result FAIL "destroy session ctf" "refused"
fi

{
	echo "comm=$COMM"
	echo "pid=$ping"
	echo "writer_pid=$$"
	echo "rounds=$fired"
	echo "geteuid_calls=$GETEUID_CALLS"
	echo "channels=kernel small"
	echo "mode_kernel=discard"
	echo "mode_small=discard"
	echo "context_kernel=pid,tid"
	echo "context_small=cpu"
	echo "disabled=sched_waking"
	echo "cpus=$cpus"
} > $OUT/expect.txt

rm -f /tmp/$COMM /tmp/$COMM.fifo
cat $OUT/lttd.log
exit $failed
