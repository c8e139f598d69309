#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/test.sh in a guest booted with maxcpus=1, where CPU 1 is
# present but has never been online: the kselftest case that brings it
# online for the first time while a channel exists, records on it and
# reads what it recorded. Skipping counts as failing here.
cd /ltt/kselftest/ltt || exit 1
out=$(./stream_test -t cpu_first_online_gets_a_buffer 2>&1)
rc=$?
echo "$out"
[ $rc = 0 ] || exit 1
echo "$out" | grep -q '^ok [0-9]* stream\.cpu_first_online_gets_a_buffer$'
