package org.inferbench.engine.openai.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.inferbench.engine.openai.sse.SseFixtures.LineEnd;
import org.inferbench.engine.openai.sse.SseFixtures.Parsed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the network splits a stream into reads, and which line ends the server uses, never changes the events: every
 * fixture, with LF, CRLF and CR, cut at every single position, at random sets of positions and byte by byte, parses
 * to the events of the LF stream read whole.
 */
final class SseSplitPropertyTest {
  static Stream<Arguments> fixtures() {
    return SseFixtures.names().stream()
        .flatMap(name -> Arrays.stream(LineEnd.values()).map(end -> Arguments.of(name, end)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void splitsAndLineEndsDoNotChangeTheEvents(String name, LineEnd lineEnd) {
    Parsed reference = SseFixtures.parse(SseFixtures.bytes(name, LineEnd.LF));
    List<SseEvent> expected = reference.untimed();
    assertThat(expected).as("events of %s", name).isNotEmpty();
    byte[] bytes = SseFixtures.bytes(name, lineEnd);

    Parsed whole = SseFixtures.parse(bytes);
    assertThat(whole.untimed()).isEqualTo(expected);
    assertThat(whole.end()).isEqualTo(reference.end());

    for (int cut = 0; cut <= bytes.length; cut++) {
      Parsed split = SseFixtures.parse(bytes, new int[] {cut}, false);
      assertThat(split.untimed()).as("cut at %d", cut).isEqualTo(expected);
      assertThat(split.end()).as("cut at %d", cut).isEqualTo(reference.end());
    }

    Random random = new Random(name.hashCode() * 31L + lineEnd.ordinal());
    for (int trial = 0; trial < 50; trial++) {
      int[] cuts = random.ints(1 + random.nextInt(40), 0, bytes.length + 1).sorted().toArray();
      Parsed split = SseFixtures.parse(bytes, cuts, trial % 2 == 0);
      assertThat(split.untimed()).as("cuts %s", Arrays.toString(cuts)).isEqualTo(expected);
    }

    int[] everyByte = new int[bytes.length];
    Arrays.setAll(everyByte, i -> i);
    assertThat(SseFixtures.parse(bytes, everyByte, true).untimed()).isEqualTo(expected);
  }
}
