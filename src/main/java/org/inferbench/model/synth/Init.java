package org.inferbench.model.synth;

/**
 * How a weight tensor is filled: seeded normal values (Hugging Face's initializers use a normal with std 0.02 for
 * most weights), ones (norm scales) or zeros (biases), or fixed values computed by the writer (tables, constants).
 */
public sealed interface Init {
  record Normal(double std) implements Init {}

  /**
   * Normal values for a weight stored [in, out] whose every column then has its mean over the rows subtracted, so
   * the weight maps a constant input vector to zero.
   */
  record CenteredNormal(double std, int columns) implements Init {}

  /**
   * The normal values of a weight generated as PyTorch stores nn.Linear ([out, in], so the same seed and name give
   * the same weights as every other format) and written transposed to [in, out], as the PyTorch exporter folds it.
   */
  record TransposedNormal(double std, int out, int in) implements Init {}

  record Fill(float value) implements Init {}

  /** Values computed by the writer, e.g. rotary tables. */
  record Values(float[] values) implements Init {}

  Init ONES = new Fill(1f);
  Init ZEROS = new Fill(0f);

  static Init normal(double std) {
    return new Normal(std);
  }

  /** The float values of a tensor with this init, for {@code count} elements of the tensor named {@code name}. */
  default float[] materialise(long seed, String name, int count) {
    return switch (this) {
      case Normal n -> SyntheticWeights.normal(seed, name, count, n.std());
      case CenteredNormal c -> centered(SyntheticWeights.normal(seed, name, count, c.std()), c.columns());
      case TransposedNormal t -> transposed(SyntheticWeights.normal(seed, name, count, t.std()), t.out(), t.in());
      case Fill f -> {
        float[] v = new float[count];
        java.util.Arrays.fill(v, f.value());
        yield v;
      }
      case Values v -> v.values().clone();
    };
  }

  private static float[] transposed(float[] v, int rows, int cols) {
    float[] t = new float[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) t[c * rows + r] = v[r * cols + c];
    }
    return t;
  }

  private static float[] centered(float[] values, int columns) {
    int rows = values.length / columns;
    double[] mean = new double[columns];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns; j++) {
        mean[j] += values[r * columns + j];
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns; j++) {
        values[r * columns + j] -= (float) (mean[j] / rows);
      }
    }
    return values;
  }
}
