/**
 * The HTTP side of a streamed request: one {@link org.inferbench.engine.openai.client.StreamingClient} sends requests
 * and records each as a {@link org.inferbench.engine.openai.client.RequestTrace} of absolute nanoTime stamps (sent,
 * headers, each token-carrying chunk's arrival), so that a run loop taking one request at a time and a load
 * generator with thousands in flight read the same record. Failures of the server or the network are data in the
 * trace, never exceptions. Nothing here is null unless its documentation says so.
 */
package org.inferbench.engine.openai.client;
