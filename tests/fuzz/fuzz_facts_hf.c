/* fuzz_facts_hf: libFuzzer target for the Hugging Face daily-papers JSON reader (facts_parse_hf) — any bytes
 * as a server's answer; the checks are fuzz_facts_check.h's. */
#include "config.h"

#include "fuzz_facts_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_facts_one(facts_parse_hf, data, size);
}
