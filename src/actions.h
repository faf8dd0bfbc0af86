/* actions: the one table of user actions — name, default keys, help text. It
 * feeds the key dispatcher (ui/keymap.c), the ? help overlay, the config
 * parser's `bind` and the man-page check; a new action is one line here. Pure
 * data: no curses.
 * Keys are space-separated: a printable character, C-x for Ctrl-x, or <Name>
 * for a special key (see keymap.c). */
#ifndef DIGEST_ACTIONS_H
#define DIGEST_ACTIONS_H

#define ACTION_TABLE(_) \
	_(MOVE_DOWN,      "move-down",      "j <Down> C-n",   "next paper, or scroll down a line") \
	_(MOVE_UP,        "move-up",        "k <Up> C-p",     "previous paper, or scroll up a line") \
	_(MOVE_FIRST,     "move-first",     "g <Home>",       "first paper, or top of the paper") \
	_(MOVE_LAST,      "move-last",      "G <End>",        "last paper, or end of the paper") \
	_(PAGE_DOWN,      "page-down",      "<PageDown> C-f", "one page down") \
	_(PAGE_UP,        "page-up",        "<PageUp> b C-b", "one page up") \
	_(READ_NEXT,      "read-next",      "<Space>",        "page down the paper; at its end, the next unread paper") \
	_(NEXT_UNREAD,    "next-unread",    ".",              "next unread paper (into newer digests at the end)") \
	_(PREV_UNREAD,    "prev-unread",    ",",              "previous unread paper (into older digests at the top)") \
	_(HALF_DOWN,      "half-page-down", "C-d",            "half a page down") \
	_(HALF_UP,        "half-page-up",   "C-u",            "half a page up") \
	_(FOCUS_NEXT,     "focus-next",     "<Tab>",          "switch focus between list and view") \
	_(FOCUS_LIST,     "focus-list",     "h <Left>",       "focus the paper list") \
	_(FOCUS_VIEW,     "focus-view",     "l <Right>",      "focus the section view") \
	_(OPEN_PAPER,     "show-paper",     "<Enter>",        "show the selected paper in the view") \
	_(SECTION_NEXT,   "next-section",   "}",              "jump to the next section") \
	_(SECTION_PREV,   "prev-section",   "{",              "jump to the previous section") \
	_(SECTION_1,      "goto-introduction", "1",           "jump to Introduction") \
	_(SECTION_2,      "goto-method",    "2",              "jump to Method") \
	_(SECTION_3,      "goto-results",   "3",              "jump to Results") \
	_(SECTION_4,      "goto-limitations", "4",            "jump to Limitations") \
	_(SECTION_5,      "goto-conclusion", "5",             "jump to Conclusion") \
	_(SECTION_6,      "goto-abstract",  "6",              "jump to the Abstract (paper facts)") \
	_(ALL_AUTHORS,    "toggle-authors", "e",              "show every author of the paper, or the first few") \
	_(DIGEST_PREV,    "prev-digest",    "[",              "previous digest by date") \
	_(DIGEST_NEXT,    "next-digest",    "]",              "next digest by date") \
	_(SEARCH,         "search",         "/",              "search the list or the paper in view (as you type)") \
	_(SEARCH_NEXT,    "search-next",    "n",              "next match") \
	_(SEARCH_PREV,    "search-prev",    "N",              "previous match") \
	_(FIND,           "search-archive", "f",              "search every digest: the Search results view") \
	_(VIEW_DIGEST,    "view-digest",    "D",              "view: a digest (from another view, the selected paper's)") \
	_(VIEW_UNREAD,    "view-unread",    "U",              "view: all unread papers") \
	_(VIEW_STARRED,   "view-starred",   "S",              "view: starred papers") \
	_(VIEW_LATER,     "view-later",     "W",              "view: the reading queue (later)") \
	_(VIEW_HIDDEN,    "view-hidden",    "X",              "view: hidden papers (d shows one again)") \
	_(COMMAND,        "command",        ":",              "command prompt (the commands are listed below)") \
	_(STAR,           "toggle-star",    "s",              "star or unstar the paper") \
	_(READ,           "toggle-read",    "r",              "mark the paper read or unread") \
	_(LATER,          "toggle-later",   "L",              "add to or remove from the reading queue") \
	_(HIDE,           "toggle-hidden",  "d",              "hide the paper (or show it again)") \
	_(UNDO,           "undo",           "u",              "undo the last mark change") \
	_(DIGEST_READ,    "mark-digest-read", "A",            "mark every paper of the digest read") \
	_(OPEN_ABS,       "open-arxiv",     "o",              "open the arXiv abstract in the browser") \
	_(OPEN_PDF,       "open-pdf",       "p",              "open the PDF in the browser") \
	_(OPEN_ALPHAXIV,  "open-alphaxiv",  "a",              "open the Alphaxiv overview in the browser") \
	_(OPEN_HF,        "open-huggingface", "H",            "open the Hugging Face paper page") \
	_(OPEN_CODE,      "open-code",      "C",              "open the paper's code link (paper facts)") \
	_(OPEN_STARRED,   "open-starred",   "O",              "open every starred paper in the browser") \
	_(YANK,           "yank-url",       "y",              "copy the paper's arXiv URL to the clipboard") \
	_(REFRESH,        "refresh",        "R",              "fetch new digests now") \
	_(TOGGLE_STACKED, "toggle-layout",  "v",              "side-by-side or stacked layout") \
	_(TOGGLE_ZOOM,    "toggle-zoom",    "z",              "zoom the focused pane to the full screen") \
	_(TOGGLE_COMPACT, "toggle-compact", "c",              "show each paper's Goal under its title") \
	_(HELP,           "help",           "?",              "show this help") \
	_(REDRAW,         "redraw",         "C-l",            "redraw the screen") \
	_(QUIT,           "quit",           "q",              "quit (or close the help)")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(id, name, keys, help) ACTION_##id,
	ACTION_TABLE(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

struct action_info {
	const char *name;
	const char *keys;  /* default keys */
	const char *help;
};

/* Indexed by enum action; entry 0 is empty. */
extern const struct action_info action_info[ACTION_COUNT];

/* The action named `name`, or ACTION_NONE. */
enum action action_by_name(const char *name);

#endif
