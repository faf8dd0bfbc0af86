/* frontmatter: the Jekyll YAML header of a post, read tolerantly by hand (the
 * posts' YAML is simple and sometimes malformed, so no YAML library). Only the
 * keys the reader uses are kept: title, date, tags. */
#ifndef DIGEST_FRONTMATTER_H
#define DIGEST_FRONTMATTER_H

#include <stddef.h>

#include "model.h"

/* Reads front matter at the start of s (which must have no BOM) into d's title,
 * date and tags. Returns the offset where the Markdown body starts: 0 when there
 * is no complete front matter block. */
size_t frontmatter_parse(const char *s, size_t len, struct digest *d);

/* "YYYY-MM-DD" from the start of a file's base name, or NULL. */
char *frontmatter_date_from_name(const char *path);

#endif
