# SPDX-License-Identifier: GPL-2.0
"""The checks of scripts/send-dry-run on the messages b4 wrote.

    messages.py OUT N PREFIX BASE CHANGE-ID GET-MAINTAINER LISTING \\
                COVER POSTER INSPECT ADDRESSES

reads the .eml files of OUT, prints their subjects, recipients and
count, and checks them against the series: N + 1 messages numbered
[PREFIX 0/N] to N/N; the cover letter is the text of COVER with
'base-commit: BASE' and 'change-id: CHANGE-ID'; every address of the
GET-MAINTAINER output is To or Cc; unless INSPECT is 1, every message
is from POSTER, whose Signed-off-by: is the last of every patch.  Writes
the patch files to LISTING, one per line, and every address the
messages carry to ADDRESSES ('file<TAB>where<TAB>address'), for the
placeholder check.  Exits 1, the problems on stderr, if one fails.
"""

import email
import email.policy
import email.utils
import os
import re
import sys

SIGNED_OFF = re.compile(r'^Signed-off-by:\s*(.*)$', re.M | re.I)
BODY_FROM = re.compile(r'^From:\s*(.*)$', re.M)


def read_messages(folder):
    """(file name, message) of the .eml files of FOLDER, in order."""
    msgs = []
    for f in sorted(f for f in os.listdir(folder) if f.endswith('.eml')):
        with open(os.path.join(folder, f), 'rb') as fh:
            msgs.append((f, email.message_from_binary_file(
                fh, policy=email.policy.default)))
    return msgs


def subject(m):
    return ' '.join(str(m['Subject']).split())


def body(m):
    return m.get_body(preferencelist=('plain',)).get_content()


def recipients(msgs, field):
    """The addresses of FIELD over all messages, first seen first, once
    each whatever their case."""
    out = []
    for _, m in msgs:
        for _, addr in email.utils.getaddresses(m.get_all(field, [])):
            if addr and addr.lower() not in (a.lower() for a in out):
                out.append(addr)
    return out


def numbering(msgs, n, prefix):
    width = len(str(n))
    problems = []
    for i, (f, m) in enumerate(msgs):
        want = '[%s %0*d/%d] ' % (prefix, width, i, n)
        if not subject(m).startswith(want):
            problems.append(f'{f}: subject does not start with "{want}"')
    if len(msgs) != n + 1:
        problems.append(f'{len(msgs)} messages, expected {n + 1}')
    return problems


def cover_letter(m, base, change_id, cover_name, cover_text):
    """The cover letter carries the base, the change-id and the text of
    the repository's cover letter (subject line first)."""
    problems = []
    text = body(m)
    if not re.search(r'^base-commit: %s$' % re.escape(base), text, re.M):
        problems.append(f'the cover letter has no "base-commit: {base}"')
    if not re.search(r'^change-id: %s$' % re.escape(change_id), text, re.M):
        problems.append(f'the cover letter has no "change-id: {change_id}"')
    lines = cover_text.strip().split('\n')
    if (not subject(m).endswith(' ' + lines[0].strip())
            or '\n'.join(lines[1:]).strip() not in text):
        problems.append(f'the cover letter is not the text of {cover_name}; '
                        'run scripts/b4-prep again')
    return problems


def maintainers(named, to, cc):
    have = {a.lower() for a in to + cc}
    return [f'get_maintainer.pl names {a}, which is neither To nor Cc'
            for a in named if a and a.lower() not in have]


def identities(msgs, poster, inspect):
    """The problems of who sent and signed off, and every address the
    messages carry as (file, where, address)."""
    poster_addr = email.utils.parseaddr(poster)[1].lower()
    problems, addresses = [], []
    for i, (f, m) in enumerate(msgs):
        for field in ('From', 'To', 'Cc'):
            for _, addr in email.utils.getaddresses(m.get_all(field, [])):
                addresses.append((f, field, addr))
        sender = email.utils.parseaddr(str(m['From']))[1]
        if not inspect and sender.lower() != poster_addr:
            problems.append(f'{f}: from {sender}, not the poster {poster}')
        if i == 0:
            continue
        text = body(m).split('\n---\n')[0]
        for line in BODY_FROM.findall(text):
            addresses.append((f, 'body From', email.utils.parseaddr(line)[1]))
        sobs = [email.utils.parseaddr(s)[1] for s in SIGNED_OFF.findall(text)]
        addresses += [(f, 'Signed-off-by', s) for s in sobs]
        if not inspect and (not sobs or sobs[-1].lower() != poster_addr):
            problems.append(f'{f}: the last Signed-off-by: is not the '
                            f'poster {poster}')
    return problems, addresses


def main(argv):
    if len(argv) != 11:
        print(__doc__.strip().split('\n\n')[1], file=sys.stderr)
        return 2
    (out, n, prefix, base, change_id, getm, listing, cover, poster,
     inspect, addresses_file) = argv
    n, inspect = int(n), inspect == '1'
    msgs = read_messages(out)
    to, cc = recipients(msgs, 'To'), recipients(msgs, 'Cc')
    print('Subjects:')
    for _, m in msgs:
        print('  ' + subject(m))
    print('To: ' + ', '.join(to))
    print('Cc: ' + ', '.join(cc))
    print(f'Recipients: {len(to)} To, {len(cc)} Cc')
    print(f'Messages: {len(msgs)} (the cover letter and {n} patches)')
    problems = numbering(msgs, n, prefix)
    if msgs and len(msgs) == n + 1:
        with open(cover, encoding='utf-8') as fh:
            problems += cover_letter(msgs[0][1], base, change_id, cover,
                                     fh.read())
    with open(getm, encoding='utf-8') as fh:
        named = [a for _, a in email.utils.getaddresses(fh.read().splitlines())]
    problems += maintainers(named, to, cc)
    who, addresses = identities(msgs, poster, inspect)
    problems += who
    with open(addresses_file, 'w', encoding='utf-8') as fh:
        fh.writelines(f'{f}\t{w}\t{a}\n' for f, w, a in addresses)
    with open(listing, 'w', encoding='utf-8') as fh:
        fh.writelines(os.path.join(out, f) + '\n' for f, _ in msgs[1:])
    for p in problems:
        print('send-dry-run: ' + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
