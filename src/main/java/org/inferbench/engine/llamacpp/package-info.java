/**
 * The {@code llamacpp} engine: llama.cpp (llama-server's code, through the de.kherud:llama JNI binding) over GGUF
 * files, one sequence at a time. Prompts go in as exact token ids, exactly {@code --output} tokens come out (end of
 * generation ignored, held-back tokens banned so each streamed result is one token), the prompt cache is off so
 * every TTFT is a full prefill. Describing a model reads only the GGUF header with InferBench's own reader; native
 * code runs only in {@link org.inferbench.engine.llamacpp.LlamaCppEngine#load}, which a run does in a worker
 * process. Nothing in this package is null unless its documentation says so.
 */
package org.inferbench.engine.llamacpp;
