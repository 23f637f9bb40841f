package org.inferbench.model.synth;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded random weight values, reproducible by tensor name: the same seed and name always give the same values, so a
 * test can rebuild any tensor a writer emitted without reading the ONNX file back.
 */
public final class SyntheticWeights {
  private SyntheticWeights() {}

  /** {@code count} values from a normal distribution with mean 0 and the given standard deviation. */
  public static float[] normal(long seed, String name, int count, double std) {
    float[] values = new float[count];
    fillNormal(seed, name, count, std, (i, v) -> values[i] = v);
    return values;
  }

  /**
   * The values of {@link #normal} for the same seed and name, a row at a time in order, so a writer can stream a
   * tensor of gigabytes without holding it.
   */
  public static RowStream rows(long seed, String name, double std) {
    return new RowStream(new SplittableRandom(mix(seed, name)), std);
  }

  /** The next rows of one tensor's values. */
  public static final class RowStream {
    private final SplittableRandom random;
    private final double std;

    private RowStream(SplittableRandom random, double std) {
      this.random = random;
      this.std = std;
    }

    /** Fills the whole array with the next values. */
    public void next(float[] row) {
      for (int i = 0; i < row.length; i++) row[i] = (float) (random.nextGaussian() * std);
    }
  }

  /** Receives the i-th value of a tensor as it is generated. */
  interface Sink {
    void put(int index, float value);
  }

  /** The same values as {@link #normal}, handed to a sink so a writer can encode them without an extra copy. */
  static void fillNormal(long seed, String name, int count, double std, Sink sink) {
    SplittableRandom random = new SplittableRandom(mix(seed, name));
    for (int i = 0; i < count; i++) {
      sink.put(i, (float) (random.nextGaussian() * std));
    }
  }

  private static long mix(long seed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long z = seed * 0x9E3779B97F4A7C15L + h;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
