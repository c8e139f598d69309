#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The long form of the text-patching stress test (issue 19): build the
# stress kernel (scripts/config/imv.config: jump labels, kprobes, ftrace
# function tracing, x86-64 immediate values, lockdep) from the CI tree and
# boot it under -icount with the immediate values' KUnit suite, its
# torn-read case running ROUNDS rounds of imv_set(), then every patcher at
# once for SECONDS of guest time (scripts/guest/imv-stress.sh). The suite
# runs the short form: 32 rounds, 5 seconds (scripts/test.sh).
#
#   scripts/imv-stress.sh [-d SECONDS] [-r ROUNDS] [-s SRC] [-o DIR]
#     -d SECONDS  stress duration, guest time (default 300)
#     -r ROUNDS   torn-read rounds of the KUnit case (default 400)
#     -s SRC      kernel tree (default $LTT_WORK/ci, made by ci-tree.sh)
#     -o DIR      results (default $LTT_WORK/results/imv-stress)
#
# Under -icount a guest second is 10^9 instructions of both CPUs; on the
# project's machine the host takes about as long (see README).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

duration=300
rounds=400
src=$LTT_CI
res=$LTT_WORK/results/imv-stress
while getopts "d:r:s:o:" opt; do
	case $opt in
	d) duration=$OPTARG ;;
	r) rounds=$OPTARG ;;
	s) src=$OPTARG ;;
	o) res=$OPTARG ;;
	*) ltt_die "usage: $0 [-d SECONDS] [-r ROUNDS] [-s SRC] [-o DIR]" ;;
	esac
done
[[ $duration =~ ^[0-9]+$ && $rounds =~ ^[0-9]+$ ]] ||
	ltt_die "SECONDS and ROUNDS are whole numbers"
if [ "$src" = "$LTT_CI" ]; then
	ltt_ci_tree_is_current || "$LTT_TOP/scripts/ci-tree.sh" || ltt_die "no CI tree"
fi
# -w as scripts/test.sh builds it: the same flags, so neither rebuilds
# the other's objects.
"$LTT_TOP/scripts/build.sh" -w -s "$src" -o "$LTT_OUT/imv" \
	-c "$LTT_TOP/scripts/config/imv.config"
# The host limit: the guest's time, plus the boot and the KUnit suite.
limit=$((duration * 3 + rounds * 2 + 600))
exec "$LTT_TOP/scripts/boot.sh" -s "$src" -k "$LTT_OUT/imv" -i -l imv -r extra \
	-o "$res" -t "$limit" \
	-a "kunit.filter_glob=immediate immediate_kunit.torn_rounds=$rounds ltt.imv_stress=$duration" \
	-x "$LTT_TOP/scripts/guest/imv-stress.sh"
