#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write one review batch of the series as an mbox thread.

    batch-mbox.py COVER ALLDIR FIRST LAST N NBATCH TO CC BASE OUT

COVER is batches/NN.cover (First:, Last:, Subject: lines, a blank line,
the letter). ALLDIR holds the whole series as "git format-patch -n"
wrote it, numbered across the series ([PATCH 06/55]); the batch is
patches FIRST to LAST of it, counted from 1, as scripts/batches.sh
found them in the series file. TO and CC are the
recipients, comma-separated (scripts/get_maintainer.pl). BASE names what
the batch applies to. The cover letter is [PATCH 00/M] with the batch
number in its subject; every patch replies to it, as git send-email
--thread would send them, with fixed Message-IDs so that the same
series always gives the same mbox.
"""
import glob
import os
import re
import sys


def read_cover(path):
    head, _, body = open(path).read().partition('\n\n')
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(':')
        fields[key.strip()] = value.strip()
    if 'Subject' not in fields:
        sys.exit('%s: no Subject: line' % path)
    return fields, body.strip('\n')


def series_files(alldir):
    files = sorted(glob.glob(os.path.join(alldir, '[0-9][0-9][0-9][0-9]-*.patch')))
    files = [f for f in files if not f.endswith('0000-cover-letter.patch')]
    if not files:
        sys.exit('%s: no patches' % alldir)
    return files


def header_value(msg, name):
    m = re.search(r'^%s: (.*(?:\n[ \t].*)*)' % name, msg, re.M)
    return m.group(1).replace('\n', '') if m else ''


def unfold_headers(msg):
    """One line per header: b4 0.12 (Debian 12) fails on a folded Subject
    read from a local mbox ("Header values may not contain linefeed")."""
    head, sep, body = msg.partition('\n\n')
    return re.sub(r'\n[ \t]+', ' ', head) + sep + body


def add_headers(msg, extra):
    """Insert headers after Subject: (and its continuation lines)."""
    m = re.search(r'^Subject: .*(?:\n[ \t].*)*\n', msg, re.M)
    return msg[:m.end()] + ''.join('%s: %s\n' % kv for kv in extra) + msg[m.end():]


def main():
    cover, alldir, first, last, n, nbatch, to, cc, base, out = sys.argv[1:11]
    first, last = int(first) - 1, int(last) - 1
    n, nbatch = int(n), int(nbatch)
    fields, letter = read_cover(cover)
    files = series_files(alldir)
    total = len(files)
    if not 0 <= first <= last < total:
        sys.exit('%s: patches %d-%d of %d' % (cover, first + 1, last + 1, total))
    width = len(str(total))
    domain = 'ltt.example.org'
    root = '<ltt-batch-%02d-0@%s>' % (n, domain)
    first_msg = open(files[first]).read()
    author = header_value(first_msg, 'From')
    date = header_value(first_msg, 'Date')

    shortlog = []
    for i in range(first, last + 1):
        subj = header_value(open(files[i]).read(), 'Subject')
        subj = re.sub(r'^\[PATCH [0-9/]+\] ', '', subj)
        shortlog.append('  %*d/%d %s' % (width, i + 1, total, subj))
    subject = '[PATCH %s/%d] %s (batch %d/%d: patches %d-%d)' % (
        '0' * width, total, fields['Subject'], n, nbatch, first + 1, last + 1)
    body = '%s\n\nPatches %d to %d of %d; %s.\n\n%s\n' % (
        letter, first + 1, last + 1, total, base, '\n'.join(shortlog))

    with open(out, 'w') as f:
        f.write('From ltt-batch-%02d Mon Sep 17 00:00:00 2001\n' % n)
        f.write('From: %s\nDate: %s\nSubject: %s\nMessage-ID: %s\n' %
                (author, date, subject, root))
        if to:
            f.write('To: %s\n' % to)
        if cc:
            f.write('Cc: %s\n' % cc)
        f.write('MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n'
                'Content-Transfer-Encoding: 8bit\n\n')
        f.write(body + '\n')
        for k, i in enumerate(range(first, last + 1), 1):
            msg = unfold_headers(open(files[i]).read())
            extra = [('Message-ID', '<ltt-batch-%02d-%d@%s>' % (n, k, domain)),
                     ('In-Reply-To', root), ('References', root)]
            if to:
                extra.append(('To', to))
            if cc:
                extra.append(('Cc', cc))
            msg = add_headers(msg, extra)
            # git am splits an mbox at every line that starts "From ":
            # none may, but the separator.
            if re.search(r'\nFrom ', msg):
                sys.exit('%s: a line starts with "From "' % files[i])
            f.write(msg.rstrip('\n') + '\n\n')


if __name__ == '__main__':
    main()
