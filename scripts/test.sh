#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite, from a fresh Debian 12 machine:
#
#   1. install what is missing (scripts/deps.sh) and unpack the base;
#   2. check the series: form, quilt, snapshot, MAINTAINERS, checkpatch;
#   3. bisect: after every patch, compile what it touches with W=1, sparse;
#   4. build the test kernel from base + series, with ccache, and run the
#      kernel's Coccinelle checks over the LTT sources;
#   5. boot it in QEMU: KUnit suites, kselftests, kernel health; boot it
#      again with one CPU online, to bring the other up for the first time;
#   6. build and boot it with KASAN and kmemleak: KUnit suites, kselftests
#      (the 30-second ring buffer stress runs included), lttd, then a leak
#      scan.
#
# Every check prints PASS: or FAIL:; the last line counts them as
# "N passed, N failed". Exits non-zero if anything failed. A full log is
# kept in $LTT_WORK/results/test.log.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ltt_lock

mkdir -p "$LTT_WORK/results"
log=$LTT_WORK/results/test.log
: > "$log"
t0=$(date +%s)

step() {
	local what=$1
	shift
	ltt_say "== $what ($(($(date +%s) - t0))s)"
	"$@" 2>&1 | tee -a "$log" | grep -E '^(PASS|FAIL|SKIP): |^    |^ltt: error'
	return "${PIPESTATUS[0]}"
}

one() {	# one(name, command...): a single PASS/FAIL for a command
	local name=$1
	shift
	if "$@" >>"$log" 2>&1; then
		ltt_result PASS "$name" | tee -a "$log"
	else
		ltt_result FAIL "$name" "see $log" | tee -a "$log"
		tail -20 "$log" | sed 's/^/    /'
		return 1
	fi
}

one "setup: dependencies installed" "$LTT_TOP/scripts/deps.sh" || exit 1
one "setup: pristine base tree" "$LTT_TOP/scripts/prepare-base.sh" || exit 1
step "series check" "$LTT_TOP/scripts/check.sh"
step "bisect compile (W=1, sparse)" "$LTT_TOP/scripts/bisect.sh"
ltt_say "== build ($(($(date +%s) - t0))s)"
tree_ok=0
one "build: base + series applied" "$LTT_TOP/scripts/ci-tree.sh" && tree_ok=1
if [ $tree_ok -eq 1 ] && one "build: bzImage and modules" "$LTT_TOP/scripts/build.sh"; then
	step "coccicheck (Coccinelle, MODE=report)" "$LTT_TOP/scripts/cocci.sh"
	step "boot: KUnit, kselftests, lttd and CTF in QEMU" "$LTT_TOP/scripts/boot.sh" \
		-o "$LTT_WORK/results/boot" -x "$LTT_TOP/scripts/guest/lttd-test.sh" \
		-x "$LTT_TOP/scripts/guest/ctf-test.sh"
	step "CTF trace checked on the host (babeltrace2, bt2)" \
		/usr/bin/python3 "$LTT_TOP/scripts/check-trace.py" \
		"$LTT_WORK/results/boot/guest/ctf"
	step "boot: CPU 1 online for the first time (maxcpus=1)" \
		"$LTT_TOP/scripts/boot.sh" -o "$LTT_WORK/results/boot-cpu" -r extra \
		-a maxcpus=1 -p 0 -l first-online \
		-x "$LTT_TOP/scripts/guest/cpu-online-test.sh"
fi
# Under plain TCG a KASAN kernel runs so slowly against the host's clock
# that ACPI's 30-second AML loop limit expires while it builds the PCI
# interrupt routing: the disk gets no interrupt and the boot hangs. Under
# -icount the guest's clock counts its own instructions, so no timeout can
# fire early, and the whole boot takes about 3.5 minutes.
ltt_say "== debug build ($(($(date +%s) - t0))s)"
if [ $tree_ok -eq 1 ] && one "build: debug kernel (KASAN, kmemleak)" "$LTT_TOP/scripts/build.sh" \
	-o "$LTT_OUT/debug" -c "$LTT_TOP/scripts/config/debug.config"; then
	step "boot: debug kernel: KUnit, kselftests, lttd, leaks" \
		"$LTT_TOP/scripts/boot.sh" -k "$LTT_OUT/debug" -l debug -i \
		-o "$LTT_WORK/results/boot-debug" -t 1800 \
		-x "$LTT_TOP/scripts/guest/lttd-test.sh" \
		-x "$LTT_TOP/scripts/guest/memory-leaks.sh"
fi

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
ltt_say "finished in $(($(date +%s) - t0))s; log: $log"
if [ "$failed" -gt 0 ]; then
	echo "Failures:"
	grep '^FAIL: ' "$log" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
