package org.inferbench.load;

/**
 * The generator's way to stop one request in flight (at its timeout) without knowing the engine: the target says
 * how to stop it ({@link #onCancel}, e.g. close its stream) and may ask between its own steps whether it was
 * stopped. Fired from the generator's timer thread while the target's thread is inside the request.
 */
public final class Cancellation {
  private Runnable stop;
  private boolean cancelled;

  /** What stops the request; run at once if the request was already cancelled. */
  public void onCancel(Runnable stop) {
    synchronized (this) {
      if (!cancelled) {
        this.stop = stop;
        return;
      }
    }
    stop.run();
  }

  public synchronized boolean cancelled() {
    return cancelled;
  }

  void cancel() {
    Runnable s;
    synchronized (this) {
      if (cancelled) return;
      cancelled = true;
      s = stop;
    }
    // outside the lock: closing a stream may wait on the stream's own lock
    if (s != null) s.run();
  }
}
