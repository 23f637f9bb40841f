package org.inferbench.load;

/**
 * What the generator drives: sends one request and blocks until its response ended. Called from many threads at
 * once (virtual threads: one per request in flight), so implementations must be thread-safe.
 */
public interface Target {
  /**
   * @param index the request's number in the run (warm-up requests first), for seeding a unique prompt
   * @param scheduledNs when the load shape wanted it sent; the target stamps the send time itself, at the moment
   *     it hands the request to its client
   * @return the request's times; a failure is returned (with its kind), not thrown
   */
  RequestTimes send(int index, long scheduledNs);

  /**
   * The same, stoppable: at its timeout the generator fires {@code cancel}, and a target that can stops the request
   * then and returns a failure (the generator counts it as a timeout). By default the request runs to its end and
   * is judged by its times.
   */
  default RequestTimes send(int index, long scheduledNs, Cancellation cancel) {
    return send(index, scheduledNs);
  }
}
