#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/test.sh in the debug guest (scripts/config/debug.config),
# after the kselftests and lttd-test.sh have created, used and destroyed
# sessions, channels and readers: no memory the tracer allocated may be
# left unreferenced. kmemleak reports objects unreferenced for over 5 s
# that two scans agree on; an object is the tracer's when a function or
# module of the tracer (ltt*) is in its allocation backtrace. Every report
# comes back as kmemleak.txt.
# It also makes sure that the boot ran with KASAN on: a debug boot whose
# kernel lost KASAN to a Kconfig dependency would otherwise pass silently.
K=/sys/kernel/debug/kmemleak
[ -w $K ] || { echo "no $K: is CONFIG_DEBUG_KMEMLEAK=y?"; exit 1; }
dmesg | grep -q 'KernelAddressSanitizer initialized' ||
	{ echo "KASAN is not on: is CONFIG_KASAN=y?"; exit 1; }
sleep 6
echo scan > $K
sleep 6
echo scan > $K
cat $K > /ltt/out/kmemleak.txt
all=$(grep -c '^unreferenced object' /ltt/out/kmemleak.txt)
ours=$(awk '/^unreferenced object/ { obj = $3; next }
	/^ *\[<[0-9a-f]+>\] .*ltt/ && obj != "" { print obj; obj = "" }' \
	/ltt/out/kmemleak.txt | wc -l)
echo "kmemleak: $all unreferenced objects, $ours allocated by the tracer"
[ "$ours" = 0 ] || { grep -B2 -A20 'ltt' /ltt/out/kmemleak.txt | head -60; exit 1; }
