/* postdir: the posts of a directory (see postdir.h). */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "postdir.h"
#include "util.h"

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

char **postdir_list(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	*n = 0;
	if (!d)
		return NULL;
	char **names = xmalloc(sizeof(*names));
	size_t cap = 1;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md"))
			continue;
		ALLOC_GROW(names, *n, cap);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), cmp_names);
	return names;
}

void postdir_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
