package org.inferbench.engine.openai.sse;

/** Receives events in stream order, on the thread that feeds the parser. */
@FunctionalInterface
public interface SseListener {
  void onEvent(SseEvent event);
}
