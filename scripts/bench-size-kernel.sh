#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What CONFIG_LTT=y costs in kernel size. Builds vmlinux of the benchmark
# kernel of scripts/bench-events.sh (the test configuration, -Os from
# tinyconfig, jump labels, perf, no lock or preemption debugging, no LTT
# KUnit suites) twice from one tree: once as it is, with LTT built in
# (LTT's test and benchmark modules stay modules, outside vmlinux), and
# once with CONFIG_LTT=n (scripts/config --disable LTT, make
# olddefconfig). It fails unless the two configurations differ in
# CONFIG_LTT* lines only. Then compares the two vmlinux files:
#
#   sections   size -A of .text, .rodata, .data, .bss and of every other
#              section that changed, the four also less the padding that
#              aligns them to 2 MiB (.text's size -A does not move), and
#              the Berkeley size totals
#   symbols    the tree's scripts/bloat-o-meter, LTT=n -> LTT=y, and
#              where its total goes
#   classes    per event class (TRACE_EVENT()'s DECLARE_EVENT_CLASS()),
#              from nm -S of the LTT=y vmlinux: what include/trace/ltt.h
#              generates, ltt_probe_<class>() (the tracepoint probe),
#              ltt_fields_<class>() and its static field table (the
#              "fields" object that function returns, found in its
#              disassembly), and the two pointers it adds to every
#              event_class_<class>; next to ftrace's probe,
#              trace_event_raw_event_<class>(), and perf's,
#              perf_trace_<class>(), in the same vmlinux: number of
#              classes, total, mean and median bytes of each, the five
#              largest LTT probes
#   LTT core   size of the objects of kernel/trace/ltt/built-in.a
#
#   scripts/bench-size-kernel.sh [-s SRC] [-k PREFIX] [-b]
#     -s SRC      kernel tree (default $LTT_WORK/wt-bloat, a worktree of
#                 the developer tree $LTT_TREE, added at its branch ltt
#                 if missing; an existing one is used as it is)
#     -k PREFIX   build directories PREFIX-y (LTT=y) and PREFIX-n (LTT=n)
#                 (default $LTT_WORK/out/bloat)
#     -b          do not build, use PREFIX-y and PREFIX-n as they are
#
# Builds run $LTT_JOBS jobs (default: every CPU) through ccache; on a
# shared machine run the script under "nice -n 19" and LTT_JOBS=2.
#
# This is a measurement, not a test: it prints "bench: ..." lines and the
# report, also written to $LTT_WORK/results/bench-size-kernel.txt and
# copied to scripts/results/bench-size-kernel.txt of this checkout; the
# full bloat-o-meter output (plain and -c) is kept in
# $LTT_WORK/results/bench-size-kernel-bloat-o-meter.txt.
# Lists are cut with awk, not head: head leaves its writer to die of
# SIGPIPE, which pipefail and -e turn into the script's silent exit.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"
. "$scripts/bench-lib.sh"

src=$LTT_WORK/wt-bloat
prefix=$LTT_OUT/bloat
build=1
while getopts "s:k:b" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) prefix=$OPTARG ;;
	b) build=0 ;;
	*) sed -n '/^#   scripts/,/^# Builds/p' "$0" >&2; exit 2 ;;
	esac
done
if [ ! -e "$src" ] && [ "$src" = "$LTT_WORK/wt-bloat" ]; then
	ltt_say "bench: adding the worktree $src of $LTT_TREE at ltt"
	git -C "$LTT_TREE" worktree add -q --detach "$src" ltt
fi
src=$(readlink -f "$src")
[ -x "$src/scripts/bloat-o-meter" ] || ltt_die "$src is not a kernel tree"
[ -f "$src/include/trace/ltt.h" ] || ltt_die "$src has no include/trace/ltt.h"
outy=$prefix-y
outn=$prefix-n

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# As scripts/build.sh builds, so that both kernels carry the same banner.
export CCACHE_BASEDIR=$LTT_WORK
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=ltt KBUILD_BUILD_HOST=ltt

# LTT's KUnit suites and test modules put test code in vmlinux when they
# are built in: off, as in scripts/bench-events.sh. Tristate ones stay
# modules.
off=()
while read -r sym type; do
	case $sym in
	LTT_*TEST*|LTT_*BENCH*|LTT_*STRESS*)
		[ "$type" = bool ] && off+=("# CONFIG_$sym is not set") ;;
	esac
done < <(awk '/^config / { name = $2; next }
	name != "" && $1 ~ /^(bool|tristate)$/ { print name, $1; name = "" }' \
	"$src/kernel/trace/ltt/Kconfig")

ty=- tn=-
if [ $build -eq 1 ]; then
	t0=$SECONDS
	ltt_bench_kernel "$src" "$outy" 1 0 "${LTT_BENCH_EVENTS_CONFIG[@]}" "${off[@]}"
	ty=$((SECONDS - t0))
	ltt_say "bench: built $outy in $ty s"
fi
[ -f "$outy/vmlinux" ] || ltt_die "no vmlinux in $outy (build without -b)"
outy=$(readlink -f "$outy")
grep -qx 'CONFIG_LTT=y' "$outy/.config" || ltt_die "$outy has no CONFIG_LTT=y"
if grep -E '^CONFIG_LTT_[A-Z0-9_]*(TEST|BENCH|STRESS)[A-Z0-9_]*=y' "$outy/.config" >&2; then
	ltt_die "$outy has LTT tests or benchmarks built in"
fi

if [ $build -eq 1 ]; then
	t0=$SECONDS
	mkdir -p "$outn"
	cp "$outy/.config" "$outn/.config"
	"$src/scripts/config" --file "$outn/.config" --disable LTT
	mk=(make -C "$src" O="$outn" CC="ccache gcc" -j"$LTT_JOBS" -s)
	"${mk[@]}" olddefconfig >/dev/null
fi
[ -f "$outn/.config" ] || ltt_die "no .config in $outn (build without -b)"
outn=$(readlink -f "$outn")

# The two configurations differ in CONFIG_LTT* lines only.
diff "$outy/.config" "$outn/.config" > "$tmp/config.diff" || true
sed -n 's/^[<>] //p' "$tmp/config.diff" |
	grep -v -E '^(CONFIG_LTT(_[A-Z0-9_]*)?=.*|# CONFIG_LTT(_[A-Z0-9_]*)? is not set)$' \
	> "$tmp/config.other" || true
if [ -s "$tmp/config.other" ]; then
	sed 's/^/  /' "$tmp/config.diff" >&2
	ltt_die "the LTT=n configuration differs from the LTT=y one in more than CONFIG_LTT*"
fi
grep -qx '# CONFIG_LTT is not set' "$outn/.config" || ltt_die "$outn has LTT"

if [ $build -eq 1 ]; then
	ltt_say "bench: building $(basename "$src") with LTT=n in $outn"
	"${mk[@]}" vmlinux
	tn=$((SECONDS - t0))
	ltt_say "bench: built $outn in $tn s"
fi
[ -f "$outn/vmlinux" ] || ltt_die "no vmlinux in $outn (build without -b)"

results=$LTT_WORK/results
mkdir -p "$results"
txt=$results/bench-size-kernel.txt
bom=$results/bench-size-kernel-bloat-o-meter.txt

# hex() for awk: mawk has no strtonum().
hex='function hex(s,  i, n) {
	n = 0
	for (i = 1; i <= length(s); i++)
		n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
	return n
}'
# syms VMLINUX: the symbols bloat-o-meter counts (with a size, of the
# types it reads, less those it skips), "addr size type name", the size
# in decimal.
syms() {
	nm -S --defined-only "$1" | awk "$hex"'
		NF == 4 && $3 ~ /^[tTdDbBrRvVwW]$/ &&
		$4 !~ /^(__mod_|__se_sys|__se_compat_sys|__addressable_)/ &&
		$4 != "linux_banner" && $4 != "vermagic" { print $1, hex($2), $3, $4 }'
}
syms "$outy/vmlinux" > "$tmp/y.nm"
syms "$outn/vmlinux" > "$tmp/n.nm"

# cfg FILE SYM: the value of CONFIG_SYM in FILE, n when unset.
cfg() {
	sed -n "s/^CONFIG_$2=//p" "$1" | grep . || echo n
}

# The field tables: the data symbol whose address each ltt_fields_<class>()
# loads ("class address"), from its disassembly.
# (mawk knows no {8}.)
h8='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
objdump -d --no-show-raw-insn -j .text "$outy/vmlinux" | awk -v re="ffffffff$h8" '
	/^[0-9a-f]+ <[^>]*>:$/ {
		cur = ""
		if ($2 ~ /^<ltt_fields_/) {
			cur = substr($2, 13)
			sub(/[.>].*/, "", cur)
		}
		next
	}
	cur != "" {
		s = $0
		sub(/^ *[0-9a-f]+:/, "", s)
		while (match(s, re)) {
			print cur, substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
		}
	}' > "$tmp/fields.refs"

# Per event class: "class probe fields table ftrace perf pfx_probe", bytes,
# "-" where the class has none. A class is one with an ltt_probe_ or
# ltt_fields_; symbols at one address (folded aliases) count once; a
# suffix such as .constprop.0 or .cold counts toward its function.
awk '
	FNR == 1 { f++ }
	f == 1 { ref[$1] = ref[$1] " " $2; next }
	f == 2 && $3 ~ /^[dDrRbB]$/ { data[$1] = $2; dname[$1] = $4; next }
	f == 3 {
		n = $4; sz = $2
		k = ""
		if (n ~ /^ltt_probe_/) { k = "P"; c = substr(n, 11) }
		else if (n ~ /^ltt_fields_/) { k = "F"; c = substr(n, 12) }
		else if (n ~ /^do_trace_event_raw_event_/) { k = "T"; c = substr(n, 26) }
		else if (n ~ /^trace_event_raw_event_/) { k = "T"; c = substr(n, 23) }
		else if (n ~ /^perf_trace_/) { k = "R"; c = substr(n, 12) }
		if (k == "")
			next
		sub(/\..*/, "", c)
		if (seen[k, $1]++)
			next
		v[k, c] += sz
		if (k == "P" || k == "F")
			cls[c] = 1
	}
	END {
		for (c in cls) {
			# The table: the first loaded address that is a data symbol.
			t = "-"
			nr = split(ref[c], a, " ")
			for (i = 1; i <= nr; i++)
				if (a[i] in data) {
					t = data[a[i]]
					break
				}
			printf "%s", c
			printf " %s", ((("P", c) in v) ? v["P", c] : "-")
			printf " %s", ((("F", c) in v) ? v["F", c] : "-")
			printf " %s", t
			printf " %s", ((("T", c) in v) ? v["T", c] : "-")
			printf " %s\n", ((("R", c) in v) ? v["R", c] : "-")
		}
	}' "$tmp/fields.refs" "$tmp/y.nm" "$tmp/y.nm" | sort > "$tmp/classes"

# The names of the field tables (for the accounting below).
awk 'FNR == 1 { f++ }
	f == 1 { want[$2] = 1; next }
	($1 in want) && $3 ~ /^[dDrRbB]$/ { print $1 }' \
	"$tmp/fields.refs" "$tmp/y.nm" | sort -u > "$tmp/tables.addr"

# stat COLUMN: "classes total mean median" of one column of the table.
stat() {
	awk -v c="$1" '$c != "-" { print $c }' "$tmp/classes" > "$tmp/col"
	if [ ! -s "$tmp/col" ]; then
		echo "0 0 - -"
		return
	fi
	echo "$(wc -l < "$tmp/col") $(awk '{ s += $1 } END { printf "%d %.1f\n", s, s / NR }' "$tmp/col")" \
		"$(ltt_median "$tmp/col")"
}

# sect VMLINUX: "section bytes used" for every section size -A lists,
# and "total". On x86_64 the linker aligns the entry text, the end of
# .text and the end of .bss to 2 MiB (PMD_SIZE), so that .text, for one,
# keeps its size when code is added: "used" is the size of .text,
# .rodata, .data and .bss less every hole of 4 KiB or more that no
# symbol covers and that ends on a 2 MiB boundary (the size itself for
# the other sections). Addresses are taken modulo 2^48, which awk's
# doubles hold exactly.
sect() {
	size -A -x "$1" | awk 'NF == 3 && $2 ~ /^0x/ { print $1, $2, $3 }' > "$tmp/sect.raw"
	nm -n -S "$1" | awk 'NF >= 3 && $1 ~ /^[0-9a-f]+$/' > "$tmp/sect.nm"
	awk "$hex"'
		function low(x) {
			sub(/^0x/, "", x)
			return hex(length(x) > 12 ? substr(x, length(x) - 11) : x)
		}
		FNR == 1 { f++ }
		f == 1 {
			name[++ns] = $1; len[ns] = hex(substr($2, 3)); base[ns] = low($3)
			if ($1 ~ /^\.(text|rodata|data|bss)$/) {
				m[ns] = 1; cover[ns] = base[ns]
			}
			next
		}
		{
			a = low($1); z = a + (NF == 4 ? hex($2) : 0)
			for (i = 1; i <= ns; i++) {
				if (!(i in m) || a < base[i] || a >= base[i] + len[i])
					continue
				if (a - cover[i] >= 4096 && a % 2097152 == 0)
					hole[i] += a - cover[i]
				if (z > cover[i])
					cover[i] = z
			}
		}
		END {
			for (i = 1; i <= ns; i++) {
				e = base[i] + len[i]
				if ((i in m) && e - cover[i] >= 4096 && e % 2097152 == 0)
					hole[i] += e - cover[i]
				print name[i], len[i], len[i] - hole[i]
				t += len[i]; u += len[i] - hole[i]
			}
			print "total", t, u
		}' "$tmp/sect.raw" "$tmp/sect.nm"
}
sect "$outn/vmlinux" > "$tmp/n.sect"
sect "$outy/vmlinux" > "$tmp/y.sect"

# The names of the symbols of kernel/trace/ltt/*.o, as bloat-o-meter
# names them (less any .NUMBER).
nm --defined-only "$outy/kernel/trace/ltt/built-in.a" 2>/dev/null |
	awk 'NF == 3 { n = $3; gsub(/\.[0-9]+/, "", n); print n }' | sort -u > "$tmp/core.names"

"$src/scripts/bloat-o-meter" "$outn/vmlinux" "$outy/vmlinux" > "$tmp/bom"
"$src/scripts/bloat-o-meter" -c "$outn/vmlinux" "$outy/vmlinux" > "$tmp/bom-c"
{
	echo "bloat-o-meter $outn/vmlinux (LTT=n) $outy/vmlinux (LTT=y)"
	cat "$tmp/bom"
	echo
	echo "bloat-o-meter -c"
	cat "$tmp/bom-c"
} > "$bom"
bom_total=$(sed -n 's/^add\/remove: .* (\(-*[0-9]*\))$/\1/p' "$tmp/bom" | head -n 1)

rev=$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null || echo '?')
dirty=$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null | head -n 1)
ycfg=$outy/.config
{
	echo "bench-size-kernel: what CONFIG_LTT=y costs in vmlinux size, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "tree: $src at $rev$([ -n "$dirty" ] && echo " (modified)")" \
		"\"$(git -C "$src" log -1 --format=%s 2>/dev/null || echo '?')\""
	echo "compiler: $(cfg "$ycfg" CC_VERSION_TEXT | tr -d '"');" \
		"$(ld --version | head -n 1)"
	echo "kernel: the benchmark kernel of scripts/bench-events.sh, x86_64," \
		"$([ "$(cfg "$ycfg" CC_OPTIMIZE_FOR_SIZE)" = y ] && echo -Os || echo -O2)," \
		"$([ "$(cfg "$ycfg" JUMP_LABEL)" = y ] && echo with || echo without) jump labels," \
		"$([ "$(cfg "$ycfg" PROVE_LOCKING)" = y ] && echo with || echo without) lock debugging"
	printf '  '
	for s in EVENT_TRACING FTRACE FTRACE_SYSCALLS FUNCTION_TRACER DYNAMIC_FTRACE \
		 KPROBE_EVENTS BPF_EVENTS PERF_EVENTS RING_BUFFER IMMEDIATE PREEMPT SMP \
		 KALLSYMS KALLSYMS_ALL MODULES KUNIT CALL_PADDING DEBUG_INFO; do
		printf '%s=%s ' "$s" "$(cfg "$ycfg" "$s")"
	done
	echo
	echo "  LTT=y kernel: $(grep -E '^CONFIG_LTT' "$ycfg" | sed 's/^CONFIG_//' | tr '\n' ' ')"
	echo "  LTT=n kernel: the same less CONFIG_LTT* (checked: no other line of .config differs)"
	[ "$ty" != - ] && echo "  built in this run: LTT=y $ty s (bzImage and modules), LTT=n $tn s (vmlinux)"
	echo "  builds: $outy, $outn"
	echo

	echo "sections (bytes)                  size -A                     in use (less 2 MiB alignment)"
	printf '  %-18s %10s %10s %8s   %10s %10s %8s\n' "" LTT=n LTT=y delta LTT=n LTT=y delta
	awk 'FNR == 1 { f++ }
		f == 1 { n[$1] = $2; nu[$1] = $3; if (!($1 in o)) { o[$1] = 1; name[++no] = $1 }; next }
		{ y[$1] = $2; yu[$1] = $3; if (!($1 in o)) { o[$1] = 1; name[++no] = $1 } }
		function row(t, s, u) {
			printf "  %-18s %10d %10d %+8d", t, n[s], y[s], y[s] - n[s]
			if (u)
				printf "   %10d %10d %+8d", nu[s], yu[s], yu[s] - nu[s]
			printf "\n"
		}
		END {
			split(".text .rodata .data .bss", main, " ")
			for (i = 1; i <= 4; i++) {
				row(main[i], main[i], 1)
				done[main[i]] = 1
			}
			done["total"] = 1
			for (i = 1; i <= no; i++)
				if (!(name[i] in done) && n[name[i]] != y[name[i]])
					row(name[i], name[i], 0)
			row("all sections", "total", 1)
		}' "$tmp/n.sect" "$tmp/y.sect"
	echo "  (the other sections listed are those that changed)"
	read -r -a bn <<< "$(size -B -d "$outn/vmlinux" | awk 'NR == 2 { print $1, $2, $3, $4 }')"
	read -r -a by <<< "$(size -B -d "$outy/vmlinux" | awk 'NR == 2 { print $1, $2, $3, $4 }')"
	echo "  Berkeley size (every section, padding included):" \
		"text ${bn[0]} -> ${by[0]} ($(printf '%+d' $((by[0] - bn[0]))))," \
		"data ${bn[1]} -> ${by[1]} ($(printf '%+d' $((by[1] - bn[1]))))," \
		"bss ${bn[2]} -> ${by[2]} ($(printf '%+d' $((by[2] - bn[2]))))," \
		"dec ${bn[3]} -> ${by[3]} ($(printf '%+d' $((by[3] - bn[3]))))"
	echo

	echo "bloat-o-meter LTT=n -> LTT=y (full output: $bom)"
	head -n 1 "$tmp/bom" | sed 's/^/  /'
	grep '^Total:' "$tmp/bom" | sed 's/^/  /'
	paste -d ' ' <(printf '  %-9s\n' Functions: Data: "RO data:") \
		<(grep '^add/remove' "$tmp/bom-c") <(grep '^Total:' "$tmp/bom-c")
	echo

	# Where the total goes: the symbols bloat-o-meter counts, by kind,
	# LTT=y less LTT=n (names without their .NUMBER, as it compares them).
	awk 'FNR == 1 { f++ }
		f == 1 { tab[$1] = 1; next }
		f == 2 { core[$1] = 1; next }
		{
			sz = $2; n = $4; gsub(/\.[0-9]+/, "", n)
			d = (f == 3 ? -sz : sz)
			if (n ~ /^ltt_probe_/) k = 1
			else if (n ~ /^ltt_fields_/) k = 2
			else if (f == 4 && ($1 in tab)) k = 3
			else if (n ~ /^event_class_/) {
				k = 4
				if (f == 3) ec[n] = 1
				else if (n in ec) { k = 4; ecold++ }
				else { k = 5; ecnew++ }
			} else if (n in core) k = 6
			else k = 7
			if (k == 4 && f == 3) {
				eo[n] = sz; next
			}
			if (k == 4) {
				sum[4] += sz - eo[n]; next
			}
			sum[k] += d
		}
		END {
			fmt = "  %-70s %+8d\n"
			print "where the bloat-o-meter total goes (bytes, LTT=n -> LTT=y)"
			printf fmt, "ltt_probe_<class>()", sum[1]
			printf fmt, "ltt_fields_<class>()", sum[2]
			printf fmt, "their field tables", sum[3]
			printf fmt, sprintf("event_class_<class> of the %d classes of both (%.1f bytes more each)", \
				ecold, ecold ? sum[4] / ecold : 0), sum[4]
			printf fmt, sprintf("event_class_<class> of the %d classes only LTT=y has (LTT%ss own)", \
				ecnew, "\047"), sum[5]
			printf fmt, "other symbols with names of kernel/trace/ltt/*.o symbols", sum[6]
			printf fmt, "everything else", sum[7]
			for (k = 1; k <= 7; k++)
				t += sum[k]
			printf fmt, "total", t
		}' "$tmp/tables.addr" "$tmp/core.names" "$tmp/n.nm" "$tmp/y.nm" > "$tmp/where"
	cat "$tmp/where"
	t=$(awk '$1 == "total" { print $2 + 0 }' "$tmp/where")
	[ "$t" = "$bom_total" ] || echo "  (bloat-o-meter says $bom_total: the accounting is off)"
	# bom ROWS: bloat-o-meter rows "name old new delta", not the header.
	bom() { awk 'NR > 2 && !/^Total:/' "$tmp/bom"; }
	echo "  largest of the kernel/trace/ltt/*.o names:"
	bom | awk 'FNR == NR { core[$1] = 1; next }
		($1 in core) && $1 !~ /^(ltt_probe_|ltt_fields_|event_class_|fields$)/' "$tmp/core.names" - |
		sort -k4,4 -g -r | awk 'NR <= 6 { printf "    %-50s %6s %6s %+7d\n", $1, $2, $3, $4 }'
	echo "  largest changes of everything else, up and down:"
	bom | awk 'FNR == NR { core[$1] = 1; next }
		!($1 in core) && $1 !~ /^(ltt_probe_|ltt_fields_|event_class_|fields$)/' \
		"$tmp/core.names" - > "$tmp/else"
	{
		sort -k4,4 -g -r "$tmp/else" | awk '$4 > 0 && ++n <= 5'
		sort -k4,4 -g "$tmp/else" | awk '$4 < 0 && ++n <= 5'
	} | awk '{ printf "    %-50s %6s %6s %+7d\n", $1, $2, $3, $4 }'
	echo

	read -r -a sp <<< "$(stat 2)"
	read -r -a sf <<< "$(stat 3)"
	read -r -a st <<< "$(stat 4)"
	read -r -a sft <<< "$(stat 5)"
	read -r -a spf <<< "$(stat 6)"
	echo "per event class (nm -S of the LTT=y vmlinux): ${sp[0]} classes with an LTT probe"
	printf '  %-44s %8s %9s %8s %8s\n' "" classes total mean median
	line() { printf '  %-44s %8s %9s %8s %8s\n' "$1" "$2" "$3" "$4" "$5"; }
	line "LTT ltt_probe_<class>()" "${sp[@]}"
	line "LTT ltt_fields_<class>()" "${sf[@]}"
	line "LTT field table (static in ltt_fields_)" "${st[@]}"
	awk '$2 != "-" && $3 != "-" && $4 != "-" { print $2 + $3 + $4 }' "$tmp/classes" > "$tmp/sum"
	line "LTT, the three together" "$(wc -l < "$tmp/sum")" \
		"$(awk '{ s += $1 } END { print s + 0 }' "$tmp/sum")" \
		"$(awk '{ s += $1 } END { printf "%.1f\n", NR ? s / NR : 0 }' "$tmp/sum")" \
		"$(ltt_median "$tmp/sum")"
	line "ftrace trace_event_raw_event_<class>()" "${sft[@]}"
	line "perf perf_trace_<class>()" "${spf[@]}"
	awk -v t="${sft[1]}" -v p="${spf[1]}" -v l="${sp[1]}" 'BEGIN {
		printf "  LTT probes / ftrace probes: %.3f, LTT probes / perf probes: %.3f\n",
			l / t, l / p }'
	kinds=(- - ltt_probe_ ltt_fields_ "field table" "ftrace probe" "perf probe")
	for c in 2 3 4 5 6; do
		awk -v c="$c" '$c == "-" { print $1 }' "$tmp/classes" > "$tmp/missing"
		if [ -s "$tmp/missing" ]; then
			echo "  classes without ${kinds[$c]}: $(tr '\n' ' ' < "$tmp/missing")"
		fi
	done
	echo "  largest LTT probes (bytes: LTT probe, fields + table; ftrace, perf probe):"
	sort -k2,2 -g -r "$tmp/classes" |
		awk 'NR <= 5 { printf "    %-36s %6s %6s   %6s %6s\n", $1, $2, $3 + $4, $5, $6 }'
	echo

	echo "LTT core: the objects of kernel/trace/ltt/built-in.a (size, bytes)"
	size -t "$outy/kernel/trace/ltt/built-in.a" > "$tmp/core"
	awk '$NF == "(TOTALS)" { printf "  text %d, data %d, bss %d, in all %d (%d objects)\n",
			$1, $2, $3, $4, n }
		$1 ~ /^[0-9]+$/ && $NF != "(TOTALS)" { n++ }' "$tmp/core"
	echo "  largest: $(awk '$1 ~ /^[0-9]+$/ && $NF != "(TOTALS)" { o = $6; sub(/.*\//, "", o)
		print $1, o }' "$tmp/core" | sort -g -r |
		awk 'NR <= 5 { printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }') (text)"
	nm -S --defined-only "$outy/kernel/trace/ltt/built-in.a" 2>/dev/null |
		awk "$hex"'NF == 4 && $4 ~ /^ltt_(probe|fields)_/ { s += hex($2)
			if ($4 ~ /^ltt_probe_/) n++ }
		END { printf "  of which the probes and field functions of LTT'"'"'s own %d event" \
			" classes (counted above too): %d bytes\n", n, s }'
	echo "  (text counts every read-only section of the objects, .rodata and init"
	echo "  code included)"
} > "$txt"

mkdir -p "$LTT_TOP/scripts/results"
cp "$txt" "$LTT_TOP/scripts/results/bench-size-kernel.txt"
sed 's/^/bench: /' "$txt"
