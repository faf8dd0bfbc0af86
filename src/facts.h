/* facts: what the digest does not say about a paper — authors, the English
 * abstract, categories, the arXiv comment, upvotes, a code link — read from
 * the Hugging Face daily-papers answer (JSON, facts_hf.c) or the arXiv API's
 * Atom feed (XML, facts_arxiv.c), and kept in the cache (facts_store_*).
 * Fetching them is facts_fetch.h's job; showing them is the renderer's.
 *
 * Every string is hostile on arrival and cleaned once, here: valid UTF-8
 * (bad bytes become U+FFFD), no control or bidi-control characters, white
 * space collapsed to single spaces, and capped in length. */
#ifndef DIGEST_FACTS_H
#define DIGEST_FACTS_H

#include <stddef.h>
#include <time.h>

#include "strmap.h"

struct strbuf;

/* The largest answer either reader accepts, and the deepest nesting. */
#define FACTS_MAX_BYTES (4 * 1024 * 1024)
#define FACTS_MAX_DEPTH 32
/* Caps on what one paper keeps. */
#define FACTS_MAX_AUTHORS 2000
#define FACTS_MAX_CATEGORIES 32
#define FACTS_MAX_TEXT (64 * 1024)     /* bytes of an abstract or comment */
#define FACTS_MAX_NAME 512             /* bytes of a name, title, URL ... */

enum facts_origin {
	FACTS_FROM_HF = 1,      /* huggingface.co daily papers */
	FACTS_FROM_ARXIV = 2,   /* export.arxiv.org */
};

struct paper_facts {
	char *id;               /* arXiv ID, normalized ("2509.22622"); never NULL */
	char *title;            /* or NULL */
	char *abstract;         /* or NULL */
	char **authors;         /* names as given, in order */
	size_t nauthors;
	char *primary_category; /* "cs.CL", or NULL */
	char **categories;      /* every category, the primary one too */
	size_t ncategories;
	char *comment;          /* arXiv's comment ("Accepted at NeurIPS 2025"), or NULL */
	char *published;        /* first version, YYYY-MM-DD, or NULL */
	char *code_url;         /* an http(s) URL of the code, or NULL */
	int upvotes;            /* -1: not known */
	enum facts_origin origin;
	long long fetched;      /* Unix time it was learned */
	/* A paper asked for and found nowhere: only id, fetched and tries. */
	int missing;
	int tries;              /* how many times it was asked for in vain */
};

struct facts_list {
	struct paper_facts *v;
	size_t n, cap;
};

void paper_facts_init(struct paper_facts *f);   /* all NULL, upvotes -1 */
void paper_facts_free(struct paper_facts *f);
void facts_list_init(struct facts_list *l);
void facts_list_free(struct facts_list *l);
/* Appends a new, initialized entry and returns it (valid until the next add). */
struct paper_facts *facts_list_add(struct facts_list *l);

/* Cleans s[0..n) as described above, cut after max bytes (at a character
 * boundary, with "…"). Returns a new string, or NULL when nothing is left. */
char *facts_clean_text(const char *s, size_t n, size_t max);

/* The Hugging Face answer of GET .../api/daily_papers?date=YYYY-MM-DD: a JSON
 * array of {"paper": {"id", "title", "summary", "authors": [{"name"}],
 * "upvotes", "publishedAt", "githubRepo"}, ...}. Appends one entry per paper
 * with an arXiv ID; elements without one are skipped. Returns 0, or -1 with a
 * one-line reason in err (not JSON, not an array, over FACTS_MAX_BYTES or
 * FACTS_MAX_DEPTH) and nothing appended. */
int facts_parse_hf(const char *data, size_t len, struct facts_list *out,
		   struct strbuf *err);

/* The arXiv API's Atom feed (GET .../api/query?id_list=...): one entry per
 * <entry> whose <id> is an abs URL (arXiv's error entries are skipped). A
 * DOCTYPE, any entity declaration, more than FACTS_MAX_DEPTH levels or
 * FACTS_MAX_BYTES is refused. Returns 0, or -1 with a one-line reason in err
 * and nothing appended. */
int facts_parse_arxiv(const char *data, size_t len, struct facts_list *out,
		      struct strbuf *err);

/* ---- the store: DIR/facts/ID.json, one file per paper ----------------------
 * (ID with '/' as '_'), each written atomically; a file that does not read
 * back is treated as absent (and reported by facts_store_load). */

/* DIR/facts for the cache directory dir (NULL: the default cache). Returns
 * 0, or -1 with a message in err. */
int facts_store_dir(const char *cache_dir, struct strbuf *out, struct strbuf *err);
/* Writes f. Returns 0, or -1 with a one-line message in err. */
int facts_store_save(const char *dir, const struct paper_facts *f, struct strbuf *err);
/* Reads the facts of id into *f (initialized here). Returns 0, 1 when none are
 * stored, or -1 when the file is unreadable or corrupt (reason in err). */
int facts_store_load(const char *dir, const char *id, struct paper_facts *f,
		     struct strbuf *err);
/* Whether anything is stored for id — its facts, or that it was found
 * nowhere, readable or not — without reading it: 1, or 0 when there is no
 * file (an ID that cannot be a file name counts as stored: it never will
 * be). */
int facts_store_has(const char *dir, const char *id);
/* The JSON a stored file holds, and back (for the store and its tests). */
void facts_to_json(const struct paper_facts *f, struct strbuf *out);
int facts_from_json(const char *data, size_t len, struct paper_facts *f,
		    struct strbuf *err);

/* Facts read from the store on demand and kept until facts_lookup_free (for
 * exports and searches, which ask for many; a paper with none stored is
 * remembered too, so each file is read at most once). */
struct facts_lookup {
	char *dir;                 /* the store, or NULL: nothing is found */
	struct strmap ids;         /* ID (owned) -> its struct paper_facts
				    * (owned), NULL when none is known */
	struct strbuf *errors;     /* unreadable files, a line each; may be NULL */
};
/* The store of the cache at cache_dir (NULL: the default cache). */
void facts_lookup_init(struct facts_lookup *l, const char *cache_dir, struct strbuf *errors);
/* The known facts of id, or NULL (not stored, or found nowhere). l is a
 * struct facts_lookup; the type fits export_facts_fn (export.h). */
const struct paper_facts *facts_lookup_get(void *l, const char *id);
void facts_lookup_free(struct facts_lookup *l);

/* A BibTeX key as arXiv's own export makes them: the first author's family
 * name (the last word of the name), the year (when not 0) and the first word
 * of the title that is not an article, folded to a-z and 0-9 ("Émile Borel",
 * 2025, "The Scaling Laws" -> borel2025scaling). Returns 0, or -1 (nothing
 * appended) when there is no author with a Latin letter in the name. */
int facts_bibtex_key(const struct paper_facts *f, int year, struct strbuf *out);

/* Whether the facts stored for a paper (st: the result of facts_store_load,
 * f the facts when 0) are fresh enough at time now not to be asked again:
 * known ones for 24 hours, missing ones for 24 hours doubled per try
 * (at most 30 days). */
int facts_fresh(int st, const struct paper_facts *f, time_t now);

#endif
