/* The engine's widths against glibc's wcwidth(), which ncursesw uses to move
 * the cursor: for each code point, what survives sanitizing must measure the
 * same in both. Code points: every one used by a corpus post, a list of hard
 * cases, then all of Unicode. */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "fileio.h"
#include "layout.h"
#include "strbuf.h"
#include "tap.h"
#include "util.h"

enum action { KEEP, DROP, REPLACE, ANY };

static const struct hard_case {
	ucs4_t c;
	enum action act;  /* what the sanitizer does with it, on purpose */
	const char *name;
} hard[] = {
	{ 0x0041, KEEP, "A" },
	{ 0x00B7, KEEP, "middle dot (ambiguous)" },
	{ 0x00B0, KEEP, "degree (ambiguous)" },
	{ 0x00B1, KEEP, "plus-minus (ambiguous)" },
	{ 0x00D7, KEEP, "multiplication (ambiguous)" },
	{ 0x00E9, KEEP, "e acute" },
	{ 0x03B1, KEEP, "Greek alpha" },
	{ 0x0394, KEEP, "Greek Delta" },
	{ 0x0430, KEEP, "Cyrillic a" },
	{ 0x2014, KEEP, "em dash" },
	{ 0x2018, KEEP, "left single quote" },
	{ 0x2019, KEEP, "right single quote" },
	{ 0x201C, KEEP, "left double quote" },
	{ 0x201D, KEEP, "right double quote" },
	{ 0x2026, KEEP, "ellipsis" },
	{ 0x2192, KEEP, "right arrow" },
	{ 0x2200, KEEP, "for all" },
	{ 0x221A, KEEP, "square root" },
	{ 0x2248, KEEP, "almost equal" },
	{ 0x2460, KEEP, "circled one" },
	{ 0x3248, KEEP, "circled ten on black square (uc_width 1, glibc 2)" },
	{ 0x4DC0, KEEP, "hexagram (uc_width 1, glibc 2)" },
	{ 0xAC00, KEEP, "Hangul GA" },
	{ 0xD55C, KEEP, "Hangul HAN" },
	{ 0xD7A3, KEEP, "last Hangul syllable" },
	{ 0x1100, KEEP, "jamo choseong kiyeok" },
	{ 0x1161, KEEP, "jamo jungseong a (combining)" },
	{ 0x11AB, KEEP, "jamo jongseong nieun (combining)" },
	{ 0x3131, KEEP, "compatibility jamo" },
	{ 0x4E00, KEEP, "CJK one" },
	{ 0x96F6, KEEP, "CJK zero" },
	{ 0x30AB, KEEP, "katakana KA" },
	{ 0x3042, KEEP, "hiragana A" },
	{ 0x3000, KEEP, "ideographic space" },
	{ 0xFF21, KEEP, "fullwidth A" },
	{ 0xFF61, KEEP, "halfwidth ideographic full stop" },
	{ 0x1F600, KEEP, "grinning face" },
	{ 0x2764, KEEP, "heavy black heart (narrow emoji base)" },
	{ 0xFE0F, DROP, "emoji presentation selector" },
	{ 0xFE0E, KEEP, "text presentation selector" },
	{ 0x1F1F0, KEEP, "regional indicator K" },
	{ 0x1F1F7, KEEP, "regional indicator R" },
	{ 0x0301, KEEP, "combining acute" },
	{ 0x20DD, KEEP, "combining enclosing circle" },
	{ 0x0CBF, KEEP, "Kannada vowel sign (uc_width 1, glibc 0)" },
	{ 0x200B, KEEP, "zero width space" },
	{ 0x200C, KEEP, "ZWNJ" },
	{ 0x200D, KEEP, "ZWJ" },
	{ 0x00AD, DROP, "soft hyphen" },
	{ 0x2060, DROP, "word joiner" },
	{ 0xFEFF, DROP, "BOM" },
	{ 0x202E, DROP, "RLO" },
	{ 0x2066, DROP, "LRI" },
	{ 0x0600, DROP, "Arabic number sign (glibc 1)" },
	{ 0xE0041, DROP, "tag A" },
	{ 0xFFFD, KEEP, "replacement character" },
	{ 0xE000, KEEP, "private use" },
	{ 0x0378, REPLACE, "unassigned" },
	{ 0xFFFF, REPLACE, "noncharacter" },
	{ 0x2028, REPLACE, "line separator" },
	{ 0x0007, DROP, "BEL" },
	{ 0x007F, DROP, "DEL" },
	{ 0x0085, DROP, "NEL (C1)" },
	{ 0x009B, DROP, "CSI (C1), alone" },
	{ 0x0009, REPLACE, "tab" },
	{ 0x000D, REPLACE, "CR (a line break)" },
};

static struct strbuf out;

/* Sanitizes c alone; returns 1 when the engine's width of the result equals
 * the sum of wcwidth() over the surviving code points. *act tells what
 * happened to c. */
static int agrees(ucs4_t c, enum action *act, int *engine, int *libc)
{
	uint8_t b[6];
	int n = u8_uctomb(b, c, sizeof(b));
	strbuf_reset(&out);
	layout_sanitize((const char *)b, (size_t)n, &out);
	*engine = layout_width(out.buf, out.len, 1);
	*libc = 0;
	const uint8_t *p = (const uint8_t *)out.buf, *end = p + out.len;
	int ok_ = 1;
	while (p < end) {
		ucs4_t d;
		p += u8_mbtouc(&d, p, (size_t)(end - p));
		if (d == '\n')
			continue; /* CR becomes a hard break, not a glyph */
		int w = wcwidth((wchar_t)d);
		if (w < 0)
			ok_ = 0; /* survivors must all be printable */
		else
			*libc += w;
	}
	if (out.len == 0)
		*act = DROP;
	else if ((size_t)n == out.len && memcmp(b, out.buf, out.len) == 0)
		*act = KEEP;
	else
		*act = REPLACE;
	return ok_ && *engine == *libc;
}

static const char *action_name(enum action a)
{
	return a == KEEP ? "kept" : a == DROP ? "dropped" : a == REPLACE ? "replaced" : "any";
}

/* Marks every code point of the posts in dir/posts; returns the number of
 * posts read, or -1 when there is no corpus. */
static int collect_corpus(const char *dir, unsigned char *seen)
{
	struct strbuf path;
	strbuf_init(&path);
	strbuf_addf(&path, "%s/posts", dir);
	DIR *d = opendir(path.buf);
	if (!d) {
		strbuf_release(&path);
		return -1;
	}
	int files = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".md"))
			continue;
		struct strbuf f;
		strbuf_init(&f);
		strbuf_addf(&f, "%s/%s", path.buf, e->d_name);
		char *data;
		size_t len;
		if (fileio_read(f.buf, FILEIO_FILE_MAX, 0, &data, &len, NULL) == 0) {
			const uint8_t *p = (const uint8_t *)data, *end = p + len;
			while (p < end) {
				ucs4_t c;
				p += u8_mbtouc(&c, p, (size_t)(end - p));
				seen[c >> 3] |= (unsigned char)(1u << (c & 7));
			}
			free(data);
			files++;
		}
		strbuf_release(&f);
	}
	closedir(d);
	strbuf_release(&path);
	return files;
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8")) {
		tap_skip_all("no C.UTF-8 locale to compare wcwidth() with");
		return 0;
	}
	strbuf_init(&out);
	long checked = 0;

	/* Hard cases, one test each. */
	for (size_t i = 0; i < sizeof(hard) / sizeof(hard[0]); i++) {
		enum action act;
		int e, w;
		int good = agrees(hard[i].c, &act, &e, &w);
		good = good && (hard[i].act == ANY || hard[i].act == act);
		ok(good, "U+%04lX %s: %s, width %d, wcwidth %d", (unsigned long)hard[i].c,
		   hard[i].name, action_name(act), e, w);
		checked++;
	}

	/* Every code point of the corpus. */
	const char *dir = getenv("CORPUS_DIR");
	unsigned char *seen = xcalloc(0x110000 / 8, 1);
	int files = dir && *dir ? collect_corpus(dir, seen) : -1;
	if (files < 0) {
		ok(1, "corpus code points # SKIP CORPUS_DIR unset or absent");
	} else {
		long n = 0, bad = 0;
		for (ucs4_t c = 0; c < 0x110000; c++) {
			if (!(seen[c >> 3] & (1u << (c & 7))) || c == '\n')
				continue; /* '\n' is a hard break, not a glyph */
			enum action act;
			int e, w;
			n++;
			if (!agrees(c, &act, &e, &w)) {
				printf("# U+%04lX %s: width %d, wcwidth %d\n",
				       (unsigned long)c, action_name(act), e, w);
				bad++;
			}
		}
		ok(bad == 0 && n > 0, "%ld distinct code points of %d posts agree with wcwidth (%ld differ)",
		   n, files, bad);
		checked += n;
	}
	free(seen);
	printf("# checked %ld code points\n", checked);

	/* All of Unicode: the glibc fix-up table in width.c is complete. */
	long n = 0, bad = 0, dropped = 0, replaced = 0;
	for (ucs4_t c = 1; c < 0x110000; c++) {
		if ((c >= 0xd800 && c <= 0xdfff) || c == '\n')
			continue;
		enum action act;
		int e, w;
		n++;
		if (!agrees(c, &act, &e, &w)) {
			if (bad < 20)
				printf("# U+%04lX %s: width %d, wcwidth %d\n",
				       (unsigned long)c, action_name(act), e, w);
			bad++;
		}
		dropped += act == DROP;
		replaced += act == REPLACE;
	}
	printf("# all of Unicode: %ld code points, %ld dropped, %ld replaced\n", n,
	       dropped, replaced);
	is_int(bad, 0, "every code point of Unicode agrees with wcwidth after sanitizing");

	strbuf_release(&out);
	return tap_done();
}
