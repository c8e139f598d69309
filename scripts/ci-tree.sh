#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bring the CI tree ($LTT_WORK/ci) to "base + the whole series". A tree
# that already holds exactly that (scripts/bisect.sh leaves it so) is left
# alone: rewriting its files would make kbuild rebuild everything that
# includes a header the series touches.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LTT_TOP/scripts/prepare-base.sh"
if ltt_ci_tree_is_current; then
	ltt_say "CI tree already at base + series ($(git -C "$LTT_CI" rev-parse --short HEAD))"
	exit 0
fi
ltt_reset_ci_tree || ltt_die "cannot reset $LTT_CI"
ltt_apply_series "$LTT_CI"
ltt_mark_ci_tree
ltt_say "CI tree at $(git -C "$LTT_CI" rev-parse --short HEAD): $(git -C "$LTT_CI" rev-list --count ltt-base..HEAD) patches"
