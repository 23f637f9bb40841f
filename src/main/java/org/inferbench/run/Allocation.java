package org.inferbench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.inferbench.stats.StudentT;

/**
 * Where the next measured request of a time budget goes: to the configuration whose headline CI is furthest from
 * its target, among those whose remaining need still fits the time left beside the smaller needs of the others.
 * A point that cannot reach its target in the time or runs left is set aside while any other still can, so it
 * never starves them; once none can, the time left tightens the set-aside points' CIs as far as it goes.
 *
 * <p>A point's need follows from the CI half-width shrinking as t(n − 1)/√n with the spread staying as it is: the
 * smallest count m with t(m − 1)·s/√m within the target. (Scaling by n·(half-width / target)² alone would
 * overstate it at a few runs, where t is large: at 3 runs by about 2.5×.)
 */
final class Allocation {
  /** A need up to this many times the time left is still tried: needs predicted from few runs are rough. */
  static final double MARGIN = 1.5;

  /**
   * A configuration as the allocator sees it.
   *
   * @param ratio the headline's 95 % CI half-width over the target half-width (≤ 1: reached)
   * @param secondsPerRequest what one more request costs, as measured so far
   */
  record Point(int id, int count, double ratio, double secondsPerRequest, int maxRuns) {
    double runsNeeded() {
      if (!Double.isFinite(ratio) || count < 2) return 1;
      // the spread in units of the target half-width: ratio · √n / t(n − 1)
      double spread = ratio * Math.sqrt(count) / StudentT.critical(count - 1, 0.95);
      int cap = (int) Math.min(Integer.MAX_VALUE - 1L, (long) (maxRuns * MARGIN) + 2);
      return Math.max(1, StudentT.samplesFor(spread, 1, 0.95, cap) - count);
    }

    double secondsNeeded() {
      return runsNeeded() * secondsPerRequest;
    }
  }

  /** A point with its need, worked out once per decision (each takes a few Student-t quantiles). */
  private record Need(Point point, double runs, double seconds) {
    static Need of(Point p) {
      double runs = p.runsNeeded();
      return new Need(p, runs, runs * p.secondsPerRequest());
    }

    boolean reachable(double secondsLeft) {
      return point.count() + runs <= point.maxRuns() * MARGIN && seconds <= secondsLeft * MARGIN;
    }
  }

  private Allocation() {}

  /** The id of the point to measure next; -1 when there is none. */
  static int next(List<Point> open, double secondsLeft) {
    List<Need> candidates = new ArrayList<>();
    for (Point p : open) {
      Need n = Need.of(p);
      if (n.reachable(secondsLeft)) candidates.add(n);
    }
    if (candidates.isEmpty()) {
      // nobody can reach the target any more: spend what is left where the CI is widest
      return open.stream().max(Comparator.comparingDouble(p -> Double.isNaN(p.ratio()) ? Double.MAX_VALUE : p.ratio()))
          .map(Point::id).orElse(-1);
    }
    candidates.sort(Comparator.comparingDouble(Need::seconds));
    Point pick = null;
    double cumulative = 0;
    for (Need n : candidates) {
      cumulative += n.seconds();
      if (cumulative > secondsLeft) break;
      if (pick == null || n.point().ratio() > pick.ratio()) pick = n.point();
    }
    // nobody fits beside the others: the smallest need has the best chance
    return (pick != null ? pick : candidates.get(0).point()).id();
  }
}
