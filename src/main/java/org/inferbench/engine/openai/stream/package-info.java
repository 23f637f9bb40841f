/**
 * The OpenAI streaming format: decoding each Server-Sent Event's data into a chunk (tokens, text, usage, server
 * timings, an error) whichever server wrote it. Knows nothing of HTTP: the client feeds it, the engine reads it.
 */
package org.inferbench.engine.openai.stream;
