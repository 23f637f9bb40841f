/**
 * The {@code llamacpp} engine: llama.cpp through its C API over GGUF files, any build (the pinned release built here,
 * node-llama-cpp's prebuilt libraries, or a user's own with {@code --engine-opt lib=DIR}). A small C shim
 * (src/main/c/inferbench-llama.c), compiled against the build's own llama.h, keeps llama.h's structs on the C side;
 * Java calls its plain functions through the FFM API. Prompts go in as exact token ids in llama_batch-es of up to
 * n_batch tokens, then one llama_decode per generated token, greedy from the logits, exactly {@code --output} tokens
 * (end of generation ignored unless asked); a request's cells are removed from llama.cpp's memory when it ends.
 * Describing a model reads only the GGUF header with InferBench's own reader; native code runs only in
 * {@link org.inferbench.engine.llamacpp.LlamaCppEngine#load}, which a run does in a worker process. Nothing in this
 * package is null unless its documentation says so.
 */
package org.inferbench.engine.llamacpp;
