#!/usr/bin/env bash
# Coverage-guided fuzzing of InferBench's input parsers (InputParsersFuzzTest: workload YAML, results lines,
# config.json, model directory layouts) for longer than the suite's 20 s. Usage as scripts/fuzz-gguf.sh:
#   scripts/fuzz-parsers.sh [DURATION [LIBFUZZER_FLAG...]]     (corpus in target/parsers-fuzz, log target/parsers-fuzz.log)
exec env FUZZ_EXECUTION=parsers-fuzz "$(dirname "${BASH_SOURCE[0]}")/fuzz-gguf.sh" "$@"
