package org.inferbench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server's prefix cache answered of a load's measured prompts, as the server reported it per request
 * ({@link RequestTimes#cachedTokens}). Every request shares a fixed prefix that always hits — a chat template's
 * opening, a begin-of-sequence token — so the least any request had cached is taken as that prefix (the floor); a
 * request had a <em>hit</em> when more than the floor and a margin came from the cache. A workload whose prompts
 * share nothing (InferBench draws each one for its request) should see no hit; if it does, or if even the floor is
 * most of a prompt (every prompt was seen before), the measurement is not of prefill and is flagged.
 *
 * @param reporting measured requests whose server said how much it had cached
 * @param promptTokens their prompt tokens
 * @param cachedTokens their cached prompt tokens
 * @param floor the least any of them had cached (the fixed prefix every request shares)
 * @param hits requests with more than {@code floor} + the margin cached
 * @param shortestPrompt the shortest prompt among them
 */
public record PromptCacheUse(int reporting, long promptTokens, long cachedTokens, int floor, int hits,
    int shortestPrompt) {
  /** Tokens beyond the floor a request may have cached by chance (two random prompts sharing a first word). */
  static final int MARGIN_TOKENS = 4;
  /** The share of its prompt beyond the floor a request may have cached by chance. */
  static final double MARGIN_SHARE = 0.05;

  /** Over the completed requests that reported a cache; null where none did (the server says nothing of one). */
  public static PromptCacheUse of(List<RequestTimes> requests) {
    int reporting = 0;
    long prompt = 0;
    long cached = 0;
    int floor = Integer.MAX_VALUE;
    int shortest = Integer.MAX_VALUE;
    for (RequestTimes r : requests) {
      if (!r.ok() || r.cachedTokens() < 0) continue;
      reporting++;
      prompt += r.promptTokens();
      cached += r.cachedTokens();
      floor = Math.min(floor, r.cachedTokens());
      shortest = Math.min(shortest, r.promptTokens());
    }
    if (reporting == 0) return null;
    int hits = 0;
    for (RequestTimes r : requests) {
      if (!r.ok() || r.cachedTokens() < 0) continue;
      int margin = Math.max(MARGIN_TOKENS, (int) Math.ceil(MARGIN_SHARE * r.promptTokens()));
      if (r.cachedTokens() > floor + margin) hits++;
    }
    return new PromptCacheUse(reporting, prompt, cached, floor, hits, shortest);
  }

  /** The share of the prompt tokens answered from the cache. */
  public double cachedShare() {
    return promptTokens == 0 ? 0 : (double) cachedTokens / promptTokens;
  }

  /**
   * Whether the cache answered more than the fixed prefix: some requests hit, or every prompt was mostly cached
   * (then the floor itself is a hit, as when a run's prompts were all sent before).
   */
  public boolean hitBeyondFixedPrefix() {
    return hits > 0 || (shortestPrompt > 0 && 2L * floor > shortestPrompt);
  }

  /** For the record's {@code serving.prompt_cache}. */
  public Map<String, Object> toMap(boolean asked) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reporting_requests", reporting);
    m.put("prompt_tokens", promptTokens);
    m.put("cached_tokens", cachedTokens);
    m.put("cached_share", Math.round(cachedShare() * 1e4) / 1e4);
    m.put("fixed_prefix_tokens", floor);
    m.put("hit_requests", hits);
    m.put("sharing_asked", asked);
    return m;
  }
}
