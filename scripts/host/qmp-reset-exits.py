#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Make a running QEMU exit on the guest's next reset, as -no-reboot does
# from the start: scripts/boot.sh -w lets the first reset (the guest's
# crash) reboot the guest warm, then calls this.
#
#   scripts/host/qmp-reset-exits.py QMP_SOCKET
import json
import socket
import sys


def command(f, cmd):
    f.write(json.dumps(cmd) + "\n")
    f.flush()
    for line in f:
        reply = json.loads(line)
        if "return" in reply:
            return
        if "error" in reply:
            sys.exit(f"qmp: {cmd['execute']}: {reply['error']}")
    sys.exit("qmp: connection closed")


def main():
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    f = s.makefile("rw")
    f.readline()  # the greeting
    command(f, {"execute": "qmp_capabilities"})
    command(f, {"execute": "set-action", "arguments": {"reboot": "shutdown"}})


if __name__ == "__main__":
    main()
