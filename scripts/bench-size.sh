#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark trace size: record the same events with LTT and with ftrace
# at the same time, in one boot, for a fixed workload
# (scripts/guest/bench-size.sh), and compare how many bytes each tracer
# takes per event and in all.
#
#   scripts/bench-size.sh [-s SRC] [-k OUT] [-o DIR] [-n N] [-f KB] [-c CALLS]
#                         [-b SIZE] [-t SECONDS] [-a]
#     -s SRC      kernel source tree (default $LTT_WORK/ci)
#     -k OUT      kernel build directory (default $LTT_WORK/out/kernel)
#     -o DIR      boot results (default $LTT_WORK/results/bench-size):
#                 console.log, guest/size/ (raw numbers and both traces)
#     -n N        workload iterations (default 2000)
#     -f KB       ftrace buffer_size_kb per CPU (default 16384)
#     -c CALLS    getuid() calls of round "flush" (default 21000: 42000
#                 events)
#     -b SIZE     LTT sub-buffer size of round "flush" (default 4M)
#     -t SECONDS  host-side time limit of the boot (default 1500)
#     -a          do not boot: analyse what DIR already holds
#
# Two rounds: "all" (sched_switch, sched_wakeup, sys_enter, sys_exit) and
# "switch" (sched_switch alone, for its per-event size). For each tracer:
#   events   LTT: the channel's "written" counter, the events babeltrace2
#            (python3-bt2) decodes and the events a walk of the packets
#            finds; ftrace: the per-CPU "entries" and the data events of
#            the trace_pipe_raw pages
#   bytes    events: event headers and payloads, timestamp extensions
#            included (LTT 13-byte extended headers, ftrace 8-byte time
#            extends); headers: LTT packet headers, ftrace page headers
#            (so events + headers is the sum of LTT's content_size);
#            padding: the rest, up to whole packets and pages; total: the
#            lttd stream files, the trace_pipe_raw pages; tracer counter:
#            LTT's status "bytes" (whole packets), ftrace's per-CPU stats
#            "bytes" (events and end-of-page padding, no page headers)
# Numbers are void if a tracer lost events (LTT discarded or overwritten,
# ftrace overrun, commit overrun or dropped events, or a page marked as
# having missed events); the table says so.
#
# A third round, "flush", is LTT alone and measures what a trace whose
# packets are closed before they fill costs on disk: bench-syscall
# (scripts/guest/bench-syscall.c) calls getuid() CALLS times, recorded
# as syscalls:sys_enter_getuid and sys_exit_getuid into a discard
# channel of SIZE sub-buffers that the events do not fill; stopping the
# session flushes every CPU's packet and lttd writes the trace. Reported:
# the stream files' bytes per event (on disk, every packet with its
# padding), per event without the padding, and per event for the events
# alone (headers and payloads), from the packet headers' content_size;
# the events are also decoded by babeltrace2 and walked.
#
# LTTng's figure for the same flushed trace is left out: lttng-tools is
# installed on the host, but the LTTng kernel modules (lttng-modules)
# are not built for the test kernel, so LTTng cannot record a kernel
# trace here, and no figure is given that was not measured.
#
# The boot is single-threaded TCG with -icount (scripts/boot.sh -i): the
# sizes do not depend on timing, and a multi-threaded TCG boot of the
# debug kernel took an "Oops: int3" in __schedule in round "switch" as
# it enabled sched_switch (2026-12-06, not investigated further; see
# scripts/test.sh on multi-threaded TCG running stale int3 bytes).
#
# This is a measurement, not a test: it fails only if the guest produced
# no result. The table also goes to $LTT_WORK/results/bench-size.txt.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"

src=$LTT_CI
kout=$LTT_OUT/kernel
res=$LTT_WORK/results/bench-size
n=2000
kb=16384
calls=21000
fsub=4M
limit=1500
boot=1
while getopts "s:k:o:n:f:c:b:t:a" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) kout=$OPTARG ;;
	o) res=$OPTARG ;;
	n) n=$OPTARG ;;
	f) kb=$OPTARG ;;
	c) calls=$OPTARG ;;
	b) fsub=$OPTARG ;;
	t) limit=$OPTARG ;;
	a) boot=0 ;;
	*) sed -n '/^#   scripts/,/^# Two/p' "$0" >&2; exit 2 ;;
	esac
done
[[ $n =~ ^[1-9][0-9]*$ ]] || ltt_die "-n wants a positive number"
[[ $kb =~ ^[1-9][0-9]*$ ]] || ltt_die "-f wants a positive number"
[[ $calls =~ ^[1-9][0-9]*$ ]] || ltt_die "-c wants a positive number"
[[ $fsub =~ ^[1-9][0-9]*[kKmM]?$ ]] || ltt_die "-b wants a size (4M, 256k, 65536)"
/usr/bin/python3 -c 'import bt2' 2>/dev/null ||
	ltt_die "python3-bt2 is missing for /usr/bin/python3: run scripts/deps.sh"

table=$LTT_WORK/results/bench-size.txt
mkdir -p "$LTT_WORK/results"

if [ $boot -eq 1 ]; then
	mkdir -p "$(dirname "$res")"
	# The getuid() loop of round "flush", static for the busybox guest.
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	gcc -static -O2 -Wall -o "$tmp/bench-syscall" "$scripts/guest/bench-syscall.c"
	ltt_say "booting $kout once (N=$n, ftrace ${kb} KB/CPU, flush: $calls calls, $fsub sub-buffers); log in $res.log"
	"$scripts/boot.sh" -s "$src" -k "$kout" -o "$res" -r extra -t "$limit" -i \
		-a "bench_size.n=$n bench_size.ftrace_kb=$kb bench_size.calls=$calls bench_size.flush_subbuf=$fsub" \
		-f "$tmp/bench-syscall:/usr/bin/bench-syscall" \
		-x "$scripts/guest/bench-size.sh" > "$res.log" 2>&1 || true
	# Boot-level complaints (a warning, a timeout) are worth knowing.
	grep '^FAIL: ' "$res.log" | sed 's/^/ltt: boot: /' >&2 || true
fi

size=$res/guest/size
if [ -f "$size/skip.txt" ]; then
	echo "bench-size: not run: $(cat "$size/skip.txt")" | tee "$table"
	exit 1
fi
if [ ! -f "$size/switch-summary.txt" ]; then
	echo "bench-size: no result (see $res/console.log and $res.log)" | tee "$table"
	exit 1
fi

/usr/bin/python3 - "$size" <<'EOF' | tee "$table"
import os
import re
import struct
import sys
from collections import Counter

import bt2

top = sys.argv[1]
PACKET_MAGIC = 0xC1FC1FC1


def kv(path):
    d = {}
    with open(path) as f:
        for line in f:
            if '=' in line:
                k, v = line.rstrip('\n').split('=', 1)
                d[k] = v
    return d


# ---------------------------------------------------------------- LTT
def ltt_metadata(path):
    """Packet layout and fixed payload sizes from the CTF metadata."""
    text = open(path).read()
    alias = {}
    for m in re.finditer(r'typealias integer \{(.*?)\} := (\w+);', text, re.S):
        alias[m.group(2)] = int(re.search(r'size = (\d+);', m.group(1)).group(1))

    def fields(body):
        out = []
        for line in body.split(';'):
            line = line.strip()
            if not line:
                continue
            m = re.match(r'(\w+) (\w+)$', line)
            if not m or m.group(1) not in alias or alias[m.group(1)] % 8:
                raise SystemExit('bench-size: unexpected packet field: ' + line)
            out.append((m.group(2), alias[m.group(1)] // 8))
        return out

    hdr = fields(re.search(r'packet\.header := struct \{(.*?)\}', text, re.S).group(1))
    hdr += fields(re.search(r'struct packet_context \{(.*?)\}', text, re.S).group(1))
    layout, off = {}, 0
    for name, size in hdr:
        layout[name] = (off, size)
        off += size
    # The event header this script knows how to walk (see
    # include/linux/ltt/ring_buffer.h): id:5 then either a 27-bit
    # timestamp (4 bytes) or 3 bits of padding, id:32, timestamp:64.
    walkable = ('uint5_t' in text and 'extended = 31' in text and
                'uint27_clock_t timestamp' in text)

    ctx = {}
    for m in re.finditer(r'\nstream \{(.*?)\n\};', text, re.S):
        sid = int(re.search(r'\bid = (\d+);', m.group(1)).group(1))
        c = re.search(r'event\.context := struct \{(.*?)\}', m.group(1), re.S)
        ctx[sid] = sum(s for _, s in fields(c.group(1))) if c else 0

    events = {}
    for m in re.finditer(r'\nevent \{\n(.*?)\n\};', text, re.S):
        body = m.group(1)
        name = re.search(r'name = "(.*?)";', body).group(1)
        eid = int(re.search(r'\bid = (\d+);', body).group(1))
        sid = int(re.search(r'stream_id = (\d+);', body).group(1))
        size = 0
        fm = re.search(r'fields := struct \{\n(.*)\n\t\};', body, re.S)
        for line in (fm.group(1).split('\n') if fm else []):
            line = line.strip()
            a = re.match(r'integer \{ size = (\d+);[^}]*\} \w+(?:\[(\d+)\])?;$', line)
            b = re.match(r'(\w+) \w+(?:\[(\d+)\])?;$', line)
            if a and int(a.group(1)) % 8 == 0:
                bits, count = int(a.group(1)), a.group(2)
            elif b and b.group(1) in alias:
                bits, count = alias[b.group(1)], b.group(2)
            else:
                size = None		# variable size: cannot walk
                break
            size += bits // 8 * (int(count) if count else 1)
        events[(sid, eid)] = (name, size)
    return layout, off, walkable, ctx, events


def ltt_walk(tracedir):
    """Walk every packet and event of every stream file."""
    layout, hdr_len, walkable, ctx, events = ltt_metadata(os.path.join(tracedir, 'metadata'))
    r = dict(packets=0, file_bytes=0, content_bytes=0, hdr_len=hdr_len,
             hdr_bytes=0, event_bytes=0, discarded=0, seq_gaps=0,
             errors=[], walked=walkable, count=Counter(), bytes=Counter(),
             extended=Counter(), nominal={})

    def field(buf, off, name):
        o, s = layout[name]
        return int.from_bytes(buf[off + o:off + o + s], 'little')

    for fn in sorted(os.listdir(tracedir)):
        if fn == 'metadata':
            continue
        buf = open(os.path.join(tracedir, fn), 'rb').read()
        r['file_bytes'] += len(buf)
        off, last_seq, disc = 0, None, 0
        while off < len(buf):
            if field(buf, off, 'magic') != PACKET_MAGIC:
                r['errors'].append('%s@%d: bad magic' % (fn, off))
                break
            sid = field(buf, off, 'stream_id')
            content = field(buf, off, 'content_size') // 8
            psize = field(buf, off, 'packet_size') // 8
            seq = field(buf, off, 'packet_seq_num')
            disc = max(disc, field(buf, off, 'events_discarded'))
            if last_seq is not None and seq != last_seq + 1:
                r['seq_gaps'] += 1
            last_seq = seq
            r['packets'] += 1
            r['content_bytes'] += content
            r['hdr_bytes'] += hdr_len
            if psize <= 0 or content > psize:
                r['errors'].append('%s@%d: sizes %d/%d' % (fn, off, content, psize))
                break
            pos, end = off + hdr_len, off + content
            while walkable and pos < end:
                eid = buf[pos] & 0x1f
                if eid == 31:
                    eid = struct.unpack_from('<I', buf, pos + 1)[0]
                    hl = 13
                else:
                    hl = 4
                name, plen = events.get((sid, eid), ('id%d' % eid, None))
                if plen is None:
                    r['errors'].append('%s@%d: event %s has no fixed size' % (fn, pos, name))
                    r['walked'] = walkable = False
                    break
                ln = hl + ctx.get(sid, 0) + plen
                r['count'][name] += 1
                r['bytes'][name] += ln
                r['extended'][name] += hl == 13
                r['nominal'][name] = 4 + ctx.get(sid, 0) + plen
                pos += ln
            if walkable and pos != end:
                r['errors'].append('%s@%d: events end at %d, content_size says %d'
                                   % (fn, off, pos - off, content))
            off += psize
        r['discarded'] += disc
    r['event_bytes'] = r['content_bytes'] - r['hdr_bytes']
    return r


def bt2_count(tracedir):
    c, disc = Counter(), 0
    for msg in bt2.TraceCollectionMessageIterator(tracedir):
        if type(msg) is bt2._EventMessageConst:
            c[msg.event.name] += 1
        elif type(msg) is bt2._DiscardedEventsMessageConst:
            disc += msg.count or 0
    return c, disc


# ------------------------------------------------------------- ftrace
def ftrace_formats(fmtdir):
    hp = open(os.path.join(fmtdir, 'header_page')).read()

    def hfield(name):
        m = re.search(r'field: [\w ]*\b%s;\s*offset:(\d+);\s*size:(\d+);' % name, hp)
        return int(m.group(1)), int(m.group(2))

    he = open(os.path.join(fmtdir, 'header_event')).read()
    for want in ('type == 29', 'type == 30', 'type == 31', 'type_len    :    5 bits'):
        if want not in he:
            raise SystemExit('bench-size: unexpected ftrace header_event: ' + he)
    ids = {}
    for fn in os.listdir(fmtdir):
        if fn.startswith('header_'):
            continue
        t = open(os.path.join(fmtdir, fn)).read()
        eid = int(re.search(r'^ID: (\d+)', t, re.M).group(1))
        size = max(int(o) + int(s) for o, s in
                   re.findall(r'offset:(\d+);\s*size:(\d+);', t))
        name = re.search(r'^name: (\S+)', t, re.M).group(1)
        ids[eid] = (name, 4 + (size + 3) // 4 * 4)
    return hfield('timestamp'), hfield('commit'), hfield('data'), ids


def ftrace_walk(rounddir):
    _, (c_off, c_size), (d_off, d_size), ids = ftrace_formats(
        os.path.join(rounddir, 'ftrace', 'format'))
    page = d_off + d_size
    r = dict(pages=0, file_bytes=0, hdr_len=d_off, hdr_bytes=0, event_bytes=0,
             ts_bytes=0, ts_records=0, pad_bytes=0, missed_pages=0, errors=[],
             walked=True, count=Counter(), bytes=Counter(), extended=Counter(),
             nominal={n: s for n, s in ids.values()})
    d = os.path.join(rounddir, 'ftrace')
    for fn in sorted(f for f in os.listdir(d) if f.endswith('.raw')):
        buf = open(os.path.join(d, fn), 'rb').read()
        r['file_bytes'] += len(buf)
        if len(buf) % page:
            r['errors'].append('%s: %d bytes, not whole %d-byte pages' % (fn, len(buf), page))
        for p in range(0, len(buf) - page + 1, page):
            commit = int.from_bytes(buf[p + c_off:p + c_off + c_size], 'little')
            if commit & (1 << 31):		# RB_MISSED_EVENTS
                r['missed_pages'] += 1
            commit &= (1 << 30) - 1		# without RB_MISSED_* flags
            r['pages'] += 1
            r['hdr_bytes'] += d_off
            pos, end, pending = p + d_off, p + d_off + commit, 0
            while pos < end:
                w = struct.unpack_from('<I', buf, pos)[0]
                tl, delta = w & 0x1f, w >> 5
                if tl == 29:			# padding
                    if delta == 0:
                        r['pad_bytes'] += end - pos
                        pos = end
                        break
                    ln = struct.unpack_from('<I', buf, pos + 4)[0] + 4
                    r['pad_bytes'] += ln
                elif tl in (30, 31):		# time extend, time stamp
                    ln = 8
                    r['ts_bytes'] += 8
                    r['ts_records'] += 1
                    pending += 8
                else:
                    if tl == 0:
                        ln = struct.unpack_from('<I', buf, pos + 4)[0] + 4
                        data = pos + 8
                    else:
                        ln = tl * 4 + 4
                        data = pos + 4
                    typ = struct.unpack_from('<H', buf, data)[0]
                    name = ids.get(typ, ('id%d' % typ, 0))[0]
                    r['count'][name] += 1
                    r['bytes'][name] += ln + pending
                    r['extended'][name] += pending > 0
                    r['event_bytes'] += ln + pending
                    pending = 0
                pos += ln
            if pos != end:
                r['errors'].append('%s page %d: events end at %d, commit says %d'
                                   % (fn, p // page, pos - p, d_off + commit))
            # a time extend with no event after it in the page
            r['event_bytes'] += pending
    return r


def stats(path):
    """per_cpu/cpuN/stats: {key: sum over CPUs}"""
    s = Counter()
    for line in open(path):
        m = re.match(r'cpu\d+ ([a-z ]+): *([0-9]+)', line)
        if m:
            s[m.group(1)] += int(m.group(2))
    return s


def ltt_status(path):
    """A status file's counter lines, summed over CPUs: channel, cpu,
    written, discarded, overwritten, bytes (headers and events),
    packet_bytes (what the packets hand to readers)."""
    s = Counter()
    for line in open(path):
        f = line.split()
        if len(f) == 7 and not line.startswith('#'):
            s['written'] += int(f[2])
            s['discarded'] += int(f[3])
            s['overwritten'] += int(f[4])
            s['bytes'] += int(f[5])
            s['packet_bytes'] += int(f[6])
    return s


def size_bytes(text):
    m = re.match(r'(\d+)([kKmM]?)$', text or '')
    if not m:
        return 0
    return int(m.group(1)) << {'': 0, 'k': 10, 'K': 10, 'm': 20, 'M': 20}[m.group(2)]


# -------------------------------------------------------------- report
def ratio(a, b):
    return '%.3f' % (a / b) if b else '-'


def per(a, n):
    return '%.3f' % (a / n) if n else '-'


info = kv(os.path.join(top, 'info.txt'))
print('bench-size: trace size of the same events recorded by LTT and ftrace in one boot')
print('kernel %s, %s CPUs, LTT %s; workload: N=%s forks of "cat /proc/self/stat",'
      % (info.get('kernel'), info.get('cpus'), info.get('ltt_version'), info.get('n')))
print('then N pipe round trips between two shells')
print('LTT: one discard channel, subbuf_size=%s num_subbuf=%s, no context, clock %s'
      % (info.get('subbuf'), info.get('nsubbuf'), info.get('ltt_clock')))
clock = re.search(r'\[(\S+)\]', info.get('trace_clock', ''))
print('ftrace: buffer_size_kb=%s per CPU, trace_clock %s'
      % (info.get('ftrace_kb'), clock.group(1) if clock else info.get('trace_clock')))

valid_all = True
results = {}
for rnd in ('all', 'switch'):
    rdir = os.path.join(top, rnd)
    rinfo = kv(os.path.join(top, rnd + '-info.txt'))
    st = ltt_status(os.path.join(top, rnd + '-ltt-status.txt'))
    fs = stats(os.path.join(top, rnd + '-ftrace-stats.txt'))
    fa = stats(os.path.join(top, rnd + '-ftrace-after.txt'))
    L = ltt_walk(os.path.join(rdir, 'trace'))
    F = ftrace_walk(rdir)
    bc, bdisc = bt2_count(os.path.join(rdir, 'trace'))
    results[rnd] = (L, F)
    nl, nf = sum(L['count'].values()), sum(F['count'].values())
    nbt = sum(bc.values())

    print()
    print('round "%s": %s (workload %s s, lttd exit %s)'
          % (rnd, rinfo.get('events'), rinfo.get('workload_s'), rinfo.get('lttd_rc')))
    w = '  %-40s %12s %12s %10s'
    print(w % ('', 'LTT', 'ftrace', 'LTT/ftrace'))
    print(w % ('events: tracer counter (written/entries)', st['written'], fs['entries'],
               ratio(st['written'], fs['entries'])))
    print(w % ('events: decoded (babeltrace2 / pages)', nbt, nf, ratio(nbt, nf)))
    print(w % ('events: walked (packets / pages)', nl, nf, ratio(nl, nf)))
    L_ev = L['event_bytes']
    F_ev = F['event_bytes']
    L_tot, F_tot = L['file_bytes'], F['file_bytes']
    L_pad = L_tot - L['content_bytes']
    F_pad = F_tot - F_ev - F['hdr_bytes']
    print(w % ('bytes: events (incl. timestamp ext.)', L_ev, F_ev, ratio(L_ev, F_ev)))
    print(w % ('bytes: packet / page headers (%d / %d B)' % (L['hdr_len'], F['hdr_len']),
               L['hdr_bytes'], F['hdr_bytes'], ratio(L['hdr_bytes'], F['hdr_bytes'])))
    print(w % ('bytes: events + headers (content_size)', L['content_bytes'],
               F_ev + F['hdr_bytes'], ratio(L['content_bytes'], F_ev + F['hdr_bytes'])))
    print(w % ('bytes: padding', L_pad, F_pad, ratio(L_pad, F_pad)))
    print(w % ('bytes: total (stream files / pages)', L_tot, F_tot, ratio(L_tot, F_tot)))
    print(w % ('bytes: tracer counter (status / stats) *', st['packet_bytes'],
               fs['bytes'], ratio(st['packet_bytes'], fs['bytes'])))
    print(w % ('packets / pages', L['packets'], F['pages'], ''))
    print(w % ('bytes/event: events only', per(L_ev, nl), per(F_ev, nf),
               ratio(L_ev / nl, F_ev / nf) if nl and nf else '-'))
    print(w % ('bytes/event: events + headers', per(L['content_bytes'], nl),
               per(F_ev + F['hdr_bytes'], nf),
               ratio(L['content_bytes'] / nl, (F_ev + F['hdr_bytes']) / nf) if nl and nf else '-'))
    print(w % ('bytes/event: total', per(L_tot, nl), per(F_tot, nf),
               ratio(L_tot / nl, F_tot / nf) if nl and nf else '-'))
    print('  * LTT status "packet_bytes": whole packets as readers get them; ftrace'
          ' stats "bytes":\n    events and end-of-page padding, without the page headers')
    print('  per event type: count LTT / ftrace, bytes per event (nominal) LTT / ftrace, ratio;')
    print('  "ext": events with an LTT extended header / an ftrace time extend before them')
    for name in sorted(set(L['count']) | set(F['count'])):
        cl, cf = L['count'][name], F['count'][name]
        bl = L['bytes'][name] / cl if cl else 0
        bf = F['bytes'][name] / cf if cf else 0
        print('    %-14s %8d / %-8d %7.3f (%s) / %7.3f (%s)  %s  ext %d / %d'
              % (name, cl, cf, bl, L['nominal'].get(name, '?'), bf,
                 F['nominal'].get(name, '?'), ratio(bl, bf), L['extended'][name],
                 F['extended'][name]))

    # Are the numbers worth anything?
    notes = []
    if not nl or not nf:
        notes.append('a tracer recorded nothing')
    if nbt != nl or nbt != st['written']:
        notes.append('LTT counts disagree: written %d, babeltrace2 %d, walk %d'
                     % (st['written'], nbt, nl))
    if nf != fs['entries'] or fa['entries'] != 0 or fa['read events'] != fs['entries']:
        notes.append('ftrace counts disagree: entries %d, pages %d, read %d, left %d'
                     % (fs['entries'], nf, fa['read events'], fa['entries']))
    for k, v in (('LTT discarded', st['discarded']), ('LTT overwritten', st['overwritten']),
                 ('LTT packet sequence gaps', L['seq_gaps']),
                 ('LTT discarded in packet headers', L['discarded']),
                 ('babeltrace2 discarded', bdisc),
                 ('ftrace overrun', fs['overrun']),
                 ('ftrace commit overrun', fs['commit overrun']),
                 ('ftrace dropped events', fs['dropped events']),
                 ('ftrace pages with missed events', F['missed_pages'])):
        if v:
            notes.append('%s %d' % (k, v))
    for e in L['errors'] + F['errors']:
        notes.append('walk: ' + e)
    if rinfo.get('lttd_rc') != '0':
        notes.append('lttd exit %s' % rinfo.get('lttd_rc'))
    diff = abs(nl - nf)
    close = diff <= max(50, (nl + nf) // 200)
    print('  counts: LTT %d, ftrace %d, differ by %d (%.3f%%): %s' % (
        nl, nf, diff, 100.0 * diff / max(nl, nf, 1),
        'close (events between the two starts and the two stops)' if close
        else 'NOT close'))
    if not close:
        notes.append('event counts differ by %d' % diff)
    if notes:
        valid_all = False
        print('  VOID: ' + '; '.join(notes))
    else:
        print('  no loss: LTT discarded 0, overwritten 0, no packet sequence gap;'
              ' ftrace overrun 0, commit overrun 0, dropped 0, no missed-events page')

L, F = results['switch']
name = 'sched_switch'
cl, cf = L['count'][name], F['count'][name]
print()
if cl and cf:
    bl, bf = L['bytes'][name] / cl, F['bytes'][name] / cf
    print('sched_switch alone: LTT %.3f bytes/event (expected 60: 4-byte compact header + 56'
          % bl)
    print('  payload; %d of %d events had the 13-byte extended header), ftrace %.3f'
          % (L['extended'][name], cl, bf))
    print('  bytes/event (expected 68: 4-byte header + 64-byte entry; %d of %d events'
          % (F['extended'][name], cf))
    print('  preceded by an 8-byte time extend); LTT/ftrace %.3f (expected %.3f)'
          % (bl / bf, 60 / 68))
    print('  nominal sizes from the traces\' own descriptions: LTT %s, ftrace %s'
          % (L['nominal'].get(name), F['nominal'].get(name)))
L, F = results['all']
print('total trace size for the workload (round "all"): LTT %d bytes in stream files'
      % L['file_bytes'])
print('  (%d without padding), ftrace %d bytes of pages (%d without padding):'
      % (L['content_bytes'], F['file_bytes'], F['event_bytes'] + F['hdr_bytes']))
print('  LTT/ftrace %s (%s without padding)' % (
    ratio(L['file_bytes'], F['file_bytes']),
    ratio(L['content_bytes'], F['event_bytes'] + F['hdr_bytes'])))
print('numbers: %s' % ('valid (no tracer lost events, counts close)' if valid_all
                       else 'VOID for the rounds marked above'))


# ------------------------------------------------ round "flush" (LTT)
def flush_round():
    print()
    skip = os.path.join(top, 'flush-skip.txt')
    if os.path.isfile(skip):
        print('round "flush": skipped: %s' % open(skip).read().strip())
        return
    if not os.path.isfile(os.path.join(top, 'flush-summary.txt')):
        print('round "flush": no result')
        return
    rinfo = kv(os.path.join(top, 'flush-info.txt'))
    st = ltt_status(os.path.join(top, 'flush-ltt-status.txt'))
    tdir = os.path.join(top, 'flush', 'trace')
    L = ltt_walk(tdir)
    bc, bdisc = bt2_count(tdir)
    nl, nbt, n = sum(L['count'].values()), sum(bc.values()), st['written']
    sub = size_bytes(rinfo.get('subbuf'))
    pad = L['file_bytes'] - L['content_bytes']
    print('round "flush": LTT alone, %s getuid() calls, %s, one discard channel of'
          % (rinfo.get('calls'), ' and '.join(rinfo.get('events', '').split())))
    print('  %s sub-buffers (2 per CPU) the events do not fill; the stop flushes every'
          % rinfo.get('subbuf'))
    print('  packet, lttd writes the trace (workload %s s, lttd exit %s)'
          % (rinfo.get('workload_s'), rinfo.get('lttd_rc')))
    w = '  %-52s %14s %12s'
    print(w % ('', 'bytes', 'bytes/event'))
    print(w % ('stream files, on disk (%d packets)' % L['packets'], L['file_bytes'],
               per(L['file_bytes'], n)))
    print(w % ('  of which padding (packet ends)', pad, per(pad, n)))
    print(w % ('  of which packet headers (%d B)' % L['hdr_len'], L['hdr_bytes'],
               per(L['hdr_bytes'], n)))
    print(w % ('  of which events (headers and payloads)', L['event_bytes'],
               per(L['event_bytes'], n)))
    print(w % ('without padding (content_size)', L['content_bytes'],
               per(L['content_bytes'], n)))
    print(w % ('status packet_bytes / bytes', '%d / %d' % (st['packet_bytes'], st['bytes']),
               ''))
    if sub:
        whole = L['packets'] * sub
        print(w % ('packets as whole sub-buffers (computed, not read)', whole,
                   per(whole, n)))
    print('  events: written counter %d, babeltrace2 %d, walked %d; per type: %s'
          % (n, nbt, nl, ', '.join('%s %d (%s B)' % (k, v, L['nominal'].get(k, '?'))
                                  for k, v in sorted(L['count'].items()))))
    notes = []
    if not n:
        notes.append('nothing recorded')
    if nbt != n or (L['walked'] and nl != n):
        notes.append('counts disagree')
    for k, v in (('discarded', st['discarded']), ('overwritten', st['overwritten']),
                 ('packet sequence gaps', L['seq_gaps']),
                 ('discarded in packet headers', L['discarded']),
                 ('babeltrace2 discarded', bdisc)):
        if v:
            notes.append('%s %d' % (k, v))
    for e in L['errors']:
        notes.append('walk: ' + e)
    if st['packet_bytes'] != L['file_bytes']:
        notes.append('status packet_bytes %d is not the files\' %d bytes'
                     % (st['packet_bytes'], L['file_bytes']))
    if rinfo.get('lttd_rc') != '0':
        notes.append('lttd exit %s' % rinfo.get('lttd_rc'))
    if notes:
        print('  VOID: ' + '; '.join(notes))
    else:
        print('  no loss: discarded 0, overwritten 0, no packet sequence gap; counts'
              ' agree; status packet_bytes = file bytes')
    print('flushed trace: %s bytes/event on disk, %s without padding, %s for the events'
          ' alone' % (per(L['file_bytes'], n), per(L['content_bytes'], n),
                      per(L['event_bytes'], n)))


flush_round()
EOF
ltt_say "table in $table; raw numbers and traces in $size"
