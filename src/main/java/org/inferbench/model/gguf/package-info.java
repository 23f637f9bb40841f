/**
 * GGUF v3 files: reading, writing and block quantization, as llama.cpp defines them (ggml docs/gguf.md, gguf.cpp,
 * ggml-common.h, ggml-quants.c). Reading checks every field and turns any malformed file into a one-line
 * {@link org.inferbench.core.BadInputException}; writing streams tensor data so a model never sits in memory whole.
 * Nothing in this package is null unless its documentation says so.
 */
package org.inferbench.model.gguf;
