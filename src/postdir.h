/* postdir: the posts of a directory — the one rule of which files in it are
 * posts: every *.md whose name does not start with a dot — by name, so by
 * date for dated names. Reading them is post.c's and archive.c's. */
#ifndef DIGEST_POSTDIR_H
#define DIGEST_POSTDIR_H

#include <stddef.h>

/* The names of the posts in dir, sorted: a vector of *n new strings (free
 * it with postdir_free), or NULL with errno set when dir cannot be read. */
char **postdir_list(const char *dir, size_t *n);
void postdir_free(char **names, size_t n);

#endif
