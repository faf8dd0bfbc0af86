/* Unit tests for arxiv.c: IDs from the URL shapes digests use. */
#include "config.h"

#include <stdlib.h>

#include "arxiv.h"
#include "tap.h"

static void check_url(const char *url, const char *want)
{
	char *id = arxiv_id_from_url(url);
	is_str(id, want, "id of %s", url);
	free(id);
}

static void check_id(const char *s, const char *want)
{
	char *id = arxiv_id_normalize(s);
	is_str(id, want, "normalize '%s'", s);
	free(id);
}

int main(void)
{
	check_url("https://arxiv.org/abs/2509.22622", "2509.22622");
	check_url("http://arxiv.org/abs/2508.21824v1", "2508.21824");
	check_url("https://arxiv.org/abs/2509.22622v12", "2509.22622");
	check_url("https://arxiv.org/pdf/2401.01234v3.pdf", "2401.01234");
	check_url("https://arxiv.org/pdf/2401.01234", "2401.01234");
	check_url("https://www.alphaxiv.org/ko/overview/2509.22622", "2509.22622");
	check_url("https://huggingface.co/papers/2509.22622", "2509.22622");
	check_url("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001");
	check_url("https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136");
	check_url("https://arxiv.org/abs/1501.0001", "1501.0001");
	check_url("https://example.com/abs/2509.22622", NULL);
	check_url("https://arxiv.org/abs/", NULL);
	check_url("https://arxiv.org/abs/2509.226", NULL);
	check_url("https://arxiv.org/abs/0704.0001v2", "0704.0001");
	check_url("https://arxiv.org/abs/2509.226222", NULL);
	check_url("https://arxiv.org/list/cs.AI/recent", NULL);
	check_id("arXiv:2509.22622v1", "2509.22622");
	check_id("  2509.22622 ", "2509.22622");
	check_id("hep-th/9901001", "hep-th/9901001");
	check_id("cs/0112017v1", "cs/0112017");
	check_id("2509.22622x", NULL);
	check_id("-th/9901001", NULL);
	check_id("", NULL);
	return tap_done();
}
