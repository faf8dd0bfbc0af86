/* arxiv: recognizing arXiv identifiers in URLs and text, and building the URLs
 * a paper can be opened at. Pure string functions; no I/O. */
#ifndef DIGEST_ARXIV_H
#define DIGEST_ARXIV_H

#include <stddef.h>

/* Extracts a normalized arXiv ID from a URL such as https://arxiv.org/abs/2509.22622v2,
 * http://arxiv.org/pdf/2401.01234v3.pdf, https://www.alphaxiv.org/ko/overview/2509.22622
 * or arxiv.org/abs/hep-th/9901001. Returns a new string, or NULL when there is none. */
char *arxiv_id_from_url(const char *url);

/* Normalizes a bare identifier ("arXiv:2509.22622v1", "hep-th/9901001v2");
 * returns a new string, or NULL when it is not an arXiv ID. */
char *arxiv_id_normalize(const char *s);

#endif
