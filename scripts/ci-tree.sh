#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bring the CI tree ($LTT_WORK/ci) to "base + the whole series", touching
# only the files that differ from what it held before, so that kbuild and
# ccache rebuild only what the series changed since the last run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$LTT_TOP/scripts/prepare-base.sh"
if ! git -C "$LTT_CI" rev-parse -q --verify ltt-base >/dev/null 2>&1 ||
   [ "$(git -C "$LTT_CI" rev-parse ltt-base)" != "$(git -C "$LTT_BASE" rev-parse ltt-base)" ]; then
	rm -rf "$LTT_CI"
	ltt_clone_base "$LTT_CI"
fi
cd "$LTT_CI"
ltt_git am --abort >/dev/null 2>&1 || true
ltt_git checkout -q -f -B ci ltt-base
ltt_git clean -q -fdx
ltt_apply_series "$LTT_CI"
ltt_say "CI tree at $(git rev-parse --short HEAD): $(git rev-list --count ltt-base..HEAD) patches"
