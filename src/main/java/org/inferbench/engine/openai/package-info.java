/**
 * What an OpenAI-compatible server streams, decoded: each event's data becomes a {@link
 * org.inferbench.engine.openai.StreamMessage} (a chunk, the {@code [DONE]} sentinel, an error object, or data that
 * is none of these), each chunk with its output-token count and where that count came from (METRICS.md, Serving).
 * The formats of the servers this was written against (vLLM, llama-server, TGI's messages API, Ollama's /v1) are
 * read by one decoder; the fields only one of them sends are named where they are read. {@link
 * org.inferbench.engine.openai.OpenAiEngine} is {@code --engine openai}: one streamed request per run-loop request,
 * its chunks the steps. Fields documented as nullable may be null; nothing else is.
 */
package org.inferbench.engine.openai;
