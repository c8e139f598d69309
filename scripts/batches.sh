#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Split the series into review batches of five, as mailed to maintainers:
# OUT/batch-NN/ holds "[PATCH n/m]"-numbered patches and a cover letter
# listing the batch's patches with their diffstat.
#
#   scripts/batches.sh [OUT]     OUT defaults to $LTT_WORK/batches
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:-$LTT_WORK/batches}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
"$LTT_TOP/scripts/prepare-base.sh"
ltt_clone_base "$tree/linux"
ltt_git -C "$tree/linux" checkout -q -b series ltt-base
ltt_apply_series "$tree/linux"

rm -rf "$out"
total=$(ltt_series | wc -l)
commits=($(git -C "$tree/linux" rev-list --reverse ltt-base..HEAD))
b=0
for ((i = 0; i < total; i += 5)); do
	b=$((b + 1))
	dir=$(printf '%s/batch-%02d' "$out" "$b")
	first=${commits[$i]}
	last=${commits[$((i + 4 < total ? i + 4 : total - 1))]}
	git -C "$tree/linux" format-patch -q --zero-commit --cover-letter \
		--subject-prefix="PATCH ltt batch $b" -o "$dir" "$first~1..$last"
	j=$((i + 4 < total ? i + 4 : total - 1))
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/LTT, patches $((i + 1))-$((j + 1)) of $total/" \
	       -e "s/\*\*\* BLURB HERE \*\*\*/Review batch $b of the LTT series (see Documentation\/trace\/ltt.rst)./" \
	       "$dir"/0000-cover-letter.patch
	ltt_say "batch $b: $(ls "$dir" | grep -vc cover-letter) patches in $dir"
done
