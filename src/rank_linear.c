/* rank_linear: liblinear, loaded when first needed (see rank_linear.h). */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "i18n.h"
#include "rank_linear.h"
#include "strbuf.h"

/* Debian's liblinear4 installs the first; the development link the second. */
static const char *const names[] = { "liblinear.so.4", "liblinear.so" };

static struct rank_linear lib;
static int loaded;         /* 1: lib is filled; -1: it cannot be */
static char why[256];

/* dlsym's answer into the function pointer at field (POSIX makes the two
 * the same size and shape). */
static int look(void *handle, const char *name, void *field)
{
	void *p = dlsym(handle, name);
	if (p)
		memcpy(field, &p, sizeof(p));
	return p != NULL;
}

static int load(void)
{
	void *h = NULL;
	for (size_t i = 0; !h && i < sizeof(names) / sizeof(*names); i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		strncpy(why, e ? e : _("not found"), sizeof(why) - 1);
		return -1;
	}
	if (!look(h, "train", &lib.train) || !look(h, "check_parameter", &lib.check_parameter) ||
	    !look(h, "predict_probability", &lib.predict_probability) ||
	    !look(h, "free_and_destroy_model", &lib.free_and_destroy_model) ||
	    !look(h, "set_print_string_function", &lib.set_print_string_function)) {
		strncpy(why, _("a function is missing: liblinear is too old"), sizeof(why) - 1);
		memset(&lib, 0, sizeof(lib));
		dlclose(h);
		return -1;
	}
	return 1; /* kept loaded for the rest of the run */
}

const struct rank_linear *rank_linear(struct strbuf *err)
{
	if (!loaded)
		loaded = load();
	if (loaded > 0)
		return &lib;
	/* TRANSLATORS: why the library could not be loaded. */
	strbuf_addf(err, _("for-me: liblinear cannot be loaded (%s): install the Debian "
			   "package liblinear4"), why);
	return NULL;
}
