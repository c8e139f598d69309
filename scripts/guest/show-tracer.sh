#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/run.sh inside the guest: show the tracer as a user meets it.
set -e
echo "# uname -r"
uname -r
echo "# ls -l /sys/kernel/debug/ltt/"
ls -l /sys/kernel/debug/ltt/
echo "# cat /sys/kernel/debug/ltt/version"
cat /sys/kernel/debug/ltt/version
