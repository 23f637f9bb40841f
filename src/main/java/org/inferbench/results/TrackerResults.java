package org.inferbench.results;

import java.util.Map;

/**
 * What the trackers beside the measured requests saw. Absent (null) where not measured; {@code notes} says why.
 *
 * @param peakRssMb highest resident set size during the measured requests
 * @param memoryMethod how the peak was read: "vmhwm" (after clear_refs reset) or "sampled-vmrss"
 * @param coldTtftMs the first request after load (never in the statistics); null for encoders
 * @param coldLatencyMs the first request's E2E (or forward latency for encoders)
 * @param extra further tracker outputs (energy, roofline) keyed by name
 */
public record TrackerResults(
    Double peakRssMb,
    Double rssAfterLoadMb,
    String memoryMethod,
    Double heapUsedMb,
    Double heapMaxMb,
    Double modelLoadMs,
    Double sessionCreateMs,
    Double coldTtftMs,
    Double coldLatencyMs,
    Long gcCount,
    Double gcPauseMs,
    Double jitCompileMs,
    Map<String, Object> extra,
    Map<String, String> notes) {}
