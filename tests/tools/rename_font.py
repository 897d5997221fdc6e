#!/usr/bin/env python3
"""A copy of a TrueType font whose name table says another family: every UTF-16 'Noto Sans' in
its name records becomes the new name, of the same length, so no offset moves.  For the tests of
fonts a CV brings (tests/sh/fonts.sh, tests/sh/watch.sh): a family no folder of vita's and no
installed font has.
    python3 tests/tools/rename_font.py IN.ttf OUT.ttf 'Vita Sans'
"""
import struct
import sys


def main(src, dst, name):
    old = 'Noto Sans'.encode('utf-16-be')
    new = name.encode('utf-16-be')
    if len(new) != len(old):
        sys.exit('rename_font: the new name must have as many characters as "Noto Sans"')
    b = bytearray(open(src, 'rb').read())
    for i in range(struct.unpack('>H', b[4:6])[0]):
        tag, _, off, ln = struct.unpack('>4sIII', b[12 + 16 * i:28 + 16 * i])
        if tag == b'name':
            b[off:off + ln] = b[off:off + ln].replace(old, new)
    open(dst, 'wb').write(b)


if __name__ == '__main__':
    main(*sys.argv[1:4])
