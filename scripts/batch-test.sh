#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a maintainer receives, tested batch by batch (issue 21). For each
# review batch in order: "git am" of its mbox, as scripts/batches.sh
# writes it, on top of the earlier batches in a clean clone of the base
# (the CI tree, reset); build the kernel of that boundary; boot it once
# under single-threaded TCG with -icount; run the tests the tree has at
# that boundary:
#
#  - every KUnit suite the kernel has (built in, they run at boot);
#  - the LTT kselftests, when the tree has tools/testing/selftests/ltt
#    (built from that tree by scripts/initramfs.sh);
#  - the immediate values' stress (scripts/guest/imv-stress.sh), after a
#    batch that changes immediate values (batch 1), when the tree has
#    its module (TEST_IMMEDIATE).
#
# What exists is read from the tree at the boundary, never from a table
# of batches: a patch moved to another batch moves its tests with it.
#
# The configuration is the suite's text-patching stress kernel's
# (scripts/test.sh): tinyconfig + scripts/config/qemu-x86_64.config + the
# tree's tools/testing/selftests/ltt/config + scripts/config/imv.config.
# No KASAN: a boundary then builds and boots in minutes, and jump labels
# and x86-64 immediate sites are safe under -icount. Before the batch
# that adds the selftests' configuration, the repository's copy stands in
# for it, as scripts/bisect.sh does; every fragment is first cut down to
# the options the tree defines at that boundary, so that build.sh can
# still check that each one stuck. On top, KUnit built in and every KUnit
# option the series' Kconfig files define by then. Same configuration and
# build directory as the suite's stress kernel ($LTT_OUT/imv): each
# boundary builds incrementally on the previous one, and the suite's
# stress kernel on the last.
#
#   scripts/batch-test.sh [FIRST[-LAST]]     default: every batch
#
# Batches before FIRST are applied, not tested. Prints one PASS:/FAIL:
# line per batch and per test group (SKIP: for a group the boundary does
# not have yet), and writes scripts/results/batch-test.txt, rewritten after
# each batch. Logs and consoles: $LTT_WORK/results/batch-test/NN/. Exits
# non-zero if anything failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
ltt_lock

covers=("$LTT_TOP"/batches/[0-9][0-9].cover)
nbatch=${#covers[@]}
range=${1:-1-$nbatch}
case "$range" in
*-*) first=${range%-*} last=${range#*-} ;;
*) first=$range last=$range ;;
esac
[[ $first =~ ^[0-9]+$ && $last =~ ^[0-9]+$ ]] && [ "$first" -ge 1 ] &&
	[ "$first" -le "$last" ] && [ "$last" -le "$nbatch" ] ||
	ltt_die "usage: $0 [FIRST[-LAST]], batches 1 to $nbatch"
first=$((10#$first)) last=$((10#$last))

res=$LTT_WORK/results/batch-test
tree=$LTT_CI
kout=$LTT_OUT/imv
file=$LTT_TOP/scripts/results/batch-test.txt
rm -rf "$res"
mkdir -p "$res/frag" "$(dirname "$file")"
t0=$(date +%s)
failed=0

# The mboxes, with the batches' tiling of the series checked.
if ! "$LTT_TOP/scripts/batches.sh" "$res/mbox" > "$res/batches.log" 2>&1; then
	ltt_result FAIL "batch-test: mboxes written (scripts/batches.sh)" "see $res/batches.log"
	tail -5 "$res/batches.log" | sed 's/^/    /'
	exit 1
fi
ltt_result PASS "batch-test: $nbatch mboxes written (scripts/batches.sh)"
ltt_reset_ci_tree || ltt_die "cannot reset $tree"
series_id=$(ltt_series_id)

# symbols: the Kconfig symbols the tree defines, one a line, CONFIG_ first.
symbols() {
	git -C "$tree" grep -hoE '^[[:space:]]*(menu)?config [A-Z0-9_]+' -- '*Kconfig*' |
		awk '{ print "CONFIG_" $2 }' | LC_ALL=C sort -u > "$res/frag/symbols"
}

# cut FRAGMENT OUT: FRAGMENT's settings of the options the tree defines.
cut_frag() {
	awk 'NR == FNR { def[$0] = 1; next }
	     /^CONFIG_[A-Za-z0-9_]+=/ { s = $0; sub(/=.*/, "", s); if (s in def) print; next }
	     /^# CONFIG_[A-Za-z0-9_]+ is not set$/ { if ($2 in def) print }' \
		"$res/frag/symbols" "$1" > "$2"
}

# kunit_frag OUT: KUnit built in, and every option the series' Kconfig
# entries define that depends on KUnit (a test suite), built in.
kunit_frag() {
	{
		echo "CONFIG_KUNIT=y"
		git -C "$tree" diff ltt-base HEAD -- '*Kconfig*' | awk '
			/^\+[[:space:]]*(menu)?config [A-Z0-9_]+/ { sym = $2; next }
			/^\+[[:space:]]*depends on/ && sym != "" &&
			    /(^|[^A-Z0-9_])KUNIT([^A-Z0-9_]|$)/ { print "CONFIG_" sym "=y"; sym = "" }
			/^[^+]/ { sym = "" }'
	} > "$1"
}

# count GROUP VERDICT: how many results of GROUP (kunit, kselftest) with
# VERDICT the boot reported, one per test case (the suite- or
# program-level lines, "all N suites reported", are not cases).
count() {
	local re
	case $1 in
	kunit) re="^$2: kunit: [A-Za-z0-9_]+\." ;;
	kselftest) re="^$2: kselftest: [^ :]+: " ;;
	esac
	grep -cE "$re" "$d/boot/results.txt" 2>/dev/null
}

# group NAME VERDICT-PATTERN TITLE: one result line for the boot's
# results matching PATTERN; its failures below it.
group() {
	local n=$1 pat=$2 title=$3 fails
	fails=$(grep -E "^FAIL: ($pat)" "$d/boot/results.txt" 2>/dev/null)
	if [ -z "$fails" ]; then
		ltt_result PASS "batch $n: $title"
		return 0
	fi
	ltt_result FAIL "batch $n: $title" "$(echo "$fails" | wc -l) failed"
	echo "$fails" | head -10 | sed 's/^/    /'
	return 1
}

# What each tested batch gave, for the result file.
declare -A row=()
rows=()

write_results() {
	local state=$1 b
	{
		echo "# Written by: scripts/batch-test.sh $first-$last"
		echo "# Each review batch's mbox (scripts/batches.sh) applied with git am on"
		echo "# top of the earlier ones on a clean base, built (test configuration +"
		echo "# scripts/config/imv.config, no KASAN, with ccache; build: seconds),"
		echo "# booted once under single-threaded TCG with -icount, running every"
		echo "# KUnit suite and LTT kselftest the tree has at that boundary, and the"
		echo "# immediate values' stress after a batch that changes them (boot:"
		echo "# seconds, initramfs and kselftest build included). Counts are test"
		echo "# cases passed/failed/skipped; - is a group the boundary does not have."
		echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "series: $series_id"
		echo "host: $(nproc) CPUs, $(qemu-system-x86_64 --version | head -1)"
		echo "batches: $first-$last of $nbatch ($state)"
		echo
		printf '%-5s %-7s %-7s %6s %6s %-14s %-14s %s\n' batch patches verdict \
			build boot "kunit p/f/s" "kselftest p/f/s" "imv stress"
		for b in "${rows[@]}"; do echo "${row[$b]}"; done
		echo
		for b in "${rows[@]}"; do echo "${row[$b.patches]}"; done
		echo
		echo "total: $(($(date +%s) - t0))s"
	} > "$file"
}

for ((n = 1; n <= last; n++)); do
	nn=$(printf '%02d' "$n")
	cover=$LTT_TOP/batches/$nn.cover
	mbox=$res/mbox/batch-$nn.mbox
	pa=$(ltt_series | grep -nxF "$(sed -n 's/^First: //p' "$cover")" | cut -d: -f1)
	pb=$(ltt_series | grep -nxF "$(sed -n 's/^Last: //p' "$cover")" | cut -d: -f1)
	prev=$(git -C "$tree" rev-parse HEAD)
	# --empty=drop passes over the cover letter, as scripts/batches.sh -c.
	if ! ltt_git -C "$tree" am -q --empty=drop "$mbox" > "$res/am-$nn.log" 2>&1; then
		ltt_result FAIL "batch $n: git am of batch-$nn.mbox" "$(head -3 "$res/am-$nn.log")"
		failed=1
		break
	fi
	got=$(git -C "$tree" rev-list --count "$prev..HEAD")
	if [ "$got" -ne $((pb - pa + 1)) ]; then
		ltt_result FAIL "batch $n: git am of batch-$nn.mbox" \
			"$got commits, patches $pa-$pb are $((pb - pa + 1))"
		failed=1
		break
	fi
	[ "$n" -ge "$first" ] || continue

	d=$res/$nn
	mkdir -p "$d"
	verdict=PASS
	ltt_result PASS "batch $n: git am of batch-$nn.mbox, patches $pa-$pb"

	# The boundary's configuration fragments.
	symbols
	frags=()
	if [ ! -f "$tree/tools/testing/selftests/ltt/config" ]; then
		cut_frag "$LTT_TOP/tools/testing/selftests/ltt/config" "$d/selftests.config"
		frags+=(-c "$d/selftests.config")
	fi
	cut_frag "$LTT_TOP/scripts/config/imv.config" "$d/imv.config"
	kunit_frag "$d/kunit.config"
	frags+=(-c "$d/imv.config" -c "$d/kunit.config")

	# -w: W=1, as the suite builds its stress kernel in this directory,
	# so that neither rebuilds the other's objects (and ccache serves
	# both).
	tb=$(date +%s)
	if "$LTT_TOP/scripts/build.sh" -w -s "$tree" -o "$kout" "${frags[@]}" > "$d/build.log" 2>&1; then
		build_s=$(($(date +%s) - tb))
		ltt_result PASS "batch $n: build" "${build_s}s"
	else
		build_s=$(($(date +%s) - tb))
		ltt_result FAIL "batch $n: build" "see $d/build.log"
		grep -E 'error|ltt: ' "$d/build.log" | head -10 | sed 's/^/    /'
		row[$n]=$(printf '%-5s %-7s %-7s %6s %6s %-14s %-14s %s' "$nn" "$pa-$pb" FAIL \
			"$build_s" - - - -)
		row[$n.patches]="$nn: $(sed -n 's/^First: //p' "$cover") .. $(sed -n 's/^Last: //p' "$cover")"
		rows+=("$n")
		failed=1
		write_results "running"
		continue
	fi

	# The immediate values' stress: where the tree has its module and
	# this batch changed immediate values.
	extra=()
	stress=-
	if grep -qx CONFIG_TEST_IMMEDIATE "$res/frag/symbols" &&
	   git -C "$tree" diff --name-only "$prev" HEAD | grep -q 'immediate'; then
		extra=(-x "$LTT_TOP/scripts/guest/imv-stress.sh")
	fi
	# No kselftests yet: the guest is not asked to run any (it would
	# report an empty run).
	ks=0 run=extra
	[ -d "$tree/tools/testing/selftests/ltt" ] && ks=1 run=kselftest,extra

	tb=$(date +%s)
	"$LTT_TOP/scripts/boot.sh" -s "$tree" -k "$kout" -i -t 1800 -o "$d/boot" \
		-r "$run" "${extra[@]}" > "$d/boot.log" 2>&1
	boot_s=$(($(date +%s) - tb))
	mkdir -p "$d/boot"
	[ -f "$d/boot/results.txt" ] ||
		echo "FAIL: boot: results -- boot.sh wrote none (see $d/boot.log)" > "$d/boot/results.txt"

	group "$n" "boot:" "boot (${boot_s}s under -icount)" || verdict=FAIL
	if ! group "$n" "kunit:" "KUnit, every suite ($(count kunit PASS) passed, $(count kunit FAIL) failed, $(count kunit SKIP) skipped)"; then
		verdict=FAIL
		# What KUnit said of the failed cases: its diagnostics.
		sed -e 's/\r$//' -e 's/^\[ *[0-9]*\.[0-9]*\] //' "$d/boot/console.log" |
			grep -E '^ +# .*(Expected|ASSERTION|EXPECTATION|[Ff]ail)' | head -10 | sed 's/^/    /'
	fi
	kunit="$(count kunit PASS)/$(count kunit FAIL)/$(count kunit SKIP)"
	kself=-
	if [ $ks -eq 1 ]; then
		group "$n" "kselftest:" "kselftests ($(count kselftest PASS) passed, $(count kselftest FAIL) failed, $(count kselftest SKIP) skipped)" ||
			verdict=FAIL
		kself="$(count kselftest PASS)/$(count kselftest FAIL)/$(count kselftest SKIP)"
	else
		ltt_result SKIP "batch $n: kselftests" "the tree has none at this boundary"
	fi
	if [ ${#extra[@]} -gt 0 ]; then
		if group "$n" "extra:" "immediate values' stress (imv-stress.sh)"; then
			stress=PASS
		else
			stress=FAIL
			verdict=FAIL
			grep -E '^FAIL: ' "$d/boot/guest/imv/results.txt" 2>/dev/null | sed 's/^/    /'
		fi
	fi
	ltt_result "$verdict" "batch $n: patches $pa-$pb"
	[ "$verdict" = PASS ] || failed=1
	row[$n]=$(printf '%-5s %-7s %-7s %6s %6s %-14s %-14s %s' "$nn" "$pa-$pb" "$verdict" \
		"$build_s" "$boot_s" "$kunit" "$kself" "$stress")
	row[$n.patches]="$nn: $(sed -n 's/^First: //p' "$cover") .. $(sed -n 's/^Last: //p' "$cover")"
	rows+=("$n")
	write_results "running, $n done"
done

write_results "$( [ $failed -eq 0 ] && echo "all passed" || echo "some failed")"
ltt_say "batch-test: $(($(date +%s) - t0))s; $file"
exit $failed
