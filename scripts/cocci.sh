#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's Coccinelle semantic patches (make coccicheck,
# MODE=report) over the directories the series adds, in a tree built
# with the series applied:
#
#   scripts/cocci.sh [-s SRC] [-k OUT]
#     -s SRC   kernel tree (default $LTT_WORK/ci)
#     -k OUT   its build directory (default $LTT_WORK/out/kernel)
#
# One PASS: or FAIL: line per directory; each report is printed under
# its FAIL line. M= must be an absolute path: with O=, spatch runs in
# the build directory, where a relative one holds no source and every
# check would pass having read nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$LTT_CI
out=$LTT_OUT/kernel
while getopts "s:k:" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) out=$OPTARG ;;
	*) sed -n '/^#   scripts/,/^# One/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")
out=$(readlink -f "$out")
command -v spatch > /dev/null || ltt_die "no spatch (scripts/deps.sh installs coccinelle)"
[ -f "$out/.config" ] || ltt_die "$out is not a build directory of $src"

rc=0
for d in kernel/trace/ltt include/linux/ltt; do
	[ -d "$src/$d" ] || ltt_die "no $d in $src"
	# Reports name the file; spatch's own chatter does not. A coccicheck
	# that fails (spatch missing a piece, such as the OCaml compiler some
	# semantic patches need) checked nothing: that is a failure, not a
	# clean report.
	log=$(mktemp)
	if ! make -s -C "$src" O="$out" coccicheck MODE=report \
			M="$src/$d" J="$LTT_JOBS" > "$log" 2>&1; then
		ltt_result FAIL "coccicheck: $d" "make coccicheck failed: $(grep -v '^make' "$log" | tail -2 | tr '\n' ' ')"
		rm -f "$log"
		rc=1
		continue
	fi
	reports=$(grep -F "$src/$d/" "$log" || true)
	rm -f "$log"
	if [ -z "$reports" ]; then
		ltt_result PASS "coccicheck: $d"
	else
		ltt_result FAIL "coccicheck: $d" "reports: $(echo "$reports" | wc -l)"
		echo "$reports" | sed "s|^$src/|    |"
		rc=1
	fi
done
exit $rc
