package org.inferbench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The highest load that meets every SLO at p99: across points of rising load, each point's worst ratio of a p99
 * to its objective (≤ 1 meets them all) is followed to where it crosses 1, linearly between the last point that meets
 * and the first that does not. Its CI is the same crossing found with the p99s' CI bounds (the upper bounds give the
 * lower knee). Never extrapolated: a knee below the first point or above the last is not given.
 */
public final class SloKnee {
  /**
   * One load: where it sits on the axis (concurrency, or requests per second) and its worst p99/objective ratio
   * with that ratio from the p99s' CI bounds.
   */
  public record Point(double load, double ratio, double ratioLow, double ratioHigh) {}

  /** The crossing, with its 95 % interval. */
  public record Knee(double load, double low, double high) {}

  private SloKnee() {}

  /** Empty when every point meets the SLOs, none does, or they do not cross once (the first miss is what counts). */
  public static Optional<Knee> of(List<Point> points) {
    List<Point> p = new ArrayList<>(points);
    p.sort(Comparator.comparingDouble(Point::load));
    Double mid = crossing(p, Point::ratio);
    if (mid == null) return Optional.empty();
    Double low = crossing(p, Point::ratioHigh);
    Double high = crossing(p, Point::ratioLow);
    return Optional.of(new Knee(mid, low != null ? low : p.get(0).load(), high != null ? high : p.get(p.size() - 1).load()));
  }

  private static Double crossing(List<Point> p, java.util.function.ToDoubleFunction<Point> ratio) {
    for (int i = 1; i < p.size(); i++) {
      double a = ratio.applyAsDouble(p.get(i - 1));
      double b = ratio.applyAsDouble(p.get(i));
      if (a <= 1 && b > 1) {
        double x0 = p.get(i - 1).load();
        double x1 = p.get(i).load();
        return x0 + (x1 - x0) * (1 - a) / (b - a);
      }
      if (a > 1) return null; // the lightest load already misses: no knee inside the points
    }
    return null;
  }
}
