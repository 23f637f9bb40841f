package org.inferbench.fleet;

import java.util.List;
import org.inferbench.load.RequestTimes;

/**
 * What one client measured of its share, on its own clock, as it sends it to the coordinator.
 *
 * @param spans each request's {send, end}, the ramp's included
 * @param cpuS the client process's CPU time over its measured phase (its own load on its machine)
 * @param share what it was given, in words ("c4", "r2.5/s")
 */
public record ClientRun(int index, String host, ClockOffset clock, String share, List<RequestTimes> requests,
    List<long[]> spans, List<RequestTimes> ramp, double cpuS) {
  /** The request on the coordinator's clock. */
  RequestTimes shifted(RequestTimes r) {
    long d = clock.offsetNs();
    long[] chunks = r.chunkNs().clone();
    for (int i = 0; i < chunks.length; i++) chunks[i] += d;
    return new RequestTimes(r.scheduledNs() + d, r.sendNs() + d, chunks, r.tokensPerChunk(), r.endNs() + d,
        r.error(), r.promptTokens());
  }
}
