#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the series as the review batches maintainers read, five patches
# at a time at most: batches/NN.cover names each batch's first and last
# patch and holds its cover letter, written by hand. For batch NN this
# writes OUT/batch-NN.mbox, one thread: the cover letter, "[PATCH 00/M]
# SUBJECT (batch NN/B: patches a-b)", then the batch's patches numbered
# across the whole series ("[PATCH 06/M]"), each a reply to the cover,
# addressed to what scripts/get_maintainer.pl of the kernel tree says of
# the batch's patches (maintainers To:, lists Cc:).
#
# Checks, and fails unless, the batches cover the series in order with
# no gap or overlap and none has more than five patches. With -c it also
# proves that a maintainer can apply them: on a clean clone of the base,
# "git am --empty=drop" of each batch's mbox in turn (the option lets
# git am pass over the cover letter, which has no patch), then "b4 am"
# of the same mbox (Debian package b4) and "git am" of what b4 wrote, on
# another clean clone; both trees must end identical to the series.
#
#   scripts/batches.sh [-c] [OUT]      OUT defaults to $LTT_WORK/batches
set -euo pipefail
. "$(dirname "$0")/lib.sh"

check=0
if [ "${1:-}" = -c ]; then
	check=1
	shift
fi
out=${1:-$LTT_WORK/batches}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$LTT_TOP/scripts/prepare-base.sh"
ltt_clone_base "$tmp/linux"
ltt_git -C "$tmp/linux" checkout -q -b series ltt-base
ltt_apply_series "$tmp/linux"
ltt_git -C "$tmp/linux" format-patch -q --zero-commit -n -o "$tmp/all" \
	ltt-base..HEAD

covers=("$LTT_TOP"/batches/[0-9][0-9].cover)
nbatch=${#covers[@]}
total=$(ltt_series | wc -l)
rm -rf "$out"
mkdir -p "$out"
next=1
for cover in "${covers[@]}"; do
	n=$(basename "$cover" .cover)
	n=$((10#$n))
	# The files of the series the batch holds, for get_maintainer.pl.
	first=$(sed -n 's/^First: //p' "$cover")
	last=$(sed -n 's/^Last: //p' "$cover")
	a=$(ltt_series | grep -nxF "$first" | cut -d: -f1)
	b=$(ltt_series | grep -nxF "$last" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] || ltt_die "$cover: First/Last not in series"
	[ "$a" -eq "$next" ] || ltt_die "$cover: starts at patch $a, expected $next"
	[ $((b - a)) -lt 5 ] || ltt_die "$cover: $((b - a + 1)) patches, at most 5"
	next=$((b + 1))
	files=()
	for ((i = a; i <= b; i++)); do
		files+=("$tmp/all/$(printf '%04d' "$i")-"*.patch)
	done
	to=$(cd "$tmp/linux" && perl scripts/get_maintainer.pl --no-git \
		--no-git-fallback --no-rolestats --m --no-r --no-l --no-s \
		"${files[@]}" 2>/dev/null | paste -sd, - | sed 's/,/, /g')
	cc=$(cd "$tmp/linux" && perl scripts/get_maintainer.pl --no-git \
		--no-git-fallback --no-rolestats --no-m --r --l --no-s \
		"${files[@]}" 2>/dev/null | paste -sd, - | sed 's/,/, /g')
	if [ "$n" -eq 1 ]; then
		base="applies to Linux 6.12 as shipped in Debian's $LTT_KPKG $LTT_KPKG_VERSION"
	elif [ "$n" -eq 2 ]; then
		base="applies on top of batch 1"
	else
		base="applies on top of batches 1 to $((n - 1))"
	fi
	mbox=$(printf '%s/batch-%02d.mbox' "$out" "$n")
	/usr/bin/python3 "$LTT_TOP/scripts/host/batch-mbox.py" "$cover" \
		"$tmp/all" "$a" "$b" "$n" "$nbatch" "$to" "$cc" "$base" "$mbox"
	ltt_say "batch $n: patches $a-$b of $total, $mbox"
done
[ "$next" -eq $((total + 1)) ] ||
	ltt_die "the batches end at patch $((next - 1)) of $total"

[ "$check" -eq 1 ] || exit 0

want=$(git -C "$tmp/linux" rev-parse 'HEAD^{tree}')
for how in git-am b4; do
	tree=$tmp/am-$how
	ltt_clone_base "$tree"
	ltt_git -C "$tree" checkout -q -b review ltt-base
	for mbox in "$out"/batch-*.mbox; do
		if [ "$how" = git-am ]; then
			ltt_git -C "$tree" am -q --empty=drop "$mbox" ||
				ltt_die "git am of $(basename "$mbox") failed"
		else
			rm -rf "$tmp/b4"
			mkdir "$tmp/b4"
			# b4 warns "Thread incomplete!": the thread holds one
			# batch of a longer series, numbered across it.
			(cd "$tmp" && b4 -q --offline-mode am -n batch -o "$tmp/b4" \
				-m "$mbox" > "$tmp/b4.log" 2>&1) ||
				{ cat "$tmp/b4.log" >&2; ltt_die "b4 am of $(basename "$mbox") failed"; }
			ltt_git -C "$tree" am -q "$tmp/b4/batch.mbx" ||
				ltt_die "git am of what b4 made of $(basename "$mbox") failed"
		fi
	done
	got=$(git -C "$tree" rev-parse 'HEAD^{tree}')
	[ "$got" = "$want" ] || ltt_die "$how: the batches applied do not give the series"
	ltt_result PASS "batches: $how applies every batch in turn to the base, $total patches"
done
