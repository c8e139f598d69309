#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check the series as a maintainer would before reading it:
#
#  - series and patches/ list the same files;
#  - every patch has "Subject: [PATCH] ltt...: Summary", a changelog body
#    and a Signed-off-by;
#  - "quilt push -a" applies it to the pristine base with no fuzz and no
#    offset;
#  - the top-level snapshot is byte for byte what the series adds;
#  - scripts/checkpatch.pl --strict finds nothing in any patch.
#
# Prints one PASS:/FAIL: line per check and exits non-zero if any failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$LTT_TOP/scripts/prepare-base.sh" || ltt_die "no base tree"
cd "$LTT_TOP"
failed=0
pass() { ltt_result PASS "$@"; }
fail() { ltt_result FAIL "$@"; failed=1; }

# --- series and patches/ agree
listed=$(ltt_series | sort)
present=$(cd patches && ls -- *.patch 2>/dev/null | sort)
if [ -z "$listed" ]; then
	fail "series: lists patches" "series is empty"
elif [ "$listed" != "$present" ]; then
	fail "series: matches patches/" \
		"$(diff <(echo "$listed") <(echo "$present") | grep '^[<>]' | tr '\n' ' ')"
elif [ -n "$(ltt_series | sort | uniq -d)" ]; then
	fail "series: no patch listed twice"
else
	pass "series: matches patches/ ($(echo "$listed" | wc -l) patches)"
fi

# --- per-patch form
for p in $(ltt_series); do
	f=patches/$p
	[ -f "$f" ] || continue
	why=""
	# One prefix per area, as in the kernel's history: ltt/AREA: for the
	# tracer, selftests/ltt: for its kselftests, tracing: and
	# sched/tracing: for the trace event headers it touches.
	grep -qE '^Subject: \[PATCH\] (ltt|immediate|x86/immediate|selftests/ltt|tracing|sched/tracing)(/[a-z0-9_-]+)*: [A-Z]' "$f" ||
		why="$why; Subject must be '[PATCH] ltt[/area]: Capitalised summary' (or immediate[/area]:, x86/immediate:, selftests/ltt:, tracing:, sched/tracing:)"
	# The changelog: lines between the headers and the Signed-off-by.
	body=$(awk '/^$/ && !h { h = 1; next } h && /^Signed-off-by:/ { exit }
		    h && /^---$/ { exit } h' "$f" | grep -c '[^[:space:]]')
	[ "$body" -ge 2 ] || why="$why; changelog body missing or one line"
	grep -q '^Signed-off-by: .* <.*@.*>' "$f" || why="$why; no Signed-off-by"
	if [ -z "$why" ]; then pass "form: $p"; else fail "form: $p" "${why#; }"; fi
done

# --- quilt applies cleanly on the base
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/patches"
for p in $(ltt_series); do
	[ -f "patches/$p" ] && ln -s "$LTT_TOP/patches/$p" "$work/tree/patches/$p"
done
ltt_series > "$work/tree/patches/series"
for p in $(ltt_series); do
	[ -f "patches/$p" ] && lsdiff --strip=1 "patches/$p"
done | sort -u | while IFS= read -r f; do
	[ -f "$LTT_BASE/$f" ] && cp --parents "$LTT_BASE/$f" "$work/tree" 2>/dev/null &&
		{ mkdir -p "$work/tree/$(dirname "$f")"; cp "$LTT_BASE/$f" "$work/tree/$f"; }
done
rm -rf "${work:?}/tree/${LTT_BASE#/}" "$work/tree/root" 2>/dev/null
out=$(cd "$work/tree" && quilt --quiltrc=/dev/null push -a --fuzz=0 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
	fail "quilt: push -a --fuzz=0" "$(echo "$out" | grep -iE 'fail|error|rej' | head -3 | tr '\n' ' ')"
elif echo "$out" | grep -qiE 'offset|fuzz'; then
	fail "quilt: no offset or fuzz" "$(echo "$out" | grep -iE 'offset|fuzz' | head -3 | tr '\n' ' ')"
else
	pass "quilt: push -a applies with no fuzz and no offset"
fi

# --- the snapshot equals what the series adds
if [ $rc -eq 0 ]; then
	added=$(cd "$work/tree" && for d in $LTT_SNAPSHOT_DIRS; do
		[ -d "$d" ] && find "$d" -type f; done | while IFS= read -r f; do
			[ -e "$LTT_BASE/$f" ] || echo "$f"; done | sort)
	snap=$(git ls-files --cached --others --exclude-standard -- $LTT_SNAPSHOT_DIRS |
		while IFS= read -r f; do [ -f "$f" ] && echo "$f"; done | sort)
	diffs=""
	for f in $(echo "$added" "$snap" | tr ' ' '\n' | sort -u); do
		if [ ! -f "$f" ]; then diffs="$diffs missing:$f"
		elif [ ! -f "$work/tree/$f" ]; then diffs="$diffs not-in-series:$f"
		elif ! cmp -s "$f" "$work/tree/$f"; then diffs="$diffs differs:$f"
		fi
	done
	if [ -n "$diffs" ]; then
		fail "snapshot: equals what the series adds" "$diffs (run scripts/export.sh)"
	else
		pass "snapshot: equals what the series adds ($(echo "$added" | grep -c .) files)"
	fi
fi

# --- checkpatch --strict
#
# checkpatch asks "does MAINTAINERS need updating?" of every patch that
# adds a file without touching MAINTAINERS. The first patch adds an entry
# for the immediate values, the first LTT patch one for all of LTT's
# paths; instead of that warning, check here that every
# file the series adds is covered by one of the entry's F: patterns.
# The immediate values the series adds first have their own entry.
fpats=$(awk '/^(LTT KERNEL TRACER|IMMEDIATE VALUES)$/ { e = 1; next }
	     e && /^$/ { e = 0; next }
	     e && /^F:/ { print $2 }' "$work/tree/MAINTAINERS" 2>/dev/null)
uncovered=""
# The patterns are words to split, not globs to expand against this tree.
set -f
for p in $(ltt_series); do
	[ -f "patches/$p" ] || continue
	for f in $(awk '/^new file mode/ { print prev } { prev = $0 }' "patches/$p" |
		   sed -n 's|^diff --git a/\(.*\) b/.*|\1|p'); do
		ok=0
		for pat in $fpats; do
			case "$pat" in
			*\**)	# a glob, as MAINTAINERS allows: F: dir/ltt_*.h
				# shellcheck disable=SC2254
				case "$f" in $pat) ok=1 ;; esac ;;
			*)	case "$f" in "$pat"|"$pat"*) [ "${pat%/}" != "$pat" ] || [ "$f" = "$pat" ] && ok=1 ;; esac ;;
			esac
		done
		[ $ok -eq 1 ] || uncovered="$uncovered $f"
	done
done
set +f
if [ -z "$fpats" ]; then
	fail "maintainers: LTT entry lists the tracer's files" "no 'LTT KERNEL TRACER' entry"
elif [ -n "$uncovered" ]; then
	fail "maintainers: LTT entry covers every added file" "$uncovered"
else
	pass "maintainers: LTT entry covers every added file"
fi

# One checkpatch run per patch, two at a time, and none for a patch that
# passed before: the verdict is kept under $LTT_WORK/checkpatch-passed,
# keyed by the patch and by checkpatch.pl with the files it reads.
cp_key=$(cd "$LTT_BASE" && cat scripts/checkpatch.pl scripts/spelling.txt \
	scripts/const_structs.checkpatch "$LTT_TOP/scripts/checkpatch.allow" |
	sha256sum | cut -c1-64)
cp_passed=$LTT_WORK/checkpatch-passed
mkdir -p "$cp_passed" "$work/checkpatch"
checkpatch_one() {	# checkpatch_one PATCH: its problems, then its total line
	cd "$LTT_BASE" && ./scripts/checkpatch.pl --strict --ignore FILE_PATH_CHANGES \
		--terse --showfile "$LTT_TOP/patches/$1" > "$work/checkpatch/$1" 2>&1
	echo "rc=$?" >> "$work/checkpatch/$1"
}
declare -A cp_keys
for p in $(ltt_series); do
	[ -f "patches/$p" ] || continue
	cp_keys[$p]=$({ echo "$cp_key"; cat "patches/$p"; } | sha256sum | cut -c1-64)
	[ -f "$cp_passed/${cp_keys[$p]}" ] && continue
	while [ "$(jobs -rp | wc -l)" -ge "$LTT_JOBS" ]; do wait -n; done
	checkpatch_one "$p" &
done
wait
for p in $(ltt_series); do
	[ -f "patches/$p" ] || continue
	if [ -f "$cp_passed/${cp_keys[$p]}" ]; then
		touch "$cp_passed/${cp_keys[$p]}"
		pass "checkpatch: $p" "passed before, unchanged"
		continue
	fi
	r=$work/checkpatch/$p
	# --terse prints nothing at all for a clean patch; else one line per
	# report ("FILE:LINE: TYPE: MESSAGE") and a "total:" line. Reports
	# listed in scripts/checkpatch.allow, with the reason, are accepted.
	total=$(grep '^total:' "$r")
	left=$(grep -v '^total:\|^rc=' "$r" | while IFS= read -r line; do
		grep -qxF -- "$(echo "$line" | sed 's/^\([^:]*\):[0-9]*: /\1: /')" \
			"$LTT_TOP/scripts/checkpatch.allow" || echo "$line"
	done)
	allowed=$(($(grep -cv '^total:\|^rc=' "$r") - $(echo -n "$left" | grep -c .)))
	if [ -z "$left" ] && { grep -qx 'rc=0' "$r" || [ "$allowed" -gt 0 ]; }; then
		if [ "$allowed" -gt 0 ]; then
			pass "checkpatch: $p" "$allowed report(s) accepted in scripts/checkpatch.allow"
		else
			pass "checkpatch: $p"
		fi
		: > "$cp_passed/${cp_keys[$p]}"
	else
		echo "$left" | sed 's/^/    /'
		fail "checkpatch: $p" "${total:-$(echo "$left" | head -1)}"
	fi
done
find "$cp_passed" -type f -mtime +14 -delete 2>/dev/null

exit $failed
