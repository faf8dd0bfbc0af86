/* fuzz_post: libFuzzer target for the post parser — any bytes
 * through post_parse, then through what --list and --dump do with the
 * result: export_list_line, render_digest_header and render_paper (at 80
 * columns or a narrow width), and marks_paper_key.
 *
 * Invariants (besides ASan/UBSan): a rejected input has a reason and leaves
 * an empty digest; an accepted one has papers with titles, numbers and IDs
 * that are NUL-terminated strings of their recorded lengths; each --list line
 * is one line of exactly five tab-separated fields with nothing a terminal
 * would act on (no C0, DEL, C1 or bidi control, valid UTF-8); every rendered
 * line fits its width and is clean (see fuzz_check.h); every paper's marks
 * key is one the marks journal accepts. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz_check.h"
#include "layout.h"
#include "marks.h"
#include "model.h"
#include "post.h"
#include "render.h"
#include "strbuf.h"

static void check_list_line(const struct strbuf *out)
{
	FUZZ_CHECK(out->len > 0 && out->buf[out->len - 1] == '\n',
		   "--list line without its newline");
	size_t tabs = 0;
	for (size_t i = 0; i + 1 < out->len; i++) {
		FUZZ_CHECK(out->buf[i] != '\n', "--list line with a newline inside");
		tabs += out->buf[i] == '\t';
	}
	FUZZ_CHECK(tabs == 4, "--list line with %zu tabs", tabs);
	/* Tabs are the separators; everything else must be printable. */
	struct strbuf copy = STRBUF_INIT;
	strbuf_add(&copy, out->buf, out->len - 1);
	for (size_t i = 0; i < copy.len; i++)
		if (copy.buf[i] == '\t')
			copy.buf[i] = ' ';
	fuzz_check_clean("--list line", copy.buf, copy.len, 0);
	strbuf_release(&copy);
}

static void render_at(const struct digest *d, int width)
{
	struct layout_opts o;
	layout_opts_init(&o);
	o.width = width;
	struct layout_lines head;
	layout_lines_init(&head);
	render_digest_header(d, &o, &head);
	fuzz_check_lines("render_digest_header", &head, width, 1);
	layout_lines_free(&head);
	for (size_t i = 0; i < d->npapers; i++) {
		struct rendered_paper r;
		render_paper(&d->papers[i], &o, &r);
		fuzz_check_lines("render_paper", &r.lines, width, 1);
		for (size_t k = 0; k < r.nsections; k++)
			FUZZ_CHECK(r.section_line[k] <= r.lines.n,
				   "section %zu starts at line %zu of %zu", k,
				   r.section_line[k], r.lines.n);
		rendered_paper_free(&r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest d;
	const char *why = NULL;
	if (post_parse((const char *)data, size, "fuzz/2025-09-25-fuzz.md", &d, &why) < 0) {
		FUZZ_CHECK(why && *why, "rejected without a reason");
		FUZZ_CHECK(d.npapers == 0 && d.papers == NULL, "rejected but holds papers");
		return 0;
	}
	FUZZ_CHECK(d.path && !strcmp(d.path, "fuzz/2025-09-25-fuzz.md"), "path lost");
	FUZZ_CHECK(!d.date || strlen(d.date) == 10, "date \"%s\"", d.date);
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < d.npapers; i++) {
		const struct paper *p = &d.papers[i];
		FUZZ_CHECK(!p->title.s || strlen(p->title.s) <= p->title.len,
			   "paper %zu: title longer than its length", i);
		size_t covered = 0;
		for (size_t k = 0; k < p->title.nspans; k++) {
			FUZZ_CHECK(p->title.spans[k].start == covered,
				   "paper %zu: title spans leave a gap", i);
			covered += p->title.spans[k].len;
		}
		FUZZ_CHECK(covered == p->title.len || p->title.nspans == 0,
			   "paper %zu: title spans cover %zu of %zu bytes", i, covered,
			   (size_t)p->title.len);
		strbuf_reset(&out);
		export_list_line(&d, p, NULL, NULL, &out);
		check_list_line(&out);
		char *key = marks_paper_key(&d, p);
		FUZZ_CHECK(key && *key, "paper %zu has no marks key", i);
		/* A key the marks journal can hold (marks.c key_valid). */
		size_t klen = strlen(key);
		FUZZ_CHECK(klen <= 2048, "paper %zu: marks key of %zu bytes", i, klen);
		for (size_t k = 0; k < klen; k++)
			FUZZ_CHECK((unsigned char)key[k] > 0x20 && key[k] != 0x7f,
				   "paper %zu: marks key with byte 0x%02x", i,
				   (unsigned)(unsigned char)key[k]);
		FUZZ_CHECK(u8_check((const uint8_t *)key, klen) == NULL,
			   "paper %zu: marks key is not UTF-8", i);
		free(key);
	}
	strbuf_release(&out);
	/* One width per input (rendering dominates the cost): 80 columns, or a
	 * narrow one from 1 to 23. */
	render_at(&d, size & 1 ? 1 + (int)(size / 2 % 23) : 80);
	digest_free(&d);
	return 0;
}
