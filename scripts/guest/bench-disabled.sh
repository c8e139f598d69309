#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench-disabled.sh: the user-space workloads of
# scripts/bench-events.sh with nothing traced, on whichever kernel this
# is (with the LTT series or without it). It touches no tracer: it must
# run the same on both.
#
#   syscall   bench-syscall CALLS: getuid() in a loop
#   sched     bench-pingpong TRIPS 0: pipe round trips between two
#             processes on CPU 0
#
# One untimed round, then ROUNDS rounds of both workloads, one line per
# run in bench-disabled.raw:
#
#   round=1 work=syscall n=200000 ns=...
#
# Parameters, from the kernel command line (boot.sh -a):
#   bench.calls=N     system calls per run (default 200000)
#   bench.trips=N     round trips per run (default 20000)
#   bench.rounds=R    timed rounds (default 7)
calls=200000
trips=20000
rounds=7
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	bench.calls=*) calls=${arg#bench.calls=} ;;
	bench.trips=*) trips=${arg#bench.trips=} ;;
	bench.rounds=*) rounds=${arg#bench.rounds=} ;;
	esac
done
raw=bench-disabled.raw
: > "$raw"

say() { echo "bench: $*" >&2; }
die() { say "error: $*"; exit 1; }

for p in bench-syscall bench-pingpong; do
	command -v $p > /dev/null || die "no $p in the guest"
done
say "kernel $(uname -r): calls=$calls trips=$trips rounds=$rounds"
# Whether this kernel has LTT, and that nothing traces.
if [ -d /sys/kernel/debug/ltt ]; then
	say "LTT $(cat /sys/kernel/debug/ltt/version), sessions:" \
		"$(ls /sys/kernel/debug/ltt/sessions | wc -l)"
else
	say "no LTT"
fi

r=0
while [ $r -le "$rounds" ]; do
	res=$(bench-syscall "$calls") || die "bench-syscall failed"
	ns=$(echo "$res" | sed -n 's/.* ns=\([0-9]*\).*/\1/p')
	[ $r -gt 0 ] && echo "round=$r work=syscall n=$calls ns=$ns" >> "$raw"
	res=$(bench-pingpong "$trips" 0) || die "bench-pingpong failed"
	ns=$(echo "$res" | sed -n 's/.* ns=\([0-9]*\).*/\1/p')
	[ $r -gt 0 ] && echo "round=$r work=sched n=$trips ns=$ns" >> "$raw"
	r=$((r + 1))
done
say "done: $(wc -l < "$raw") runs"
