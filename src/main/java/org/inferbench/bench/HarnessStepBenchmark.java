package org.inferbench.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.Request;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The harness's own cost per decode step: a request of {@value #STEPS} steps against an engine whose step does
 * nothing, timed by {@link RequestTimer} (one clock read and one store per step), beside the same loop with no
 * timestamps. Their difference is what the harness adds to every step of a real engine.
 *
 * <p>Run: {@code java -cp 'target/inferbench.jar:target/lib/*' org.openjdk.jmh.Main HarnessStepBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HarnessStepBenchmark {
  static final int STEPS = 1000;

  private final LoadedModel model = new NoWorkModel();
  private final Request request = new Request(new int[][] {{1, 2, 3}}, STEPS, false);

  /** Per step: the full harness path (clock read, bookkeeping, the engine's empty step). */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public TokenTimeline timedStep() throws Exception {
    return RequestTimer.time(model, request);
  }

  /** Per step: the engine's empty step alone, in the same loop shape, with no clock and no bookkeeping. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int bareStep() throws Exception {
    int produced = 0;
    try (Generation g = model.start(request)) {
      while (produced < STEPS) produced += g.step();
    }
    return produced;
  }

  /** An engine whose step costs nothing, so only the harness is measured. */
  static final class NoWorkModel implements LoadedModel {
    private final ModelInfo info = new ModelInfo("no-work", ModelShape.DECODER, Integer.MAX_VALUE, 2, new int[0],
        "none", "none", null, Map.of());

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public Map<String, String> effectiveSettings() {
      return Map.of();
    }

    @Override
    public long modelLoadNanos() {
      return 0;
    }

    @Override
    public long sessionCreateNanos() {
      return 0;
    }

    @Override
    public Generation start(Request r) {
      return () -> 1;
    }

    @Override
    public void close() {}
  }
}
