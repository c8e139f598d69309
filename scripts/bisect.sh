#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bisectability: apply the series one patch at a time to the CI tree and,
# after each, compile what that patch touches with the suite kernel's
# configuration, W=1 and sparse:
#
#  - every object in kernel/trace/ltt/ (cheap, and catches a header or
#    Kconfig change that breaks a file the patch did not touch);
#  - the object of every other kernel .c file the patch touches;
#  - scripts/kernel-doc -Wall on every LTT source and header it touches;
#  - the LTT kselftests and tools/ltt when the patch touches them, built
#    with the warnings their Makefiles enable.
#
# Any warning or error fails that step.
#
# Where the time goes, and why it is not spent twice:
#
#  - The tree is the CI tree ($LTT_WORK/ci) and the build directory the
#    suite kernel's ($LTT_WORK/out/kernel): the last patch leaves the tree
#    at base + series, and scripts/build.sh -w then builds the kernel on
#    top of the configuration, host tools and LTT objects compiled here.
#  - C=1: sparse checks what make recompiles. kbuild's dependencies (every
#    header, every CONFIG_ symbol a file reads) decide that, so an object
#    make leaves alone has exactly the input sparse already passed. C=2
#    re-ran sparse on every LTT file after every patch: 14 of the
#    19 minutes this step took on a cold machine.
#  - A patch whose check passed before is not compiled again while it and
#    everything below it are unchanged: the verdict is kept under
#    $LTT_WORK/bisect-passed, keyed by the base, the content of every patch
#    up to this one, the configuration fragments, these scripts and the
#    compiler and sparse versions. Only passes are kept: a failure is
#    compiled, and reported, again.
#
#   scripts/bisect.sh [-f]     -f: ignore the kept verdicts
set -uo pipefail
. "$(dirname "$0")/lib.sh"

fresh=0
[ "${1:-}" = "-f" ] && fresh=1

tree=$LTT_CI
out=$LTT_OUT/kernel
passed_dir=$LTT_WORK/bisect-passed
"$LTT_TOP/scripts/prepare-base.sh" || ltt_die "no base tree"
ltt_reset_ci_tree || ltt_die "cannot reset $tree"
mkdir -p "$out" "$passed_dir"

export CCACHE_BASEDIR=$LTT_WORK
mk=(make -C "$tree" O="$out" CC="ccache gcc" -j"$LTT_JOBS" -s W=1 C=1)
final_frag=$LTT_TOP/tools/testing/selftests/ltt/config

# What every verdict depends on besides the patches themselves.
key=$( {
	git -C "$LTT_BASE" rev-parse ltt-base
	cat "$LTT_TOP/scripts/bisect.sh" "$LTT_TOP/scripts/build.sh" \
	    "$LTT_TOP/scripts/lib.sh" "$final_frag" "${LTT_SUITE_FRAGS[@]}" \
	    "$LTT_TOP/scripts/config/qemu-x86_64.config"
	gcc --version | head -1
	sparse --version
} 2>&1 | sha256sum | cut -c1-64)

total=$(ltt_series | wc -l)
applied=0
failed=0
kept=0
n=0
# Is the object of a touched .c file part of the suite kernel? Its
# directory's Makefile may build it only under obj-$(CONFIG_X): when X is
# off (the x86-64 immediate values, which the suite kernel reads from
# memory), it would not compile and is not part of what the patch
# breaks; scripts/config/imv.config builds it (scripts/test.sh).
obj_configured() {
	local f=$1 obj sym
	obj=$(basename "${f%.c}").o
	sym=$(grep -E "^obj-[$][(]CONFIG_[A-Z0-9_]+[)][[:space:]]*[+:]?=.*[[:space:]]${obj//./[.]}([[:space:]]|$)" \
		"$tree/$(dirname "$f")/Makefile" 2>/dev/null | grep -oE 'CONFIG_[A-Z0-9_]+' | head -n 1)
	[ -z "$sym" ] || grep -qE "^$sym=[ym]$" "$out/.config"
}

for p in $(ltt_series); do
	n=$((n + 1))
	name="bisect: $n/$total $p"
	if ! ltt_git -C "$tree" am -q --committer-date-is-author-date \
		"$LTT_TOP/patches/$p" >/dev/null 2>&1; then
		ltt_result FAIL "$name" "git am failed"
		failed=1
		break
	fi
	applied=$((applied + 1))
	key=$( { echo "$key"; cat "$LTT_TOP/patches/$p"; } | sha256sum | cut -c1-64)
	if [ $fresh -eq 0 ] && [ -f "$passed_dir/$key" ]; then
		touch "$passed_dir/$key"
		ltt_result PASS "$name" "passed before, unchanged"
		kept=$((kept + 1))
		continue
	fi
	log=$(mktemp)
	touched=$(git -C "$tree" diff --name-only HEAD~1 HEAD)

	cfg=()
	[ -f "$final_frag" ] && cfg=(-c "$final_frag")
	cfg+=("${LTT_SUITE_CFG[@]}")
	"$LTT_TOP/scripts/build.sh" -s "$tree" -o "$out" -k -n "${cfg[@]}" >>"$log" 2>&1 ||
		echo "error: configuration failed" >>"$log"

	targets=()
	[ -d "$tree/kernel/trace/ltt" ] && targets+=(kernel/trace/ltt/)
	for f in $touched; do
		case "$f" in
		tools/*|Documentation/*|scripts/*|samples/*) ;;
		kernel/trace/ltt/*) ;;
		*.c) [ -f "$tree/$f" ] && obj_configured "$f" &&
			targets+=("${f%.c}.o") ;;
		esac
	done
	[ ${#targets[@]} -eq 0 ] || "${mk[@]}" "${targets[@]}" >>"$log" 2>&1 ||
		echo "error: make ${targets[*]} failed" >>"$log"

	for f in $touched; do
		case "$f" in
		kernel/trace/ltt/*.[ch]|include/linux/ltt/*.h)
			[ -f "$tree/$f" ] && (cd "$tree" && scripts/kernel-doc -none -Wall "$f") >>"$log" 2>&1 ;;
		esac
	done

	if echo "$touched" | grep -q '^tools/testing/selftests/ltt/'; then
		make -s -C "$tree/tools/testing/selftests" TARGETS=ltt \
			O="$out/kselftest" >>"$log" 2>&1 ||
			echo "error: kselftest build failed" >>"$log"
	fi
	if echo "$touched" | grep -q '^tools/ltt/' && [ -f "$tree/tools/ltt/Makefile" ]; then
		make -s -C "$tree/tools/ltt" O="$out/tools-ltt" >>"$log" 2>&1 ||
			echo "error: tools/ltt build failed" >>"$log"
	fi

	problems=$(grep -E 'warning|error|Error' "$log" | grep -v '^ltt: ')
	if [ -z "$problems" ]; then
		ltt_result PASS "$name"
		: > "$passed_dir/$key"
	else
		echo "$problems" | head -20 | sed 's/^/    /'
		ltt_result FAIL "$name" "$(echo "$problems" | head -1)"
		failed=1
	fi
	rm -f "$log"
done
# The CI tree is base + series when every patch applied, whatever the
# compiler said: scripts/ci-tree.sh then has nothing to do.
[ $applied -eq "$total" ] && ltt_mark_ci_tree
ltt_say "bisect: $kept of $total patches passed before, unchanged"
# Keep the verdicts of the last few runs, not of every series ever tested.
find "$passed_dir" -type f -mtime +14 -delete 2>/dev/null
exit $failed
