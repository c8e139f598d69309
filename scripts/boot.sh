#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the test kernel in QEMU (microvm machine, TCG, 2 CPUs), run the KUnit suites (built
# in, they run at boot), the LTT kselftests and any extra scripts inside
# the guest, copy back what the guest left in /ltt/out, and report.
#
#   scripts/boot.sh [options]
#     -s SRC       kernel source tree (default $LTT_WORK/ci)
#     -k OUT       kernel build directory (default $LTT_WORK/out/kernel)
#     -o DIR       results directory (default $LTT_WORK/results/boot):
#                  console.log, results.txt, guest/ (the guest's /ltt/out)
#     -x SCRIPT    run SCRIPT with sh in the guest, in /ltt/out (repeatable)
#     -f FILE:DEST put FILE into the guest at DEST (repeatable)
#     -r WHAT      what to run: kselftest,extra (default), extra, none
#     -t SECONDS   host-side time limit (default 900)
#     -a ARGS      extra kernel command line
#     -i           deterministic timing: single-threaded TCG with
#                  -icount shift=0,sleep=off (for benchmarks)
#     -p CPUS      the CPUs expected online at boot (default 0-1; 0 with
#                  -a maxcpus=1)
#     -l LABEL     prefix every result name with LABEL, to tell boots
#                  apart in one report
#     -w           warm reboot: the guest is expected to crash and reboot
#                  once, with its RAM kept (QEMU resets it, it is not
#                  restarted); the second boot is the one reported, the
#                  first one's console is console-first.log
#     -n           a network device: virtio-net on QEMU's user network,
#                  where the host's loopback is 10.0.2.2 (the relay
#                  boots, scripts/relay-test.sh); nothing else has one
#     -c FLAGS     more -cpu flags for QEMU (e.g. +invtsc), after max,la57=off
#     -u           leave tsc=reliable out of the kernel command line: the
#                  kernel then trusts the TSC only if the CPU says it is
#                  invariant (benchmarks of the clock LTT falls back to)
#
# Prints one PASS:/FAIL: line per KUnit case, kselftest case and extra
# script, plus the boot checks, and exits non-zero if anything failed,
# the guest oopsed, panicked or warned, or something did not report.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$LTT_CI
kout=$LTT_OUT/kernel
res=$LTT_WORK/results/boot
extras=()
files=()
run=kselftest,extra
limit=900
append=""
icount=0
cpus=0-1
label=""
warm=0
net=0
cpu_flags=""
tsc_reliable=tsc=reliable
while getopts "s:k:o:x:f:r:t:a:ip:l:wnc:u" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) kout=$OPTARG ;;
	o) res=$OPTARG ;;
	x) extras+=(-x "$OPTARG") ;;
	f) files+=(-f "$OPTARG") ;;
	r) run=$OPTARG ;;
	t) limit=$OPTARG ;;
	a) append=$OPTARG ;;
	i) icount=1 ;;
	p) cpus=$OPTARG ;;
	l) label="$OPTARG: " ;;
	w) warm=1 ;;
	n) net=1 ;;
	c) cpu_flags=",$OPTARG" ;;
	u) tsc_reliable="" ;;
	*) sed -n '/^#   scripts/,/^# Prints/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")
kout=$(readlink -f "$kout")
kernel=$kout/arch/x86/boot/bzImage
[ -f "$kernel" ] || ltt_die "no kernel at $kernel: run scripts/build.sh"
rm -rf "$res"
mkdir -p "$res/guest"
res=$(readlink -f "$res")

"$LTT_TOP/scripts/initramfs.sh" -s "$src" -k "$kout" -o "$res/initramfs.cpio.gz" \
	"${extras[@]}" "${files[@]}"

# The guest writes a tar archive of its /ltt/out onto this raw disk.
truncate -s 512M "$res/out.img"

# The guest's TSC frequency, given rather than calibrated: microvm has
# no HPET and no ACPI PM timer, so a quick PIT calibration that fails on a
# busy host would leave the kernel with an unstable TSC and jiffies as its
# clocksource (see scripts/host/tsc-khz.c). Under -icount shift=0 the TSC
# counts one per instruction, 1 GHz of guest time; otherwise it is the
# host's.
accel=tcg
qemu_extra=()
if [ $icount -eq 1 ]; then
	accel=tcg,thread=single
	qemu_extra+=(-icount shift=0,sleep=off)
	tsc_khz=1000000
else
	helper=$LTT_WORK/host/tsc-khz
	if [ ! -x "$helper" ] || [ "$LTT_TOP/scripts/host/tsc-khz.c" -nt "$helper" ]; then
		mkdir -p "$(dirname "$helper")"
		gcc -O2 -Wall -o "$helper" "$LTT_TOP/scripts/host/tsc-khz.c" ||
			ltt_die "cannot build $helper"
	fi
	tsc_khz=$("$helper")
fi
# User networking is QEMU's own NAT: the guest reaches the host's
# loopback at 10.0.2.2, and nothing on the host reaches the guest.
if [ $net -eq 1 ]; then
	qemu_extra+=(-netdev user,id=net0 -device virtio-net-device,netdev=net0)
fi
# Multi-threaded TCG (QEMU 7.2) can execute an int3 that text_poke_bp()
# has already taken back, at a call site other CPUs run through: the
# tracepoints' static calls are patched that way whenever a tracepoint
# gains or loses a probe, jump labels or not, and ftrace alone oopses on
# it (scripts/guest/ftrace-syscall-flips.sh). So a multi-threaded boot
# leaves out the tests that attach and detach probes on tracepoints the
# rest of the system fires (sched, irq, timer, system calls, or every
# event): the ltt_event KUnit suite (ltt_event.own_wakeups_are_not_recorded
# enables "*") and the events_test kselftest. The -icount boot runs them,
# and so does any extra script that does it (ctf-test.sh). Tests that
# only attach to their own test events, fired by the test itself, stay.
mttcg_skip=""
if [ $icount -eq 0 ]; then
	mttcg_skip="kunit.filter_glob=ltt_[!e]* ltt.kselftest_skip=events_test"
fi
guest_limit=$((limit - 30))
# reboot=t: microvm has neither ACPI nor a keyboard controller to power
# off or reset through; the guest ends with a triple fault, which
# -no-reboot turns into QEMU's exit.
# reserve_mem=4M:4096:ltt: memory for a channel that outlives a crash
# (crash_test, scripts/guest/crash-test.sh), 4 MiB of the guest's 1 GiB.
cmdline="console=ttyS0 clocksource=tsc $tsc_reliable panic=-1 panic_on_warn=0 reboot=t"
cmdline="$cmdline reserve_mem=4M:4096:ltt"
cmdline="$cmdline tsc_early_khz=$tsc_khz ltt.run=$run ltt.timeout=$guest_limit"
cmdline="$cmdline $mttcg_skip $append"

# la57=off: with 5-level paging, an interrupt taken inside identify_cpu(),
# between its memset() of the capability bits and their re-reading, makes
# pgtable_l5_enabled() false for a moment; KASAN then computes the 4-level
# shadow bounds and reports the irq descriptor's lock in the 5-level direct
# map (0xff11...) as a wild-memory-access (seen once in 2026-12-06's CI,
# do_raw_spin_lock from handle_edge_irq, 1.26 s into the boot). Real
# machines and distributions mostly run 4-level: boot the guests that way.
# A warm reboot keeps QEMU and its RAM: the guest's first reset (its
# panic) resets the machine; once the second boot has begun, QMP's
# set-action makes the next reset (the end of the second boot) QEMU's
# exit, as -no-reboot does for every other boot.
if [ $warm -eq 1 ]; then
	qemu_extra+=(-qmp "unix:$res/qmp.sock,server=on,wait=off")
else
	qemu_extra+=(-no-reboot)
fi

ltt_say "booting $(basename "$kernel") from $kout (limit ${limit}s)"
start=$(date +%s)
qrc=0
timeout -k 10 "$limit" qemu-system-x86_64 \
	-M microvm,acpi=off -accel "$accel" -cpu "max,la57=off$cpu_flags" -smp 2 -m 1G \
	-display none -monitor none \
	-serial "file:$res/console.log" \
	-kernel "$kernel" -initrd "$res/initramfs.cpio.gz" -append "$cmdline" \
	-drive "id=out,file=$res/out.img,format=raw,if=none" \
	-device virtio-blk-device,drive=out \
	"${qemu_extra[@]}" < /dev/null &
qpid=$!
if [ $warm -eq 1 ]; then
	while kill -0 $qpid 2>/dev/null; do
		boots=$(grep -c 'Linux version' "$res/console.log" 2>/dev/null || true)
		if [ "${boots:-0}" -ge 2 ]; then
			/usr/bin/python3 "$LTT_TOP/scripts/host/qmp-reset-exits.py" \
				"$res/qmp.sock" || ltt_say "QMP set-action failed"
			break
		fi
		sleep 0.5
	done
fi
wait $qpid || qrc=$?
ltt_say "guest ran $(($(date +%s) - start))s (qemu exit $qrc)"
if [ $warm -eq 1 ]; then
	mv "$res/console.log" "$res/console-all.log"
	awk -v first="$res/console-first.log" -v second="$res/console.log" '
		/Linux version/ { boots++ }
		{ print > (boots >= 2 ? second : first) }' "$res/console-all.log"
	touch "$res/console.log"
fi

tar -C "$res/guest" -xf "$res/out.img" 2>/dev/null || true
rm -f "$res/out.img"

"$LTT_TOP/scripts/parse-console.sh" "$res/console.log" "$qrc" "$cpus" |
	sed -E "s/^(PASS|FAIL|SKIP): /\1: $label/" | tee "$res/results.txt"
! grep -q '^FAIL: ' "$res/results.txt"
