#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make the developer's kernel git tree: the pristine base commit, then one
# commit per patch of the series applied with "git am". Work there as on
# any kernel branch (git rebase -i, git commit --fixup, git rebase
# --autosquash), then run scripts/export.sh to write the branch back into
# patches/, series and the top-level snapshot.
#
#   scripts/tree.sh [-f] [DIR]      DIR defaults to $LTT_TREE ($LTT_WORK/tree)
#
# An existing tree is only replaced with -f, so that unexported work is
# never thrown away by accident.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

force=0
[ "${1:-}" = "-f" ] && { force=1; shift; }
dir=${1:-$LTT_TREE}

"$LTT_TOP/scripts/prepare-base.sh"

if [ -e "$dir" ]; then
	[ $force -eq 1 ] || ltt_die "$dir exists; use -f to replace it (unexported commits are lost)"
	rm -rf "$dir"
fi
ltt_clone_base "$dir"
cd "$dir"
ltt_git checkout -q -b ltt ltt-base
ltt_apply_series "$dir"
ltt_say "tree ready: $dir (branch ltt, $(git rev-list --count ltt-base..HEAD) patches on ltt-base)"
