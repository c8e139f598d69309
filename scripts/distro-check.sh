#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A distribution's kernel with the series: Debian's own amd64
# configuration (package linux-config-6.12, config.amd64_none_amd64) plus
# CONFIG_LTT=y, on the CI tree (base + series).
#
#   scripts/distro-check.sh          compile the objects below (the suite)
#   scripts/distro-check.sh -a       build the whole vmlinux and modules,
#                                    and record the result in
#                                    scripts/results/distro-build.txt
#
# The test configuration has few event kinds and no BPF events, so it
# cannot see a TRACE_EVENT() expansion that breaks with them. The objects
# compiled here cover every way the kernel defines trace points, each
# expanded once more by include/trace/ltt.h:
#
#   kernel/sched/core.o          TRACE_EVENT, DECLARE_EVENT_CLASS and
#                                DEFINE_EVENT, bare DECLARE_TRACE (with BPF
#                                raw tracepoints, include/trace/bpf_probe.h)
#   kernel/entry/common.o        TRACE_EVENT_FN (raw_syscalls)
#   mm/mmap_lock.o               TRACE_EVENT_FN, DEFINE_EVENT_FN
#   kernel/trace/power-traces.o  DEFINE_EVENT_PRINT
#   drivers/i2c/i2c-core-smbus.o TRACE_EVENT_CONDITION
#   drivers/firewire/core-trace.o  DEFINE_EVENT_CONDITION, DEFINE_EVENT_PRINT,
#                                in a module
#   drivers/block/nbd.o          DEFINE_EVENT_WRITABLE, in a module
#   kernel/trace/trace_syscalls.o  the per-system-call events
#   kernel/trace/ltt/            the tracer (its syscall.c too)
#
# It also configures 32-bit x86 and checks that CONFIG_LTT cannot be set
# there. Prints one PASS:/FAIL: line per check; exits non-zero if any
# failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

all=0
[ "${1:-}" = "-a" ] && all=1
src=$LTT_CI
out=$LTT_OUT/distro
dcfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -f "$dcfg" ] || ltt_die "$dcfg missing: run scripts/deps.sh"
ltt_ci_tree_is_current || "$LTT_TOP/scripts/ci-tree.sh" || ltt_die "no CI tree"
mkdir -p "$out"

export CCACHE_BASEDIR=$LTT_WORK
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
mk=(make -C "$src" O="$out" CC="ccache gcc" -j"$LTT_JOBS" -s)

# Debian signs modules with its own keys, which are not in the source
# package: build without them. Everything else is Debian's choice.
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
{
	xz -dc "$dcfg"
	echo 'CONFIG_LTT=y'
	echo 'CONFIG_SYSTEM_TRUSTED_KEYS=""'
	echo 'CONFIG_SYSTEM_REVOCATION_KEYS=""'
	echo '# CONFIG_MODULE_SIG_ALL is not set'
	echo '# CONFIG_DEBUG_INFO_BTF is not set'
} > "$cfg"
if ! cmp -s "$cfg" "$out/.config.ltt-input"; then
	cp "$cfg" "$out/.config"
	"${mk[@]}" olddefconfig >/dev/null 2>&1 || ltt_die "olddefconfig failed"
	cp "$cfg" "$out/.config.ltt-input"
fi
grep -qx 'CONFIG_LTT=y' "$out/.config" || ltt_die "CONFIG_LTT=y did not stick"

if [ $all -eq 1 ]; then
	res=$LTT_TOP/scripts/results/distro-build.txt
	mkdir -p "$(dirname "$res")"
	start=$(date +%s)
	rc=0
	"${mk[@]}" vmlinux modules > "$out/build.log" 2>&1 || rc=$?
	{
		echo "# scripts/distro-check.sh -a: the last whole build of Debian's"
		echo "# amd64 configuration + CONFIG_LTT=y with the series."
		echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "base: $LTT_KPKG $(dpkg-query -W -f='${Version}' "$LTT_KPKG")"
		echo "config: $(basename "$dcfg") from linux-config-6.12 $(dpkg-query -W -f='${Version}' linux-config-6.12)"
		echo "series: $(ltt_series_id | cut -c1-16) ($(ltt_series | wc -l) patches)"
		echo "duration: $(($(date +%s) - start)) s on $(nproc) cores"
		echo "modules built: $(find "$out" -name '*.ko' | wc -l)"
		echo "result: $([ $rc -eq 0 ] && echo success || echo "FAILED (make exit $rc)")"
		echo "errors and warnings:"
		grep -E 'error|warning' "$out/build.log" | head -50 | sed 's/^/  /'
	} > "$res"
	cat "$res"
	exit $rc
fi

rc=0
# 32-bit x86: CONFIG_LTT must not be selectable (its Kconfig help says why).
cfg32=$LTT_OUT/i386-config
mkdir -p "$cfg32"
if make -C "$src" O="$cfg32" ARCH=i386 -s defconfig > "$cfg32.log" 2>&1 &&
   "$src/scripts/config" --file "$cfg32/.config" -e DEBUG_FS -e LTT &&
   make -C "$src" O="$cfg32" ARCH=i386 -s olddefconfig >> "$cfg32.log" 2>&1; then
	if grep -q '^CONFIG_LTT=y' "$cfg32/.config"; then
		ltt_result FAIL "distro: i386 cannot enable CONFIG_LTT" "CONFIG_LTT=y stuck"
		rc=1
	else
		ltt_result PASS "distro: i386 cannot enable CONFIG_LTT"
	fi
else
	ltt_result FAIL "distro: i386 cannot enable CONFIG_LTT" "configuring i386 failed"
	rc=1
fi

objs=(kernel/sched/core.o kernel/entry/common.o mm/mmap_lock.o
      kernel/trace/power-traces.o drivers/i2c/i2c-core-smbus.o
      drivers/firewire/core-trace.o drivers/block/nbd.o
      kernel/trace/trace_syscalls.o kernel/trace/ltt/)
"${mk[@]}" prepare > "$out/prepare.log" 2>&1 ||
	{ ltt_result FAIL "distro: make prepare" "$(grep -m1 -E 'error|Error' "$out/prepare.log")"; exit 1; }
for o in "${objs[@]}"; do
	log=$out/$(echo "$o" | tr / _).log
	if "${mk[@]}" "$o" > "$log" 2>&1; then
		ltt_result PASS "distro: Debian amd64 config + CONFIG_LTT=y: $o"
	else
		ltt_result FAIL "distro: Debian amd64 config + CONFIG_LTT=y: $o" \
			"$(grep -c 'error:' "$log") errors, first: $(grep -m1 'error:' "$log")"
		rc=1
	fi
done
exit $rc
