#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A distribution's kernel with the series: Debian's own amd64
# configuration (package linux-config-6.12, config.amd64_none_amd64) plus
# CONFIG_LTT=y, on the CI tree (base + series).
#
#   scripts/distro-check.sh          compile the objects below (the suite)
#   scripts/distro-check.sh -a       build the whole vmlinux and modules,
#                                    and record the result in
#                                    scripts/results/distro-build.txt
#   scripts/distro-check.sh -t       compile with W=1 every object the
#                                    series touches, on the series and on
#                                    the pristine base, and record the
#                                    warnings the series adds in
#                                    scripts/results/distro-touched.txt
#                                    (see touched_check below)
#
# The test configuration has few event kinds and no BPF events, so it
# cannot see a TRACE_EVENT() expansion that breaks with them. The objects
# compiled here cover every way the kernel defines trace points, each
# expanded once more by include/trace/ltt.h:
#
#   kernel/sched/core.o          TRACE_EVENT, DECLARE_EVENT_CLASS and
#                                DEFINE_EVENT, bare DECLARE_TRACE (with BPF
#                                raw tracepoints, include/trace/bpf_probe.h)
#   kernel/entry/common.o        TRACE_EVENT_FN (raw_syscalls)
#   mm/mmap_lock.o               TRACE_EVENT_FN, DEFINE_EVENT_FN
#   kernel/trace/power-traces.o  DEFINE_EVENT_PRINT
#   drivers/i2c/i2c-core-smbus.o TRACE_EVENT_CONDITION
#   drivers/firewire/core-trace.o  DEFINE_EVENT_CONDITION, DEFINE_EVENT_PRINT,
#                                in a module
#   drivers/block/nbd.o          DEFINE_EVENT_WRITABLE, in a module
#   kernel/trace/trace_syscalls.o  the per-system-call events
#   kernel/trace/ltt/            the tracer (its syscall.c too)
#
# It also configures 32-bit x86 and checks that CONFIG_LTT cannot be set
# there. Prints one PASS:/FAIL: line per check; exits non-zero if any
# failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

mode=suite
case "${1:-}" in
"") ;;
-a) mode=all ;;
-t) mode=touched ;;
*) ltt_die "usage: $0 [-a | -t]" ;;
esac
# -a and -t are run by hand, not by scripts/test.sh (which holds the lock
# while the suite mode runs): they must not have the CI tree reset under
# them by a test run in the same LTT_WORK, nor reset it under one.
[ $mode = suite ] || ltt_lock
src=$LTT_CI
out=$LTT_OUT/distro
dcfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
[ -f "$dcfg" ] || ltt_die "$dcfg missing: run scripts/deps.sh"
ltt_ci_tree_is_current || "$LTT_TOP/scripts/ci-tree.sh" || ltt_die "no CI tree"

export CCACHE_BASEDIR=$LTT_WORK
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
# kmake TREE OUT ARG...: make in TREE, its output in OUT.
kmake() {
	local tree=$1 o=$2
	shift 2
	make -C "$tree" O="$o" CC="ccache gcc" -j"$LTT_JOBS" -s "$@"
}
mk=(kmake "$src" "$out")

# Debian signs modules with its own keys, which are not in the source
# package: build without them. Everything else is Debian's choice.
cfg=$(mktemp)
trap 'rm -f "$cfg"' EXIT
{
	xz -dc "$dcfg"
	echo 'CONFIG_LTT=y'
	echo 'CONFIG_SYSTEM_TRUSTED_KEYS=""'
	echo 'CONFIG_SYSTEM_REVOCATION_KEYS=""'
	echo '# CONFIG_MODULE_SIG_ALL is not set'
	echo '# CONFIG_DEBUG_INFO_BTF is not set'
} > "$cfg"
# distro_config TREE OUT: that configuration in OUT, made again only when
# its input changed (olddefconfig rewrites .config, and kbuild would then
# compile everything again).
distro_config() {
	mkdir -p "$2"
	cmp -s "$cfg" "$2/.config.ltt-input" && return 0
	cp "$cfg" "$2/.config" &&
		kmake "$1" "$2" olddefconfig >/dev/null 2>&1 &&
		cp "$cfg" "$2/.config.ltt-input"
}

# ---------------------------------------------------------------------------
# -t: W=1 on every object the series touches, set against the same objects
# on the pristine base.
#
# The objects: those of the kernel .c files the patches add or modify (the
# new side of their diff headers), and those of every kernel .c file that
# expands trace events (#define CREATE_TRACE_POINTS): the series adds a
# stage to TRACE_EVENT() (include/trace/ltt.h), so each of them compiles to
# something else with it. Only what Debian's configuration builds counts,
# and kbuild says what that is (touched_built). A module's object is
# compiled, not linked into its module: that is where the series can warn.
#
# W=1 over files from all over the kernel prints warnings that have nothing
# to do with the series, so the same objects are compiled on the pristine
# base (the commit tagged ltt-base in a clone of its own, the same
# configuration, a build directory of its own), and what the series adds
# is the difference. Warnings are compared on file, text and flag, not on
# line and column, which the series shifts in the files it patches. A
# warning in a file the series adds is its own, and is listed as such.
touched_tree=$LTT_WORK/distro-base
touched_out=$LTT_OUT/distro-touched	# not $out: W=1 there would make the
touched_bout=$LTT_OUT/distro-touched-base	# suite mode compile again

# The .c files the patches add or modify, and every file they add.
series_c_files() {
	ltt_series | while IFS= read -r p; do
		sed -n 's#^+++ b/\(.*\.c\)$#\1#p' "$LTT_TOP/patches/$p"
	done | sort -u
}
series_added_files() {
	ltt_series | while IFS= read -r p; do
		awk '/^--- \/dev\/null$/ { n = 1; next }
		     n && /^\+\+\+ b\// { print substr($2, 3) }
		     { n = 0 }' "$LTT_TOP/patches/$p"
	done | sort -u
}

# touched_built TREE OUT OBJ...: for each OBJ the configuration in OUT
# builds, print it and the name kbuild builds it by. Rather than guess from
# Kconfig names, ask kbuild: scripts/Makefile.build reads a directory's
# Makefile with the configuration as a build does, and a two-line makefile
# read after it prints what it found (objects, the parts of composite
# objects, lib-y; subdirectories). A directory counts only if kbuild
# descends into it from the top, which is also how "make dir/file.o"
# reaches it. Only the directories on the way to an OBJ are read, and
# those whose Makefile can name objects elsewhere (a ../ or an include:
# arch/x86/kvm builds virt/kvm/kvm_main.o as
# arch/x86/kvm/../../../virt/kvm/kvm_main.o, amdgpu the display code).
# "make run-command" runs the loop with the environment the top Makefile
# and arch/x86/Makefile export (BITS, CC...).
touched_built() {
	local tree=$1 o=$2 helper lst x d
	shift 2
	local -A want=() seen=() built=()
	local -a frontier=(.) deeper w
	for x in "$@" $(git -C "$tree" grep -l -E '\.\./|^[[:space:]]*-?include[[:space:]]' \
			-- '*/Makefile' '*/Kbuild' | sed 's#$#/x#'); do
		d=$(dirname "$x")
		while [ "$d" != . ] && [ -z "${want[$d]:-}" ]; do
			want[$d]=1
			d=$(dirname "$d")
		done
	done
	helper=$(mktemp)
	lst=$(mktemp)
	# shellcheck disable=SC2016 # make expands these, not the shell
	printf 'ltt-objs:\n\t@echo "obj $(obj) $(foreach x,$(filter %%.o,$(real-obj-y) $(real-obj-m) $(lib-y)),$(x)=$(patsubst $(CURDIR)/%%,%%,$(abspath $(x))))"\n\t@echo "sub $(obj) $(subdir-ym)"\n' > "$helper"
	while [ ${#frontier[@]} -gt 0 ]; do
		# shellcheck disable=SC2016 # make expands these, not the shell
		if ! kmake "$tree" "$o" run-command LTT_DIRS="${frontier[*]}" \
			LTT_OBJS_MK="$helper" KBUILD_RUN_COMMAND='for d in $(LTT_DIRS); do $(MAKE) -f $(srctree)/scripts/Makefile.build -f $(LTT_OBJS_MK) obj=$$d need-builtin=1 need-modorder=1 ltt-objs || exit 1; done' \
			> "$lst" 2> "$o/touched-built.err"; then
			ltt_say "reading the Makefiles failed: $(grep -v jobserver "$o/touched-built.err" | head -3)"
			rm -f "$helper" "$lst"
			return 1
		fi
		deeper=()
		while read -r -a w; do
			case ${w[0]:-} in
			obj)	for x in "${w[@]:2}"; do built[${x#*=}]=${x%%=*}; done ;;
			sub)	for x in "${w[@]:2}"; do
					if [ -n "${want[$x]:-}" ] && [ -z "${seen[$x]:-}" ]; then
						seen[$x]=1
						deeper+=("$x")
					fi
				done ;;
			esac
		done < "$lst"
		frontier=("${deeper[@]}")
	done
	rm -f "$helper" "$lst"
	for x in "$@"; do
		[ -z "${built[$x]:-}" ] || echo "$x ${built[$x]}"
	done
}

# touched_compile TREE OUT OBJ...: W=1, twenty objects a make, each make's
# output in OUT/touched-NNN.log.
touched_compile() {
	local tree=$1 o=$2 i n=0 batch=20
	shift 2
	local -a objs=("$@")
	for ((i = 0; i < ${#objs[@]}; i += batch)); do
		n=$((n + 1))
		ltt_say "$tree: batch $n of $(((${#objs[@]} + batch - 1) / batch))"
		# -k: an object that fails must not hide the others' verdicts;
		# --output-sync: two compilers' messages never interleave.
		kmake "$tree" "$o" W=1 -k --output-sync=target "${objs[@]:i:batch}" \
			> "$o/touched-$(printf %03d $n).log" 2>&1
	done
}

indent() { sed 's/^/  /'; }

# touched_warnings TREE OUT: every warning OUT's logs hold, its place cut
# down to the file, relative to the tree and without "dir/.." (the
# compiler names a source as make did, relative to OUT under
# CCACHE_BASEDIR, kernel-doc absolutely), text and flag kept; objtool's
# offsets into a function go too.
touched_warnings() {
	local tree=$1 o=$2 rel
	rel=$(realpath -m --relative-to="$o" "$tree")
	cat "$o/prepare-w1.log" "$o"/touched-[0-9]*.log 2>/dev/null |
		grep -E '(^|: )warning: ' |
		sed -E -e "s#^($tree|$rel)/##" -e 's#^\./##' \
		    -e ':a' -e 's#^(([^/: ]+/)*)[^/.: ][^/: ]*/\.\./#\1#' -e 'ta' \
		    -e 's#^([^: ]+):[0-9]+(:[0-9]+)?: warning: #\1: warning: #' \
		    -e '/: warning: objtool: /s#\+0x[0-9a-f]+#+0x..#g'
}

touched_check() {
	local start t0 t_series t_base rc=0 x f n_c n_ctp n_incl
	local -a cand touched_c ctp incl objs bobjs skipped_c host failed both_failed
	start=$(date +%s)
	local load0
	load0=$(cut -d' ' -f1-3 /proc/loadavg)

	# The pristine base, in a clone of its own: $LTT_BASE stays as
	# scripts/prepare-base.sh made it.
	if [ "$(git -C "$touched_tree" rev-parse -q --verify HEAD 2>/dev/null)" != \
	     "$(git -C "$LTT_BASE" rev-parse ltt-base)" ] ||
	   [ -n "$(git -C "$touched_tree" status --porcelain 2>/dev/null)" ]; then
		rm -rf "$touched_tree"
		if ! ltt_clone_base "$touched_tree" ||
		   ! ltt_git -C "$touched_tree" checkout -q -f ltt-base; then
			ltt_die "cannot clone the base into $touched_tree"
		fi
	fi

	# Fresh build directories: make prints a warning only when it
	# compiles, so what an earlier run left (objects, prepare's host
	# programs) would hide its warnings. ccache replays the compiler's
	# messages with the object: compiling again costs little.
	rm -rf "$touched_out" "$touched_bout"
	distro_config "$src" "$touched_out" || ltt_die "olddefconfig failed (series)"
	grep -qx 'CONFIG_LTT=y' "$touched_out/.config" || ltt_die "CONFIG_LTT=y did not stick"
	distro_config "$touched_tree" "$touched_bout" || ltt_die "olddefconfig failed (base)"

	mapfile -t touched_c < <(series_c_files)
	mapfile -t ctp < <(git -C "$src" grep -l -E \
		'^[[:space:]]*#[[:space:]]*define[[:space:]]+CREATE_TRACE_POINTS([[:space:]]|$)' -- '*.c')
	# A .c file that #includes one of those expands its trace events
	# too (kernel/sched/build_policy.c includes ext.c). The lookups go
	# through an array, not "| grep -q": under pipefail, grep leaving
	# early makes the writer's SIGPIPE fail the pipeline now and then.
	local -A is_ctp=()
	for f in "${ctp[@]}"; do is_ctp[$f]=1; done
	mapfile -t incl < <(git -C "$src" grep -E \
		'^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]+\.c"' -- '*.c' |
		sed -E 's/^([^:]+):.*"([^"]+)".*/\1 \2/' |
		while read -r f x; do
			x=$(cd "$src" && realpath -m --relative-to=. "$(dirname "$f")/$x")
			[ -z "${is_ctp[$x]:-}" ] || echo "$f"
		done | sort -u)
	mapfile -t cand < <(printf '%s\n' "${touched_c[@]}" "${ctp[@]}" "${incl[@]}" | sort -u)

	# make prepare, W=1 as the objects will be. It also builds the host
	# programs the series touches (modpost, objtool), whose warnings
	# count too.
	ltt_say "make prepare (series, base)"
	kmake "$src" "$touched_out" W=1 prepare > "$touched_out/prepare-w1.log" 2>&1 || {
		ltt_result FAIL "distro -t: make prepare" "$(grep -m1 -E 'error|Error' "$touched_out/prepare-w1.log")"
		return 1
	}
	kmake "$touched_tree" "$touched_bout" W=1 prepare > "$touched_bout/prepare-w1.log" 2>&1 || {
		ltt_result FAIL "distro -t: make prepare on the base" "$(grep -m1 -E 'error|Error' "$touched_bout/prepare-w1.log")"
		return 1
	}

	ltt_say "which of ${#cand[@]} files Debian's configuration builds"
	# objs: the objects, by the names make is asked for (kbuild's:
	# arch/x86/kvm/../../../virt/kvm/kvm_main.o); built: those names,
	# by file.
	local -A built=()
	local -a pairs
	mapfile -t pairs < <(touched_built "$src" "$touched_out" "${cand[@]/%.c/.o}")
	[ ${#pairs[@]} -gt 0 ] || { ltt_result FAIL "distro -t: objects" "kbuild named none"; return 1; }
	objs=() bobjs=()
	for x in "${pairs[@]}"; do
		f=${x%% *}
		built[$f]=${x#* }
		objs+=("${x#* }")
		# On the base, the objects whose source it has (not the files
		# the series adds).
		[ ! -f "$touched_tree/${f%.o}.c" ] || bobjs+=("${x#* }")
	done
	n_c=0 n_ctp=0 n_incl=0
	skipped_c=() host=()
	for f in "${touched_c[@]}"; do
		if [ -n "${built[${f%.c}.o]:-}" ]; then
			n_c=$((n_c + 1))
		elif [ -f "$touched_out/${f%.c}.o" ]; then
			host+=("$f")
		else
			skipped_c+=("$f")
		fi
	done
	for f in "${ctp[@]}"; do
		[ -z "${built[${f%.c}.o]:-}" ] || n_ctp=$((n_ctp + 1))
	done
	for f in "${incl[@]}"; do
		[ -z "${built[${f%.c}.o]:-}" ] || n_incl=$((n_incl + 1))
	done
	printf '%s\n' "${objs[@]}" > "$touched_out/touched-objects.txt"
	comm -23 <(printf '%s\n' "${cand[@]/%.c/.o}" | sort) <(printf '%s\n' "${!built[@]}" | sort) \
		> "$touched_out/touched-skipped.txt"
	ltt_say "${#objs[@]} objects: $n_c of ${#touched_c[@]} touched files, $n_ctp of ${#ctp[@]} that expand trace events, $n_incl of ${#incl[@]} that include one"

	t0=$(date +%s)
	touched_compile "$src" "$touched_out" "${objs[@]}"
	t_series=$(($(date +%s) - t0))
	t0=$(date +%s)
	touched_compile "$touched_tree" "$touched_bout" "${bobjs[@]}"
	t_base=$(($(date +%s) - t0))

	failed=() both_failed=()
	for x in "${objs[@]}"; do
		[ -f "$touched_out/$x" ] && continue
		if [ -f "$touched_tree/${x%.o}.c" ] && [ ! -f "$touched_bout/$x" ]; then
			both_failed+=("$x")
		else
			failed+=("$x")
		fi
	done

	local wb ws added new own cfgdiff syms
	wb=$(mktemp) ws=$(mktemp) added=$(mktemp)
	touched_warnings "$touched_tree" "$touched_bout" > "$wb"
	touched_warnings "$src" "$touched_out" > "$ws"
	series_added_files > "$added"
	new=$(comm -13 <(sort -u "$wb") <(sort -u "$ws"))
	own=$(sort -u "$ws" | awk -v added="$added" '
		BEGIN { while ((getline l < added) > 0) mine[l] = 1 }
		{ f = $0; sub(/: warning: .*/, "", f) }
		mine[f] || f ~ /^(kernel\/trace\/ltt\/|include\/linux\/ltt|include\/trace\/ltt\.h)/')
	# Like for like: the two configurations may differ only in the
	# options the series adds (and what those select).
	syms=$(ltt_series | while IFS= read -r p; do
		sed -n -E 's/^\+(menu)?config ([A-Z0-9_]+)$/\2/p' "$LTT_TOP/patches/$p"
	done | sort -u | paste -sd'|')
	cfgdiff=$(diff <(grep -v -E "^(# )?CONFIG_($syms)[= ]" "$touched_bout/.config") \
		       <(grep -v -E "^(# )?CONFIG_($syms)[= ]" "$touched_out/.config") | grep '^[<>]')

	local res=$LTT_TOP/scripts/results/distro-touched.txt verdict=PASS
	[ -z "$new" ] && [ ${#failed[@]} -eq 0 ] || verdict=FAIL
	mkdir -p "$(dirname "$res")"
	{
		echo "# scripts/distro-check.sh -t: the last W=1 compile of every object"
		echo "# the series touches, Debian's amd64 configuration + CONFIG_LTT=y,"
		echo "# with the series and on the pristine base."
		echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "base: $LTT_KPKG $(dpkg-query -W -f='${Version}' "$LTT_KPKG") (ltt-base $(git -C "$LTT_BASE" rev-parse --short=12 ltt-base))"
		echo "config: $(basename "$dcfg") from linux-config-6.12 $(dpkg-query -W -f='${Version}' linux-config-6.12)"
		echo "series: $(ltt_series_id | cut -c1-16) ($(ltt_series | wc -l) patches)"
		echo "compiler: $(gcc --version | head -1)"
		echo "objects compiled: ${#objs[@]} with the series, ${#bobjs[@]} on the base (the others are files the series adds)"
		echo "  .c files the series adds or modifies: ${#touched_c[@]}, built by the configuration: $n_c"
		echo "  .c files with #define CREATE_TRACE_POINTS (series tree): ${#ctp[@]}, built by the configuration: $n_ctp"
		echo "  .c files that #include one of those: ${#incl[@]} (${incl[*]}), built by the configuration: $n_incl"
		echo "skipped: $((${#cand[@]} - ${#objs[@]})) files the configuration does not build"
		echo "  (other architectures, samples, tools, options Debian leaves off), of which"
		echo "  files the series adds or modifies:"
		for f in "${skipped_c[@]}"; do echo "    $f"; done
		[ ${#host[@]} -eq 0 ] ||
			echo "  host programs the series touches, compiled by make prepare (their warnings counted): ${host[*]}"
		echo "duration: $(($(date +%s) - start)) s on $(nproc) cores (W=1 compile: series $t_series s, base $t_base s), niceness $(nice), LTT_JOBS=$LTT_JOBS, load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
		echo "configuration differences outside the series' options: $([ -z "$cfgdiff" ] && echo none || echo "$(echo "$cfgdiff" | wc -l) lines")"
		[ -z "$cfgdiff" ] || printf '%s\n' "$cfgdiff" | indent
		echo "W=1 warnings on the base:       $(wc -l < "$wb") lines, $(sort -u "$wb" | wc -l) distinct (file, text, flag)"
		echo "W=1 warnings with the series:   $(wc -l < "$ws") lines, $(sort -u "$ws" | wc -l) distinct"
		echo "new with the series (expected: none): $(printf '%s' "$new" | grep -c .)"
		[ -z "$new" ] || printf '%s\n' "$new" | indent
		echo "in files the series adds: $(printf '%s' "$own" | grep -c .)"
		[ -z "$own" ] || printf '%s\n' "$own" | indent
		echo "objects that fail with the series (and compile on the base): ${#failed[@]}"
		[ ${#failed[@]} -eq 0 ] || printf '%s\n' "${failed[@]}" | indent
		echo "objects that fail on both: ${#both_failed[@]}"
		[ ${#both_failed[@]} -eq 0 ] || printf '%s\n' "${both_failed[@]}" | indent
		echo "result: $verdict"
		echo "command: LTT_JOBS=$LTT_JOBS nice -n $(nice) scripts/distro-check.sh -t"
		echo "logs: $touched_out/{prepare-w1,touched-NNN}.log, $touched_bout/ likewise;"
		echo "  the objects and the files skipped: $touched_out/touched-{objects,skipped}.txt"
	} > "$res"
	rm -f "$wb" "$ws" "$added"
	cat "$res"

	if [ ${#failed[@]} -eq 0 ]; then
		ltt_result PASS "distro -t: ${#objs[@]} objects the series touches compile with W=1 ($((${#cand[@]} - ${#objs[@]})) not built by the configuration, skipped)"
	else
		ltt_result FAIL "distro -t: objects the series touches compile with W=1" "${failed[*]}"
		rc=1
	fi
	if [ -z "$new" ]; then
		ltt_result PASS "distro -t: W=1 adds no warning to the base's"
	else
		ltt_result FAIL "distro -t: W=1 adds no warning to the base's" \
			"$(printf '%s' "$new" | grep -c .) new: $(echo "$new" | head -1)"
		rc=1
	fi
	return $rc
}

if [ $mode = touched ]; then
	touched_check
	exit $?
fi

distro_config "$src" "$out" || ltt_die "olddefconfig failed"
grep -qx 'CONFIG_LTT=y' "$out/.config" || ltt_die "CONFIG_LTT=y did not stick"

if [ $mode = all ]; then
	res=$LTT_TOP/scripts/results/distro-build.txt
	mkdir -p "$(dirname "$res")"
	start=$(date +%s)
	rc=0
	"${mk[@]}" vmlinux modules > "$out/build.log" 2>&1 || rc=$?
	{
		echo "# scripts/distro-check.sh -a: the last whole build of Debian's"
		echo "# amd64 configuration + CONFIG_LTT=y with the series."
		echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
		echo "base: $LTT_KPKG $(dpkg-query -W -f='${Version}' "$LTT_KPKG")"
		echo "config: $(basename "$dcfg") from linux-config-6.12 $(dpkg-query -W -f='${Version}' linux-config-6.12)"
		echo "series: $(ltt_series_id | cut -c1-16) ($(ltt_series | wc -l) patches)"
		echo "duration: $(($(date +%s) - start)) s on $(nproc) cores"
		echo "modules built: $(find "$out" -name '*.ko' | wc -l)"
		echo "result: $([ $rc -eq 0 ] && echo success || echo "FAILED (make exit $rc)")"
		echo "errors and warnings:"
		grep -E 'error|warning' "$out/build.log" | head -50 | sed 's/^/  /'
	} > "$res"
	cat "$res"
	exit $rc
fi

rc=0
# 32-bit x86: CONFIG_LTT must not be selectable (its Kconfig help says why).
cfg32=$LTT_OUT/i386-config
mkdir -p "$cfg32"
if make -C "$src" O="$cfg32" ARCH=i386 -s defconfig > "$cfg32.log" 2>&1 &&
   "$src/scripts/config" --file "$cfg32/.config" -e DEBUG_FS -e LTT &&
   make -C "$src" O="$cfg32" ARCH=i386 -s olddefconfig >> "$cfg32.log" 2>&1; then
	if grep -q '^CONFIG_LTT=y' "$cfg32/.config"; then
		ltt_result FAIL "distro: i386 cannot enable CONFIG_LTT" "CONFIG_LTT=y stuck"
		rc=1
	else
		ltt_result PASS "distro: i386 cannot enable CONFIG_LTT"
	fi
else
	ltt_result FAIL "distro: i386 cannot enable CONFIG_LTT" "configuring i386 failed"
	rc=1
fi

objs=(kernel/sched/core.o kernel/entry/common.o mm/mmap_lock.o
      kernel/trace/power-traces.o drivers/i2c/i2c-core-smbus.o
      drivers/firewire/core-trace.o drivers/block/nbd.o
      kernel/trace/trace_syscalls.o kernel/trace/ltt/)
"${mk[@]}" prepare > "$out/prepare.log" 2>&1 ||
	{ ltt_result FAIL "distro: make prepare" "$(grep -m1 -E 'error|Error' "$out/prepare.log")"; exit 1; }
for o in "${objs[@]}"; do
	log=$out/$(echo "$o" | tr / _).log
	if "${mk[@]}" "$o" > "$log" 2>&1; then
		ltt_result PASS "distro: Debian amd64 config + CONFIG_LTT=y: $o"
	else
		ltt_result FAIL "distro: Debian amd64 config + CONFIG_LTT=y: $o" \
			"$(grep -c 'error:' "$log") errors, first: $(grep -m1 'error:' "$log")"
		rc=1
	fi
done
exit $rc
