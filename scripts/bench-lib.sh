# SPDX-License-Identifier: GPL-2.0
# What the benchmark scripts (scripts/bench-*.sh) share. Sourced after
# lib.sh, not executed.

# The kernel of bench-events.sh, which bench-throughput.sh and
# bench-disabled.sh boot too: the event benchmark module, perf to compare
# with, and jump labels, so that a disabled tracepoint is a patched-out
# branch as in distribution kernels.
LTT_BENCH_EVENTS_CONFIG=(CONFIG_LTT_BENCH_EVENTS=m CONFIG_PERF_EVENTS=y
			 CONFIG_JUMP_LABEL=y)

# ltt_bench_kernel SRC OUT BUILD DEBUG OPTION...: make OUT a benchmark
# kernel of SRC. With BUILD=1, build it from the test configuration with
# the OPTIONs (config fragment lines) on top, no KUnit at boot and,
# unless DEBUG=1, none of the test configuration's lock and preemption
# debugging, which would dominate every cost. Either way, die unless
# OUT/.config has the first OPTION.
ltt_bench_kernel() {
	local src=$1 out=$2 build=$3 debug=$4 frag
	shift 4
	if [ "$build" -eq 1 ]; then
		frag=$(mktemp)
		printf '%s\n' "$@" '# CONFIG_LTT_KUNIT_TEST is not set' > "$frag"
		[ "$debug" -eq 1 ] || printf '# CONFIG_%s is not set\n' PROVE_LOCKING \
			DEBUG_ATOMIC_SLEEP DEBUG_PREEMPT >> "$frag"
		# -n: the fragment overrides options the test configuration sets.
		if ! "$LTT_TOP/scripts/build.sh" -s "$src" -o "$out" -n -c "$frag"; then
			rm -f "$frag"
			ltt_die "building $out failed"
		fi
		rm -f "$frag"
	fi
	grep -qx -- "$1" "$out/.config" 2>/dev/null ||
		ltt_die "$out has no $1 (build without -b)"
}

# ltt_bench_progs DIR NAME...: build scripts/guest/NAME.c, static for the
# busybox guest, into DIR/NAME.
ltt_bench_progs() {
	local dir=$1 p
	shift
	for p in "$@"; do
		gcc -static -O2 -Wall -o "$dir/$p" "$LTT_TOP/scripts/guest/$p.c"
	done
}

# ltt_bench_qemu RUN: set LTT_BENCH_QEMU to the scripts/boot.sh flags of
# a kind of boot: icount (deterministic, single-threaded TCG with
# -icount) or tcg (ordinary multi-threaded TCG).
ltt_bench_qemu() {
	case $1 in
	icount) LTT_BENCH_QEMU=(-i) ;;
	tcg) LTT_BENCH_QEMU=() ;;
	*) ltt_die "unknown run $1: icount or tcg" ;;
	esac
}

# ltt_median FILE: the median of the numbers in FILE, one a line.
ltt_median() {
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ltt_bench_guest_ok RES SCRIPT WHAT: say what went wrong in the boot
# whose results scripts/boot.sh left in RES, WHAT naming it: the guest
# SCRIPT did not finish, or the kernel complained (oops, BUG, WARNING).
# Returns 1 if either happened.
ltt_bench_guest_ok() {
	local res=$1 script=$2 what=$3 ok=0

	if ! grep -q "^PASS: extra: $script\$" "$res/results.txt" 2>/dev/null; then
		echo "bench: $what: the guest script did not finish:" \
			"$(grep '^FAIL' "$res/results.txt" 2>/dev/null | head -n 3)"
		ok=1
	fi
	if grep -q '^FAIL: boot: no oops' "$res/results.txt" 2>/dev/null; then
		echo "bench: $what: the guest complained:" \
			"$(grep '^FAIL: boot: no oops' "$res/results.txt")"
		ok=1
	fi
	return $ok
}
