package org.inferbench.engine.openai.stream;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What one stream added up to: the chunks that carried tokens and their counts, the server's final usage and
 * timings when it sent them, and how the stream ended ({@code [DONE]}, an error object, malformed data).
 */
public final class StreamTotals {
  private int tokenChunks;
  private int chunkTokens;
  private final EnumSet<TokenSource> chunkSources = EnumSet.noneOf(TokenSource.class);
  private Usage usage;
  private ServerTimings timings;
  private boolean done;
  private ServerError error;
  private StreamMessage.Malformed malformed;

  void accept(StreamMessage message) {
    switch (message) {
      case Chunk c -> {
        if (c.carriesTokens()) {
          tokenChunks++;
          chunkTokens += c.tokens();
          chunkSources.add(c.tokenSource());
        }
        if (c.usage() != null) {
          usage = c.usage(); // cumulative when sent per chunk, so the last one is the request's
        }
        if (c.timings() != null) {
          timings = c.timings();
        }
      }
      case StreamMessage.Done d -> done = true;
      case ServerError e -> error = error == null ? e : error;
      case StreamMessage.Malformed m -> malformed = malformed == null ? m : malformed;
    }
  }

  /** Chunks that carried at least one output token. */
  public int tokenChunks() {
    return tokenChunks;
  }

  /** The sum of the per-chunk counts. */
  public int chunkTokens() {
    return chunkTokens;
  }

  /** The sources of the per-chunk counts (more than one if the server stopped sending usage midway). */
  public Set<TokenSource> chunkTokenSources() {
    return EnumSet.copyOf(chunkSources.isEmpty() ? EnumSet.of(TokenSource.NONE) : chunkSources);
  }

  /** The request's output tokens: the final usage when the server sent it, else the sum of the chunks' counts. */
  public int outputTokens() {
    return usage != null ? usage.completionTokens() : chunkTokens;
  }

  /** Where {@link #outputTokens()} came from; of mixed chunk sources, the least exact. */
  public TokenSource outputTokenSource() {
    if (usage != null) {
      return TokenSource.USAGE;
    }
    for (TokenSource s : new TokenSource[] {TokenSource.ONE, TokenSource.TOKENIZER, TokenSource.USAGE}) {
      if (chunkSources.contains(s)) {
        return s;
      }
    }
    return TokenSource.NONE;
  }

  /** The last usage the server sent: the request's prompt and completion tokens. */
  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  public Optional<ServerTimings> timings() {
    return Optional.ofNullable(timings);
  }

  /** Whether the server sent {@code [DONE]}. */
  public boolean done() {
    return done;
  }

  /** The first error object the server sent. */
  public Optional<ServerError> error() {
    return Optional.ofNullable(error);
  }

  /** The first event whose data could not be read. */
  public Optional<StreamMessage.Malformed> malformed() {
    return Optional.ofNullable(malformed);
  }
}
