#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the trace a crashed guest left in reserved memory, as the next
boot read it back (scripts/guest/crash-test.sh, scripts/boot.sh -w).

  check-crash-trace.py LABEL DIR    DIR: the boot's results directory

The first boot's console says how many test events it fired before it
crashed; the second boot wrote the previous trace with lttd -p into
guest/crash-trace and copied previous/ltt/info and status. babeltrace2
must decode the trace with no warning; the last test event fired is in
it, and no event is stamped after the buffers were saved; scheduler and
interrupt events are there; on each CPU the packets follow each other
with no gap, and the first one's sequence number is the number of
packets the status says were overwritten, so that every hole in the
sequence is one that was counted.

Prints a PASS:/FAIL: line per check; exits 1 if any failed.
"""
import glob
import os
import re
import struct
import subprocess
import sys

import bt2

from ltt_checks import Checks


def read_info(path):
    """previous/NAME/info: 'key value' lines, and 'cpu N ...' ones."""
    info, cpus = {}, {}
    for line in open(path):
        words = line.split()
        if len(words) >= 2 and words[0] == 'cpu':
            cpus[int(words[1])] = dict(zip(words[2::2], words[3::2]))
        elif len(words) >= 2:
            info[words[0]] = ' '.join(words[1:])
    return info, cpus


def read_status(path):
    """previous/NAME/status: per CPU, the overwritten packets."""
    over = {}
    for line in open(path):
        words = line.split()
        if words and not line.startswith('#') and len(words) >= 5:
            over[int(words[1])] = int(words[4])
    return over


def packet_seqs(trace):
    """Per CPU, the packet_seq_num of each packet of the stream files,
    read from struct ltt_packet_header (bt2 does not show that field)."""
    seqs = {}
    for path in sorted(glob.glob(os.path.join(trace, '*_[0-9]*'))):
        data = open(path, 'rb').read()
        pos = 0
        while pos + 60 <= len(data):
            magic, _, _, _, _, size, seq, _, cpu = struct.unpack_from('<IIQQQQQQI', data, pos)
            if magic != 0xC1FC1FC1 or size % 8 or size < 8 * 60:
                seqs.setdefault(-1, []).append(pos)
                break
            seqs.setdefault(cpu, []).append(seq)
            pos += size // 8
    return seqs


def packet_sizes(trace, subbuf, page=4096):
    """The packets whose packet_size is not their content rounded up to a
    page, at most the sub-buffer, and the stream files whose size is not
    the sum of their packets' (issue 20: a packet closed early, the open
    one the next boot closes, ends at its content's page)."""
    bad, sizes = [], set()
    for path in sorted(glob.glob(os.path.join(trace, '*_[0-9]*'))):
        data = open(path, 'rb').read()
        pos = 0
        while pos + 60 <= len(data):
            magic, _, _, _, content, size = struct.unpack_from('<IIQQQQ', data, pos)
            want = min((content // 8 + page - 1) // page * page, subbuf)
            if magic != 0xC1FC1FC1 or size % 8 or size < 8 * 60:
                break
            if size // 8 != want:
                bad.append('%s@%d: %d bytes, content %d' % (os.path.basename(path), pos,
                                                            size // 8, content // 8))
            sizes.add(size // 8)
            pos += size // 8
        if pos != len(data):
            bad.append('%s: %d bytes, packets end at %d' % (os.path.basename(path),
                                                           len(data), pos))
    return bad, sorted(sizes)


def check_dump(report, console, fired):
    """The panic console dump of the flight recorder in ordinary memory:
    at most 16 events per CPU, the last test event among them, fields
    decoded."""
    dump = re.findall(r'ltt: rec/rec cpu(\d+) (\d+) (\w+):(.*)', console)
    report(bool(dump), 'the panic printed the last events of the flight recorder')
    per_cpu = {}
    for cpu, ts, name, fields in dump:
        per_cpu.setdefault(cpu, []).append((int(ts), name, fields.strip()))
    report(all(len(v) <= 16 for v in per_cpu.values()),
           'at most 16 events per buffer', str({k: len(v) for k, v in per_cpu.items()}))
    report(all(all(a[0] <= b[0] for a, b in zip(v, v[1:])) for v in per_cpu.values()),
           'each buffer\'s events in time order')
    seqs = [f for v in per_cpu.values() for _, n, f in v if n == 'ltt_test_seq']
    report(fired is not None and 'seq=%d' % fired in seqs,
           'the last test event fired is in the dump', str(seqs[-3:]))
    switches = [f for v in per_cpu.values() for _, n, f in v if n == 'sched_switch']
    report(not switches or all(re.match(r'prev_comm="[^"]*" prev_pid=\d+ ', f) for f in switches),
           'sched_switch fields decoded', str(switches[:1]))


def main():
    checks = Checks(sys.argv[1])
    report = checks.report
    res = sys.argv[2]
    out = os.path.join(res, 'guest')
    trace = os.path.join(out, 'crash-trace')
    first = open(os.path.join(res, 'console-first.log'), errors='replace').read()
    fired = re.findall(r'LTT-CRASH: fired (\d+) test events', first)
    report(bool(fired), 'the first boot fired its test events')
    report('Kernel panic' in first, 'the first boot panicked')
    report(not re.search(r'KASAN:|BUG: sleeping|possible (recursive|circular) locking|'
                         r'inconsistent lock state|suspicious RCU usage', first),
           'no KASAN, lockdep or sleeping-in-atomic report while crashing')
    check_dump(report, first, int(fired[0]) if fired else None)
    if not os.path.isdir(trace):
        report(False, 'the second boot wrote the previous trace', 'no %s' % trace)
        return checks
    info, cpus = read_info(os.path.join(out, 'crash-info.txt'))
    over = read_status(os.path.join(out, 'crash-status.txt'))

    cli = subprocess.run(['babeltrace2', trace], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    report(cli.returncode == 0 and not cli.stderr.strip(),
           'babeltrace2 decodes the trace with no warning',
           'exit %d: %s' % (cli.returncode, cli.stderr.strip()[:300]))

    packets = packet_seqs(trace)
    report(-1 not in packets, 'every stream file is whole packets', str(packets.get(-1)))
    bad, sizes = packet_sizes(trace, int(info.get('subbuf_size', 0)))
    report(not bad, 'every packet ends at its content rounded up to a page (sizes %s)'
           % sizes, '; '.join(bad[:5]))
    seqs, names, stamps = [], {}, []
    for msg in bt2.TraceCollectionMessageIterator(trace):
        if type(msg) is not bt2._EventMessageConst:
            continue
        ev = msg.event
        names[ev.name] = names.get(ev.name, 0) + 1
        stamps.append(msg.default_clock_snapshot.value)
        if ev.name == 'ltt_test_seq':
            seqs.append(int(ev.payload_field['seq']))
    if fired:
        n = int(fired[0])
        report(bool(seqs) and seqs[-1] == n and max(seqs) == n,
               'the last test event fired (%d) is the last one in the trace' % n,
               'last %s, max %s' % (seqs[-1:], max(seqs) if seqs else None))
        tail = 0
        while tail < len(seqs) and seqs[len(seqs) - 1 - tail] == n - tail:
            tail += 1
        report(tail >= 100, 'the test events before it are all there (%d in a row)' % tail)
    report(names.get('sched_switch', 0) > 0 and names.get('irq_handler_entry', 0) +
           names.get('softirq_entry', 0) > 0,
           'scheduler and interrupt events were recorded', str(names))
    for cpu, c in sorted(cpus.items()):
        got = packets.get(cpu, [])
        want = int(c.get('packets', 0))
        report(len(got) == want and got == list(range(got[0], got[0] + len(got))) if got else want == 0,
               'cpu %d: %d packets in sequence, none missing' % (cpu, want), str(got))
        if got:
            report(got[0] == over.get(cpu),
                   'cpu %d: the packets before the first (%d) are the ones counted as overwritten'
                   % (cpu, got[0]), 'overwritten %s' % over.get(cpu))
    # Both in the trace clock's own units: the CTF clock's cycles.
    saved = int(info.get('saved_clock', 0))
    report(bool(stamps) and max(stamps) <= saved,
           'no event is stamped after the buffers were saved',
           'last %s, saved %d' % (max(stamps) if stamps else None, saved))
    return checks


if __name__ == '__main__':
    sys.exit(1 if main().failed else 0)
