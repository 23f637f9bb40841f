package org.inferbench.serve;

import java.util.function.IntToLongFunction;

/**
 * The ground-truth server's service time: a request of prompt length p admitted at time a writes its first token at
 * a + ttft(p) and token k (k ≥ 2) at the previous deadline + tpot(p + k − 1), i.e. at the context length before the
 * step, as the calibration engine's cost model counts it.
 */
record Timing(IntToLongFunction ttftNanos, IntToLongFunction tpotNanosAtContext) {
  static Timing fixed(long ttftNanos, long tpotNanos) {
    return new Timing(p -> ttftNanos, c -> tpotNanos);
  }

  /** Whole service time of a request: what the knee of a throughput curve follows from. */
  long serviceNanos(int prompt, int output) {
    long t = ttftNanos.applyAsLong(prompt);
    for (int k = 2; k <= output; k++) t += tpotNanosAtContext.applyAsLong(prompt + k - 1);
    return t;
  }
}
