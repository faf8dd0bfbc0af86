#!/usr/bin/env python3
"""vtscreen: a small terminal emulator for the tests — replays the bytes a
program wrote to its terminal (tmux's pipe-pane capture) onto a grid of
cells, the way an xterm-like terminal would, with East-Asian-ambiguous
characters drawn 1 or 2 columns wide (--ambiguous-width): what a CJK
terminal set to draw them wide shows, which tmux cannot (it always draws
them 1 wide).

  vtscreen.py [--ambiguous-width 1|2] COLS ROWS RAWFILE

prints the final screen, one row a line (a wide character's second cell is
left out, so each line reads as the terminal shows it), trailing blanks
dropped. As a module: Screen(cols, rows, amb).feed(bytes), .rows() and
.cells (each a character, '' for the second cell of a wide one).

It knows the sequences ncurses sends for xterm, tmux and screen terminfo
entries (cursor motion, erase, insert/delete, scrolling regions, repeat,
charsets with DEC line drawing, modes, SGR and OSC, which it skips); a
sequence it does not know is skipped whole.
"""
import sys
import unicodedata

DEC_GRAPHICS = {
    "j": "┘", "k": "┐", "l": "┌", "m": "└", "n": "┼", "q": "─", "t": "├",
    "u": "┤", "v": "┴", "w": "┬", "x": "│", "a": "▒", "`": "◆", "f": "°",
    "g": "±", "~": "·", "o": "⎺", "s": "⎽", "y": "≤", "z": "≥", "{": "π",
    "|": "≠", "}": "£", ",": "←", "+": "→", ".": "↓", "-": "↑", "0": "█",
}


def char_width(ch, amb):
    if ch < " " or ch == "\x7f":
        return 0
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me") or (cat == "Cf" and ch != "\u00ad") or ch == "\u200b":
        return 0
    ea = unicodedata.east_asian_width(ch)
    if ea in ("W", "F"):
        return 2
    if ea == "A" and amb == 2:
        return 2
    return 1


class Screen:
    def __init__(self, cols, rows, amb=1):
        self.cols, self.rows_n, self.amb = cols, rows, amb
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.top, self.bottom = 0, rows - 1
        self.saved = (0, 0)
        self.g = ["B", "B"]   # G0, G1 charsets
        self.gl = 0           # which one is invoked (SO/SI)
        self.pending_wrap = False
        self.last = " "
        self._buf = b""

    # -- grid --------------------------------------------------------------
    def _blank_row(self):
        return [" "] * self.cols

    def _clear_cell(self, y, x):
        """Blanks (y, x) and the other half of a wide character there."""
        row = self.cells[y]
        if row[x] == "" and x > 0:
            row[x - 1] = " "
        if x + 1 < self.cols and row[x + 1] == "":
            row[x + 1] = " "
        row[x] = " "

    def _scroll_up(self, n=1):
        for _ in range(n):
            del self.cells[self.top]
            self.cells.insert(self.bottom, self._blank_row())

    def _scroll_down(self, n=1):
        for _ in range(n):
            del self.cells[self.bottom]
            self.cells.insert(self.top, self._blank_row())

    def _linefeed(self):
        if self.y == self.bottom:
            self._scroll_up()
        elif self.y < self.rows_n - 1:
            self.y += 1

    def _put(self, ch):
        if self.gl < 2 and self.g[self.gl] == "0" and ch in DEC_GRAPHICS:
            ch = DEC_GRAPHICS[ch]
        w = char_width(ch, self.amb)
        if w == 0:
            if self.x > 0 or self.pending_wrap:
                px = self.x if self.pending_wrap else self.x - 1
                if self.cells[self.y][px] == "" and px > 0:
                    px -= 1
                self.cells[self.y][px] += ch
            return
        if self.pending_wrap:
            self.x = 0
            self._linefeed()
            self.pending_wrap = False
        if w == 2 and self.x == self.cols - 1:
            # No room for a wide character: it goes to the next line.
            self._clear_cell(self.y, self.x)
            self.x = 0
            self._linefeed()
        self._clear_cell(self.y, self.x)
        if w == 2:
            self._clear_cell(self.y, self.x + 1)
        self.cells[self.y][self.x] = ch
        if w == 2:
            self.cells[self.y][self.x + 1] = ""
        self.last = ch
        if self.x + w >= self.cols:
            self.x = self.cols - 1
            self.pending_wrap = True
        else:
            self.x += w

    def _goto(self, y, x):
        self.y = max(0, min(self.rows_n - 1, y))
        self.x = max(0, min(self.cols - 1, x))
        self.pending_wrap = False

    # -- sequences -----------------------------------------------------------
    def _csi(self, params, inter, final):
        priv = params[:1] in ("?", ">", "=", "<")
        if priv:
            params = params[1:]
        args = [int(a) if a.isdigit() else 0 for a in params.split(";")] if params else []
        a0 = args[0] if args else 0
        n = a0 or 1
        if priv or inter:
            return  # modes (?1049h, ?25l, ...): nothing on the grid here
        if final in "Hf":
            r = args[0] if args else 1
            c = args[1] if len(args) > 1 else 1
            self._goto((r or 1) - 1, (c or 1) - 1)
        elif final == "A":
            self._goto(max(self.top if self.y >= self.top else 0, self.y - n), self.x)
        elif final in "Be":
            self._goto(min(self.bottom if self.y <= self.bottom else self.rows_n - 1, self.y + n), self.x)
        elif final in "Ca":
            self._goto(self.y, self.x + n)
        elif final == "D":
            self._goto(self.y, self.x - n)
        elif final == "E":
            self._goto(self.y + n, 0)
        elif final == "F":
            self._goto(self.y - n, 0)
        elif final in "G`":
            self._goto(self.y, n - 1)
        elif final == "d":
            self._goto(n - 1, self.x)
        elif final == "J":
            if a0 == 0:
                self._erase_line(0)
                for y in range(self.y + 1, self.rows_n):
                    self.cells[y] = self._blank_row()
            elif a0 == 1:
                self._erase_line(1)
                for y in range(0, self.y):
                    self.cells[y] = self._blank_row()
            else:
                self.cells = [self._blank_row() for _ in range(self.rows_n)]
        elif final == "K":
            self._erase_line(a0)
        elif final == "X":
            for x in range(self.x, min(self.cols, self.x + n)):
                self._clear_cell(self.y, x)
        elif final == "@":
            row = self.cells[self.y]
            self._clear_cell(self.y, self.x)
            self.cells[self.y] = (row[:self.x] + [" "] * n + row[self.x:])[:self.cols]
        elif final == "P":
            row = self.cells[self.y]
            self._clear_cell(self.y, self.x)
            self.cells[self.y] = row[:self.x] + row[self.x + n:] + [" "] * n
        elif final == "L":
            if self.top <= self.y <= self.bottom:
                for _ in range(n):
                    del self.cells[self.bottom]
                    self.cells.insert(self.y, self._blank_row())
        elif final == "M":
            if self.top <= self.y <= self.bottom:
                for _ in range(n):
                    del self.cells[self.y]
                    self.cells.insert(self.bottom, self._blank_row())
        elif final == "S":
            self._scroll_up(n)
        elif final == "T":
            self._scroll_down(n)
        elif final == "r":
            t = (args[0] if args else 1) or 1
            b = (args[1] if len(args) > 1 else self.rows_n) or self.rows_n
            self.top, self.bottom = t - 1, min(b, self.rows_n) - 1
            self._goto(0, 0)
        elif final == "b":
            for _ in range(n):
                self._put(self.last)
        elif final == "s":
            self.saved = (self.y, self.x)
        elif final == "u":
            self._goto(*self.saved)
        # m (SGR), n (reports), h/l (modes), t, q ...: no effect on the grid

    def _erase_line(self, mode):
        xs = range(self.x, self.cols) if mode == 0 else range(0, self.x + 1) if mode == 1 \
            else range(self.cols)
        for x in xs:
            if x < self.cols:
                self._clear_cell(self.y, x)
        if mode != 1:
            self.pending_wrap = False

    def feed(self, data):
        text = (self._buf + data).decode("utf-8", errors="replace")
        self._buf = b""
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\x1b":
                if i + 1 >= n:
                    break
                d = text[i + 1]
                if d == "[":
                    j = i + 2
                    while j < n and "0" <= text[j] <= "?":
                        j += 1
                    k = j
                    while k < n and " " <= text[k] <= "/":
                        k += 1
                    if k >= n:
                        break
                    self._csi(text[i + 2:j], text[j:k], text[k])
                    i = k + 1
                    continue
                if d in "]P^_X":
                    j = i + 2
                    while j < n and text[j] != "\x07" and not (text[j] == "\x1b" and text[j + 1:j + 2] == "\\"):
                        j += 1
                    i = j + (1 if j < n and text[j] == "\x07" else 2)
                    continue
                if d in "()*+":
                    if i + 2 < n and d in "()":
                        self.g["()".index(d)] = text[i + 2]
                    i += 3
                    continue
                if d == "7":
                    self.saved = (self.y, self.x)
                elif d == "8":
                    self._goto(*self.saved)
                elif d == "M":
                    if self.y == self.top:
                        self._scroll_down()
                    else:
                        self._goto(self.y - 1, self.x)
                elif d == "D":
                    self._linefeed()
                elif d == "E":
                    self.x = 0
                    self._linefeed()
                elif d == "c":
                    self.__init__(self.cols, self.rows_n, self.amb)
                elif d == "#" or d == "%":
                    i += 3
                    continue
                i += 2
                continue
            if c == "\r":
                self.x = 0
                self.pending_wrap = False
            elif c == "\n" or c == "\x0b" or c == "\x0c":
                self._linefeed()
                self.pending_wrap = False
            elif c == "\b":
                self._goto(self.y, self.x - 1)
            elif c == "\t":
                self._goto(self.y, min(self.cols - 1, (self.x // 8 + 1) * 8))
            elif c == "\x0e":
                self.gl = 1
            elif c == "\x0f":
                self.gl = 0
            elif c < " " or c == "\x7f":
                pass
            else:
                self._put(c)
            i += 1
        return self

    def rows(self):
        return ["".join(row).rstrip(" ") for row in self.cells]

    def column_of(self, y, x):
        """The character drawn in cell (y, x) ('' for a wide one's second half)."""
        return self.cells[y][x]


def main():
    args = sys.argv[1:]
    amb = 1
    if args[:1] == ["--ambiguous-width"]:
        amb = int(args[1])
        args = args[2:]
    cols, rows, raw = int(args[0]), int(args[1]), args[2]
    with open(raw, "rb") as f:
        s = Screen(cols, rows, amb).feed(f.read())
    sys.stdout.reconfigure(errors="replace")
    for r in s.rows():
        print(r)


if __name__ == "__main__":
    main()
