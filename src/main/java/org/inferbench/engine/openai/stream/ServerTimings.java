package org.inferbench.engine.openai.stream;

/**
 * The {@code timings} object llama-server adds to its last chunk: its own measurement of prefill ({@code prompt_*})
 * and decode ({@code predicted_*}), to set beside the client's. A field the server left out is -1 (counts) or NaN
 * (times and rates); {@code cache_n} (prompt tokens reused from the cache) exists only in newer servers.
 */
public record ServerTimings(
    int promptN,
    double promptMs,
    double promptPerTokenMs,
    double promptPerSecond,
    int predictedN,
    double predictedMs,
    double predictedPerTokenMs,
    double predictedPerSecond,
    int cacheN) {}
