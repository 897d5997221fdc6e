#!/usr/bin/env python3
"""Typographic measurements over layout dumps made with VITA_DUMP_MEASURE=1 (every text piece
carries edge=X, the right edge of the measure it was set to).

Usage: typo.py [--check=overshoot,ties,hyphens,bold,names,keeps] [--names='A B|C D'] DUMP...   Prints one line of figures per dump and a total; exits 1 when a line runs
past its measure by more than 0.1 pt, a line starts with + % or a per-mille sign right after a
line of the same paragraph (a break the ties forbid), more than two consecutive lines end with a
hyphen, a section title is not on the page of its first two entries (or of all, for a section of
three or fewer), a personal name of --names is broken or hyphenated across two lines, or a line of bold text has word spaces above 1.5 times the natural space (--check: only
those kinds of problem fail; the figures are always printed)."""
import glob
import os
import re
import subprocess
import sys

TEXT = re.compile(r'^  text (\S+) (\S+) w=(\S+) font=(\d+) size=(\S+) .*"(.*)" edge=(\S+)$')
FONT = re.compile(r'^  font (\d+) .* bold=(\d).* upem=(\d+) file="([^"]*)"(?: space=([\d.]+))?')
SPACE_EM = 0.26  # Noto Sans's and Noto Serif's space glyph (260/1000), when a face's cannot be read
TOL = 0.1
_space = {}


def space_em(file, upem):
    """The natural space of a face (its space glyph's advance, by hb-shape), in em.  The dump
    names the file only: it is looked for in vita's fonts/, fonts/themes/ and /usr/share/fonts."""
    if file in _space:
        return _space[file]
    root = os.environ.get('VITA_ROOT', '.')
    found = [p for p in (os.path.join(root, 'fonts', file), os.path.join(root, 'fonts', 'themes', file))
             if os.path.exists(p)] or glob.glob('/usr/share/fonts/**/' + glob.escape(file), recursive=True)
    em = SPACE_EM
    if found:
        try:
            out = subprocess.run(['hb-shape', '--no-glyph-names', found[0], ' '], capture_output=True,
                                 text=True, timeout=20).stdout
            m = re.search(r'\+(\d+)', out)
            if m:
                em = int(m.group(1)) / upem
        except (OSError, subprocess.SubprocessError):
            pass
    _space[file] = em
    return em


def lines_of(path):
    """Lines as lists of pieces (x, w, bold, natural space in pt, text), grouped by page, baseline
    and measure."""
    bold, lines, page = {}, {}, 0
    for raw in open(path, encoding='utf-8'):
        raw = raw.rstrip('\n')
        m = FONT.match(raw)
        if m:
            # a stand-in face (Gentium for Fontin) says its word space: the original's, not its file's
            sp = float(m.group(5)) if m.group(5) else space_em(m.group(4), int(m.group(3)))
            bold[int(m.group(1))] = (m.group(2) == '1', sp)
            continue
        if raw.startswith('page ') and ':' in raw:
            page = int(raw.split()[1].rstrip(':'))
            continue
        m = TEXT.match(raw)
        if not m:
            continue
        x, y, w, f, size, text, edge = m.groups()
        key = (page, round(float(y), 1), float(edge))
        b, sp = bold.get(int(f), (False, SPACE_EM))
        lines.setdefault(key, []).append((float(x), float(w), b, float(size) * sp, text))
    return lines


def words(pieces):
    """A line's words: pieces that abut (split only for kerning, gap under 0.9 pt) merged."""
    out, end = [], None
    for x, w, _, _, text in pieces:
        if out and end is not None and x - end < 0.9:
            out[-1] += text
        else:
            out.append(text)
        end = x + w
    return out


def broken_name(tail, head, names):
    """The name split between a line ending in word tail and the next line starting with head."""
    head = head.rstrip(',;.*#')
    joins = [tail[:-1] + head, tail + head] if tail.endswith('-') else [tail + ' ' + head]
    for n in names:
        for j in joins:
            if re.search(r'(^|\W)' + re.escape(j) + r'($|\W)', n):
                return n
    return None


def keeps(path):
    """The keep rules, from the dump's record of where each block started ("placed"): a section
    title is on the page of its first two entries, or of all its entries when it has three or fewer
    (unless it starts its page: then what does not fit is taller than a page).  Returns the number
    of titles checked and the problems."""
    placed, on = [], False
    for raw in open(path, encoding='utf-8'):
        if raw.startswith('placed '):
            on = True
            continue
        if on and raw.startswith('  page '):
            f = raw.split()
            placed.append((int(f[1]), int(f[3]), f[4] == 'title'))
        elif on:
            break
    fails, titles = [], 0
    for i, (page, sec, title) in enumerate(placed):
        if not title:
            continue
        titles += 1
        entries = [p for p, s, t in placed[i + 1:] if s == sec and not t]
        need = entries if len(entries) <= 3 else entries[:2]
        starts_page = i == 0 or placed[i - 1][0] != page
        if any(p != page for p in need) and not starts_page:
            fails.append(('keeps', 'page %d: section %d\'s title with %d of its %d entries (needs %d)'
                          % (page, sec, sum(p == page for p in entries), len(entries), len(need))))
    return titles, fails


def measure(path, names=()):
    lines = lines_of(path)
    fails, over, hyph, run, worst_run, worst_ratio = [], 0.0, 0, 0, 0, 0.0
    keys = sorted(lines)
    prev = None
    for k in keys:
        pieces = sorted(lines[k])
        right = max(x + w for x, w, _, _, _ in pieces)
        o = right - k[2]
        over = max(over, o)
        if o > TOL:
            fails.append(('overshoot', 'page %d y=%.2f: %.2f pt past the measure: %s' % (k[0], k[1], o, pieces[-1][4])))
        # a line of the same column right below the previous one: the same paragraph
        same_par = prev is not None and prev[0] == k[0] and prev[2] == k[2] and 0 < k[1] - prev[1] < 20
        first = pieces[0][4]
        if same_par and first[:1] in ('+', '%', '\u2030'):
            fails.append(('ties', 'page %d y=%.2f: a line starts with %r' % (k[0], k[1], first[:1])))
        if same_par and names:
            n = broken_name(words(sorted(lines[prev]))[-1], words(pieces)[0], names)
            if n:
                fails.append(('names', 'page %d y=%.2f: the name %r is broken across lines' % (k[0], k[1], n)))
        ends = pieces[-1][4].endswith('-') and len(pieces[-1][4]) > 1
        hyph += ends
        run = run + 1 if ends and (same_par or run == 0) else (1 if ends else 0)
        worst_run = max(worst_run, run)
        if run > 2:
            fails.append(('hyphens', 'page %d y=%.2f: %d hyphenated lines in a row' % (k[0], k[1], run)))
        if all(p[2] for p in pieces) and len(pieces) > 1:
            r = 0.0
            # the natural space, pt, at the line's largest size: faked small caps set the letters
            # smaller but the spaces at the run's size
            sp = max(p[3] for p in pieces)
            for a, b in zip(pieces, pieces[1:]):
                gap = b[0] - (a[0] + a[1])
                if gap > 0.9:  # a word space (pieces of one word abut or differ by a kern)
                    r = max(r, gap / sp)
            worst_ratio = max(worst_ratio, r)
            if r > 1.5 + 1e-6:
                fails.append(('bold', 'page %d y=%.2f: bold word spaces %.2f x natural: %s'
                             % (k[0], k[1], r, ' '.join(p[4] for p in pieces))))
        prev = k
    fails += keeps(path)[1]
    return len(keys), over, hyph, worst_run, worst_ratio, fails


def bbox_overshoot(pdf, dump):
    """The PDF measured as poppler sees it: each word of `pdftotext -bbox` against the measure of
    the dump's line it lies on (same page, the line's baseline inside the word's box, the word
    starting within the line's pieces).  Returns (words measured, max overshoot, problems)."""
    lines = lines_of(dump)
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
    page, n, over, fails = 0, 0, 0.0, []
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')
    for raw in out.splitlines():
        if '<page ' in raw:
            page += 1
            continue
        m = word.search(raw)
        if not m:
            continue
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        for (pg, y, edge), pieces in lines.items():
            if pg == page and y0 - 0.5 <= y <= y1 + 0.5 and \
                    min(p[0] for p in pieces) - 0.5 <= x0 <= max(p[0] + p[1] for p in pieces) + 0.5:
                n += 1
                o = x1 - edge
                over = max(over, o)
                if o > TOL:
                    fails.append(('overshoot', '%s page %d y=%.2f: %r ends %.2f pt past the measure (pdftotext -bbox)'
                                  % (pdf.split('/')[-1], page, y, m.group(5), o)))
                break
    return n, over, fails


def main():
    total_lines = total_hyph = 0
    total_over = worst = 0.0
    bad = 0
    args = sys.argv[1:]
    checks = {'overshoot', 'ties', 'hyphens', 'bold', 'names', 'keeps'}
    names = []
    while args and args[0].startswith('--'):
        a = args.pop(0)
        if a == '--bbox':  # --bbox PDF DUMP ...: pairs
            n = bad = 0
            over = 0.0
            for pdf, dump in zip(args[0::2], args[1::2]):
                k, o, fails = bbox_overshoot(pdf, dump)
                n, over = n + k, max(over, o)
                for f in fails:
                    print(f[1])
                bad += len(fails)
            print('bbox: %d words of %d PDFs measured with pdftotext -bbox, max overshoot %.2f pt, %d problems'
                  % (n, len(args) // 2, max(over, 0), bad))
            return 1 if bad or not n else 0
        if a.startswith('--check='):
            checks = set(a[8:].split(','))
        elif a.startswith('--names='):
            names = [n for n in a[8:].split('|') if n]
    for path in args:
        n, over, hyph, run, ratio, fails = measure(path, names)
        fails = [m for c, m in fails if c in checks]
        total_lines += n
        total_hyph += hyph
        total_over = max(total_over, over)
        worst = max(worst, ratio)
        for f in fails:
            print('%s: %s' % (path, f))
        bad += len(fails)
        print('%s: %d lines, max overshoot %.2f pt, %d hyphenated ends, longest run %d, '
              'widest bold space %.2fx' % (path.split('/')[-1], n, max(over, 0), hyph, run, ratio))
    per100 = 100.0 * total_hyph / total_lines if total_lines else 0
    print('total: %d lines measured, max overshoot %.2f pt, %.2f hyphenated line ends per 100 lines, '
          'widest bold space %.2fx natural, %d problems' % (total_lines, max(total_over, 0), per100, worst, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
