#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configure and build the test kernel.
#
#   scripts/build.sh [-s SRC] [-o OUT] [-c FRAGMENT]... [-k] [-n] [-w]
#
# SRC defaults to the CI tree ($LTT_WORK/ci), OUT to $LTT_WORK/out/kernel.
# The configuration is tinyconfig + scripts/config/qemu-x86_64.config +
# SRC/tools/testing/selftests/ltt/config (when the series provides it) +
# any -c fragment. Every option the fragments ask for is checked to be in
# the final .config, so a dependency Kconfig silently dropped is an error,
# not a surprise at boot (-n skips that check: scripts/bisect.sh merges the
# final fragment onto early patches that do not define every option yet).
# -k stops after configuring. -w builds with W=1, as scripts/bisect.sh
# compiles every patch: the suite's kernel is built in the output directory
# the bisect compile leaves, so its objects are reused instead of rebuilt
# with other flags.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$LTT_CI
out=$LTT_OUT/kernel
extra=()
config_only=0
verify=1
warn=()
while getopts "s:o:c:knw" opt; do
	case $opt in
	s) src=$OPTARG ;;
	o) out=$OPTARG ;;
	c) extra+=("$(readlink -f "$OPTARG")") ;;
	k) config_only=1 ;;
	n) verify=0 ;;
	w) warn=(W=1) ;;
	*) ltt_die "usage: $0 [-s SRC] [-o OUT] [-c FRAGMENT]... [-k] [-n] [-w]" ;;
	esac
done
src=$(readlink -f "$src")
mkdir -p "$out" "$CCACHE_DIR"
out=$(readlink -f "$out")

export CCACHE_BASEDIR=$LTT_WORK
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=ltt KBUILD_BUILD_HOST=ltt
mk=(make -C "$src" O="$out" CC="ccache gcc" -j"$LTT_JOBS" -s)

frags=("$LTT_TOP/scripts/config/qemu-x86_64.config")
[ -f "$src/tools/testing/selftests/ltt/config" ] &&
	frags+=("$src/tools/testing/selftests/ltt/config")
frags+=("${extra[@]}")
frags_checked=("${frags[@]}")

# Build the configuration aside and install it only if it changed, so
# that an unchanged configuration does not dirty the build. The result is
# kept, keyed by every Kconfig file and fragment, because generating it
# costs seconds and scripts/bisect.sh asks for it after every patch.
cfg=$out.config
mkdir -p "$cfg"
key=$( (cd "$src" && find . -name 'Kconfig*' -not -path './.git/*' | LC_ALL=C sort |
	xargs cat; cat "${frags[@]}"; echo "$src") | md5sum | cut -c1-32)
if [ ! -f "$cfg/config-$key" ]; then
	rm -f "$cfg"/config-*
	"${mk[@]}" O="$cfg" tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$cfg" "$cfg/.config" "${frags[@]}" >/dev/null
	"${mk[@]}" O="$cfg" olddefconfig >/dev/null
	cp "$cfg/.config" "$cfg/config-$key"
fi
cp "$cfg/config-$key" "$cfg/.config"

# What the fragments ask for: a later fragment overrides an earlier one
# (scripts/config/imv.config turns on what the selftests' config leaves
# off), as merge_config.sh does.
declare -A want=() want_from=()
[ $verify -eq 1 ] || frags_checked=()
for f in "${frags_checked[@]}"; do
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*) sym=${line%%=*} ;;
		"# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
		*) continue ;;
		esac
		want[$sym]=$line
		want_from[$sym]=$f
	done < "$f"
done
bad=0
for sym in "${!want[@]}"; do
	line=${want[$sym]}
	case "$line" in
	CONFIG_*=*) grep -qxF "$line" "$cfg/.config" ||
		{ ltt_say "config: $line (from ${want_from[$sym]}) did not stick"; bad=1; } ;;
	*) ! grep -q "^$sym=" "$cfg/.config" ||
		{ ltt_say "config: $sym should be unset (from ${want_from[$sym]})"; bad=1; } ;;
	esac
done
[ $bad -eq 0 ] || ltt_die "configuration does not match the fragments"

if ! cmp -s "$cfg/.config" "$out/.config"; then
	cp "$cfg/.config" "$out/.config"
	"${mk[@]}" olddefconfig >/dev/null
fi
[ $config_only -eq 1 ] && exit 0

ltt_say "building $(basename "$src") in $out"
"${mk[@]}" "${warn[@]}" bzImage
if grep -q '^CONFIG_MODULES=y' "$out/.config"; then
	"${mk[@]}" "${warn[@]}" modules
fi
ltt_say "built $out/arch/x86/boot/bzImage"
