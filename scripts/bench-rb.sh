#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark the LTT ring buffer write path against the kernel's own ring
# buffer: build the test kernel with the ltt_rb_bench module, boot it
# twice (deterministic single-threaded TCG with -icount, then ordinary
# multi-threaded TCG), load the module in the guest and report its
# median ns/op for each ring buffer and their ratio.
#
#   scripts/bench-rb.sh [-s SRC] [-o OUT] [-n EVENTS] [-r REPS] [-d] [-b]
#     -s SRC     kernel tree (default $LTT_WORK/ci)
#     -o OUT     build directory (default $LTT_WORK/out/bench)
#     -n EVENTS  events per timed batch (default 100000)
#     -r REPS    timed batches per ring buffer, interleaved (default 11)
#     -d         keep the lock and preemption debugging options of the
#                test configuration (they dominate the cost; off by default)
#     -b         do not build, use OUT as it is
#
# This is a measurement, not a test: it prints "bench: ..." lines and
# fails only if the guest does not produce a result. Results and console
# logs are kept in $LTT_WORK/results/bench-{icount,tcg}/.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"
. "$scripts/bench-lib.sh"

src=$LTT_CI
out=$LTT_OUT/bench
events=100000
reps=11
debug=0
build=1
while getopts "s:o:n:r:db" opt; do
	case $opt in
	s) src=$OPTARG ;;
	o) out=$OPTARG ;;
	n) events=$OPTARG ;;
	r) reps=$OPTARG ;;
	d) debug=1 ;;
	b) build=0 ;;
	*) sed -n '/^#   scripts/,/^# This/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ltt_bench_kernel "$src" "$out" $build $debug CONFIG_LTT_RB_BENCH=m

cat > "$tmp/bench-rb-guest.sh" <<EOG
ko=\$(find /lib/modules/\$(uname -r) -name 'ltt_rb_bench.ko*' | head -n 1)
[ -n "\$ko" ] || { echo "bench: no ltt_rb_bench module"; exit 1; }
insmod "\$ko" n=$events reps=$reps || exit 1
dmesg | grep 'ltt_rb_bench: n=' | tail -n 1 | sed 's/^\[[^]]*\] //' > bench.txt
rmmod ltt_rb_bench
echo "LTT-BENCH: \$(cat bench.txt)"
EOG

rc=0
for run in icount tcg; do
	res=$LTT_WORK/results/bench-$run
	ltt_bench_qemu $run
	"$scripts/boot.sh" -s "$src" -k "$out" -o "$res" -r extra -t 600 \
		"${LTT_BENCH_QEMU[@]}" -x "$tmp/bench-rb-guest.sh" > "$res.log" 2>&1 || true
	line=$(cat "$res/guest/bench.txt" 2>/dev/null || true)
	if [ -n "$line" ]; then
		echo "bench: $run: $line"
	else
		echo "bench: $run: no result (see $res/console.log)"
		rc=1
	fi
done
exit $rc
