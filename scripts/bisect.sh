#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bisectability: apply the series one patch at a time and, after each,
# compile what that patch touches with the test configuration, W=1 and
# sparse (C=2 checks every named file, not only the recompiled ones):
#
#  - every object in kernel/trace/ltt/ (cheap, and catches a header or
#    Kconfig change that breaks a file the patch did not touch);
#  - the object of every other kernel .c file the patch touches;
#  - scripts/kernel-doc -Wall on every LTT source and header it touches;
#  - the LTT kselftests and tools/ltt when the patch touches them, built
#    with the warnings their Makefiles enable.
#
# Any warning or error fails that step. The tree ($LTT_WORK/bisect) and
# its build directory persist between runs, so only changes recompile.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

tree=$LTT_WORK/bisect
out=$LTT_OUT/bisect
"$LTT_TOP/scripts/prepare-base.sh" || ltt_die "no base tree"
if ! git -C "$tree" rev-parse -q --verify ltt-base >/dev/null 2>&1 ||
   [ "$(git -C "$tree" rev-parse ltt-base)" != "$(git -C "$LTT_BASE" rev-parse ltt-base)" ]; then
	rm -rf "$tree"
	ltt_clone_base "$tree"
fi
ltt_git -C "$tree" am --abort >/dev/null 2>&1
ltt_git -C "$tree" checkout -q -f -B bisect ltt-base || ltt_die "cannot reset $tree"
ltt_git -C "$tree" clean -q -fdx
mkdir -p "$out"

export CCACHE_BASEDIR=$LTT_WORK
mk=(make -C "$tree" O="$out" CC="ccache gcc" -j"$LTT_JOBS" -s W=1 C=2)
final_frag=$LTT_TOP/tools/testing/selftests/ltt/config
total=$(ltt_series | wc -l)
failed=0
n=0
for p in $(ltt_series); do
	n=$((n + 1))
	name="bisect: $n/$total $p"
	if ! ltt_git -C "$tree" am -q --committer-date-is-author-date \
		"$LTT_TOP/patches/$p" >/dev/null 2>&1; then
		ltt_result FAIL "$name" "git am failed"
		failed=1
		break
	fi
	log=$(mktemp)
	touched=$(git -C "$tree" diff --name-only HEAD~1 HEAD)

	cfg=()
	[ -f "$final_frag" ] && cfg=(-c "$final_frag")
	"$LTT_TOP/scripts/build.sh" -s "$tree" -o "$out" -k -n "${cfg[@]}" >>"$log" 2>&1 ||
		echo "error: configuration failed" >>"$log"

	targets=()
	[ -d "$tree/kernel/trace/ltt" ] && targets+=(kernel/trace/ltt/)
	for f in $touched; do
		case "$f" in
		tools/*|Documentation/*|scripts/*|samples/*) ;;
		kernel/trace/ltt/*) ;;
		*.c) [ -f "$tree/$f" ] && targets+=("${f%.c}.o") ;;
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
	else
		echo "$problems" | head -20 | sed 's/^/    /'
		ltt_result FAIL "$name" "$(echo "$problems" | head -1)"
		failed=1
	fi
	rm -f "$log"
done
exit $failed
