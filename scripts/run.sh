#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job: install what is missing, build the patched kernel, boot
# it in QEMU and show the tracer from inside the guest.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ltt_lock

"$LTT_TOP/scripts/deps.sh"
"$LTT_TOP/scripts/ci-tree.sh"
# The suite's kernel, built as scripts/test.sh builds it: after the suite,
# nothing is rebuilt.
"$LTT_TOP/scripts/build.sh" -w "${LTT_SUITE_CFG[@]}"
res=$LTT_WORK/results/run
rc=0
"$LTT_TOP/scripts/boot.sh" -r extra -x "$LTT_TOP/scripts/guest/show-tracer.sh" \
	-o "$res" -t 300 > "$res.report" 2>&1 || rc=$?
echo "---- inside the guest ----"
sed -n -e 's/\r$//' -e '/^LTT-EXTRA-BEGIN/,/^LTT-EXTRA-END/p' "$res/console.log" |
	grep -v '^LTT-EXTRA-\|^\[ *[0-9]'
echo "--------------------------"
grep '^FAIL' "$res.report" || true
# The trace, decoded on the host with no kernel image at hand.
if [ -d "$res/guest/trace" ]; then
	babeltrace2 "$res/guest/trace" > "$res/trace.txt" || rc=1
	echo "---- babeltrace2 $res/guest/trace (first 40 of $(wc -l < "$res/trace.txt") events, all in $res/trace.txt) ----"
	head -40 "$res/trace.txt"
fi
ltt_say "console log: $res/console.log"
exit $rc
