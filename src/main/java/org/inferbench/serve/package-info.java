/**
 * {@code inferbench serve}: an OpenAI-compatible HTTP server (completions, chat, streaming, usage) over an InferBench
 * engine, and the ground-truth server whose chunks leave at precomputed deadlines, so a client's timing can be checked
 * against what the server knows it did. HTTP handling, request parsing, token production ({@link Backend}) and the
 * timer loop are separate classes. Parameters and results are non-null unless documented otherwise.
 */
package org.inferbench.serve;
