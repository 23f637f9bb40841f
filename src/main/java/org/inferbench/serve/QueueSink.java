package org.inferbench.serve;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stream's events between the backend and the stream's writer thread. Unbounded, so handing over never blocks; a
 * stream holds at most max_tokens + 1 events, so a stalled client costs memory in proportion to its own request only.
 */
final class QueueSink implements TokenSink {
  private final LinkedBlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
  private volatile boolean cancelled;

  @Override
  public void accept(StreamEvent event) {
    events.add(event);
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
  }

  StreamEvent take() throws InterruptedException {
    return events.take();
  }
}
