#!/usr/bin/env python3
"""ko_screen.py: the Korean catalogue against captured screens.

  ko_screen.py MO tr MSGID [MSGID_PLURAL]
      prints the longest literal piece (between format directives) of MSGID's
      translation: what a screen showing the translated message holds
  ko_screen.py MO english SCREEN...
      prints each English message piece of the catalogue found on a SCREEN
      (FILE: piece), and exits 1 when there is one: a message the reader
      shows untranslated. Pieces are the literal parts of each msgid between
      format directives that hold three words or more (short words such as
      "read" or "digest" are also a post's text); a piece the translation
      keeps as it is (a name) does not count.
"""
import gettext
import re
import sys

DIRECTIVE = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                       r"(?:hh|h|ll|l|L|j|z|t)?[diouxXeEfFgGaAcspn%]")


def pieces(s):
    return [p.strip() for p in DIRECTIVE.split(s) for p in p.split("\n") if p.strip()]


def catalogue(mo):
    with open(mo, "rb") as f:
        t = gettext.GNUTranslations(f)
    return t, t._catalog


def main():
    mo, cmd = sys.argv[1], sys.argv[2]
    t, cat = catalogue(mo)
    if cmd == "tr":
        if len(sys.argv) > 4:
            ko = t.ngettext(sys.argv[3], sys.argv[4], 1)
        else:
            ko = t.gettext(sys.argv[3])
        if ko == sys.argv[3]:
            sys.exit("ko_screen.py: no translation of: " + sys.argv[3])
        print(max(pieces(ko), key=len))
        return 0
    english = {}
    for key, ko in cat.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid:
            continue
        msgid = msgid.split("\x04", 1)[-1]
        for p in pieces(msgid):
            if len(p.split()) >= 3 and len(p) >= 12 and p not in ko:
                english[p] = msgid
    found = 0
    for name in sys.argv[3:]:
        with open(name, encoding="utf-8", errors="replace") as f:
            screen = f.read()
        # A message cut at the screen's edge still shows its start.
        rows = [r.rstrip() for r in screen.split("\n")]
        for p in sorted(english):
            if any(p in r for r in rows):
                print("%s: %s" % (name, p))
                found = 1
    return found


if __name__ == "__main__":
    sys.exit(main())
