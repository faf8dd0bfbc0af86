/* fuzz_facts_arxiv: libFuzzer target for the arXiv Atom reader (facts_parse_arxiv) — any bytes
 * as a server's answer; the checks are fuzz_facts_check.h's. */
#include "config.h"

#include "fuzz_facts_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_facts_one(facts_parse_arxiv, data, size);
}
