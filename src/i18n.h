/* i18n: the one home of the messages' translation (GNU gettext) — the macros
 * that mark a message, the start-up that binds the catalogue, and the
 * `language` setting that forces one. It owns no message itself; the
 * catalogues are the .po files of po/ (po/GLOSSARY.md fixes the Korean
 * words).
 *
 * Marking a message (every file that marks one is listed in po/POTFILES.in;
 * tests/i18n.sh checks both that and that po/ko.po translates them all):
 *
 *   _("text")              a message used here and now: strbuf_addf(err,
 *                          _("cannot read %s: %s"), path, why)
 *   N_("text")             a message in a static table (ACTION_TABLE's help,
 *                          COMMAND_TABLE, SETTING_TABLE's summary, the
 *                          option help of cli.c): marked for the template,
 *                          left as it is, and translated where it is shown:
 *                          _(row->help)
 *   C_("context", "text")  a short word whose translation depends on where
 *                          it stands ("read" a mark, "read" a key's action):
 *                          pgettext
 *   ngettext("%d paper", "%d papers", n)
 *                          every message that prints a count, even where
 *                          English reads the same; the count is the last
 *                          argument (an unsigned long)
 *
 * A message with two or more arguments numbers them (%1$s, %2$d) only in
 * the translation, where Korean word order needs it. A comment that starts
 * with TRANSLATORS: just above a marked message goes into the template.
 * Messages are whole sentences: never build one out of translated pieces.
 * The newline that ends a line stays out of the message. Never _(""): it
 * is the catalogue's header. A translated message is never aligned with
 * printf's field width (%-20s counts bytes; a Hangul syllable is 3 bytes
 * and 2 columns): layout_width, layout_fit_str measure and cut it in
 * columns, at grapheme boundaries, as they do English.
 *
 * What is never marked, in any language — the output meant for scripts and
 * the words of the configuration's syntax:
 *   --list lines (export_list_line, rank_cli_list's columns), --search
 *     (search_list_facts: --list's format), --export and :export and yank's
 *     bytes (export.c: Markdown, BibTeX, TSV and its header line)
 *   --dump's text (main.c's dump_digest: render.c's lines of a post and
 *     facts_render.c's block of paper facts; if the reader wants those
 *     labels translated, only the reader may ask for it)
 *   --check-config's directives, names and values (config_print; only its
 *     # comments may be translated), --version, exit statuses
 *   names the user types: actions, ':' commands, settings and their
 *     choices, key names (keyname.c), color elements, --mark's operations
 * tests/i18n.sh checks that --list, --export and --dump print the same bytes
 * under ko_KR.UTF-8 as under C.UTF-8.
 *
 * Which language: the locale's, as gettext chooses it (LANGUAGE, then
 * LC_ALL, LC_MESSAGES, LANG; LANGUAGE only when the locale is not C or
 * POSIX): ko_KR.UTF-8 gives Korean, any other locale English. The
 * `language` setting (auto, en, ko) forces one once the configuration has
 * been read: i18n_set_language. Translations are written in UTF-8 whatever
 * the locale's character set, as the posts' text is. */
#ifndef DIGEST_I18N_H
#define DIGEST_I18N_H

#include <locale.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#else
/* Built with --disable-nls: every message stays as written. */
#define gettext(msgid) ((const char *)(msgid))
#define dcgettext(domain, msgid, category) ((void)(domain), (void)(category), \
	(const char *)(msgid))
#define ngettext(msgid, plural, n) ((n) == 1 ? (const char *)(msgid) : \
	(const char *)(plural))
#endif

#define _(msgid) gettext(msgid)
#define N_(msgid) msgid
#define C_(context, msgid) i18n_pgettext(context "\004" msgid, msgid)

/* The languages the `language` setting can force (configfile.h's
 * SETTING_TABLE takes these values). */
enum i18n_language {
	I18N_AUTO,      /* the locale's */
	I18N_EN,        /* the messages as written */
	I18N_KO,
};

/* Binds the catalogue of digest-tui (under LOCALEDIR) as the messages'
 * source, in UTF-8. Call once, after setlocale(LC_ALL, "") and before the
 * first message; the library's unit tests, which call neither, get the
 * messages as written. */
void i18n_init(void);

/* Forces the messages' language, for the rest of the process and the
 * programs it starts: LANGUAGE is set (to en or ko), so the C library's
 * messages (strerror) follow too. gettext ignores LANGUAGE while
 * LC_MESSAGES is the C or POSIX locale, so then LC_MESSAGES becomes
 * C.UTF-8 (which changes nothing else); where there is no C.UTF-8, ko cannot
 * be forced and the messages stay English. I18N_AUTO changes nothing.
 * Messages looked up before are not kept. */
void i18n_set_language(enum i18n_language lang);

/* C_()'s lookup: the translation of "CONTEXT\004MSGID", else msgid. */
static inline const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
	__attribute__((format_arg(2)));
static inline const char *i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = dcgettext(NULL, ctx_msgid, LC_MESSAGES);
	return t == ctx_msgid ? msgid : t;
}

#endif
