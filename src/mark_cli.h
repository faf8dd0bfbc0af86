/* mark_cli: digest-tui --mark OP ARXIV_ID...: changes the marks of papers of
 * the cache from the shell as the reader's keys change them — journalled as
 * one undo step for the whole call, so that u in a reader started later takes
 * it back, and a running reader picks it up as any other instance's change.
 * The marks are marks.h's, the cache's papers index.h's. */
#ifndef DIGEST_MARK_CLI_H
#define DIGEST_MARK_CLI_H

struct strbuf;

/* The operations, for --help and messages. */
#define MARK_CLI_OPS "star|unstar|later|unlater|hide|unhide|read|unread"

/* The mark (enum mark_flag) and whether it is set (star) or cleared
 * (unstar) by the operation called name. Returns 0, or -1 for no such
 * operation. */
int mark_cli_op(const char *name, unsigned *flag, int *on);

/* Sets (on) or clears flag on the papers ids[0..nids): arXiv IDs, in any
 * form arxiv_id_normalize reads, or arXiv and Alphaxiv URLs. When any of
 * them is not an arXiv ID or not a paper of the cached digests, nothing is
 * marked: each such ID gets a line in err and the status is 2. Returns the
 * exit status: 0, 1 when the marks could not be saved, or 2 (lines in err).
 * The marks are this machine's journal where cfg puts it (sync_marks_open). */
struct config;
int mark_cli_run(const struct config *cfg, unsigned flag, int on, char *const *ids,
		 int nids, struct strbuf *err);

#endif
