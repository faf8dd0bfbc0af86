/* i18n: the catalogue's binding and the forced language (see i18n.h). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "testknob.h"

void i18n_init(void)
{
#ifdef ENABLE_NLS
	const char *dir = testknob_str(TESTKNOB_LOCALEDIR);
	bindtextdomain(PACKAGE, dir ? dir : LOCALEDIR);
	/* The program writes UTF-8 in every locale (the reader switches a
	 * non-UTF-8 one to C.UTF-8, the posts are UTF-8): so do the messages,
	 * and no conversion depends on when LC_CTYPE was last changed. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}

void i18n_set_language(enum i18n_language lang)
{
#ifdef ENABLE_NLS
	if (lang == I18N_AUTO)
		return;
	setenv("LANGUAGE", lang == I18N_KO ? "ko" : "en", 1);
	const char *m = setlocale(LC_MESSAGES, NULL);
	if (lang == I18N_KO && (!m || !strcmp(m, "C") || !strcmp(m, "POSIX")))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* Setting the same domain again is gettext's sign that the language
	 * changed: translations already looked up are looked up again. */
	textdomain(PACKAGE);
#else
	(void)lang;
#endif
}
