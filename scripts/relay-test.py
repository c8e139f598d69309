#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Many nodes streaming to an unmodified lttng-relayd, and a live view.

  scripts/relay-test.py [-s SRC] [-k KOUT] [-o DIR] [-t SECONDS]

Starts two lttng-relayd on the host's loopback, on free ports, with their
output under DIR (default $LTT_WORK/results/relay): relay "main" and
relay "restart". Boots two guests at once (scripts/boot.sh -i -n, each
running scripts/guest/relay-node.sh), node1 and node2, which reach the
host through QEMU user networking. Both stream session "main" to relay
main; node1 also streams session "restart" to relay restart. Each node
keeps a control connection to this script, which tells it when to mark
the trace and when to stop.

While the nodes trace:
- babeltrace2 --input-format=lttng-live follows node2's session on relay
  main; node2 writes a user event on command, and the live view must show
  it within LIVE_LIMIT seconds;
- relay restart is killed and started again; node1's lttd must say so
  and go on in a second trace directory, as Documentation/trace/ltt.rst
  says; then it is stopped (SIGSTOP) for a while, a slow relay, and
  node1's lttd must wait and go on in the same directory.

Then, on relay main: one trace per node, each decoded by babeltrace2 with
no warning, its events per CPU equal to that node's written counters; the
live view ended on its own, exit status 0. On relay restart: two traces
of node1, both decoded, the second one with events.

Prints one PASS:/FAIL: line per check; exits 1 if any failed.
"""

import argparse
import collections
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ltt_checks import Checks  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODES = ('node1', 'node2')
# Seconds the live view may take to show an event, and to wait for a
# guest to boot and connect, for traces to show up on a relay, for a
# node to come back after the relay restarted.
LIVE_LIMIT = 10
CONNECT_LIMIT = 600
DATA_LIMIT = 120
RESTART_LIMIT = 120
# Host seconds the restart relay stays away.
RELAY_GAP = 2

checks = Checks('relay')


def free_ports(n):
    """@n TCP ports free on the loopback right now."""
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(('127.0.0.1', 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Relay:
    """One lttng-relayd on the loopback."""

    def __init__(self, name, outdir):
        self.name = name
        self.out = os.path.join(outdir, name)
        self.control, self.data, self.live = free_ports(3)
        self.proc = None
        os.makedirs(self.out)

    def start(self):
        log = open(self.out + '.log', 'a')
        self.proc = subprocess.Popen(
            ['lttng-relayd',
             '-C', 'tcp://127.0.0.1:%d' % self.control,
             '-D', 'tcp://127.0.0.1:%d' % self.data,
             '-L', 'tcp://127.0.0.1:%d' % self.live,
             '-o', self.out], stdout=log, stderr=log)
        # Ready once it listens on its live port, the last it opens.
        for _ in range(100):
            try:
                socket.create_connection(('127.0.0.1', self.live), 1).close()
                return True
            except OSError:
                time.sleep(0.1)
        return False

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def guest_arg(self):
        return '10.0.2.2:%d:%d' % (self.control, self.data)

    def traces(self, host):
        """Trace directories of @host, oldest first (names hold the time)."""
        d = os.path.join(self.out, host)
        if not os.path.isdir(d):
            return []
        return sorted(os.path.join(d, s, 'kernel') for s in os.listdir(d)
                      if os.path.isdir(os.path.join(d, s, 'kernel')))


def has_data(trace):
    """Whether a trace directory on the relay has a packet yet."""
    try:
        return any(os.path.getsize(os.path.join(trace, f)) > 0
                   for f in os.listdir(trace) if f != 'metadata'
                   and os.path.isfile(os.path.join(trace, f)))
    except OSError:
        return False


def trace_size(trace):
    """Bytes of the stream files of a trace directory on the relay."""
    return sum(os.path.getsize(os.path.join(trace, f)) for f in os.listdir(trace)
               if f != 'metadata' and os.path.isfile(os.path.join(trace, f)))


class Control:
    """The control connection of one node: lines of commands to it."""

    def __init__(self, node):
        self.node = node
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.conn = None

    def accept(self, limit, guest):
        """Wait for the node, as long as its boot goes on."""
        self.sock.settimeout(1)
        end = time.time() + limit
        while time.time() < end and guest.poll() is None:
            try:
                self.conn, _ = self.sock.accept()
                return True
            except socket.timeout:
                continue
            except OSError:
                return False
        return False

    def send(self, line):
        if self.conn:
            self.conn.sendall((line + '\n').encode())

    def close(self):
        if self.conn:
            self.conn.close()
        self.sock.close()


def wait_for(cond, limit):
    end = time.time() + limit
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.5)
    return cond()


def read_stats(path):
    """Per-CPU written counters of channel kernel in a status file."""
    stats = {}
    with open(path) as f:
        for line in f:
            tok = line.split()
            if len(tok) == 7 and tok[0] == 'kernel':
                stats[int(tok[1])] = int(tok[2])
    return stats


def decode(trace):
    """babeltrace2's exit status and stderr, the events per CPU, and
    the events of the test module."""
    run = subprocess.run(['babeltrace2', trace], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, timeout=600)
    import bt2
    per_cpu = collections.Counter()
    module = 0
    for msg in bt2.TraceCollectionMessageIterator(trace):
        if isinstance(msg, bt2._EventMessageConst):
            per_cpu[int(msg.event.packet.context_field['cpu_id'])] += 1
            module += msg.event.name.startswith('ltt_test_mod')
    return run.returncode, run.stderr.decode(errors='replace'), per_cpu, module


class Live:
    """babeltrace2 following one session live; its lines, with the time."""

    def __init__(self, relay, host, session):
        self.url = 'net://127.0.0.1:%d/host/%s/%s' % (relay.live, host,
                                                        session)
        self.proc = subprocess.Popen(
            ['babeltrace2', '--input-format=lttng-live', self.url],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = []
        self.err = b''
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append((time.time(), line.decode(errors='replace')))

    def find(self, text):
        with self.lock:
            for t, line in self.lines:
                if text in line:
                    return t
        return None


def main():
    # The relays and guests are stopped on the way out, killed or not.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    ap = argparse.ArgumentParser()
    work = os.environ.get('LTT_WORK', os.path.expanduser('~/.cache/ltt'))
    ap.add_argument('-s', default=os.path.join(work, 'ci'))
    ap.add_argument('-k', default=os.path.join(work, 'out', 'kernel'))
    ap.add_argument('-o', default=os.path.join(work, 'results', 'relay'))
    ap.add_argument('-t', type=int, default=1200)
    args = ap.parse_args()

    shutil.rmtree(args.o, ignore_errors=True)
    os.makedirs(args.o)
    start = time.time()
    main_relay = Relay('main', args.o)
    restart = Relay('restart', args.o)
    guests = {}
    controls = {n: Control(n) for n in NODES}
    live = None
    try:
        for r in (main_relay, restart):
            if not checks.report(r.start(), 'lttng-relayd %s listens on the loopback' % r.name):
                return 1
        for n in NODES:
            # The other boots run every KUnit suite; one quick suite
            # here keeps the boot short.
            append = 'kunit.filter_glob=ltt_control ' \
                'ltt.node=%s ltt.relay=%s ltt.control=10.0.2.2:%d' % (
                    n, main_relay.guest_arg(), controls[n].port)
            if n == 'node1':
                append += ' ltt.relay2=%s' % restart.guest_arg()
            log = open(os.path.join(args.o, n + '.boot.log'), 'w')
            guests[n] = subprocess.Popen(
                [os.path.join(TOP, 'scripts', 'boot.sh'), '-s', args.s,
                 '-k', args.k, '-r', 'extra', '-i', '-n', '-l', n,
                 '-o', os.path.join(args.o, n), '-t', str(args.t),
                 '-a', append,
                 '-x', os.path.join(TOP, 'scripts', 'guest', 'relay-node.sh')],
                stdout=log, stderr=subprocess.STDOUT)
        for n in NODES:
            if not checks.report(controls[n].accept(CONNECT_LIMIT, guests[n]),
                                 '%s booted and connected to the host' % n,
                                 'see %s.boot.log' % os.path.join(args.o, n)):
                return 1
        for n in NODES:
            checks.report(wait_for(lambda: any(has_data(t) for t in main_relay.traces(n)),
                                   DATA_LIMIT),
                          '%s streams to relay main' % n)
        checks.report(wait_for(lambda: any(has_data(t) for t in restart.traces('node1')),
                               DATA_LIMIT),
                      'node1 streams to relay restart')

        # A module's events, described while tracing, on both nodes.
        for n in NODES:
            controls[n].send('module')

        # Live: a user event written on node2 shows up in the live view.
        live = Live(main_relay, 'node2', 'main')
        time.sleep(2)
        latencies = []
        for i in range(3):
            text = 'live-%d-%d' % (os.getpid(), i)
            t0 = time.time()
            controls['node2'].send('mark ' + text)
            wait_for(lambda: live.find(text), LIVE_LIMIT)
            t = live.find(text)
            latencies.append(t - t0 if t else None)
        checks.report(all(x is not None for x in latencies),
                      'live view shows node2\'s user events within %d s' % LIVE_LIMIT,
                      'seen after: %s' % latencies)
        print('relay: live latency, host seconds: %s' %
              ', '.join('%.1f' % x if x is not None else 'none' for x in latencies))

        # Relay restart goes away and comes back while node1 traces.
        restart.kill()
        time.sleep(RELAY_GAP)
        checks.report(restart.start(), 'lttng-relayd restart starts again')
        checks.report(wait_for(lambda: len(restart.traces('node1')) >= 2
                               and has_data(restart.traces('node1')[-1]),
                               RESTART_LIMIT),
                      'node1 goes on in a new trace on the restarted relay')

        # A slow relay: stopped, it neither reads nor answers. lttd waits
        # in the same trace, the channel discards meanwhile.
        size = trace_size(restart.traces('node1')[-1])
        restart.proc.send_signal(signal.SIGSTOP)
        time.sleep(RELAY_GAP)
        restart.proc.send_signal(signal.SIGCONT)
        checks.report(wait_for(lambda: trace_size(restart.traces('node1')[-1]) > size,
                               RESTART_LIMIT) and len(restart.traces('node1')) == 2,
                      'node1 goes on in the same trace after the relay was stopped for %d s'
                      % RELAY_GAP)

        for n in NODES:
            controls[n].send('stop')
            controls[n].close()
        try:
            live.proc.wait(120)
        except subprocess.TimeoutExpired:
            live.proc.kill()
            live.proc.wait()
        live.reader.join(10)
        err = live.proc.stderr.read().decode(errors='replace')
        checks.report(live.proc.returncode == 0 and len(live.lines) > 0,
                      'live view ends on its own with exit status 0 when the session stops',
                      'exit %s, %d lines, %s' % (live.proc.returncode, len(live.lines),
                                                  err.strip()[:300]))
        for n in NODES:
            guests[n].wait()
            with open(os.path.join(args.o, n, 'results.txt')) as f:
                sys.stdout.write(f.read())
            checks.report(guests[n].returncode == 0, '%s: guest checks passed' % n)
    finally:
        for c in controls.values():
            c.close()
        if live and live.proc.poll() is None:
            live.proc.kill()
        for g in guests.values():
            if g.poll() is None:
                g.send_signal(signal.SIGTERM)
                g.wait()
        main_relay.stop()
        restart.stop()

    # One trace per node on relay main, each exact.
    for n in NODES:
        traces = main_relay.traces(n)
        if not checks.report(len(traces) == 1, '%s: one trace on relay main' % n,
                             'found %s' % traces):
            continue
        rc, err, per_cpu, module = decode(traces[0])
        checks.report(rc == 0 and not err, '%s: babeltrace2 decodes the trace with no warning' % n,
                      'exit %d: %s' % (rc, err.strip()[:300]))
        written = read_stats(os.path.join(args.o, n, 'guest', 'relay', 'main.status'))
        checks.report(written and dict(per_cpu) == written,
                      '%s: events per CPU equal the kernel\'s written counters' % n,
                      'trace %s, kernel %s' % (dict(per_cpu), written))
        checks.report(module > 0, '%s: the test module\'s events, loaded while tracing' % n)
        print('relay: %s: %d events, %d of the test module' %
              (n, sum(per_cpu.values()), module))

    # Relay restart: two traces of node1, as the documentation says.
    traces = restart.traces('node1')
    checks.report(len(traces) == 2, 'node1: two traces on the restarted relay',
                  'found %s' % traces)
    for i, t in enumerate(traces):
        rc, err, per_cpu, _ = decode(t)
        checks.report(rc == 0, 'node1: restart trace %d decodes' % (i + 1),
                      'exit %d: %s' % (rc, err.strip()[:300]))
        checks.report(sum(per_cpu.values()) > 0, 'node1: restart trace %d has events' % (i + 1))
    log = os.path.join(args.o, 'node1', 'guest', 'relay', 'restart.lttd.log')
    text = open(log).read() if os.path.exists(log) else ''
    checks.report(re.search(r'relay lost: .*connecting again every second', text) and
                  re.search(r'relay back after \d+ attempts, the trace goes on in', text),
                  'node1: lttd says the relay was lost and is back', text.strip()[:300])
    print('relay: %d s' % (time.time() - start))
    return 1 if checks.failed else 0


if __name__ == '__main__':
    sys.exit(main())
