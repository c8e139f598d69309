#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Turn a test guest's console log into PASS:/FAIL: lines.
#
#   scripts/parse-console.sh CONSOLE_LOG [QEMU_EXIT_CODE [ONLINE_CPUS]]
#
# Reads the KUnit KTAP output the kernel prints at boot, the kselftest TAP
# output and the extra-script markers scripts/guest/init prints, and the
# kernel's own complaints (oops, panic, BUG, WARNING, lockdep, KASAN).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

log=$1
qrc=${2:-0}
want_cpus=${3:-0-1}
[ -f "$log" ] || { ltt_result FAIL "boot: console log" "missing"; exit 1; }

# Strip the printk timestamp and carriage returns. The result is a file,
# not a shell variable piped to "grep -q": grep -q exits at its first
# match, the writer of the pipe then dies of SIGPIPE, and under pipefail
# the match reads as a miss, so on a long console an early oops or the
# whole kselftest section went unseen.
clean=$(mktemp)
trap 'rm -f "$clean"' EXIT
sed -e 's/\r$//' -e 's/^\[ *[0-9]*\.[0-9]*\] //' "$log" > "$clean"

# has PATTERN: does a line of the console match the extended regexp?
has() { grep -Eq -- "$1" "$clean"; }

# --- boot-level checks
if has '^LTT-GUEST-DONE'; then
	ltt_result PASS "boot: guest ran to completion"
else
	ltt_result FAIL "boot: guest ran to completion" \
		"no LTT-GUEST-DONE (qemu exit $qrc; timeout or crash)"
fi
if line=$(grep -m1 '^LTT-GUEST-TIMEOUT' "$clean"); then
	ltt_result FAIL "boot: guest time limit" "$line"
fi
if has '^reboot: Restarting system'; then
	ltt_result PASS "boot: guest shut down cleanly"
else
	ltt_result FAIL "boot: guest shut down cleanly" "no 'reboot: Restarting system'"
fi
# Every test that measures time needs a clocksource finer than jiffies.
if line=$(grep -m1 -E 'Marking TSC unstable|Switched to clocksource (refined-)?jiffies' "$clean"); then
	ltt_result FAIL "boot: TSC is the clocksource" "$line"
elif has 'Switched to clocksource tsc$'; then
	ltt_result PASS "boot: TSC is the clocksource"
else
	ltt_result FAIL "boot: TSC is the clocksource" "no 'Switched to clocksource tsc'"
fi
cpus=$(sed -n 's/^LTT-GUEST: .*online CPUs \(.*\)$/\1/p' "$clean")
if [ "$cpus" = "$want_cpus" ]; then
	ltt_result PASS "boot: CPUs $want_cpus online"
else
	ltt_result FAIL "boot: CPUs $want_cpus online" "online: '${cpus:-unknown}'"
fi
splat='Kernel panic|Oops|BUG:|WARNING:|general protection fault|Call Trace:|UBSAN:|KASAN:|possible recursive locking|possible circular locking|inconsistent lock state|suspicious RCU usage|INFO: task .* blocked'
if line=$(grep -Em1 -- "$splat" "$clean"); then
	ltt_result FAIL "boot: no oops, panic, BUG or WARNING" "$line"
else
	ltt_result PASS "boot: no oops, panic, BUG or WARNING"
fi

# --- KUnit: test cases are the results one level deep (four spaces).
awk '
	function result(line, depth,   ok, name, skip) {
		ok = (line !~ /^(    )*not ok /)
		name = line
		sub(/^ *(not )?ok [0-9]+ /, "", name)
		skip = (name ~ /# SKIP/)
		sub(/ *#.*$/, "", name)
		return (skip ? "SKIP" : (ok ? "PASS" : "FAIL")) "\t" name
	}
	/^KTAP version 1$/ && !seen { seen = 1; inktap = 1; next }
	/^LTT-GUEST/ { inktap = 0 }	# init started: KUnit is over
	!inktap { next }
	/^1\.\.[0-9]+$/ && !plan { plan = substr($0, 4) + 0; next }
	/^    # Subtest: / { suite = $3; next }
	/^    (not )?ok [0-9]+ / {
		split(result($0), r, "\t")
		if (r[1] == "SKIP") print "SKIP: kunit: " suite "." r[2]
		else print r[1] ": kunit: " suite "." r[2]
		next
	}
	/^(not )?ok [0-9]+ / {
		suites++
		if ($0 ~ /^not ok/) print "FAIL: kunit: suite " $4
		if (suites == plan) inktap = 0
		next
	}
	END {
		if (!seen) print "FAIL: kunit: suites ran -- no KTAP output on the console"
		else if (suites != plan) print "FAIL: kunit: all suites reported -- " suites + 0 " of " plan
		else print "PASS: kunit: all " plan " suites reported"
	}' "$clean"

# --- kselftests, between the markers scripts/guest/init prints.
if has '^LTT-KSELFTEST-BEGIN'; then
	sed -n '/^LTT-KSELFTEST-BEGIN/,/^LTT-KSELFTEST-END/p' "$clean" | awk '
	function close_prog() {
		if (prog == "") return
		if (!cases || cases != iplan)
			print "FAIL: kselftest: " prog " -- reported " cases " of " iplan " cases"
		prog = ""
	}
	/^1\.\.[0-9]+$/ { oplan = substr($0, 4) + 0; next }
	/^# selftests: / { close_prog(); prog = $3 " " $4; prog = $4; cases = 0; iplan = -1; next }
	/^# 1\.\.[0-9]+$/ && prog != "" && iplan < 0 { iplan = substr($0, 6) + 0; next }
	/^# (not )?ok [0-9]+ / && prog != "" {
		cases++
		name = $0; sub(/^# (not )?ok [0-9]+ /, "", name)
		skip = (name ~ /# SKIP/); sub(/ *#.*$/, "", name)
		v = skip ? "SKIP" : ($2 == "not" ? "FAIL" : "PASS")
		print v ": kselftest: " prog ": " name
		next
	}
	/^(not )?ok [0-9]+ selftests: / {
		progs++
		if ($1 == "not" && $0 !~ /# SKIP/) {
			name = $0; sub(/^not ok [0-9]+ selftests: /, "", name)
			print "FAIL: kselftest: " name " -- program failed"
		}
		close_prog()
		next
	}
	END {
		close_prog()
		if (progs != oplan)
			print "FAIL: kselftest: all programs reported -- " progs " of " oplan
		else
			print "PASS: kselftest: all " oplan " programs reported"
	}'
fi

# --- extra scripts: one result each, from their exit code.
sed -n 's/^LTT-EXTRA-END \(.*\) rc=\([0-9]*\)$/\1 \2/p' "$clean" |
while read -r name rc; do
	if [ "$rc" = 0 ]; then ltt_result PASS "extra: $name"
	else ltt_result FAIL "extra: $name" "exit $rc"; fi
done
for name in $(sed -n 's/^LTT-EXTRA-BEGIN //p' "$clean"); do
	has "^LTT-EXTRA-END $name rc=" ||
		ltt_result FAIL "extra: $name" "did not finish"
done
exit 0
