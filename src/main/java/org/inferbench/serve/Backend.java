package org.inferbench.serve;

/** Produces the tokens of requests: over an engine's model, or on the ground-truth server's schedule. */
interface Backend extends AutoCloseable {
  /** Starts (or queues) a request and returns at once; its events go to the sink from another thread. */
  void submit(CompletionJob job, TokenSink sink);

  /** How many requests may produce tokens at once; the rest queue in arrival order. */
  int slots();

  @Override
  void close();
}
