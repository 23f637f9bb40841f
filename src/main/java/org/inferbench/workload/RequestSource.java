package org.inferbench.workload;

import java.util.List;
import java.util.SplittableRandom;
import org.inferbench.core.BadInputException;

/**
 * What each request of a configuration asks for, by its number: the configuration's own lengths; lengths drawn
 * around them ({@link LengthDist}, seeded by the run's seed and the number); or a request file's line. Measured
 * request k is number k, and so is warm-up request k (warm-ups preview the first measured requests), in a run one
 * request at a time and under load alike, so both ask for the same lengths.
 */
public final class RequestSource {
  private final int prompt;
  private final int output;
  private final long seed;
  private final LengthDist dist;
  private final List<RecordedRequest> lines;

  private RequestSource(int prompt, int output, long seed, LengthDist dist, List<RecordedRequest> lines) {
    this.prompt = prompt;
    this.output = output;
    this.seed = seed;
    this.dist = dist;
    this.lines = lines;
  }

  /**
   * @param output the output length the model takes (0 for an encoder, which then draws none and ignores a file's)
   * @throws BadInputException when the request file cannot be read again, or changed since it was planned
   */
  public static RequestSource of(RunParams p, int prompt, int output) throws BadInputException {
    List<RecordedRequest> lines = p.requestFile() == null ? null : p.requestFile().lines();
    return new RequestSource(prompt, output, p.seed(), p.lengthDist(), lines);
  }

  /** Whether requests ask for different lengths (a distribution or a file), so each records its own. */
  public boolean varies() {
    return dist != null || lines != null;
  }

  public RequestInput at(long index) {
    if (lines != null) {
      RecordedRequest r = RequestFile.at(lines, index);
      return new RequestInput(r.knownPromptTokens(), output == 0 ? 0 : r.outputTokens(), r.prompt());
    }
    if (dist == null) return new RequestInput(prompt, output, null);
    SplittableRandom r = LengthDist.forRequest(seed, index);
    int p = dist.draw(prompt, r);
    return new RequestInput(p, dist.draw(output, r), null);
  }
}
