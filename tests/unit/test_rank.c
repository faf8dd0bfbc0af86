/* Unit tests for the for-me ranking: the tokenizer on mixed Hangul and Latin
 * text, stop-words, tf-idf rows, labels and their stamp, training and
 * scoring, the model file (round trip; missing, damaged and other-version
 * files), rank_ensure (loads, retrains when the marks change, falls back
 * below 5 + 5 labels), stored scores, and the "why" terms: whole words of
 * the paper, less their particles and endings, a word and its phrase once,
 * Latin terms as the paper writes them, no tiny term down. */
#include "config.h"

#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "marks.h"
#include "rank.h"
#include "rank_docs.h"
#include "rank_features.h"
#include "rank_why.h"
#include "sha256.h"
#include "strbuf.h"
#include "util.h"
#include "tap.h"

static char base[] = "/tmp/digest-tui-rank.XXXXXX";

/* The terms of s, as the tokenizer spells them (lower-cased), joined by
 * '|'. */
static char *terms(const char *s)
{
	struct rank_tokens t;
	struct strbuf out = STRBUF_INIT;
	rank_tokens_init(&t, 1);
	rank_tokenize(s, strlen(s), &t);
	for (size_t i = 0; i < t.n; i++) {
		if (i)
			strbuf_addch(&out, '|');
		for (size_t k = 0; k < t.len[i]; k++) {
			char c = s[t.off[i] + k];
			strbuf_addch(&out, c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	}
	rank_tokens_free(&t);
	return strbuf_detach(&out, NULL);
}

static void test_tokenizer(void)
{
	char *t = terms("로봇 조작을 위한 VLA 모델: GPT-4o와 Qwen2.5-VL, 3D 장면 (2025년, e.g. 3.5)");
	is_str(t, "로봇|조작|작을|위한|vla|모델|gpt-4o|qwen2.5-vl|3d|장면", "mixed text: bigrams "
	       "within Hangul runs, Latin terms lower-cased with - and digit.digit kept, "
	       "numbers and single letters dropped");
	free(t);
	t = terms("강화학습 LLM을 RL로");
	is_str(t, "강화|화학|학습|llm|rl", "a run of four syllables gives three bigrams; "
	       "a particle after Latin is a lone syllable");
	free(t);
	t = terms("로\xff봇 Schr\xc3\xb6" "dinger state-of-the-art a--b x-");
	is_str(t, "schr\xc3\xb6" "dinger|state-of-the-art", "an invalid byte ends a run; "
	       "Latin-1 letters stay in a term; a doubled or trailing joiner ends it");
	free(t);
	t = terms("0123456789012345678901234567890123456789abc ok");
	is_str(t, "ok", "a term longer than RANK_TERM_MAX bytes is dropped");
	free(t);
	t = terms("\xec\x95");
	is_str(t, "", "a syllable cut short at the end reads as nothing");
	free(t);

	ok(rank_term_key("vla", 3) != 0 && rank_term_key("vla", 3) == rank_term_key("VLA", 3),
	   "a term's key does not depend on case");
	ok((rank_term_key("로봇", 6) & RANK_KEY_HANGUL) != 0, "a bigram's key says Hangul");
	ok(!(rank_term_key("robot", 5) & RANK_KEY_HANGUL), "a Latin key does not");
	is_int((long)rank_term_key("로봇 조작", strlen("로봇 조작")), 0,
	       "two terms are no term");
	ok(rank_stopword("the", 3) && rank_stopword("에서", 6) && rank_stopword("하는", 6),
	   "English and Korean stop-words");
	ok(!rank_stopword("robot", 5) && !rank_stopword("로봇", 6), "topic words are not");
}

static void test_tfidf(void)
{
	struct rank_doc docs[3] = {
		{ "a", "robot robot robot grasp", 0, NULL },
		{ "b", "robot video", 0, NULL },
		{ "c", "video diffusion the", 0, NULL },
	};
	for (int i = 0; i < 3; i++)
		docs[i].len = strlen(docs[i].text);
	size_t which[3] = { 0, 1, 2 };
	struct rank_vocab v;
	rank_vocab_build(&v, docs, which, 3, 1, 1000);
	is_int((long)v.n, 4, "the vocabulary: robot, grasp, video, diffusion (the is a stop-word)");
	uint32_t robot = rank_vocab_find(&v, rank_term_key("robot", 5));
	uint32_t grasp = rank_vocab_find(&v, rank_term_key("grasp", 5));
	ok(robot && grasp && v.term[robot] && !strcmp(v.term[robot], "robot"), "terms are found");
	ok(fabs(v.idf[robot] - (log(4.0 / 3.0) + 1)) < 1e-12 &&
	   fabs(v.idf[grasp] - (log(4.0 / 2.0) + 1)) < 1e-12, "idf = ln((1 + N) / (1 + df)) + 1");

	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t n;
	struct feature_node *row = rank_row(&v, &docs[0], 0, 1, &s, &n);
	double norm = 0, xr = 0, xg = 0;
	for (size_t i = 0; i < n; i++) {
		norm += row[i].value * row[i].value;
		if ((uint32_t)row[i].index == robot)
			xr = row[i].value;
		if ((uint32_t)row[i].index == grasp)
			xg = row[i].value;
	}
	is_int((long)n, 2, "a row holds the paper's known terms");
	ok(row[n].index == -1, "and ends with liblinear's marker");
	ok(fabs(norm - 1) < 1e-12, "a row has unit length");
	/* docs[0]'s title is its whole text: each term counts RANK_TITLE_WEIGHT
	 * times more. */
	double want = (1 + log(3.0 * RANK_TITLE_WEIGHT)) * v.idf[robot] /
		      ((1 + log((double)RANK_TITLE_WEIGHT)) * v.idf[grasp]);
	ok(fabs(xr / xg - want) < 1e-9, "sublinear tf: 1 + ln tf, times idf");
	row = rank_row(&v, &docs[1], 1.0, 0, &s, &n);
	ok(row[n].index == (int)v.n + 1 && row[n].value == 1.0 && row[n + 1].index == -1,
	   "the bias feature comes last when asked for");
	rank_scratch_free(&s);
	rank_vocab_free(&v);
}

/* ---- a corpus of two topics --------------------------------------------------- */

static const char *const filler[] = {
	"데이터", "성능", "방법", "평가", "benchmark", "실험", "결과", "구조", "학습",
	"모델", "효율", "baseline", "대규모", "분석",
};

struct corpus {
	struct rank_doc *v;
	char **text;
	char **key;
	unsigned char *label;
	size_t n;
};

/* n papers; the even ones about robots ("로봇 조작을 위한 VLA"), the odd
 * ones about image generation. */
static void corpus_make(struct corpus *c, size_t n)
{
	unsigned seed = 7;
	c->n = n;
	c->v = xcalloc(n, sizeof(*c->v));
	c->text = xcalloc(n, sizeof(*c->text));
	c->key = xcalloc(n, sizeof(*c->key));
	c->label = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (i % 2 == 0)
			strbuf_addf(&sb, "paper %zu\n로봇 조작을 위한 VLA 정책을 제안한다. ", i);
		else
			strbuf_addf(&sb, "paper %zu\n이미지 생성을 위한 확산 모델을 제안한다. ", i);
		for (int k = 0; k < 12; k++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_addf(&sb, "%s ", filler[(seed >> 16) % (sizeof(filler) / sizeof(*filler))]);
		}
		c->text[i] = strbuf_detach(&sb, &c->v[i].len);
		c->v[i].text = c->text[i];
		struct strbuf key = STRBUF_INIT;
		strbuf_addf(&key, "2509.%05zu", i);
		c->key[i] = strbuf_detach(&key, NULL);
		c->v[i].key = c->key[i];
	}
}

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->text[i]);
		free(c->key[i]);
	}
	free(c->text);
	free(c->key);
	free(c->label);
	free(c->v);
}

/* Labels the first n papers: robots wanted, the others hidden. */
static void label_first(struct corpus *c, size_t n)
{
	memset(c->label, 0, c->n);
	for (size_t i = 0; i < n && i < c->n; i++)
		c->label[i] = i % 2 == 0 ? RANK_POSITIVE : RANK_NEGATIVE;
}

static void test_labels(void)
{
	is_int(rank_label_of(MARK_STAR), RANK_POSITIVE, "a star is wanted");
	is_int(rank_label_of(MARK_LATER | MARK_READ), RANK_POSITIVE, "later is wanted, read or not");
	is_int(rank_label_of(MARK_STAR | MARK_HIDDEN), RANK_POSITIVE, "a star wins over hidden");
	is_int(rank_label_of(MARK_HIDDEN | MARK_READ), RANK_NEGATIVE, "hidden is not wanted");
	is_int(rank_label_of(MARK_READ), RANK_WEAK, "read alone is a weak not");
	is_int(rank_label_of(0), RANK_UNLABELLED, "no mark, no label");

	struct rank_stamp s = { 5, 3, 2, 0 };
	ok(rank_labels_enough(&s), "5 wanted and 3 hidden + 2 read are enough");
	s.positive = 4;
	ok(!rank_labels_enough(&s), "4 wanted are too few");
	s = (struct rank_stamp){ 9, 2, 2, 0 };
	ok(!rank_labels_enough(&s), "4 not wanted are too few");
	struct strbuf sb = STRBUF_INIT;
	rank_labels_describe(&s, &sb);
	is_str(sb.buf, "too few labels for for-me (9 starred or later, 4 hidden or read; "
	       "it needs 5 of each)", "the fallback says why");
	strbuf_release(&sb);
}

static void test_train_score(void)
{
	struct corpus c;
	corpus_make(&c, 40);
	label_first(&c, 4);
	struct rank_model *m = NULL;
	struct strbuf err = STRBUF_INIT;
	is_int(rank_train(c.v, c.label, c.n, NULL, &m, &err), 1,
	       "2 + 2 labels: too few, no model");
	ok(m == NULL, "and nothing to free");

	label_first(&c, 20);
	/* A key twice counts once: paper 21 as a copy of paper 0. */
	c.v[21].key = c.key[0];
	c.label[21] = RANK_POSITIVE;
	int rc = rank_train(c.v, c.label, c.n, NULL, &m, &err);
	is_int(rc, 0, "10 + 10 labels: a model");
	size_t papers;
	rank_model_trained(m, &papers);
	is_int((long)papers, 20, "trained from the 20 labelled papers, a key once");
	c.v[21].key = c.key[21];
	double robot = rank_score(m, &c.v[30]), image = rank_score(m, &c.v[31]);
	ok(robot > 0.5 && image < 0.5 && robot <= 1 && image >= 0,
	   "an unlabelled robot paper is wanted (%.3f), an image one not (%.3f)", robot, image);
	double all[40];
	rank_score_all(m, c.v, c.n, all);
	ok(all[30] == robot && all[31] == image, "rank_score_all scores as rank_score");

	/* liblinear's own probability of the first class is the score. */
	const struct rank_vocab *v = rank_model_vocab(m);
	double dot = rank_model_weight(m, v->n + 1);
	struct rank_scratch s;
	rank_scratch_init(&s);
	size_t n;
	struct feature_node *row = rank_row(v, &c.v[30], 0, 0, &s, &n);
	for (size_t i = 0; i < n; i++)
		dot += rank_model_weight(m, (size_t)row[i].index) * row[i].value;
	rank_scratch_free(&s);
	ok(fabs(robot - 1 / (1 + exp(-dot))) < 1e-12, "the score is the logistic of w.x + b");

	/* Stored scores. */
	rank_remember(m, c.v, c.n);
	ok(rank_score_stored(m, &c.v[30]), "a remembered paper has its score stored");
	struct rank_doc changed = c.v[30];
	changed.len -= 2;
	ok(!rank_score_stored(m, &changed), "not when its text changed length");
	ok(rank_score(m, &changed) == rank_score_text(m, &changed), "which is then computed");
	ok(rank_score(m, &c.v[30]) == robot, "a stored score is the computed one");
	double by_key = -1;
	ok(rank_score_key(m, c.v[30].key, &by_key) && by_key == robot,
	   "found by its key alone (the reader knows keys, not texts)");
	ok(!rank_score_key(m, "2601.99999", &by_key), "a key with no stored score: none");
	rank_free(m);
	strbuf_release(&err);
	corpus_free(&c);
}

static char *dir_path(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/%s", base, name);
	return strbuf_detach(&sb, NULL);
}

static void write_model(const char *dir, const char *data, size_t len)
{
	fileio_mkdirs(dir, 0700, NULL);
	fileio_replace(dir, RANK_MODEL_FILE, data, len, 0600, NULL);
}

static void test_file(void)
{
	struct corpus c;
	corpus_make(&c, 30);
	label_first(&c, 20);
	struct rank_model *m, *back = NULL;
	struct strbuf err = STRBUF_INIT, text = STRBUF_INIT, again = STRBUF_INIT;
	struct rank_stamp st = { 10, 10, 0, 0x1234 };
	rank_train(c.v, c.label, c.n, &st, &m, &err);
	rank_remember(m, c.v, c.n);
	char *dir = dir_path("model");
	ok(rank_save(m, dir, &err) == 0, "the model is saved");
	ok(rank_load(dir, &back, &err) == 0 && back, "and loads back");
	rank_serialize(m, &text);
	if (back)
		rank_serialize(back, &again);
	ok(text.len && !strcmp(text.buf, again.buf), "the same model, byte for byte");
	ok(back && rank_stamp_same(rank_model_stamp(back), &st), "with its stamp");
	ok(back && rank_score_text(back, &c.v[25]) == rank_score_text(m, &c.v[25]) &&
	   rank_score(back, &c.v[25]) == rank_score(m, &c.v[25]),
	   "scoring the same, to the last bit, computed or stored");
	rank_free(back);

	char *none = dir_path("none");
	is_int(rank_load(none, &back, &err), 1, "no file: no model, no error");
	is_int((long)err.len, 0, "and no message");

	/* A damaged file: one byte changed. */
	struct strbuf bad = STRBUF_INIT;
	strbuf_add(&bad, text.buf, text.len);
	bad.buf[text.len / 2] ^= 1;
	write_model(dir, bad.buf, bad.len);
	is_int(rank_load(dir, &back, &err), -1, "a changed byte: refused");
	ok(strstr(err.buf, "checksum") != NULL, "the checksum says so (%s)", err.buf);
	strbuf_reset(&err);
	write_model(dir, text.buf, text.len - 10);
	is_int(rank_load(dir, &back, &err), -1, "a file cut short: refused");
	strbuf_reset(&err);
	strbuf_reset(&bad);
	strbuf_addf(&bad, "digest-tui for-me model %d\n%s", RANK_MODEL_VERSION + 1,
		    strchr(text.buf, '\n') + 1);
	write_model(dir, bad.buf, bad.len);
	is_int(rank_load(dir, &back, &err), -1, "another version: refused");
	ok(strstr(err.buf, "version") != NULL, "and named (%s)", err.buf);
	strbuf_reset(&err);
	write_model(dir, "garbage\n", 8);
	is_int(rank_load(dir, &back, &err), -1, "not a model: refused");

	strbuf_release(&bad);
	strbuf_release(&text);
	strbuf_release(&again);
	strbuf_release(&err);
	free(dir);
	free(none);
	rank_free(m);
	corpus_free(&c);
}

/* rank_ensure's papers, counted. */
struct provider {
	struct corpus *c;
	int calls;
};

static int provide(void *ctx, struct rank_docs *docs, struct strbuf *err)
{
	struct provider *p = ctx;
	p->calls++;
	for (size_t i = 0; i < p->c->n; i++) {
		ALLOC_GROW(docs->v, docs->n, docs->cap);
		docs->v[docs->n++] = p->c->v[i];
	}
	(void)err;
	return 0;
}

static void mark_some(struct marks *mk, const struct corpus *c, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		marks_set(mk, c->key[i], i % 2 == 0 ? MARK_STAR : MARK_HIDDEN, 1, NULL);
}

static void test_ensure(void)
{
	struct corpus c;
	corpus_make(&c, 30);
	char *dir = dir_path("ensure");
	struct strbuf err = STRBUF_INIT;
	struct marks *mk = marks_open(dir, 0, &err);
	struct provider p = { &c, 0 };
	struct rank_model *m;
	struct rank_stamp st;
	mark_some(mk, &c, 0, 8);
	is_int(rank_ensure(dir, mk, provide, &p, &m, &st, &err), 1,
	       "4 starred and 4 hidden: too few labels");
	ok(m == NULL && st.positive == 4 && st.negative == 4, "the stamp counts them");
	is_int(p.calls, 0, "and no paper is read for it");

	mark_some(mk, &c, 8, 12);
	marks_set(mk, c.key[13], MARK_READ, 1, NULL);
	is_int(rank_ensure(dir, mk, provide, &p, &m, &st, &err), 0, "6 + 6 (and one read): a model");
	is_int(p.calls, 1, "trained from the papers");
	char *file = dir_path("ensure/" RANK_MODEL_FILE);
	ok(access(file, F_OK) == 0, "and saved beside the marks");
	rank_free(m);

	is_int(rank_ensure(dir, mk, provide, &p, &m, &st, &err), 0, "asked again: a model");
	is_int(p.calls, 1, "loaded from the file, not trained again");
	rank_free(m);

	marks_set(mk, c.key[14], MARK_STAR, 1, NULL);
	rank_ensure(dir, mk, provide, &p, &m, &st, &err);
	is_int(p.calls, 2, "a new label: stale, trained again");
	ok(m && rank_stamp_same(rank_model_stamp(m), &st), "the new model carries the new stamp");
	rank_free(m);

	write_model(dir, "digest-tui for-me model 1\nbroken\n", 33);
	ok(rank_ensure(dir, mk, provide, &p, &m, &st, &err) == 0 && p.calls == 3,
	   "a damaged model is trained anew");
	rank_free(m);
	is_int((long)err.len, 0, "silently");

	marks_close(mk);
	free(file);
	free(dir);
	strbuf_release(&err);
	corpus_free(&c);
}

static void test_why(void)
{
	struct corpus c;
	corpus_make(&c, 40);
	label_first(&c, 30);
	struct rank_model *m;
	struct strbuf err = STRBUF_INIT, line = STRBUF_INIT;
	rank_train(c.v, c.label, c.n, NULL, &m, &err);
	struct rank_why w;
	const char *display = "Paper 32\n로봇 조작을 위한 VLA 정책을 제안한다.";
	rank_why(m, &c.v[32], display, &w);
	rank_why_line(&w, &line);
	ok(w.nup >= 1 && w.nup <= RANK_WHY_UP, "a robot paper: terms that pushed it up (%s)",
	   line.buf);
	ok(strstr(line.buf, "for you: ") == line.buf, "the line starts with them");
	ok(strstr(line.buf, "로봇 조작") != NULL, "two words that push together are one term, "
	   "without the particle that ends them");
	ok(strstr(line.buf, "VLA") != NULL && !strstr(line.buf, "vla"),
	   "a Latin term as the display writes it");
	for (size_t i = 1; i < w.nup; i++)
		ok(w.up[i].push <= w.up[i - 1].push, "strongest first (%zu)", i);
	rank_why_free(&w);

	strbuf_reset(&line);
	rank_why(m, &c.v[33], NULL, &w);
	rank_why_line(&w, &line);
	ok(w.ndown >= 1, "an image paper: terms that pushed it down (%s)", line.buf);
	ok(strstr(line.buf, "이미지") || strstr(line.buf, "확산") || strstr(line.buf, "생성"),
	   "its topic's words");
	rank_why_free(&w);

	strbuf_release(&line);
	strbuf_release(&err);
	rank_free(m);
	corpus_free(&c);
}

/* A model of the terms terms[0..n) weighing weights[0..n) (idf 1, bias
 * 0), read as a model file is. */
static struct rank_model *model_of(const char *const *terms, const double *weights, size_t n)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	strbuf_addf(&text, "digest-tui for-me model %d\nstamp 0 0 0 0000000000000000\n"
		    "trained 0 0\nterms %zu\n", RANK_MODEL_VERSION, n);
	double one = 1;
	uint64_t bits;
	for (size_t i = 0; i < n; i++) {
		uint64_t w;
		memcpy(&bits, &one, sizeof(bits));
		memcpy(&w, &weights[i], sizeof(w));
		strbuf_addf(&text, "%016llx %016llx %s\n", (unsigned long long)bits,
			    (unsigned long long)w, terms[i]);
	}
	strbuf_addstr(&text, "bias 0000000000000000\nscores 0\n");
	char hex[65];
	sha256_hex(text.buf, text.len, hex);
	strbuf_addf(&text, "sha256 %s\n", hex);
	struct rank_model *m = NULL;
	if (rank_parse(text.buf, text.len, &m, &err) < 0)
		printf("# model_of: %s\n", err.buf);
	strbuf_release(&text);
	strbuf_release(&err);
	return m;
}

/* The why line of text (case-folded, as the search text is) under m, the
 * paper shown as display. */
static char *why_line(const struct rank_model *m, const char *text, const char *display)
{
	struct rank_doc doc = { "2601.00001", text, strlen(text), NULL };
	struct rank_why w;
	struct strbuf line = STRBUF_INIT;
	rank_why(m, &doc, display, &w);
	rank_why_line(&w, &line);
	rank_why_free(&w);
	return strbuf_detach(&line, NULL);
}

static void test_why_words(void)
{
	/* 이션 is a pair of 파운데이션, 계하 of 설계하는; 높아졌다 is a
	 * predicate. */
	const char *const t1[] = { "이션", "계하", "높아", "모델", "델을" };
	const double w1[] = { 2.0, 1.5, 1.0, -1.0, -0.2 };
	struct rank_model *m = model_of(t1, w1, 5);
	ok(m != NULL, "a model of chosen weights");
	if (!m)
		return;
	char *line = why_line(m, "a foundation paper\n파운데이션 모델을 설계하는 방법을 제안한다. "
			      "성능이 높아졌다.", NULL);
	is_str(line, "for you: 파운데이션, 설계; not: 모델", "a pair is shown as its whole word, "
	       "less the particle or ending; a word that is only a predicate is not shown");
	free(line);
	rank_free(m);

	/* Endings cut (향상되었다, 효율적인); a particle after an ending
	 * (대해서는) and a count (10개의) leave nothing to show. */
	const char *const t7[] = { "향상", "효율", "대해", "개의" };
	const double w7[] = { 1.0, 0.8, 0.5, 0.5 };
	m = model_of(t7, w7, 4);
	line = why_line(m, "x\n성능이 향상되었다. 효율적인 방법에 대해서는 10개의 실험.", NULL);
	is_str(line, "for you: 향상, 효율", "verb and adjective endings are cut; what is only "
	       "a postposition or a count is not shown");
	free(line);
	rank_free(m);

	/* 로봇 조작 정책 and 로봇 조작: one phrase, not both. */
	const char *const t2[] = { "로봇", "조작", "정책", "작을" };
	const double w2[] = { 1.5, 1.0, 0.8, 0.6 };
	m = model_of(t2, w2, 4);
	line = why_line(m, "robots\n로봇 조작 정책을 제안한다. 로봇 조작을 연구한다.", NULL);
	is_str(line, "for you: 로봇 조작 정책", "words that push together are one phrase, "
	       "shown once (not as 로봇 조작 too)");
	free(line);
	rank_free(m);

	/* 학습 within 강화학습 and on its own: the word that pushed harder. */
	const char *const t3[] = { "강화", "학습" };
	const double w3[] = { 1.0, 1.0 };
	m = model_of(t3, w3, 2);
	line = why_line(m, "rl\n강화학습 연구. 학습을 한다.", NULL);
	is_str(line, "for you: 강화학습", "a word inside another is not shown beside it");
	free(line);
	/* A tie: the shorter. 로봇 pushes as hard in 로봇팔 as in 로봇. */
	const char *const t4[] = { "로봇" };
	const double w4[] = { 1.0 };
	rank_free(m);
	m = model_of(t4, w4, 1);
	line = why_line(m, "arms\n로봇팔, 로봇.", NULL);
	is_str(line, "for you: 로봇", "of two words that overlap and push alike, the shorter");
	free(line);
	rank_free(m);

	/* 이 and 가 are particles only after a syllable that allows them. */
	const char *const t5[] = { "레이", "문가", "모델" };
	const double w5[] = { 1.0, 0.8, 0.6 };
	m = model_of(t5, w5, 3);
	line = why_line(m, "words\n디스플레이, 전문가, 모델이 좋다.", NULL);
	is_str(line, "for you: 디스플레이, 전문가, 모델", "디스플레이 and 전문가 keep their last "
	       "syllable, 모델이 loses its particle");
	free(line);
	rank_free(m);

	/* Latin terms as the paper writes them; a tiny push down is no reason. */
	const char *const t6[] = { "vla", "gpt-4o", "manipulation", "survey" };
	const double w6[] = { 1.0, 0.8, 0.6, -0.01 };
	m = model_of(t6, w6, 4);
	line = why_line(m, "vla for manipulation\nvla와 gpt-4o로 manipulation을 한다. survey.",
			"VLA for Manipulation\nVLA와 GPT-4o로 manipulation을 한다. Survey.");
	is_str(line, "for you: VLA, manipulation, GPT-4o", "Latin terms spelled as the paper "
	       "does (the text's manipulation over the title's Manipulation); no tiny term down");
	free(line);
	rank_free(m);
}

int main(void)
{
	if (!mkdtemp(base)) {
		tap_skip_all("no temporary directory");
		return 0;
	}
	test_tokenizer();
	test_tfidf();
	test_labels();
	test_train_score();
	test_file();
	test_ensure();
	test_why();
	test_why_words();
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", base);
	return tap_done();
}
