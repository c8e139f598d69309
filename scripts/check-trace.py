#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check the CTF trace that scripts/guest/ctf-test.sh recorded in the guest.

  scripts/check-trace.py DIR

DIR is what the guest left in /ltt/out/ctf, that is OUT/guest/ctf (or
OUT/guest) after "scripts/boot.sh -o OUT -x scripts/guest/ctf-test.sh":
trace/ (lttd's trace directory), expect.txt, results.txt, CHAN.status for
every channel and session.status.

First replays the guest's own PASS:/FAIL: lines (results.txt), then reads
the trace twice, with the babeltrace2 command and with the bt2 Python
bindings, and checks it against what the guest did and what the kernel
counted:

  - babeltrace2 reads it with exit status 0 and says nothing on stderr
    except that the tracer discarded events, in channels that did;
  - in every discard-mode channel, on every CPU, the events decoded are
    the events the channel's status counts as written (see below), and
    babeltrace2 reports as many discarded events as it counts discarded;
  - the task with the known comm appears in sched_switch and sched_wakeup
    with its pid, and the context fields (pid, tid, cpu_id) are right;
  - every ltt_test_mod_* event decodes to exactly what the test module
    fired (kernel/trace/ltt/test_module.c), recomputed from its round
    number; rounds are in order, none twice, none missing from a channel
    that discarded nothing;
  - the small channel discarded events and babeltrace2 says so;
  - syscall, irq, softirq, timer and hrtimer events are there, and the
    event disabled before the start is not.

What the status counters mean (kernel/trace/ltt/ring_buffer.c): a CPU's
"written" (ltt_rb_stats.events_written) counts the events it reserved
space for, summed over its sub-buffers; an event dropped in discard mode
is counted in "discarded" instead and never in "written". "overwritten"
counts sub-buffers reclaimed in overwrite mode. Once the session is
stopped (which flushes every buffer) and lttd has read every packet, a
discard-mode channel's CPU has exactly "written" events in its stream
file: "written" is not "written - discarded", and "written + discarded"
is what the probes tried to record.

Prints "PASS: ctf: WHAT" or "FAIL: ctf: WHAT -- WHY" per check (and SKIP:
for a check that does not apply); exits 1 if any check failed.
"""

import collections
import os
import re
import subprocess
import sys

from ltt_checks import read_expect

failures = 0


def report(ok, what, why=None):
    """Print one result line; a failure must say why."""
    global failures
    if ok:
        print('PASS: ctf: %s' % what)
    else:
        failures += 1
        print('FAIL: ctf: %s -- %s' % (what, why or 'failed'))
    sys.stdout.flush()
    return ok


def skip(what, why):
    print('SKIP: ctf: %s -- %s' % (what, why))


def first(items, n=3):
    """The first @n items of a list, joined, and how many more there are."""
    items = list(items)
    text = '; '.join(str(i) for i in items[:n])
    if len(items) > n:
        text += '; and %d more' % (len(items) - n)
    return text

# ltt_test_mod_ints.state: the values its TP_printk() names with
# __print_symbolic(), which the metadata must turn into an enumeration.
STATE_LABELS = ['idle', 'run', 'wait', 'done']

# --- what the guest wrote


def read_stats(path):
    """Per-CPU counter lines of a status file: {(chan, cpu): counters}."""
    stats = {}
    with open(path) as f:
        for line in f:
            tok = line.split()
            if len(tok) != 7 or tok[0].startswith('#'):
                continue
            try:
                cpu, written, disc, over, nbytes, pbytes = \
                    (int(t) for t in tok[1:])
            except ValueError:
                continue
            stats[tok[0], cpu] = {'written': written, 'discarded': disc,
                                  'overwritten': over, 'bytes': nbytes,
                                  'packet_bytes': pbytes}
    return stats


def replay_guest(path):
    if not os.path.exists(path):
        report(False, 'guest-side checks ran', '%s missing' % path)
        return
    n = 0
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('PASS: ') or line.startswith('FAIL: '):
                print(line)
                n += 1
                if line.startswith('FAIL: '):
                    global failures
                    failures += 1
    if not n:
        report(False, 'guest-side checks ran', '%s has no result' % path)


# --- the test module's formulas (kernel/trace/ltt/test_module.c)

TEST_EVENTS = ('ltt_test_mod_ints', 'ltt_test_mod_string', 'ltt_test_mod_array')


def test_expected(name, i):
    """The payload the test module fires in round @i, field by field."""
    if name == 'ltt_test_mod_ints':
        return {
            'seq': i,
            'v_s8': -(i % 128),
            'v_u8': 255 - i % 256,
            'v_s16': i % 60000 - 30000,
            'v_u16': 65535 - i % 65536,
            'v_s32': (i % 1000000) * 4000 - 2000000000,
            'v_u32': 0x80000000 + i % 0x80000000,
            'v_s64': -(i % 1000000 + 1) * 0x100000001,
            'v_u64': 0x1122334455667788 + i,
            'state': i % 4,
        }
    if name == 'ltt_test_mod_string':
        return {'msg': 'ltt-test-%d' % i, 'seq': i}
    n = i % 5
    return {
        'seq': i,
        'n': n,
        'vals': [(i * (k + 1)) & 0xffffffff for k in range(n)],
        'fixed': [(i + k) & 0xffff for k in range(4)],
    }


# --- reading bt2 fields

def member(struct, name):
    """A member of a structure field, by its CTF name with or without the
    leading '_' (babeltrace2 strips it), or None."""
    if struct is None:
        return None
    for key in (name, '_' + name):
        try:
            return struct[key]
        except KeyError:
            pass
    return None


def value(field, bt2):
    """A Python value for a bt2 field: int, str, list or dict."""
    if field is None:
        return None
    if isinstance(field, bt2._StringFieldConst):
        return str(field)
    if isinstance(field, bt2._IntegerFieldConst):
        return int(field)
    if isinstance(field, bt2._ArrayFieldConst):
        return [value(f, bt2) for f in field]
    if isinstance(field, bt2._StructureFieldConst):
        return {k: value(f, bt2) for k, f in field.items()}
    return str(field)


def text(field, bt2):
    """A char array or string field as a str (up to the first NUL)."""
    if field is None:
        return None
    if isinstance(field, bt2._StringFieldConst):
        return str(field)
    if isinstance(field, bt2._ArrayFieldConst):
        raw = bytes(int(c) & 0xff for c in field)
        return raw.split(b'\0')[0].decode('utf-8', 'replace')
    return str(field)


def context(event, name, bt2):
    """A context field of an event (stream or event context), or None."""
    for ctx in (event.common_context_field, event.specific_context_field):
        f = member(ctx, name)
        if f is not None:
            return int(f)
    return None


def bt2_error(e):
    """One line for a bt2 exception: the messages of its causes."""
    try:
        msgs = [c.message.strip() for c in e]
    except TypeError:
        msgs = []
    msgs = msgs or [str(e).strip()]
    return ' / '.join(' '.join(m.split()) for m in msgs)[:600]


# --- the checks

def check_babeltrace(trace, disc_streams):
    """Run the babeltrace2 command; return the lines it printed, or None."""
    what = 'babeltrace2 reads the trace with no error or warning'
    try:
        run = subprocess.run(['babeltrace2', trace], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as e:
        report(False, what, 'babeltrace2: %s' % e)
        return None
    # The discarded-events notices of the pretty sink go to stderr; they
    # are expected for the streams whose channel discarded events.
    notice = re.compile(r'^WARNING: Tracer (?:may have )?discarded .* '
                        r'within stream "([^"]*)"')
    ansi = re.compile(r'\x1b\[[0-9;]*m')
    unexpected = []
    notices = 0
    for line in run.stderr.decode('utf-8', 'replace').splitlines():
        line = ansi.sub('', line).strip()
        if not line:
            continue
        m = notice.match(line)
        if m and os.path.basename(m.group(1)) in disc_streams:
            notices += 1
        else:
            unexpected.append(line)
    if run.returncode:
        report(False, what, 'exit %d; stderr: %s' % (run.returncode, first(unexpected, 5)))
    elif unexpected:
        report(False, what, 'stderr: %s' % first(unexpected, 5))
    else:
        report(True, what + ' (%d discarded-events notices, all in channels that discarded)'
               % notices)
    return run.stdout.count(b'\n')


def main():
    if len(sys.argv) != 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    top = sys.argv[1]
    # OUT/guest itself will do too.
    if not os.path.isdir(os.path.join(top, 'trace')) and \
       os.path.isdir(os.path.join(top, 'ctf', 'trace')):
        top = os.path.join(top, 'ctf')
    trace = os.path.join(top, 'trace')

    replay_guest(os.path.join(top, 'results.txt'))

    # What the checks need: without it, say so and stop.
    needed = [os.path.join(top, 'expect.txt'), os.path.join(trace, 'metadata')]
    missing = [p for p in needed if not os.path.isfile(p)]
    if missing:
        report(False, 'trace and expectations present', 'missing %s' % ', '.join(missing))
        return 1
    exp = read_expect(needed[0])
    try:
        comm = exp['comm']
        pid = int(exp['pid'])
        writer = int(exp['writer_pid'])
        rounds = int(exp['rounds'])
        channels = exp['channels'].split()
        ncpus = int(exp['cpus'])
    except (KeyError, ValueError) as e:
        report(False, 'expect.txt complete', 'bad or missing key %s' % e)
        return 1
    modes = {c: exp.get('mode_' + c, 'discard') for c in channels}
    contexts = {c: set(filter(None, exp.get('context_' + c, '').split(',')))
                for c in channels}
    disabled = exp.get('disabled', '').split()

    stats = {}
    for c in channels:
        path = os.path.join(top, c + '.status')
        if not os.path.isfile(path):
            report(False, 'status of channel %s saved' % c, '%s missing' % path)
            return 1
        s = read_stats(path)
        if not s:
            report(False, 'status of channel %s saved' % c, 'no counter line in %s' % path)
            return 1
        stats.update(s)
    path = os.path.join(top, 'session.status')
    if os.path.isfile(path):
        sess = read_stats(path)
        report(sess == stats, 'session status agrees with the channels\' status',
               'session: %s; channels: %s' % (sorted(sess.items()), sorted(stats.items())))
    else:
        report(False, 'session status agrees with the channels\' status', '%s missing' % path)

    # The status's packet bytes are what readers get: every packet, read
    # to the end after the stop, is in the stream file. Its bytes are the
    # packets' headers and events, without the padding that ends them.
    for (chan, cpu), v in sorted(stats.items()):
        f = os.path.join(trace, '%s_%d' % (chan, cpu))
        size = os.path.getsize(f) if os.path.isfile(f) else -1
        if v['overwritten']:
            continue
        report(size == v['packet_bytes'] and v['bytes'] <= v['packet_bytes'],
               'status packet_bytes is the stream file size, %s cpu %d' % (chan, cpu),
               'file %d bytes, status bytes %d packet_bytes %d' %
               (size, v['bytes'], v['packet_bytes']))

    with open(os.path.join(trace, 'metadata'), 'rb') as f:
        metadata = f.read()
    head = metadata[:64]
    report(head.startswith(b'/* CTF 1.8') or head[:4] == b'\x57\x1d\xd1\x75',
           'metadata is CTF 1.8', 'starts with %r' % head[:16])
    # The tracer's version as kernel trace tools look it up in the text of
    # the metadata (lttng-analyses: tracer_major, _minor, _patchlevel).
    tsdl = metadata.decode(errors='replace')
    found = [re.search(r'\b%s = "*(\d+)"*;' % k, tsdl)
             for k in ('tracer_major', 'tracer_minor', 'tracer_patchlevel')]
    report(all(found), 'environment has tracer_major, tracer_minor, tracer_patchlevel',
           str([bool(m) for m in found]))

    # (a) the babeltrace2 command
    disc_streams = {'%s_%d' % k for k, v in stats.items() if v['discarded']}
    printed = check_babeltrace(trace, disc_streams)

    # (b)-(f) the bt2 bindings
    try:
        import bt2
    except ImportError as e:
        report(False, 'bt2 decodes the trace', 'no bt2 module (apt-get install python3-bt2): %s' % e)
        return 1

    decoded = collections.Counter()		# (chan, cpu) -> events
    names = collections.defaultdict(collections.Counter)	# chan -> name -> events
    bt_disc = collections.Counter()		# (chan, cpu) -> discarded events
    bt_disc_unknown = collections.Counter()	# (chan, cpu) -> messages without a count
    class_ids = {}				# chan -> stream class ids seen
    bad_stream = []
    bad_values = []
    bad_ctx = collections.defaultdict(list)	# check -> problems
    enum_bad = []
    enum_ok = [0]
    geteuid = {'enter_fields': [], 'rets': []}
    seen = collections.defaultdict(set)		# (chan, name) -> rounds
    dups = []
    order = []
    last = {}					# (chan, cpu) -> (round, kind)
    comm_prev = []				# sched_switch prev side: pids
    comm_next = []
    comm_wakeup = []
    switch_tid = []				# context tid != prev_pid
    own = collections.Counter()			# events with tid == pid, by name
    keys = {}

    def stream_key(stream):
        """(channel, cpu) of a stream, from lttd's CHAN_CPU file name."""
        k = (stream.cls.id, stream.id)
        if k not in keys:
            m = re.match(r'^(.+)_(\d+)$', os.path.basename(stream.name or ''))
            if m and m.group(1) in channels:
                keys[k] = (m.group(1), int(m.group(2)))
            else:
                keys[k] = None
                bad_stream.append(stream.name)
            if keys[k]:
                class_ids.setdefault(keys[k][0], set()).add(stream.cls.id)
        return keys[k]

    total = 0
    try:
        for msg in bt2.TraceCollectionMessageIterator(trace):
            if isinstance(msg, bt2._DiscardedEventsMessageConst):
                key = stream_key(msg.stream)
                if key is None:
                    continue
                if msg.count is None:
                    bt_disc_unknown[key] += 1
                else:
                    bt_disc[key] += msg.count
                continue
            if not isinstance(msg, bt2._EventMessageConst):
                continue
            ev = msg.event
            key = stream_key(ev.stream)
            total += 1
            if key is None:
                continue
            chan, cpu = key
            name = ev.name
            decoded[key] += 1
            names[chan][name] += 1
            payload = ev.payload_field

            # Context fields: what the channel asked for, right.
            tid = context(ev, 'tid', bt2)
            cpid = context(ev, 'pid', bt2)
            ccpu = context(ev, 'cpu_id', bt2)
            want = contexts[chan]
            have = {n for n, v in (('pid', cpid), ('tid', tid), ('cpu', ccpu)) if v is not None}
            if have != want and len(bad_ctx['fields']) < 10:
                bad_ctx['fields'].append('%s in %s has context %s, not %s' %
                                         (name, chan, sorted(have), sorted(want)))
            if ccpu is not None and ccpu != cpu and len(bad_ctx['cpu']) < 10:
                bad_ctx['cpu'].append('%s in %s_%d has cpu_id %d' % (name, chan, cpu, ccpu))
            if tid == pid:
                own[name] += 1
                if cpid is not None and cpid != pid and len(bad_ctx['own']) < 10:
                    bad_ctx['own'].append('%s: pid %d, tid %d' % (name, cpid, tid))

            if name == 'sys_enter_geteuid':
                geteuid['enter_fields'].append(len(payload) if payload is not None else 0)
            elif name == 'sys_exit_geteuid':
                geteuid['rets'].append(value(member(payload, 'ret'), bt2))

            if name == 'ltt_test_mod_ints':
                st = member(payload, 'state')
                if not isinstance(st, bt2._EnumerationFieldConst):
                    enum_bad.append('state is %s, not an enumeration' % type(st).__name__)
                else:
                    want_label = STATE_LABELS[int(st) % 4] if 0 <= int(st) < 4 else None
                    if list(st.labels) != [want_label]:
                        enum_bad.append('state %d labelled %s' % (int(st), list(st.labels)))
                    else:
                        enum_ok[0] += 1

            if name == 'sched_switch':
                prev = text(member(payload, 'prev_comm'), bt2)
                nxt = text(member(payload, 'next_comm'), bt2)
                prev_pid = value(member(payload, 'prev_pid'), bt2)
                if prev == comm:
                    comm_prev.append(prev_pid)
                if nxt == comm:
                    comm_next.append(value(member(payload, 'next_pid'), bt2))
                if tid is not None and tid != prev_pid:
                    switch_tid.append('tid %s, prev_pid %s (%s)' % (tid, prev_pid, prev))
            elif name == 'sched_wakeup':
                if text(member(payload, 'comm'), bt2) == comm:
                    comm_wakeup.append(value(member(payload, 'pid'), bt2))
            elif name in TEST_EVENTS:
                if tid is not None and (tid != writer or cpid != writer) and \
                   len(bad_ctx['writer']) < 10:
                    bad_ctx['writer'].append('%s: pid %s, tid %s' % (name, cpid, tid))
                got = value(payload, bt2)
                i = got.get('seq')
                if not isinstance(i, int) or not 0 <= i < rounds:
                    bad_values.append('%s in %s: round %r not fired (%d rounds)' %
                                      (name, chan, i, rounds))
                    continue
                want_vals = test_expected(name, i)
                # A dynamic array's length field may show as NAME_length.
                extra = set(got) - set(want_vals) - {'_vals_length'}
                wrong = ['%s=%r, not %r' % (f, got.get(f), v)
                         for f, v in want_vals.items() if got.get(f) != v]
                if '_vals_length' in got and got['_vals_length'] != want_vals.get('n'):
                    wrong.append('_vals_length=%r' % got['_vals_length'])
                if extra:
                    wrong.append('unexpected fields %s' % sorted(extra))
                if wrong:
                    bad_values.append('%s round %d in %s_%d: %s' %
                                      (name, i, chan, cpu, ', '.join(wrong)))
                if i in seen[chan, name]:
                    dups.append('%s round %d in %s' % (name, i, chan))
                seen[chan, name].add(i)
                pos = (i, TEST_EVENTS.index(name))
                if key in last and pos <= last[key]:
                    order.append('%s_%d: %s round %d after %s round %d' %
                                 (chan, cpu, name, i, TEST_EVENTS[last[key][1]],
                                  last[key][0]))
                last[key] = pos
    except Exception as e:	# bt2 raises its own error types, and others
        report(False, 'bt2 decodes the whole trace',
               'after %d events: %s' % (total, bt2_error(e)))
        return 1
    report(total > 0, 'bt2 decodes the whole trace (%d events)' % total, 'no event')
    report(not bad_stream, 'every stream is a CHAN_CPU file of a known channel',
           'streams %s' % first(bad_stream))
    if printed is not None:
        report(printed == total, 'babeltrace2 prints one line per event',
               '%d lines for %d events' % (printed, total))

    # Stream class ids are the channel indexes in creation order.
    wrong = ['%s: %s' % (c, sorted(class_ids.get(c, ()))) for i, c in enumerate(channels)
             if class_ids.get(c, {i}) != {i}]
    report(not wrong, 'stream class ids follow channel creation order (%s)' %
           ' '.join(channels), first(wrong))

    # (b) events decoded per CPU against the kernel's counters.
    cpus = sorted(set(range(ncpus)) | {cpu for _, cpu in stats} | {cpu for _, cpu in decoded})
    for c in channels:
        if modes[c] != 'discard':
            skip('%s: events decoded equal events written' % c,
                 'overwrite mode: overwritten sub-buffers are gone')
            continue
        wrong = []
        for cpu in cpus:
            s = stats.get((c, cpu))
            if s is None:
                if decoded[c, cpu]:
                    wrong.append('cpu %d: %d decoded, no status line' % (cpu, decoded[c, cpu]))
                continue
            if decoded[c, cpu] != s['written']:
                wrong.append('cpu %d: %d decoded, %d written (%d discarded)' %
                             (cpu, decoded[c, cpu], s['written'], s['discarded']))
        n = sum(s['written'] for k, s in stats.items() if k[0] == c)
        report(not wrong, '%s: events decoded equal events written, per CPU (%d)' % (c, n),
               first(wrong, 4))
        over = ['cpu %d: %d' % (k[1], s['overwritten']) for k, s in sorted(stats.items())
                if k[0] == c and s['overwritten']]
        report(not over, '%s: no sub-buffer overwritten in discard mode' % c, first(over))

    # (e) discarded events: babeltrace2 sees what the kernel counted.
    for c in channels:
        wrong = []
        for cpu in cpus:
            s = stats.get((c, cpu), {'discarded': 0})
            if bt_disc_unknown[c, cpu]:
                wrong.append('cpu %d: %d discarded-events messages without a count (the '
                             'stream\'s first packet has events_discarded != 0)' %
                             (cpu, bt_disc_unknown[c, cpu]))
            if bt_disc[c, cpu] != s['discarded']:
                wrong.append('cpu %d: babeltrace2 %d, status %d' %
                             (cpu, bt_disc[c, cpu], s['discarded']))
        n = sum(s['discarded'] for k, s in stats.items() if k[0] == c)
        report(not wrong, '%s: babeltrace2 reports the events discarded, per CPU (%d)' % (c, n),
               first(wrong, 4))
    if 'small' in channels:
        n = sum(bt_disc[k] for k in bt_disc if k[0] == 'small')
        report(n > 0 or sum(bt_disc_unknown[k] for k in bt_disc_unknown if k[0] == 'small'),
               'small: overflowed, babeltrace2 reports discarded events (%d)' % n,
               'no DiscardedEvents message for channel small')

    # (c) the task with the known comm, and the context fields.
    wrong = sorted({p for p in comm_prev + comm_next if p != pid})
    report(comm_prev and not wrong,
           'sched_switch shows %s as pid %d (%d times switched out, %d in)' %
           (comm, pid, len(comm_prev), len(comm_next)),
           'pids %s' % wrong if wrong else 'no sched_switch with prev_comm %s' % comm)
    wrong = sorted({p for p in comm_wakeup if p != pid})
    report(comm_wakeup and not wrong,
           'sched_wakeup shows %s as pid %d (%d times)' % (comm, pid, len(comm_wakeup)),
           'pids %s' % wrong if wrong else 'no sched_wakeup with comm %s' % comm)
    if 'kernel' in channels and 'tid' in contexts['kernel']:
        report(not switch_tid and names['kernel']['sched_switch'],
               'kernel: context tid is prev_pid in every sched_switch',
               first(switch_tid) or 'no sched_switch')
        report(own['sys_enter'] > 0 and not bad_ctx['own'],
               'kernel: %s\'s own events carry its pid and tid (%d events, %d sys_enter)' %
               (comm, sum(own.values()), own['sys_enter']),
               first(bad_ctx['own']) or 'no sys_enter with context tid %d' % pid)
    report(not bad_ctx['fields'], 'every event has the context fields its channel asked for',
           first(bad_ctx['fields']))
    report(not bad_ctx['cpu'], 'context cpu_id is the CPU of the stream', first(bad_ctx['cpu']))

    # (d) the test module's events.
    if rounds <= 0:
        report(False, 'ltt_test_mod events fired', 'expect.txt says no round was fired')
    else:
        n = sum(len(v) for v in seen.values())
        report(n > 0 and not bad_values,
               'ltt_test_mod events decode to the values fired (%d events, %d rounds)' %
               (n, rounds), first(bad_values) or 'no ltt_test_mod event decoded')
        report(enum_ok[0] > 0 and not enum_bad,
               'ltt_test_mod_ints.state is an enumeration labelled as TP_printk() names it (%d)' %
               enum_ok[0], first(enum_bad) or 'no ltt_test_mod_ints event')
        report(not dups, 'no ltt_test_mod event recorded twice', first(dups))
        report(not order, 'ltt_test_mod events of each CPU in firing order', first(order))
        report(not bad_ctx['writer'],
               'ltt_test_mod events carry the writer\'s pid and tid (%d)' % writer,
               first(bad_ctx['writer']))
        for c in channels:
            tested = [e for e in TEST_EVENTS if names[c][e]]
            report(len(tested) == len(TEST_EVENTS),
                   '%s: records every ltt_test_mod event' % c,
                   'missing %s' % sorted(set(TEST_EVENTS) - set(tested)))
            disc = sum(s['discarded'] for k, s in stats.items() if k[0] == c)
            if modes[c] != 'discard':
                skip('%s: every round of every ltt_test_mod event recorded' % c,
                     'an overwrite channel may lose events uncounted by event')
                continue
            if disc:
                # A channel made to overflow records nothing but the test
                # events, so what it dropped is exactly what is missing.
                got = sum(len(seen[c, e]) for e in TEST_EVENTS)
                fired = rounds * len(TEST_EVENTS)
                report(got + disc == fired,
                       '%s: ltt_test_mod events recorded + discarded = fired (%d + %d = %d)' %
                       (c, got, disc, fired),
                       'recorded %d + discarded %d != fired %d' % (got, disc, fired))
                continue
            missing = ['%s: %d of %d rounds' % (e, rounds - len(seen[c, e]), rounds)
                       for e in TEST_EVENTS if len(seen[c, e]) != rounds]
            report(not missing, '%s: every round of every ltt_test_mod event recorded' % c,
                   'missing ' + first(missing))
    if 'small' in channels:
        other = sorted(n for n in names['small'] if n not in TEST_EVENTS)
        report(not other, 'small: records nothing but ltt_test_mod events',
               'also %s' % first(other))

    # (f) the kernel's own events.
    if 'kernel' in channels:
        k = names['kernel']
        groups = [('sys_enter', ['sys_enter']), ('sys_exit', ['sys_exit']),
                  ('sched_switch', ['sched_switch']), ('sched_wakeup', ['sched_wakeup']),
                  ('irq_handler_*', [n for n in k if n.startswith('irq_handler_')]),
                  ('softirq_*', [n for n in k if n.startswith('softirq_')]),
                  ('timer_*', [n for n in k if n.startswith('timer_')]),
                  ('hrtimer_*', [n for n in k if n.startswith('hrtimer_')])]
        for what, group in groups:
            n = sum(k[e] for e in group)
            report(n > 0, 'kernel: records %s (%d: %s)' %
                   (what, n, ', '.join('%s %d' % (e, k[e]) for e in sorted(group) if k[e])),
                   'no such event in the trace')
    # Per-system-call events, with the system call's own fields.
    calls = int(exp.get('geteuid_calls', '0') or 0)
    if calls:
        ent, rets = geteuid['enter_fields'], geteuid['rets']
        report(len(ent) >= calls and not any(ent),
               'sys_enter_geteuid recorded with no payload field (%d, %d calls)' %
               (len(ent), calls), '%d events, fields %s' % (len(ent), first(sorted(set(ent)))))
        report(len(rets) >= calls and all(r == 0 for r in rets),
               'sys_exit_geteuid recorded with ret = 0 (%d, %d calls)' % (len(rets), calls),
               '%d events, rets %s' % (len(rets), first(sorted(set(map(str, rets))))))
    for d in disabled:
        n = sum(names[c][d] for c in channels)
        report(n == 0, 'no %s event (disabled before the start)' % d, '%d recorded' % n)

    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
