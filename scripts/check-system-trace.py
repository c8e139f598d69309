#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check the trace scripts/guest/system-test.sh recorded, with bt2 and lttng-analyses.

  scripts/check-system-trace.py DIR

DIR is what the guest left in /ltt/out/system (OUT/guest/system): trace/,
expect.txt, kernel.status. The session described its trace in the
"lttng" layout (kernel/trace/ltt/ctf_layout.c). Checks:

  - bt2 reads the trace; the statedump at start is complete (start, end,
    as many events between them as the end event counts), has every kind
    of event (each CPU, the loopback interface, the test module with its
    size), and names the processes that were there before the start:
    the busy process and the holder of the known file, with the file at
    its descriptor;
  - every message of every user-event writer is there once, with the
    writer's pid and tid, named as it wrote it, in the order it wrote
    them; the kernel counted none discarded;
  - lttng-cputop, lttng-schedtop, lttng-irqstats and lttng-syscallstats
    (Debian's python3-lttnganalyses, on the trace copied into a kernel/
    directory, where the tools check the tracer version) exit 0 and
    print what the guest did: the busy process, by name, first in CPU
    usage; a wakeup of a named task; the interrupts the trace holds,
    with their counts; the openat() calls of the busy process and of
    one started while tracing, one per read of the known file; the
    procname context names the latter at its exec.

Prints "PASS: system: WHAT" or "FAIL: system: WHAT -- WHY" per check;
exits 1 if any check failed.
"""

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

import bt2

from ltt_checks import Checks, read_expect

checks = Checks('system')
report = checks.report


def events(trace):
    """(name, payload and context fields in one dict, CPU) of every event,
    in time order."""
    for msg in bt2.TraceCollectionMessageIterator(trace):
        if type(msg) is not bt2._EventMessageConst:
            continue
        ev = msg.event
        payload = {}
        for scope in (ev.common_context_field, ev.payload_field):
            if scope is not None:
                payload.update((str(k), v) for k, v in scope.items())
        yield ev.name, payload, int(ev.packet.context_field['cpu_id'])


def value(v):
    if isinstance(v, bt2._StringFieldConst):
        return str(v)
    if isinstance(v, bt2._ArrayFieldConst):
        return ''.join(chr(int(c)) for c in v).split('\0')[0]
    return int(v)


def check_trace(trace, exp):
    busy, busy_pid = exp['busy'], int(exp['busy_pid'])
    holder = int(exp['holder'])
    writers = {int(exp['writer%d' % k]): 'w%d' % k
               for k in range(1, int(exp['writers']) + 1)}
    messages = int(exp['messages'])

    names = collections.Counter()
    dump_events = None
    started = ended = False
    seq = None
    procs = {}
    fds = {}
    kinds = collections.Counter()
    netdevs = []
    modules = {}
    got = collections.defaultdict(list)
    bad_msgs = []
    late_pid = int(exp['late_pid'])
    late_exec = None
    # Handler runs whose entry and exit are both in the trace, per CPU: what
    # lttng-irqstats counts (one cut by the start or the end of the trace
    # is not).
    pending = collections.defaultdict(int)
    for name, p, cpu in events(trace):
        names[name] += 1
        if name in ('irq_handler_entry', 'softirq_entry'):
            pending[name, cpu, int(p['irq' if 'irq' in p else 'vec'])] += 1
        elif name in ('irq_handler_exit', 'softirq_exit'):
            key = (name.replace('exit', 'entry'), cpu,
                   int(p['irq' if 'irq' in p else 'vec']))
            if pending[key]:
                pending[key] -= 1
                names[name.replace('exit', 'run')] += 1
        if name == 'lttng_statedump_start':
            started, seq, dump_events = True, int(p['seq']), 0
            continue
        if name == 'lttng_statedump_end':
            ended = report(int(p['seq']) == seq,
                           'statedump end event closes the dump it started',
                           'seq %s after start seq %s' % (p['seq'], seq))
            report(int(p['events']) == dump_events,
                   'statedump end counts the %d events of the dump' % dump_events,
                   'it says %s' % p['events'])
            continue
        if name.startswith('lttng_statedump_') and started and not ended:
            dump_events += 1
            kinds[name] += 1
        if name == 'sched_process_exec' and int(p['tid']) == late_pid:
            late_exec = value(p['procname'])
        if name == 'lttng_statedump_module':
            modules[value(p['name'])] = int(p['size'])
        if name == 'lttng_statedump_network_interface':
            netdevs.append(value(p['name']))
        if name == 'lttng_statedump_process_state':
            procs[int(p['tid'])] = (value(p['name']), int(p['pid']))
        elif name == 'lttng_statedump_file_descriptor':
            fds[int(p['pid']), int(p['fd'])] = value(p['filename'])
        elif name == 'ltt_user_message':
            pid, tid, who = int(p['pid']), int(p['tid']), value(p['name'])
            msg = value(p['msg'])
            m = re.fullmatch(r'seq=(\d+)', msg)
            if pid not in writers or tid != pid or who != writers[pid] or not m:
                bad_msgs.append('%d/%d %s %r' % (pid, tid, who, msg))
            else:
                got[pid].append(int(m.group(1)))

    report(started and ended, 'the trace holds a complete statedump',
           'start %s, end %s' % (started, ended))
    for kind in ('cpu_topology', 'interrupt', 'block_device',
                 'network_interface', 'process_state', 'vm_map',
                 'file_descriptor'):
        report(kinds['lttng_statedump_' + kind] > 0,
               'statedump has %s events' % kind, 'none')
    report(kinds['lttng_statedump_cpu_topology'] == int(exp['cpus']),
           'statedump describes each of the %s CPUs' % exp['cpus'],
           '%d cpu_topology events' % kinds['lttng_statedump_cpu_topology'])
    report(modules.get(exp['module']) == int(exp['module_size']),
           'statedump lists module %s, %s bytes as /proc/modules says'
           % (exp['module'], exp['module_size']), 'modules: %s' % modules)
    report('lo' in netdevs, 'statedump lists the loopback interface',
           'interfaces: %s' % netdevs)
    report(procs.get(busy_pid, (None,))[0] == busy,
           'statedump names %s (pid %d)' % (busy, busy_pid),
           'it says %s' % (procs.get(busy_pid),))
    report(procs.get(holder, (None,))[0] == 'sleep',
           'statedump names the holder of the known file (pid %d)' % holder,
           'it says %s' % (procs.get(holder),))
    fd = (holder, int(exp['known_fd']))
    report(fds.get(fd) == exp['known_file'],
           'statedump has %s at fd %d of pid %d' % (exp['known_file'], fd[1], holder),
           'it has %r' % fds.get(fd))
    report(late_exec == exp['late'],
           'procname context: %s (%d) is named at its exec' % (exp['late'], late_pid),
           'its sched_process_exec has procname %r' % late_exec)
    report(not bad_msgs, 'every user event is a writer\'s, with its pid, tid and name',
           '; '.join(bad_msgs[:3]))
    for pid, w in sorted(writers.items()):
        report(got[pid] == list(range(1, messages + 1)),
               'writer %s (pid %d): its %d messages, once each, in order' % (w, pid, messages),
               'got %d: %s...' % (len(got[pid]), got[pid][:5]))
    for n in ('sched_switch', 'sched_wakeup', 'sched_process_fork',
              'irq_handler_entry', 'softirq_entry'):
        report(names[n] > 0, '%s events in the lttng layout' % n, 'none')
    report(any(n.startswith('syscall_entry_') for n in names) and
           any(n.startswith('syscall_exit_') for n in names),
           'system calls are syscall_entry_NAME / syscall_exit_NAME',
           'names: %s' % sorted(n for n in names if 'sys' in n)[:5])
    return names


def run_tool(tool, kdir):
    r = subprocess.run([tool, '--no-progress', kdir], capture_output=True,
                       text=True, timeout=900)
    report(r.returncode == 0, '%s exits 0' % tool,
           'exit %d: %s' % (r.returncode, (r.stderr or r.stdout).strip()[-300:]))
    return r.stdout


def check_tools(trace, exp, names):
    busy, busy_pid = exp['busy'], int(exp['busy_pid'])
    tmp = tempfile.mkdtemp()
    try:
        # The tools read the tracer version from the metadata of a trace
        # in a directory named kernel, as lttng-sessiond lays them out.
        kdir = os.path.join(tmp, 'kernel')
        shutil.copytree(trace, kdir)

        out = run_tool('lttng-cputop', kdir)
        top = re.findall(r'\d+\.\d+ %\s+(\S+) \((\d+)\)', out)
        report(bool(top) and top[0] == (busy, str(busy_pid)),
               'lttng-cputop: %s (%d) uses the most CPU' % (busy, busy_pid),
               'top: %s' % top[:3])

        out = run_tool('lttng-schedtop', kdir)
        rows = re.findall(r'\]\s+[\d.]+\s+\d+\s+\d+\s+(\S+) \((\d+)\)', out)
        report(bool(rows), 'lttng-schedtop: lists wakeups with the wakee named',
               'no row in: %s' % out[-300:])

        out = run_tool('lttng-irqstats', kdir)
        hard = {k: v for k, v in re.findall(r'^\d+:\s+<(\S+)>\s+(\d+)', out, re.M)
                if not k.endswith('_SOFTIRQ')}
        report(sum(int(c) for c in hard.values()) == names['irq_handler_run'] > 0,
               'lttng-irqstats: hard interrupts counted as in the trace (%d)'
               % names['irq_handler_run'], 'it counts %s' % hard)
        soft = re.findall(r'^\d+:\s+<(\w+_SOFTIRQ)>\s+(\d+)', out, re.M)
        report(sum(int(c) for _, c in soft) == names['softirq_run'] > 0,
               'lttng-irqstats: softirqs by name, counted as in the trace (%d)'
               % names['softirq_run'], 'it counts %s' % soft)

        out = run_tool('lttng-syscallstats', kdir)
        # lttng-analyses names a process as it was at its first system
        # call of the period (it copies the name into its statistics
        # then): "sh" for one forked by the shell, whatever its exec()
        # and the procname context say next, as on LTTng's traces.
        for who, pid, reads in ((busy, busy_pid, exp['busy_reads']),
                                ('sh', int(exp['late_pid']), exp['late_reads'])):
            m = re.search(r'^%s \(%d, TID: %d\).*?\n(.*?)^Total:' %
                          (re.escape(who), pid, pid), out, re.M | re.S)
            opens = re.search(r'^ - openat\s+(\d+)', m.group(1), re.M) if m else None
            report(bool(opens) and int(opens.group(1)) >= int(reads),
                   'lttng-syscallstats: %s (%d) made an openat() per read (%s)'
                   % (who, pid, reads),
                   'its section: %s' % (m.group(1)[:300] if m else 'missing'))
        total = re.search(r'^Total syscalls: (\d+)', out, re.M)
        entries = sum(c for n, c in names.items() if n.startswith('syscall_entry_'))
        report(bool(total) and 0 < int(total.group(1)) <= entries,
               'lttng-syscallstats: counts system calls the trace holds (%d entries)'
               % entries, 'total line: %s' % (total.group(0) if total else None))
    finally:
        shutil.rmtree(tmp)


def main():
    if len(sys.argv) != 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    top = sys.argv[1]
    trace = os.path.join(top, 'trace')
    exp_path = os.path.join(top, 'expect.txt')
    if not report(os.path.isfile(exp_path) and
                  os.path.isfile(os.path.join(trace, 'metadata')),
                  'trace and expectations present', 'missing under %s' % top):
        return 1
    exp = read_expect(exp_path)
    names = check_trace(trace, exp)
    if shutil.which('lttng-cputop'):
        check_tools(trace, exp, names)
    else:
        report(False, 'lttng-analyses installed', 'no lttng-cputop: run scripts/deps.sh')
    return 1 if checks.failed else 0


if __name__ == '__main__':
    sys.exit(main())
