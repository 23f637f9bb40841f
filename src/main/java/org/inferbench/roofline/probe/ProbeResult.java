package org.inferbench.roofline.probe;

import java.util.Map;

/**
 * What {@code inferbench probe} measured: the two roofs of this machine at a thread count.
 *
 * @param bandwidthBytesPerS sustained memory read bandwidth: the larger of a Java read loop and a memory-bound GEMV
 *     through ONNX Runtime, each the best of several runs over data far larger than the last-level cache
 * @param peakFlopsPerS best fp32 MatMul throughput ONNX Runtime reached over shapes typical of transformer layers
 * @param threads reading threads and ONNX Runtime intra-op threads
 * @param measuredAt ISO-8601 UTC instant
 * @param details per-shape FLOP/s, buffer size, passes, cache sizes: how the roofs were found
 */
public record ProbeResult(
    double bandwidthBytesPerS,
    double peakFlopsPerS,
    int threads,
    String measuredAt,
    Map<String, Object> details) {}
