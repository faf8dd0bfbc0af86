/* rank_cli: --list in another order than the blog's — by Hugging Face
 * upvotes, or for-me (rank.h), best first, with each paper's score as a
 * last column. The for-me model is loaded, or trained from the cache and
 * the marks and saved, as rank_ensure does; with too few labels the papers
 * come by upvotes, and a note says so. */
#ifndef DIGEST_RANK_CLI_H
#define DIGEST_RANK_CLI_H

#include "configfile.h"

struct archive;
struct facts_lookup;
struct marks;
struct notes;
struct rank_model;
struct rank_stamp;
struct strbuf;

/* The for-me model of the marks m, as rank_ensure gives it: the one saved
 * in the state directory when its labels are m's, else one trained from the
 * cache's papers (listed's, when it came through the cache's index; NULL:
 * the cache is loaded) with their abstracts from facts, and saved. Returns
 * what rank_ensure returns. The reader's background refit runs it too. */
int rank_cli_model(const struct archive *listed, const struct marks *m,
		   struct facts_lookup *facts, struct rank_model **out, struct rank_stamp *stamp,
		   struct strbuf *err);

/* Appends the papers of a (a repeat of an earlier digest of its date once,
 * as --list prints them) to out in the --list format, in the order sort
 * says, best first (ties in a's order). A paper whose upvotes are unknown
 * comes after those known. The MARKS column says which papers have a note
 * in notes (NULL: none; export_list_line). Notes and problems are lines in
 * err. Returns 0, or 1 when the for-me model could not be trained (then by
 * upvotes). */
int rank_cli_list(const struct archive *a, const struct marks *m, struct notes *notes,
		  enum config_sort sort, struct strbuf *out, struct strbuf *err);

#endif
