# SPDX-License-Identifier: GPL-2.0
"""What the host-side checks of guest results share.

scripts/check-trace.py, check-clock-switch.py and check-system-trace.py
import it (Python puts the script's own directory first on its path).
"""

import sys


class Checks:
    """PASS:/FAIL: lines under one label, and whether any check failed."""

    def __init__(self, label):
        self.label = label
        self.failed = False

    def report(self, ok, what, why=''):
        """Print one result line; a failure says why when it is given."""
        if ok:
            print('PASS: %s: %s' % (self.label, what))
        else:
            self.failed = True
            print('FAIL: %s: %s%s' % (self.label, what, ' -- ' + why if why else ''))
        sys.stdout.flush()
        return ok


def read_expect(path):
    """The KEY=VALUE lines a guest script wrote, as a dict; '#' starts a comment line."""
    keys = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#') and '=' in line:
                k, v = line.split('=', 1)
                keys[k.strip()] = v.strip()
    return keys
