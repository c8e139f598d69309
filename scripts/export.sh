#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the developer tree's branch back into the repository: one patch
# per commit since ltt-base into patches/, their order into series, and
# the files the series adds into the top-level snapshot.
#
#   scripts/export.sh [DIR]      DIR defaults to $LTT_TREE
#
# Patches carry no commit hash and no numeric prefix in their names, so
# that reordering or rewording one patch changes that patch only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dir=$(readlink -f "${1:-$LTT_TREE}")
git -C "$dir" rev-parse -q --verify ltt-base >/dev/null ||
	ltt_die "$dir is not a tree made by scripts/tree.sh"
[ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ] ||
	ltt_die "$dir has uncommitted changes; commit them first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$dir" format-patch -q --zero-commit --no-signature -N \
	--subject-prefix=PATCH -o "$tmp" ltt-base..HEAD

: > "$tmp/series"
for f in "$tmp"/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$f" ] || continue
	name=$(basename "$f" | sed 's/^[0-9]\{4\}-//')
	[ ! -e "$tmp/$name" ] || ltt_die "two patches would be named $name: reword one subject"
	mv "$f" "$tmp/$name"
	echo "$name" >> "$tmp/series"
done

rm -f "$LTT_TOP"/patches/*.patch
mkdir -p "$LTT_TOP/patches"
cp "$tmp"/*.patch "$LTT_TOP/patches/" 2>/dev/null || true
cp "$tmp/series" "$LTT_TOP/series"

# The snapshot: every file the series adds under the mirrored paths.
for d in $LTT_SNAPSHOT_DIRS; do
	rm -rf "${LTT_TOP:?}/$d"
done
git -C "$dir" diff --name-only --diff-filter=A ltt-base HEAD -- $LTT_SNAPSHOT_DIRS |
while IFS= read -r f; do
	mkdir -p "$LTT_TOP/$(dirname "$f")"
	git -C "$dir" show "HEAD:$f" > "$LTT_TOP/$f"
	# Keep the executable bit of scripts.
	[ "$(git -C "$dir" ls-tree HEAD -- "$f" | cut -c1-6)" != 100755 ] ||
		chmod +x "$LTT_TOP/$f"
done
ltt_say "exported $(wc -l < "$LTT_TOP/series") patches from $dir"
