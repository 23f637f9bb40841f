package org.inferbench.serve;

/**
 * Where a backend puts one stream's events. {@link #accept} never blocks (the ground truth's single timer thread
 * calls it for every stream), so a slow client delays only its own stream.
 */
interface TokenSink {
  void accept(StreamEvent event);

  /** The client went away: stop producing and free the slot. */
  boolean cancelled();
}
