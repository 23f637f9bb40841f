package org.inferbench.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The draw numbers of one configuration's requests, for engines that draw their own prompts (a server's client): a
 * server with a prefix cache answers a prompt it saw before from that cache, so every request the run sends must
 * differ from every other — across loads, warm-ups and phases — and, through the run's salt, from those of earlier
 * runs. The numbers depend on what the requests ask for (load, batch, lengths, prompt source) and the salt, not on
 * the model, engine or settings: the two arms of a comparison (two servers, two settings) get the same prompts.
 */
public final class PromptStream {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long key;
  private final AtomicLong next = new AtomicLong();

  PromptStream(long key) {
    this.key = key;
  }

  /** The stream of a configuration's requests, given the output length it takes (an encoder's 0). */
  public static PromptStream of(Configuration c, int output) {
    RunParams p = c.params();
    String identity = String.join("|", "salt=" + (p.promptSalt() == null ? 0 : p.promptSalt()),
        "load=" + (c.load() == null ? "one-at-a-time" : c.load().label()), "b=" + c.batch(), "p=" + c.prompt(),
        "o=" + output, "lengths=" + p.lengthsLabel(), "source=" + p.promptSource());
    return new PromptStream(hash(identity));
  }

  /** Request {@code number} of the stream (a load generator's index: warm-ups, then the measured ones). */
  public long draw(long number) {
    long d = new SplittableRandom(key ^ (number * GOLDEN)).nextLong();
    return d == 0 ? 1 : d; // 0 means "no draw given"
  }

  /** The next number, for callers that send one request after another. */
  public long next() {
    return draw(next.getAndIncrement());
  }

  private static long hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
