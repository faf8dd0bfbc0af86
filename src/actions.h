/* actions: the one table of user actions — what each is called, its
 * default keys, where it works, what runs it and its help text. It feeds the
 * key dispatcher (ui/input.c runs each action's handler), the ? help
 * overlay, the config parser's `bind` and the man-page check; a new action
 * is one row here and, when no handler does it yet, one function in
 * ui/input.c. Pure data: no curses.
 *
 * Columns: id; name; default keys (space-separated: a printable character,
 * C-x for Ctrl-x, or <Name> for a special key, see ui/keymap.c); where it
 * works (READER: the list and the paper pane; ANYWHERE: the help overlay
 * and the digests overview too, where the others are the overlay's or the
 * overview's own: they close it, or Enter opens a digest); its handler in ui/input.c and the
 * argument the handler gets (a mark, a link kind, a listing, a direction —
 * names of ui/ and src/ that only ui/input.c expands); help text, N_()
 * (src/i18n.h): translated where it is shown. */
#ifndef DIGEST_ACTIONS_H
#define DIGEST_ACTIONS_H

/* Where an action works: the focused pane, the help overlay open over
 * them, or the digests overview in their place (the context column names
 * ACTION_IN_<it>). */
enum {
	ACTION_IN_LIST = 1u << 0,
	ACTION_IN_PAPER = 1u << 1,
	ACTION_IN_HELP = 1u << 2,
	ACTION_IN_DIGESTS = 1u << 3,
	ACTION_IN_READER = ACTION_IN_LIST | ACTION_IN_PAPER,
	ACTION_IN_ANYWHERE = ACTION_IN_READER | ACTION_IN_HELP | ACTION_IN_DIGESTS,
};

#define ACTION_TABLE(_) \
	_(MOVE_DOWN,        "move-down",          "j <Down> C-n",    ANYWHERE,  act_in_focused_pane, 0, \
	  N_("next paper, or scroll down a line")) \
	_(MOVE_UP,          "move-up",            "k <Up> C-p",      ANYWHERE,  act_in_focused_pane, 0, \
	  N_("previous paper, or scroll up a line")) \
	_(MOVE_FIRST,       "move-first",         "g <Home>",        ANYWHERE,  act_in_focused_pane, 0, \
	  N_("first paper, or top of the paper")) \
	_(MOVE_LAST,        "move-last",          "G <End>",         ANYWHERE,  act_in_focused_pane, 0, \
	  N_("last paper, or end of the paper")) \
	_(PAGE_DOWN,        "page-down",          "<PageDown> C-f",  ANYWHERE,  act_in_focused_pane, 0, \
	  N_("one page down")) \
	_(PAGE_UP,          "page-up",            "<PageUp> b C-b",  ANYWHERE,  act_in_focused_pane, 0, \
	  N_("one page up")) \
	_(READ_NEXT,        "read-next",          "<Space>",         READER,    act_read_next,       0, \
	  N_("page down the paper; at its end, the next unread paper")) \
	_(NEXT_UNREAD,      "next-unread",        ".",               READER,    act_next_unread,     1, \
	  N_("next unread paper (into newer digests at the end)")) \
	_(PREV_UNREAD,      "prev-unread",        ",",               READER,    act_next_unread,     -1, \
	  N_("previous unread paper (into older digests at the top)")) \
	_(HALF_DOWN,        "half-page-down",     "C-d",             ANYWHERE,  act_in_focused_pane, 0, \
	  N_("half a page down")) \
	_(HALF_UP,          "half-page-up",       "C-u",             ANYWHERE,  act_in_focused_pane, 0, \
	  N_("half a page up")) \
	_(FOCUS_NEXT,       "focus-next",         "<Tab>",           READER,    act_focus_next,      0, \
	  N_("switch focus between list and view")) \
	_(FOCUS_LIST,       "focus-list",         "h <Left>",        READER,    act_focus_list,      0, \
	  N_("focus the paper list")) \
	_(FOCUS_PAPER,      "focus-view",         "l <Right>",       READER,    act_focus_paper,     0, \
	  N_("focus the section view")) \
	_(OPEN_PAPER,       "show-paper",         "<Enter>",         READER,    act_focus_paper,     0, \
	  N_("show the selected paper in the view")) \
	_(SECTION_NEXT,     "next-section",       "}",               READER,    act_in_paper_pane,   0, \
	  N_("jump to the next section")) \
	_(SECTION_PREV,     "prev-section",       "{",               READER,    act_in_paper_pane,   0, \
	  N_("jump to the previous section")) \
	_(SECTION_1,        "goto-introduction",  "1",               READER,    act_in_paper_pane,   0, \
	  N_("jump to Introduction")) \
	_(SECTION_2,        "goto-method",        "2",               READER,    act_in_paper_pane,   0, \
	  N_("jump to Method")) \
	_(SECTION_3,        "goto-results",       "3",               READER,    act_in_paper_pane,   0, \
	  N_("jump to Results")) \
	_(SECTION_4,        "goto-limitations",   "4",               READER,    act_in_paper_pane,   0, \
	  N_("jump to Limitations")) \
	_(SECTION_5,        "goto-conclusion",    "5",               READER,    act_in_paper_pane,   0, \
	  N_("jump to Conclusion")) \
	_(SECTION_6,        "goto-abstract",      "6",               READER,    act_in_paper_pane,   0, \
	  N_("jump to the Abstract (paper facts)")) \
	_(SECTION_7,        "goto-notes",         "7",               READER,    act_in_paper_pane,   0, \
	  N_("jump to the Notes: the paper's note")) \
	_(ALL_AUTHORS,      "toggle-authors",     "e",               READER,    act_in_paper_pane,   0, \
	  N_("show every author of the paper, or the first few")) \
	_(DIGEST_PREV,      "prev-digest",        "[",               READER,    act_change_digest,   -1, \
	  N_("previous digest by date")) \
	_(DIGEST_NEXT,      "next-digest",        "]",               READER,    act_change_digest,   1, \
	  N_("next digest by date")) \
	_(NEXT_NEW,         "next-new-digest",    "w",               READER,    act_next_new,        0, \
	  N_("the next digest new since the last session, at its first unread paper")) \
	_(DIGESTS,          "show-digests",       "i",               READER,    act_show_digests,    0, \
	  N_("the digests overview: every digest, newest first, with its unread count")) \
	_(SEARCH,           "search",             "/",               READER,    act_search,          0, \
	  N_("search the list or the paper in view (as you type)")) \
	_(SEARCH_NEXT,      "search-next",        "n",               READER,    act_search_again,    1, \
	  N_("next match")) \
	_(SEARCH_PREV,      "search-prev",        "N",               READER,    act_search_again,    -1, \
	  N_("previous match")) \
	_(SEARCH_ARCHIVE,   "search-archive",     "f",               READER,    act_search_archive,  0, \
	  N_("search every digest: the Search results view")) \
	_(LISTING_DIGEST,   "view-digest",        "D",               READER,    act_show_listing,    LISTING_DIGEST, \
	  N_("view: a digest (from another view, the selected paper's)")) \
	_(LISTING_UNREAD,   "view-unread",        "U",               READER,    act_show_listing,    LISTING_UNREAD, \
	  N_("view: all unread papers")) \
	_(LISTING_STARRED,  "view-starred",       "S",               READER,    act_show_listing,    LISTING_STARRED, \
	  N_("view: starred papers")) \
	_(LISTING_LATER,    "view-later",         "W",               READER,    act_show_listing,    LISTING_LATER, \
	  N_("view: the reading queue (later)")) \
	_(LISTING_HIDDEN,   "view-hidden",        "X",               READER,    act_show_listing,    LISTING_HIDDEN, \
	  N_("view: hidden papers (d shows one again)")) \
	_(COMMAND,          "command",            ":",               READER,    act_command,         0, \
	  N_("command prompt (the commands are listed below)")) \
	_(STAR,             "toggle-star",        "s",               READER,    act_toggle_mark,     MARK_STAR, \
	  N_("star or unstar the paper")) \
	_(READ,             "toggle-read",        "r",               READER,    act_toggle_mark,     MARK_READ, \
	  N_("mark the paper read or unread")) \
	_(LATER,            "toggle-later",       "L",               READER,    act_toggle_mark,     MARK_LATER, \
	  N_("add to or remove from the reading queue")) \
	_(HIDE,             "toggle-hidden",      "d",               READER,    act_toggle_mark,     MARK_HIDDEN, \
	  N_("hide the paper (or show it again)")) \
	_(UNDO,             "undo",               "u",               READER,    act_undo,            0, \
	  N_("undo the last mark change")) \
	_(DIGEST_READ,      "mark-digest-read",   "A",               READER,    act_digest_read,     0, \
	  N_("mark every paper of the digest read")) \
	_(OPEN_ABS,         "open-arxiv",         "o",               READER,    act_open_link,       URL_ABS, \
	  N_("open the arXiv abstract in the browser")) \
	_(OPEN_PDF,         "open-pdf",           "p",               READER,    act_open_link,       URL_PDF, \
	  N_("open the PDF in the browser")) \
	_(OPEN_ALPHAXIV,    "open-alphaxiv",      "a",               READER,    act_open_link,       URL_ALPHAXIV, \
	  N_("open the Alphaxiv overview in the browser")) \
	_(OPEN_HF,          "open-huggingface",   "H",               READER,    act_open_link,       URL_HF, \
	  N_("open the Hugging Face paper page")) \
	_(OPEN_CODE,        "open-code",          "C",               READER,    act_open_code,       0, \
	  N_("open the paper's code link (paper facts)")) \
	_(OPEN_STARRED,     "open-starred",       "O",               READER,    act_open_starred,    0, \
	  N_("open every starred paper in the browser")) \
	_(YANK,             "yank-url",           "y",               READER,    act_yank,            0, \
	  N_("copy the paper's arXiv URL to the clipboard")) \
	_(EDIT_NOTE,        "edit-note",          "m",               READER,    act_edit_note,       0, \
	  N_("write the paper's note (a memo, 메모) in the editor, as :note does")) \
	_(REFRESH,          "refresh",            "R",               READER,    act_refresh,         0, \
	  N_("fetch new digests now")) \
	_(TOGGLE_STACKED,   "toggle-layout",      "v",               READER,    act_toggle_layout,   0, \
	  N_("side-by-side or stacked layout")) \
	_(TOGGLE_ZOOM,      "toggle-zoom",        "z",               READER,    act_toggle_zoom,     0, \
	  N_("zoom the focused pane to the full screen")) \
	_(TOGGLE_COMPACT,   "toggle-compact",     "c",               READER,    act_toggle_compact,  0, \
	  N_("show each paper's Goal under its title")) \
	_(HELP,             "help",               "?",               READER,    act_help,            0, \
	  N_("show this help")) \
	_(REDRAW,           "redraw",             "C-l",             ANYWHERE,  act_redraw,          0, \
	  N_("redraw the screen")) \
	_(QUIT,             "quit",               "q",               READER,    act_quit,            0, \
	  N_("quit (or close the help)"))

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(id, name, keys, where, handler, arg, help) ACTION_##id,
	ACTION_TABLE(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

struct action_info {
	const char *name;
	const char *keys;      /* default keys */
	unsigned contexts;     /* ACTION_IN_* bits: where it works */
	const char *help;
};

/* Indexed by enum action; entry 0 is empty. */
extern const struct action_info action_info[ACTION_COUNT];

/* The action named `name`, or ACTION_NONE. */
enum action action_by_name(const char *name);

#endif
