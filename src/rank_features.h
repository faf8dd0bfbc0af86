/* rank_features: what the "for me" ranking sees of a paper — its terms and
 * their tf-idf weights. It owns the tokenizer, the vocabulary (term ->
 * feature index, document frequency, idf) and the sparse rows liblinear
 * reads. Training, scoring and the model file are rank.c's; where a paper's
 * text comes from is the caller's. No I/O, no curses.
 *
 * Terms (rank_tokenize), over any UTF-8 (invalid bytes only end terms):
 *   - Latin: a run of ASCII letters and digits (and of Latin letters
 *     U+00C0..U+027F, as bytes), lower-cased, with '-' kept between two
 *     such characters and '.' between two digits: "GPT-4o" is gpt-4o,
 *     "Qwen2.5-VL" qwen2.5-vl, "VLA" vla. A term of one byte, of no letter
 *     ("2025", "3.5") or of more than RANK_TERM_MAX bytes is dropped.
 *   - Hangul: each pair of adjacent syllables (U+AC00..U+D7A3) within a run
 *     of them: "로봇 조작을" gives 로봇, 조작, 작을. A lone syllable gives none.
 * Stop-words (English function words, Korean endings such as 에서 or 하는)
 * never enter a vocabulary, so the tokenizer need not look for them.
 *
 * A term is known by a 64-bit key: a Hangul bigram by its two syllables
 * (exact), a Latin term by a hash of its bytes (two terms sharing a key are
 * taken for one: with tens of thousands of terms, a chance of about 1e-10).
 *
 * A row (rank_row) is the paper's terms that the vocabulary knows, each with
 * (1 + ln tf) * idf, scaled to unit length (L2); idf is ln((1 + N) / (1 +
 * df)) + 1 over the N papers the vocabulary was built from. A term of the
 * title (the text's first line) counts RANK_TITLE_WEIGHT times there: the
 * title says what a paper is about in ten words, the sections in three
 * hundred (and the synthetic reader of tools/eval-rank finds its papers
 * first with 5 rather than 1 or 3). */
#ifndef DIGEST_RANK_FEATURES_H
#define DIGEST_RANK_FEATURES_H

#include <stddef.h>
#include <stdint.h>

struct feature_node; /* liblinear's (linear.h) */

/* How many times a term of the title counts. */
#define RANK_TITLE_WEIGHT 5
/* Bytes of the longest Latin term kept. */
#define RANK_TERM_MAX 40
/* The top bit of a key says a Hangul bigram. */
#define RANK_KEY_HANGUL ((uint64_t)1 << 63)

/* A paper as the ranking reads it. The strings are borrowed. */
struct rank_doc {
	const char *key;      /* its marks key (marks_paper_key) */
	const char *text;     /* its search text (search_paper_text: case-folded,
			       * the title first); len bytes */
	size_t len;
	const char *abstract; /* the English abstract (paper facts), or NULL */
};

/* The terms of a text, in order: keys, and with positions, where each one is
 * (byte offset and length in the text; a bigram's is its two syllables). */
struct rank_tokens {
	uint64_t *key;
	uint32_t *off;        /* NULL unless positions were asked for */
	uint8_t *len;
	size_t n, cap;
	int positions;
};

void rank_tokens_init(struct rank_tokens *t, int positions);
void rank_tokens_free(struct rank_tokens *t);
/* Appends the terms of s[0..len) to t (t->n = 0 first to start afresh). */
void rank_tokenize(const char *s, size_t len, struct rank_tokens *t);

/* A term's text as it keys: lower-cased Latin, or the bigram. */
uint64_t rank_term_key(const char *term, size_t len);
/* 64-bit FNV-1a of s[0..len), mixed: the ranking's one string hash. */
uint64_t rank_hash(const char *s, size_t len);

/* The vocabulary: features 1..n (liblinear counts from 1). */
struct rank_vocab {
	size_t n, cap;
	char **term;          /* [1..n], owned */
	double *idf;          /* [1..n] */
	uint64_t *key;        /* [1..n] */
	struct rank_slot {    /* open addressing: key -> index, at most */
		uint64_t key; /* a quarter full (a miss, the common case when */
		uint32_t idx; /* scoring, ends in a probe or two) */
	} *slots;
	size_t nslots;
	size_t ndocs;         /* N, the papers it was built from */
};

void rank_vocab_init(struct rank_vocab *v);
void rank_vocab_free(struct rank_vocab *v);
/* Adds a term (its key from rank_term_key) with its idf; returns its index,
 * or 0 when the term is empty or already there. */
uint32_t rank_vocab_add(struct rank_vocab *v, const char *term, double idf);
/* The index of key, or 0. */
uint32_t rank_vocab_find(const struct rank_vocab *v, uint64_t key);
/* Builds v (empty) from the papers docs[which[0..n)]: every term in at least
 * min_df of them that is no stop-word, at most max_terms of them (the most
 * frequent), in the order of their text (so a vocabulary is the same for
 * the same papers). */
void rank_vocab_build(struct rank_vocab *v, const struct rank_doc *docs,
		      const size_t *which, size_t n, size_t min_df, size_t max_terms);
/* Whether a term is a stop-word (exact, lower-case). */
int rank_stopword(const char *term, size_t len);

/* Working memory for rows: one per thread, for one vocabulary. */
struct rank_scratch {
	struct rank_tokens tokens;
	uint32_t *count;      /* [vocabulary size + 1] */
	uint32_t *touched;
	size_t ntouched, size;
	struct feature_node *row;
	size_t row_cap;
};

void rank_scratch_init(struct rank_scratch *s);
void rank_scratch_free(struct rank_scratch *s);

/* The row of doc (text and abstract) over v: *n features, then, when bias
 * > 0, the bias feature (index v->n + 1, value bias), then liblinear's end
 * marker (index -1). Sorted by index when sorted is set. The row lives in s
 * until its next use. */
struct feature_node *rank_row(const struct rank_vocab *v, const struct rank_doc *doc,
			      double bias, int sorted, struct rank_scratch *s, size_t *n);

#endif
