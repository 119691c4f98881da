# SPDX-License-Identifier: GPL-2.0
"""The series lint of scripts/check-patches.

    lint.py series SERIES PATCH-DIR
        'series' and PATCH-DIR agree: each listed patch exists, each
        patch is listed, numbered 0001..N in order
    lint.py patches KNOWN-COMMITS GIT-DIR PATCH...
        each patch has one From:, one Signed-off-by: that matches it, the
        identity of the first patch, a subject 'prefix: summary' of at
        most 75 characters, and well-formed Fixes: lines whose subject is
        the commit's (from KNOWN-COMMITS, else GIT-DIR's history)

Each problem is a line 'NAME: problem' (NAME: 'series' or the patch's
file name); exits 1 if there is one.
"""

import email
import email.policy
import email.utils
import os
import re
import subprocess
import sys

from lmm import read_lines

SUBJECT_MAX = 75
SUBJECT = re.compile(r'^[A-Za-z0-9_.,/*-]+( [A-Za-z0-9_.,/*-]+)*: [^ ]')
FIXES = re.compile(r'^Fixes: ([0-9a-f]{12}) \("(.+)"\)$')
PATCH_PREFIX = re.compile(r'^\s*(\[[^\]]*\]\s*)+')


def series_problems(listed, present):
    """LISTED: the names of the series file; PRESENT: the patch files."""
    out = [f'lists {n}, which is not in patches/' for n in listed
           if n not in present]
    out += [f'patches/{n} is not listed in series' for n in sorted(present)
            if n not in listed]
    for i, n in enumerate(listed, 1):
        if n.split('-', 1)[0] != f'{i:04d}':
            out.append(f'entry {i} is {n}; expected number {i:04d} '
                       '(run make export)')
    return out


def read_patch(path):
    """(author 'Name <address>', subject without [PATCH], number of From:
    headers, body above '---') of a format-patch file."""
    with open(path, 'rb') as f:
        raw = f.read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    name, addr = email.utils.parseaddr(str(m['From'] or ''))
    subject = PATCH_PREFIX.sub('', ' '.join(str(m['Subject'] or '').split()))
    text = raw.decode('utf-8', 'replace')
    headers, _, rest = text.partition('\n\n')
    # The format-patch header block starts with the 'From <id> <date>'
    # line; the From: headers are those of the mail.
    froms = sum(line.startswith('From: ') for line in headers.splitlines())
    body = rest.split('\n---\n', 1)[0]
    return f'{name} <{addr}>', subject, froms, body


def known_subject(cid, known, git_dir):
    if cid in known:
        return known[cid]
    if git_dir and os.path.isdir(os.path.join(git_dir, '.git')):
        p = subprocess.run(['git', '-C', git_dir, 'log', '-1', '--format=%s', cid],
                           capture_output=True, text=True, check=False)
        if p.returncode == 0:
            return p.stdout.strip()
    return ''


def patch_problems(author, subject, froms, body, identity, known, git_dir):
    out = []
    if froms != 1:
        out.append('needs exactly one From: header')
    sobs = [line for line in body.splitlines()
            if line.startswith('Signed-off-by: ')]
    if len(sobs) != 1:
        out.append(f'needs exactly one Signed-off-by: (has {len(sobs)})')
    if sobs != [f'Signed-off-by: {author}']:
        out.append(f'Signed-off-by does not match the author {author}')
    if author != identity:
        out.append(f"author {author} differs from the series' {identity}")
    if len(subject) > SUBJECT_MAX:
        out.append(f'subject is {len(subject)} characters (at most '
                   f'{SUBJECT_MAX}): {subject}')
    if not SUBJECT.match(subject):
        out.append(f"subject is not 'prefix: summary': {subject}")
    for line in body.splitlines():
        if not line.lower().startswith('fixes:'):
            continue
        m = FIXES.match(line.strip())
        if not m:
            out.append(f'malformed: {line.strip()} '
                       '(want: Fixes: <12 hex> ("subject"))')
            continue
        have = known_subject(m.group(1), known, git_dir)
        if have and have != m.group(2):
            out.append(f'Fixes: {m.group(1)} names "{m.group(2)}"; '
                       f'that commit is "{have}"')
    return out


def read_known(path):
    known = {}
    for line in read_lines(path):
        if line.startswith('#') or not line.strip():
            continue
        cid, _, subject = line.rstrip('\n').partition(' ')
        known[cid] = subject
    return known


def main(argv):
    problems = []
    if len(argv) == 3 and argv[0] == 'series':
        listed = [line.split('#', 1)[0].split()[0] for line in read_lines(argv[1])
                  if line.split('#', 1)[0].strip()]
        present = {f for f in os.listdir(argv[2]) if f.endswith('.patch')
                   and f != '0000-cover-letter.patch'}
        problems = [('series', p) for p in series_problems(listed, present)]
    elif len(argv) >= 4 and argv[0] == 'patches':
        known, git_dir = read_known(argv[1]), argv[2]
        identity = None
        for path in argv[3:]:
            author, subject, froms, body = read_patch(path)
            identity = identity or author
            problems += [(os.path.basename(path), p) for p in patch_problems(
                author, subject, froms, body, identity, known, git_dir)]
    else:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    for name, p in problems:
        print(f'{name}: {p}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
