package org.inferbench.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.inferbench.measure.EnvironmentSnapshot;
import org.inferbench.results.EnvFingerprint;
import org.inferbench.roofline.probe.Probe;
import org.inferbench.roofline.probe.ProbeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code inferbench probe}: this machine's memory bandwidth and matrix-multiply peak, cached per machine. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Measure sustained memory read bandwidth (the better of a STREAM-like read and a GEMV streaming 256 MB of weights through ONNX Runtime) and peak fp32 MatMul throughput (ONNX Runtime); cached per env_fingerprint.")
final class ProbeCommand implements Callable<Integer> {
  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
  Integer threads;

  @Option(names = "--refresh", description = "Measure again even when a cached probe exists.")
  boolean refresh;

  @Override
  public Integer call() throws Exception {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    String fp = EnvFingerprint.of(EnvironmentSnapshot.capture("probe", "", Map.of()));
    ProbeResult r = Probe.cachedOrMeasure(fp, n, refresh);
    System.out.printf(Locale.ROOT, "memory read bandwidth  %.1f GB/s%n", r.bandwidthBytesPerS() / 1e9);
    System.out.printf(Locale.ROOT, "peak fp32 MatMul       %.1f GFLOP/s%n", r.peakFlopsPerS() / 1e9);
    System.out.printf(Locale.ROOT, "threads %d, measured %s, env_fingerprint %s%n", r.threads(), r.measuredAt(), fp);
    return ExitCodes.OK;
  }
}
