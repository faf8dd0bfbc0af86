#!/usr/bin/env python3
"""Measures text the way a terminal does: with the C library's wcwidth() in a
UTF-8 locale. Prints the widest line's width; with --each, every line's width.
A line holding a character wcwidth() rejects (a control, say) measures 10**6,
so any test bounding widths fails on it."""
import ctypes
import ctypes.util
import locale
import sys

locale.setlocale(locale.LC_ALL, "C.UTF-8")
_libc = ctypes.CDLL(ctypes.util.find_library("c"))
_libc.wcwidth.restype = ctypes.c_int
_libc.wcwidth.argtypes = [ctypes.c_wchar]


def width(line):
    total = 0
    for ch in line:
        w = _libc.wcwidth(ch)
        if w < 0:
            return 10**6
        total += w
    return total


def main():
    each = "--each" in sys.argv
    path = [a for a in sys.argv[1:] if a != "--each"][0]
    with open(path, encoding="utf-8", errors="strict") as f:
        widths = [width(line.rstrip("\n")) for line in f]
    if each:
        print("\n".join(str(w) for w in widths))
    else:
        print(max(widths, default=0))


if __name__ == "__main__":
    main()
