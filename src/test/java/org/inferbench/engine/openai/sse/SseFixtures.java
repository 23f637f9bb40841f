package org.inferbench.engine.openai.sse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The event streams under {@code src/test/resources/sse/} (written with LF), and feeding bytes in pieces. */
public final class SseFixtures {
  private SseFixtures() {}

  public enum LineEnd {
    LF("\n"),
    CRLF("\r\n"),
    CR("\r");

    final String chars;

    LineEnd(String chars) {
      this.chars = chars;
    }
  }

  /** What a parser made of a stream: its events and how it ended. */
  public record Parsed(List<SseEvent> events, SseEnd end) {
    /** The events without their arrival times, which depend on how the bytes were split. */
    public List<SseEvent> untimed() {
      return events.stream().map(e -> new SseEvent(e.type(), e.data(), e.id(), e.retryMillis(), 0)).toList();
    }
  }

  public static List<String> names() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String name, LineEnd lineEnd) {
    try {
      String lf = Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
      return lf.replace("\n", lineEnd.chars).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the whole stream in one read. */
  public static Parsed parse(byte[] bytes) {
    return parse(bytes, new int[0], false);
  }

  /**
   * Parses the stream fed as pieces cut at the given ascending positions; piece {@code k} arrives at time {@code k}.
   *
   * @param direct feed every other piece through a direct ByteBuffer (the parser's copying path)
   */
  public static Parsed parse(byte[] bytes, int[] cuts, boolean direct) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    int from = 0;
    for (int k = 0; k <= cuts.length; k++) {
      int to = k < cuts.length ? cuts[k] : bytes.length;
      if (direct && k % 2 == 1) {
        ByteBuffer b = ByteBuffer.allocateDirect(to - from);
        b.put(bytes, from, to - from).flip();
        parser.feed(b, k);
      } else {
        parser.feed(bytes, from, to - from, k);
      }
      from = to;
    }
    return new Parsed(events, parser.end());
  }

  private static Path directory() {
    try {
      return Path.of(SseFixtures.class.getResource("/sse").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
