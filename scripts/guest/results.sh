# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the guest scripts that report checks of their own
# (ctf-test.sh, system-test.sh): LABEL names them in every line, OUT is
# where results.txt goes, L is the LTT control directory. Sets failed=1
# on any failure.

: > "$OUT/results.txt"
failed=0

result() {	# result PASS|FAIL WHAT [WHY]
	if [ $# -gt 2 ]; then
		line="$1: $LABEL: $2 -- $3"
	else
		line="$1: $LABEL: $2"
	fi
	echo "$line"
	echo "$line" >> "$OUT/results.txt"
	[ "$1" = PASS ] || failed=1
}

check() {	# check WHAT COMMAND...: PASS if COMMAND succeeds
	what=$1
	shift
	if "$@"; then result PASS "$what"; else result FAIL "$what" "$* failed"; fi
}

ctl() {		# ctl FILE VALUE: write one command to a control file, FAIL if refused
	if ! echo "$2" > "$1"; then
		result FAIL "write '$2' to ${1#"$L"/}" "refused"
		return 1
	fi
}
