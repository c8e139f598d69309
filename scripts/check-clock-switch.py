#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the trace scripts/guest/tsc-unstable-test.sh recorded while the
kernel stopped trusting the TSC (review item 9).

  check-clock-switch.py DIR    DIR: the guest's /ltt/out/tsc

The first environment of the metadata says the clock read the TSC; an
environment appended at the switch says it reads ktime_get_mono_fast_ns
from clock value clock_source_since on, and readers take that (the last
value of an entry). Every test event is there, in order, with
non-decreasing timestamps; events were recorded on both sides of the
switch, the gap across it is that of the test (well under five seconds),
and the whole trace spans about the guest's own elapsed time: the
fallback counts TSC cycles at the declared frequency.

Prints a PASS:/FAIL: line per check; exits 1 if any failed.
"""
import os
import re
import sys

import bt2

from ltt_checks import Checks, read_expect

checks = Checks('clock-switch')
report = checks.report


def main():
    out = sys.argv[1]
    trace = os.path.join(out, 'trace')
    if not os.path.exists(os.path.join(out, 'expect.txt')):
        report(False, 'the guest recorded the trace', 'no %s/expect.txt' % out)
        return
    expect = read_expect(os.path.join(out, 'expect.txt'))
    meta = open(os.path.join(trace, 'metadata'), errors='replace').read()
    sources = re.findall(r'clock_source = "([^"]*)";', meta)
    report(sources[:1] == ['tsc'], 'the first description says the TSC', str(sources))
    since = re.findall(r'clock_source_since = (\d+);', meta)
    report(sources[1:] == ['ktime_get_mono_fast_ns'] and len(since) == 1,
           'one environment appended at the switch', '%s since %s' % (sources, since))
    if not since:
        return
    since = int(since[0])

    seqs, stamps, freq, env = [], [], None, {}
    for msg in bt2.TraceCollectionMessageIterator(trace):
        if type(msg) is bt2._StreamBeginningMessageConst:
            env = {k: msg.stream.trace.environment[k] for k in msg.stream.trace.environment}
        if type(msg) is not bt2._EventMessageConst:
            continue
        ev = msg.event
        if ev.name != 'ltt_test_seq':
            continue
        seqs.append(int(ev.payload_field['seq']))
        stamps.append(msg.default_clock_snapshot.value)
        freq = msg.default_clock_snapshot.clock_class.frequency
    report(env.get('clock_source') == 'ktime_get_mono_fast_ns',
           'readers see the clock source after the switch', str(env.get('clock_source')))
    n = int(expect['EVENTS'])
    report(len(seqs) == n and seqs == list(range(seqs[0], seqs[0] + n)) if seqs else False,
           'all %d test events, in order' % n, '%d events' % len(seqs))
    if not seqs:
        return
    report(all(a <= b for a, b in zip(stamps, stamps[1:])), 'timestamps never go back')
    before = [t for t in stamps if t < since]
    after = [t for t in stamps if t >= since]
    report(len(before) >= n // 4 and len(after) >= n // 4,
           'events on both sides of the switch', '%d before, %d after' % (len(before), len(after)))
    if before and after:
        gap = (after[0] - before[-1]) / freq
        report(0 <= gap < 5, 'the clock goes on across the switch (gap %.3f s)' % gap)
    span = (stamps[-1] - stamps[0]) / freq
    elapsed = int(expect['ELAPSED_CS']) / 100
    report(0.5 * elapsed <= span <= elapsed + 0.5,
           'the trace spans the guest\'s elapsed time (%.2f s of %.2f s)' % (span, elapsed))


main()
sys.exit(1 if checks.failed else 0)
