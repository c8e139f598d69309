#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test guest's initramfs: busybox-static, scripts/guest/init, the
# LTT kselftests built static from SRC, the kernel's modules from OUT when
# it has any, and any extra scripts to run in the guest.
#
#   scripts/initramfs.sh -s SRC -k OUT -o FILE [-x SCRIPT]... [-f FILE:DEST]...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

src=$LTT_CI
kout=$LTT_OUT/kernel
file=""
extras=()
files=()
while getopts "s:k:o:x:f:" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) kout=$OPTARG ;;
	o) file=$OPTARG ;;
	x) extras+=("$(readlink -f "$OPTARG")") ;;
	f) files+=("$OPTARG") ;;
	*) ltt_die "usage: $0 -s SRC -k OUT -o FILE [-x SCRIPT]... [-f FILE:DEST]..." ;;
	esac
done
[ -n "$file" ] || ltt_die "-o FILE is required"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,ltt/extra,ltt/lib,ltt/out}
cp /bin/busybox "$root/bin/busybox"
cp "$LTT_TOP/scripts/guest/init" "$root/init"
cp "$LTT_TOP/scripts/guest/timeout" "$root/usr/bin/timeout"
# What the guest scripts share, and their helper programs, static for
# busybox.
cp "$LTT_TOP/scripts/guest/results.sh" "$root/ltt/lib/results.sh"
gcc -static -O2 -Wall -Wextra -pthread -o "$root/usr/bin/many-threads" \
	"$LTT_TOP/scripts/guest/many-threads.c"

if [ -d "$src/tools/testing/selftests/ltt" ]; then
	ksout=$LTT_OUT/kselftest
	rm -rf "$ksout"
	make -s -C "$src/tools/testing/selftests" TARGETS=ltt O="$ksout/build" \
		INSTALL_PATH="$root/ltt/kselftest" LDFLAGS=-static install >/dev/null
fi

# lttd, the trace consumer, once the series provides it, static. Built
# beside the kernel it goes with, in a directory of its own: make decides
# by dates, and an lttd built from another tree into a shared directory,
# or the dynamic one scripts/bisect.sh builds into tools-ltt/, can look
# newer than this one's sources.
if [ -f "$src/tools/ltt/Makefile" ]; then
	make -s -C "$src/tools/ltt" O="$kout/tools-ltt-static" LDFLAGS=-static >/dev/null
	cp "$kout/tools-ltt-static/lttd" "$root/usr/bin/lttd"
fi

if grep -q '^CONFIG_MODULES=y' "$kout/.config" 2>/dev/null &&
   [ -f "$kout/modules.order" ] && [ -s "$kout/modules.order" ]; then
	make -s -C "$src" O="$kout" INSTALL_MOD_PATH="$root" modules_install >/dev/null
fi

for x in "${extras[@]}"; do
	cp "$x" "$root/ltt/extra/"
done
for f in "${files[@]}"; do
	mkdir -p "$root/$(dirname "${f#*:}")"
	cp -a "${f%%:*}" "$root/${f#*:}"
done

(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$file"
