#!/usr/bin/env python3
# Checks that a layout is mirrored (a right-to-left CV) or not, and that extracted text is in logical
# order.  Used by tests/sh/rtl.sh.
#
#   rtl_check.py layout DUMP rtl|ltr --after TITLE [--main TEXT --date TEXT --dates left|right]
#                [--marker TEXT] [--title TEXT] [--top-note]
#       DUMP is `vita render --dump-layout` (page 1 is read); only what is below the top of the
#       section TITLE (the first, by the dump's bookmarks) is looked at, so the header's separators
#       are not bullets.
#       Checks: bullets (and each --marker) are the rightmost piece of their line (rtl) or the
#       leftmost (ltr); nine lines in ten or more end at the right edge of their measure (rtl: set
#       from the right; the dump made with VITA_DUMP_MEASURE=1), fewer (ltr) — section titles and
#       the lowest line (the footer) left out; the first --date piece is on the --dates side of the first --main
#       piece; --title's rule runs from the title to the left (rtl) or right, the title at the
#       right edge (rtl) or left; --top-note: the topmost piece is in the left half (rtl) or right.
#   rtl_check.py words TEXT PHRASE...
#       each phrase's words (punctuation at their ends left out) appear one after another in TEXT
#       (pdftotext's output, whose bidi embedding marks count as spaces).
# Prints what is wrong; exit status 1 when something is.
import re
import sys

TEXT = re.compile(r'^  text (-?[0-9.]+) (-?[0-9.]+) w=(-?[0-9.]+) font=\d+ size=([0-9.]+) .*?"((?:[^"\\]|\\.)*)"(?: edge=(-?[0-9.]+))?$')
RULE = re.compile(r'^  rule (-?[0-9.]+) (-?[0-9.]+) w=(-?[0-9.]+)')
BULLETS = {'•', '◦', '◆', '●'}


def read_page(path):
    """Text pieces and rules of page 1, in dump order: (kind, x, y, w, size, text)."""
    items, width, page = [], 0.0, 0
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^page ([0-9.]+) x', line)
        if m:
            width = float(m.group(1))
        m = re.match(r'^page (\d+):', line)
        if m:
            page = int(m.group(1))
        if page != 1:
            continue
        m = TEXT.match(line)
        if m:
            x, y, w, size = (float(v) for v in m.groups()[:4])
            edge = float(m.group(6)) if m.group(6) else None
            items.append(('text', x, y, w, size, m.group(5), edge))
            continue
        m = RULE.match(line)
        if m:
            x, y, w = (float(v) for v in m.groups())
            items.append(('rule', x, y, w, 0.0, '', None))
    return items, width


def bookmark_y(path, title):
    """The top of a section title on page 1, from the dump's bookmarks (`page 1 y=Y "TITLE"`)."""
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^  page 1 y=(-?[0-9.]+) "(.*)"$', line.rstrip('\n'))
        if m and m.group(2) == title:
            return float(m.group(1))
    return None


def lines_of(pieces):
    """Pieces grouped by baseline (within 0.5 pt)."""
    lines = {}
    for p in pieces:
        lines.setdefault(round(p[2] * 2) / 2, []).append(p)
    return lines


def first(items, text):
    for it in items:
        if it[0] == 'text' and it[5] == text:
            return it
    return None


def check_layout(args):
    path, want = args[0], args[1]
    rtl = want == 'rtl'
    opts, i = {'marker': []}, 2
    while i < len(args):
        key = args[i].lstrip('-').replace('-', '_')
        if key == 'top_note':
            opts[key] = True
            i += 1
        elif key == 'marker':
            opts['marker'].append(args[i + 1])
            i += 2
        else:
            opts[key] = args[i + 1]
            i += 2
    items, width = read_page(path)
    bad = []
    top = bookmark_y(path, opts.get('after'))
    if top is None:
        return ['no section "%s" on page 1' % opts.get('after')]
    body = [it for it in items if it[2] >= top]
    pieces = [it for it in body if it[0] == 'text' and it[5].strip()]
    lines = lines_of(pieces)

    # bullets and markers: the outermost piece on the start side of their line
    markers = 0
    for y, ps in lines.items():
        for p in ps:
            if p[5] in BULLETS or p[5] in opts['marker']:
                markers += 1
                others = [q for q in ps if q is not p]
                if rtl and any(q[1] + q[3] > p[1] + 0.01 for q in others):
                    bad.append('marker "%s" at y %.2f is not right of its line' % (p[5], y))
                if not rtl and any(q[1] < p[1] - 0.01 for q in others):
                    bad.append('marker "%s" at y %.2f is not left of its line' % (p[5], y))
    if not markers:
        bad.append('no bullet or marker after "%s"' % opts['after'])

    # lines set from the right: (VITA_DUMP_MEASURE=1) nearly every line ends at the right edge of
    # the measure it was set to, where set from the left only justified full lines do
    # (section titles, which a theme may centre, and the lowest line, the footer, left out)
    titles = set()
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^  page 1 y=(-?[0-9.]+) "', line)
        if m:
            below = [p[2] for p in pieces if p[2] >= float(m.group(1))]
            if below:
                titles.add(round(min(below) * 2) / 2)
    titles.add(max(lines))
    ends, at = {}, 0
    for p in pieces:
        if round(p[2] * 2) / 2 in titles:
            continue
        if p[6] is not None:
            key = (round(p[2] * 2) / 2, p[6])
            ends[key] = max(ends.get(key, -1e9), p[1] + p[3])
    for (y, edge), e in ends.items():
        at += abs(e - edge) < 0.6
    share = at / len(ends) if ends else 0
    if rtl and share < 0.9:
        bad.append('lines are not set from the right: %d of %d end at their measure\'s right edge' % (at, len(ends)))
    if not rtl and share >= 0.9:
        bad.append('lines are not set from the left: %d of %d end at their measure\'s right edge' % (at, len(ends)))

    if 'main' in opts:
        m, d = first(body, opts['main']), first(body, opts['date'])
        if not m or not d:
            bad.append('no "%s" or "%s"' % (opts['main'], opts['date']))
        elif opts['dates'] == 'left' and not d[1] + d[3] < m[1]:
            bad.append('"%s" (x %.2f) is not left of "%s" (x %.2f)' % (d[5], d[1], m[5], m[1]))
        elif opts['dates'] == 'right' and not m[1] + m[3] < d[1]:
            bad.append('"%s" (x %.2f) is not right of "%s" (x %.2f)' % (d[5], d[1], m[5], m[1]))

    if 'title' in opts:
        ty = bookmark_y(path, opts['title'])
        t = min((p for p in pieces if p[2] >= ty), key=lambda p: p[2]) if ty is not None else None
        line = [p for p in lines.get(round(t[2] * 2) / 2, [])] if t else []
        rules = [it for it in body if it[0] == 'rule' and t and abs(it[2] - t[2]) < t[4]]
        edge = max(p[1] + p[3] for p in pieces)
        if not t or not rules:
            bad.append('no title "%s" with a rule beside it' % opts['title'])
        elif rtl:
            tl = min(p[1] for p in line)
            if not rules[0][1] + rules[0][3] < tl or abs(max(p[1] + p[3] for p in line) - edge) > 1:
                bad.append('title "%s" is not at the right with its rule to its left' % t[5])
        elif not rules[0][1] > max(p[1] + p[3] for p in line):
            bad.append('the rule of title "%s" is not to its right' % t[5])

    if opts.get('top_note'):
        top = min((it for it in items if it[0] == 'text'), key=lambda it: it[2])
        if rtl and not top[1] + top[3] < width / 2:
            bad.append('the top note "%s" is not on the left' % top[5])
        if not rtl and not top[1] > width / 2:
            bad.append('the top note "%s" is not on the right' % top[5])
    return bad


def words(s):
    s = re.sub('[\u200e\u200f\u202a-\u202e\u2066-\u2069]', ' ', s)
    out = []
    for w in s.split():
        w = w.strip('.,;:!?()[]"\'،؛«»•–—-')
        if w:
            out.append(w)
    return out


def check_words(args):
    text = words(open(args[0], encoding='utf-8').read())
    joined = '\n' + '\n'.join(text) + '\n'
    bad = []
    for phrase in args[1:]:
        if '\n' + '\n'.join(words(phrase)) + '\n' not in joined:
            bad.append('not in logical order: %s' % phrase)
    return bad


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    bad = check_layout(args) if mode == 'layout' else check_words(args)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
