#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite, from a fresh Debian 12 machine:
#
#   1. install what is missing (scripts/deps.sh) and unpack the base;
#   2. check the series: form, quilt, snapshot, MAINTAINERS, checkpatch;
#   3. bisect: after every patch, compile what it touches with W=1, sparse,
#      in the CI tree and the suite kernel's build directory;
#   4. build the suite's one kernel from base + series (the test
#      configuration with KASAN and kmemleak, scripts/config/debug.config)
#      on top of what the bisect compiled, and run the kernel's Coccinelle
#      checks over the LTT sources;
#   5. boot it under multi-threaded TCG: KUnit suites, kselftests, lttd,
#      all but the tests that attach probes to tracepoints other CPUs fire
#      (QEMU 7.2's multi-threaded TCG can run an int3 text_poke_bp() took
#      back: see scripts/boot.sh); boot it again with one CPU online, to
#      bring the other up for the first time, then to have the kernel mark
#      the TSC unstable while a session traces (the trace is checked on
#      the host); and with lockdown=integrity;
#   6. boot it under -icount: every KUnit suite and kselftest (the
#      30-second ring buffer stress runs included), lttd, a CTF trace that
#      babeltrace2 then checks on the host, a statedump of 5,000 threads,
#      then a trace of a workload with a statedump and user events in the
#      lttng layout, which bt2 and lttng-analyses check on the host, then a
#      kmemleak scan;
#      meanwhile, on the other core, compile the objects that define trace
#      points in every way with Debian's own kernel configuration and
#      CONFIG_LTT=y (scripts/distro-check.sh);
#   7. boot two guests at once that stream to two lttng-relayd on the
#      host's loopback, one followed live, the other's relay killed and
#      restarted (scripts/relay-test.py);
#   8. boot it twice more, side by side, each recording into reserved
#      memory, crashing (an oops, a hard lockup), rebooting warm in the
#      same QEMU and reading the previous trace back, which bt2 checks on
#      the host (scripts/check-crash-trace.py);
#   9. build a second kernel with every patcher of kernel text (jump
#      labels, kprobes, ftrace, x86-64 immediate values) and boot it under
#      -icount: the immediate values' KUnit suite, then every patcher at
#      once for 5 s while other CPUs run the patched sites
#      (scripts/guest/imv-stress.sh; the long form: see README).
#
# Every check prints PASS: or FAIL:; the last line counts them as
# "N passed, N failed". Before it, the time each phase took and the total.
# Exits non-zero if anything failed. A full log is kept in
# $LTT_WORK/results/test.log.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ltt_lock

mkdir -p "$LTT_WORK/results"
log=$LTT_WORK/results/test.log
: > "$log"
t0=$(date +%s)
phases=()
phase_name=""
phase_t=$t0

# phase NAME: close the running phase (record its duration), open NAME.
phase() {
	local now
	now=$(date +%s)
	[ -z "$phase_name" ] || phases+=("$(printf '%6ss  %s' $((now - phase_t)) "$phase_name")")
	phase_name=$1
	phase_t=$now
	[ -z "$1" ] || ltt_say "== $1 ($((now - t0))s)" 2>&1 | tee -a "$log" >&2
}

step() {
	"$@" 2>&1 | tee -a "$log" | grep --line-buffered -E '^(PASS|FAIL|SKIP): |^    |^ltt: error'
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

phase "setup: dependencies and base tree"
one "setup: dependencies installed" "$LTT_TOP/scripts/deps.sh" || exit 1
one "setup: pristine base tree" "$LTT_TOP/scripts/prepare-base.sh" || exit 1
phase "series check (form, quilt, snapshot, checkpatch)"
step "$LTT_TOP/scripts/check.sh"
phase "bisect compile (W=1, sparse)"
step "$LTT_TOP/scripts/bisect.sh"
phase "build: the suite kernel"
kernel_ok=0
one "build: base + series applied" "$LTT_TOP/scripts/ci-tree.sh" &&
	one "build: bzImage and modules (KASAN, kmemleak)" "$LTT_TOP/scripts/build.sh" -w \
		"${LTT_SUITE_CFG[@]}" && kernel_ok=1
if [ $kernel_ok -eq 1 ]; then
	phase "coccicheck (Coccinelle, MODE=report)"
	step "$LTT_TOP/scripts/cocci.sh"
	phase "boot, multi-threaded TCG: KUnit, kselftests, lttd (no probes on others' tracepoints)"
	step "$LTT_TOP/scripts/boot.sh" -o "$LTT_WORK/results/boot" \
		-x "$LTT_TOP/scripts/guest/lttd-test.sh"
	phase "boot, multi-threaded TCG, maxcpus=1: CPU 1 online for the first time; the TSC marked unstable"
	step "$LTT_TOP/scripts/boot.sh" -o "$LTT_WORK/results/boot-cpu" -r extra \
		-a maxcpus=1 -p 0 -l first-online \
		-x "$LTT_TOP/scripts/guest/cpu-online-test.sh" \
		-x "$LTT_TOP/scripts/guest/tsc-unstable-test.sh"
	phase "trace across the switch from an unstable TSC, checked on the host"
	step /usr/bin/python3 "$LTT_TOP/scripts/check-clock-switch.py" \
		"$LTT_WORK/results/boot-cpu/guest/tsc"
	phase "boot, multi-threaded TCG, lockdown=integrity: what LTT says and still does"
	step "$LTT_TOP/scripts/boot.sh" -o "$LTT_WORK/results/boot-lockdown" -r extra \
		-a lockdown=integrity -l lockdown \
		-x "$LTT_TOP/scripts/guest/lockdown-test.sh"
	# Single-threaded TCG with -icount: the guest's clock counts its own
	# instructions, so a slow KASAN kernel meets no wall-clock timeout,
	# and instructions interleave across the two CPUs differently from
	# the multi-threaded boot. It keeps one host core busy and does not
	# care how fast that core is: the distribution compile check runs
	# beside it, on the other core.
	phase "boot, -icount: KUnit, kselftests, lttd, CTF, statedump, kmemleak scan; distribution compile beside it"
	distro_out=$(mktemp)
	LTT_JOBS=1 "$LTT_TOP/scripts/distro-check.sh" > "$distro_out" 2>&1 &
	distro_pid=$!
	step "$LTT_TOP/scripts/boot.sh" -l icount -i \
		-o "$LTT_WORK/results/boot-icount" -t 1800 \
		-x "$LTT_TOP/scripts/guest/lttd-test.sh" \
		-x "$LTT_TOP/scripts/guest/ctf-test.sh" \
		-x "$LTT_TOP/scripts/guest/system-test.sh" \
		-x "$LTT_TOP/scripts/guest/memory-leaks.sh"
	wait "$distro_pid"
	step cat "$distro_out"
	rm -f "$distro_out"
	phase "CTF trace checked on the host (babeltrace2, bt2)"
	step /usr/bin/python3 "$LTT_TOP/scripts/check-trace.py" \
		"$LTT_WORK/results/boot-icount/guest/ctf"
	phase "statedump, user events, lttng layout: checked with bt2 and lttng-analyses"
	step /usr/bin/python3 "$LTT_TOP/scripts/check-system-trace.py" \
		"$LTT_WORK/results/boot-icount/guest/system"
	# Two guests at once, one host core each (-icount), stream to two
	# lttng-relayd on the loopback through QEMU user networking.
	phase "relay: two guests stream to lttng-relayd, live view, relay restart"
	step /usr/bin/python3 "$LTT_TOP/scripts/relay-test.py" -s "$LTT_CI" \
		-k "$LTT_OUT/kernel" -o "$LTT_WORK/results/relay"
	# Crash buffers: each boot records into reserved memory, crashes
	# (an oops; a hard lockup the buddy watchdog turns into a panic),
	# reboots warm in the same QEMU, reads the trace back and writes it
	# with lttd -p; the host checks it. Only the control KUnit suite runs
	# at boot: the test event counter must start at zero. The two boots,
	# single-threaded each, run side by side.
	phase "crash buffers: oops and hard lockup, warm reboot, previous trace checked on the host"
	crash_out=$(mktemp)
	for how in sysrq lockup; do
		"$LTT_TOP/scripts/boot.sh" -w -i -l "crash-$how" -r extra -t 900 \
			-o "$LTT_WORK/results/boot-crash-$how" \
			-a "kunit.filter_glob=ltt_control ltt.crash=$how watchdog_thresh=1" \
			-x "$LTT_TOP/scripts/guest/crash-test.sh" > "$crash_out.$how" 2>&1 &
	done
	wait
	for how in sysrq lockup; do
		step cat "$crash_out.$how"
		step /usr/bin/python3 "$LTT_TOP/scripts/check-crash-trace.py" \
			"crash-$how" "$LTT_WORK/results/boot-crash-$how"
	done
	rm -f "$crash_out" "$crash_out".*
fi
# Immediate values and every other patcher of kernel text at once, in a
# kernel of their own (scripts/config/imv.config: jump labels, kprobes,
# ftrace function tracing, x86-64 immediate sites; lockdep, no KASAN),
# booted under -icount only: multi-threaded TCG runs stale int3 bytes.
# The KUnit suite "immediate" (here with x86-64 sites; the suite kernel's
# -icount boot runs it on the generic fallback), then the stress module
# for 5 s while LTT sessions start and stop (scripts/guest/imv-stress.sh).
phase "build: the text-patching stress kernel (jump labels, kprobes, ftrace, immediate values)"
if one "build: text-patching stress kernel" "$LTT_TOP/scripts/build.sh" -w \
	-o "$LTT_OUT/imv" -c "$LTT_TOP/scripts/config/imv.config"; then
	phase "boot, -icount: immediate values and every text patcher at once"
	step "$LTT_TOP/scripts/boot.sh" -k "$LTT_OUT/imv" -i -l imv -r extra \
		-o "$LTT_WORK/results/boot-imv" -t 900 -a "kunit.filter_glob=immediate" \
		-x "$LTT_TOP/scripts/guest/imv-stress.sh"
fi
phase ""

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
{
	echo "Time per phase:"
	printf '  %s\n' "${phases[@]}"
	echo "finished in $(($(date +%s) - t0))s; log: $log"
	if [ "$skipped" -gt 0 ]; then
		echo "Skipped:"
		grep '^SKIP: ' "$log" | sed 's/^/  /'
		if grep -q '^SKIP: .*cpu_first_online_gets_a_buffer' "$log"; then
			echo "  (stream.cpu_first_online_gets_a_buffer needs a CPU that was never"
			echo "  online: in the boots with both CPUs online from the start it skips;"
			echo "  the maxcpus=1 boot runs it (cpu-online-test.sh, which fails on a skip):"
			echo "  $(grep -m1 '^[A-Z]*: first-online: extra: cpu-online-test.sh' "$log"))"
		fi
	fi
	if [ "$failed" -gt 0 ]; then
		echo "Failures:"
		grep '^FAIL: ' "$log" | sed 's/^/  /'
	fi
	echo "$passed passed, $failed failed, $skipped skipped"
} | tee -a "$log"
[ "$failed" -eq 0 ]
