package org.inferbench.engine.openai.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.inferbench.engine.openai.sse.SseFixtures.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser reads event streams as the WHATWG standard interprets them, whatever the reads look like. */
final class SseParserTest {
  private final List<SseEvent> events = new ArrayList<>();
  private final SseParser parser = new SseParser(events::add);

  private void feed(String s, long nanos) {
    parser.feed(s.getBytes(StandardCharsets.UTF_8), nanos);
  }

  private static List<String> data(String stream) {
    return SseFixtures.parse(stream.getBytes(StandardCharsets.UTF_8)).events().stream().map(SseEvent::data).toList();
  }

  @Test
  void oneLeadingSpaceIsSyntaxAndFurtherOnesAreData() {
    assertThat(data("data:x\n\ndata: x\n\ndata:  x\n\n")).containsExactly("x", "x", " x");
  }

  @Test
  void dataLinesJoinWithLineFeedsAndOnlyTheLastLineFeedIsDropped() {
    assertThat(data("data: a\ndata: b\n\n")).containsExactly("a\nb");
    assertThat(data("data: a\ndata:\n\n")).containsExactly("a\n");
  }

  @Test
  void emptyDataIsAnEventButNoDataIsNot() {
    assertThat(data("data:\n\n")).containsExactly("");
    assertThat(data("data\n\n")).as("a field with no colon has an empty value").containsExactly("");
    assertThat(data("event: ping\n\nid: 7\n\nretry: 10\n\n")).isEmpty();
  }

  @Test
  void commentsAndUnknownFieldsAreIgnored() {
    assertThat(data(": keep-alive\n:\nfoo: bar\nData: no\ndata: yes\n\n")).containsExactly("yes");
  }

  @Test
  void aFieldWithNoColonIsANameWithAnEmptyValue() {
    Parsed p = SseFixtures.parse("event: custom\nevent\ndata: x\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(p.events()).singleElement().extracting(SseEvent::type).isEqualTo(SseEvent.DEFAULT_TYPE);
  }

  @Test
  void eventTypeLastsOneEventAndIdAndRetryLastUntilChanged() {
    feed("event: a\nid: 1\nretry: 250\ndata: one\n\ndata: two\n\nid\ndata: three\n\n", 5);
    assertThat(events).containsExactly(
        new SseEvent("a", "one", "1", 250, 5),
        new SseEvent("message", "two", "1", 250, 5),
        new SseEvent("message", "three", "", 250, 5));
  }

  @Test
  void anIdWithNulAndARetryThatIsNotDigitsAreIgnored() {
    feed("id: 1\nretry: 100\ndata: a\n\nid: 2\u00003\nretry: 1s\nretry:\ndata: b\n\n", 0);
    assertThat(events).extracting(SseEvent::id).containsExactly("1", "1");
    assertThat(events).extracting(SseEvent::retryMillis).containsExactly(100L, 100L);
    assertThat(parser.retryMillis()).isEqualTo(100);
    assertThat(parser.lastEventId()).isEqualTo("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void everyLineEndEndsLinesAndMixedOnesToo(String eol) {
    String s = "data: a" + eol + "data: b" + eol + eol + "data: c\r\n\rdata: d\r\r";
    assertThat(data(s)).containsExactly("a\nb", "c", "d");
  }

  @Test
  void aCrLfSplitBetweenReadsIsOneLineEnd() {
    feed("data: a\r", 1);
    feed("\ndata: b\r\n\r", 2);
    feed("\n", 3);
    assertThat(events).containsExactly(new SseEvent("message", "a\nb", "", -1, 2));
  }

  @Test
  void twoCrsAreTwoLineEndsEvenAcrossReads() {
    feed("data: a\r", 1);
    feed("\r", 2);
    assertThat(events).containsExactly(new SseEvent("message", "a", "", -1, 2));
  }

  @Test
  void anEventCarriesTheArrivalTimeOfTheReadHoldingItsBlankLine() {
    feed("data: a\n", 10);
    feed("\ndata: b\n\nda", 20);
    feed("ta: c\n", 30);
    feed("\n", 40);
    assertThat(events).extracting(SseEvent::data, SseEvent::arrivalNanos)
        .containsExactly(
            tuple("a", 20L),
            tuple("b", 20L),
            tuple("c", 40L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "日本", "😀", "naïve 日本語 🎉 text"})
  void utf8SplitAnywhereDecodesWhole(String text) {
    byte[] bytes = ("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= bytes.length; cut++) {
      for (int cut2 = cut; cut2 <= bytes.length; cut2++) {
        Parsed p = SseFixtures.parse(bytes, new int[] {cut, cut2}, cut % 2 == 0);
        assertThat(p.events()).extracting(SseEvent::data).as("cuts %d %d", cut, cut2).containsExactly(text);
      }
    }
  }

  @Test
  void malformedUtf8BecomesReplacementCharacters() {
    parser.feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC3, 'x', '\n', '\n'}, 0);
    assertThat(events).extracting(SseEvent::data).containsExactly("\uFFFDx");
  }

  @Test
  void oneLeadingBomIsSkippedEvenSplitAcrossReads() {
    byte[] bytes = "\uFEFFdata: a\n\n".getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertThat(SseFixtures.parse(bytes, new int[] {cut}, false).events()).extracting(SseEvent::data)
          .as("cut at %d", cut).containsExactly("a");
    }
  }

  @Test
  void aSecondBomOrOneLaterIsPartOfTheLine() {
    assertThat(data("\uFEFF\uFEFFdata: a\n\ndata: b\n\n")).as("the first field is named BOM+data").containsExactly("b");
    assertThat(data("data: a\n\n\uFEFFdata: b\n\n")).containsExactly("a");
  }

  @Test
  void bytesThatOnlyStartLikeABomStartTheFirstLine() {
    // EF BB then 'x': not a BOM, so the first line's field name is those bytes + "x" and the line is ignored
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, 'x', '\n', 'd', 'a', 't', 'a', ':', 'y', '\n', '\n'};
    for (int cut = 0; cut <= bytes.length; cut++) {
      assertThat(SseFixtures.parse(bytes, new int[] {cut}, false).events()).extracting(SseEvent::data)
          .containsExactly("y");
    }
  }

  @Test
  void aStreamEndingWithoutItsBlankLineDiscardsTheEventAndSaysSo() {
    Parsed noBlankLine = SseFixtures.parse("data: a\n\ndata: [DONE]\n".getBytes(StandardCharsets.UTF_8));
    assertThat(noBlankLine.events()).extracting(SseEvent::data).containsExactly("a");
    assertThat(noBlankLine.end()).isEqualTo(SseEnd.MID_EVENT);

    Parsed midLine = SseFixtures.parse("data: a\n\ndata: [DO".getBytes(StandardCharsets.UTF_8));
    assertThat(midLine.events()).hasSize(1);
    assertThat(midLine.end()).isEqualTo(SseEnd.MID_EVENT);

    assertThat(SseFixtures.parse("id: 4\n".getBytes(StandardCharsets.UTF_8)).end()).isEqualTo(SseEnd.MID_EVENT);
  }

  @Test
  void aStreamEndingAfterABlankLineOrInACommentEndsClean() {
    assertThat(SseFixtures.parse("data: a\n\n".getBytes(StandardCharsets.UTF_8)).end()).isEqualTo(SseEnd.CLEAN);
    assertThat(SseFixtures.parse("data: a\r\n\r\n: bye\n".getBytes(StandardCharsets.UTF_8)).end())
        .isEqualTo(SseEnd.CLEAN);
    assertThat(SseFixtures.parse("data: a\n\n: unterminated".getBytes(StandardCharsets.UTF_8)).end())
        .isEqualTo(SseEnd.CLEAN);
    assertThat(SseFixtures.parse(new byte[0]).end()).isEqualTo(SseEnd.CLEAN);
  }

  @Test
  void heapBuffersAreReadFromTheirPositionAndConsumed() {
    byte[] backing = "XXdata: a\n\nYY".getBytes(StandardCharsets.UTF_8);
    ByteBuffer slice = ByteBuffer.wrap(backing, 2, 9).slice();
    parser.feed(slice, 3);
    assertThat(slice.hasRemaining()).isFalse();
    ByteBuffer readOnly = ByteBuffer.wrap("data: b\n\n".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    parser.feed(readOnly, 4);
    assertThat(events)
        .containsExactly(new SseEvent("message", "a", "", -1, 3), new SseEvent("message", "b", "", -1, 4));
  }

  @Test
  void directBuffersLargerThanTheCopyAreReadWhole() {
    String big = "x".repeat(20_000);
    byte[] bytes = ("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    parser.feed(direct, 9);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.data()).isEqualTo(big);
      assertThat(e.arrivalNanos()).isEqualTo(9);
    });
  }
}
