package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request file is one JSON object a line: text or a length, and an output length, under either of their names;
 * every bad line is refused in one line naming the file, the line and the field expected; the file's identity is
 * its content's hash; requests replay it in order, cycling.
 */
final class RequestFileTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void readsTextAndLengthsUnderEitherNameSkippingBlankLinesAndOtherFields() throws Exception {
    String text = "\uFEFF{\"prompt\": \"tell me a story about a cat\", \"output_tokens\": 30, \"id\": \"a1\"}\r\n"
        + "\n"
        + "{\"prompt_tokens\": 100, \"max_tokens\": 10}\n"
        + "   \n"
        + "{\"prompt_len\": 50, \"output_tokens\": 2, \"timestamp\": 17.5}";
    Path f = write("chat.jsonl", text);
    RequestFile r = RequestFile.open(f);
    assertThat(r.requests()).isEqualTo(3);
    assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8))));
    assertThat(r.lines()).containsExactly(new RecordedRequest("tell me a story about a cat", 0, 30),
        new RecordedRequest(null, 100, 10), new RecordedRequest(null, 50, 2));
    // nominal lengths are the means, a text prompt counted as its 7 words; the longest bound the plan's checks
    assertThat(r.meanPrompt()).isEqualTo(52); // (7 + 100 + 50) / 3
    assertThat(r.meanOutput()).isEqualTo(14);
    assertThat(r.longestPrompt()).isEqualTo(100);
    assertThat(r.longestOutput()).isEqualTo(30);
  }

  @Test
  void requestsReplayTheLinesInOrderCyclingAndTheSameContentKeysTheSame() throws Exception {
    Path f = write("a.jsonl", "{\"prompt_tokens\": 1, \"output_tokens\": 1}\n{\"prompt\": \"x y\", \"output_tokens\": 2}\n"
        + "{\"prompt_tokens\": 3, \"output_tokens\": 3}\n");
    RequestFile r = RequestFile.open(f);
    RequestSource s = RequestSource.of(TestParams.params(null, r), r.meanPrompt(), r.meanOutput());
    assertThat(s.varies()).isTrue();
    assertThat(List.of(s.at(0), s.at(1), s.at(2), s.at(3), s.at(7))).containsExactly(new RequestInput(1, 1, null),
        new RequestInput(2, 2, "x y"), new RequestInput(3, 3, null), new RequestInput(1, 1, null),
        new RequestInput(2, 2, "x y"));
    // an encoder takes the prompts and ignores the outputs
    assertThat(RequestSource.of(TestParams.params(null, r), r.meanPrompt(), 0).at(2)).isEqualTo(new RequestInput(3, 0, null));
    Path copy = Files.copy(f, dir.resolve("renamed.jsonl"));
    assertThat(RequestFile.open(copy).sha256()).isEqualTo(r.sha256());
  }

  @Test
  void aFileChangedAfterPlanningIsRefused() throws Exception {
    Path f = write("a.jsonl", "{\"prompt_tokens\": 8, \"output_tokens\": 4}\n");
    RequestFile planned = RequestFile.open(f);
    Files.writeString(f, "{\"prompt_tokens\": 9, \"output_tokens\": 4}\n");
    RequestFile.open(write("other.jsonl", "{\"prompt_tokens\": 1, \"output_tokens\": 1}\n")); // not cached
    assertThatThrownBy(planned::lines).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--request-file " + f + ": changed since the run was planned");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"prompt\": \"hi\", |expected a JSON object, got malformed JSON (",
      "[1, 2]|expected a JSON object {\"prompt\": …, \"output_tokens\": …}, got [1,2]",
      "42|expected a JSON object {\"prompt\": …, \"output_tokens\": …}, got 42",
      "{\"prompt\": \"hi\", \"output_tokens\": 4} {\"prompt\": \"again\"}|expected a JSON object, got malformed JSON (",
      "{\"prompt\": \"a\", \"prompt\": \"b\", \"output_tokens\": 4}|expected a JSON object, got malformed JSON (Duplicate field 'prompt')",
      "{\"output_tokens\": 4}|prompt or prompt_tokens: expected text or a length to synthesize, missing",
      "{\"prompt\": \"hi\", \"prompt_tokens\": 5, \"output_tokens\": 4}|prompt, prompt_tokens: expected one of them (text, or a length to synthesize), got both",
      "{\"prompt_tokens\": 5, \"prompt_len\": 5, \"output_tokens\": 4}|prompt_tokens, prompt_len: expected one of them (two names of one field), got both",
      "{\"prompt\": \"hi\", \"output_tokens\": 4, \"max_tokens\": 4}|output_tokens, max_tokens: expected one of them (two names of one field), got both",
      "{\"prompt\": \"hi\"}|output_tokens: expected a positive integer (or max_tokens), missing",
      "{\"prompt\": \"hi\", \"output_tokens\": 0}|output_tokens: expected a positive integer, got 0",
      "{\"prompt\": \"hi\", \"max_tokens\": -3}|max_tokens: expected a positive integer, got -3",
      "{\"prompt\": \"hi\", \"output_tokens\": \"4\"}|output_tokens: expected a positive integer, got \"4\"",
      "{\"prompt\": \"hi\", \"output_tokens\": 2.5}|output_tokens: expected a positive integer, got 2.5",
      "{\"prompt\": \"hi\", \"output_tokens\": 10000000000}|output_tokens: expected a positive integer, got 10000000000",
      "{\"prompt\": \"hi\", \"output_tokens\": null}|output_tokens: expected a positive integer, got null",
      "{\"prompt\": \"\", \"output_tokens\": 4}|prompt: expected non-empty text, got \"\"",
      "{\"prompt\": \"  \", \"output_tokens\": 4}|prompt: expected non-empty text, got \"  \"",
      "{\"prompt\": 12, \"output_tokens\": 4}|prompt: expected non-empty text, got 12",
      "{\"prompt\": null, \"output_tokens\": 4}|prompt: expected non-empty text, got null",
      "{\"prompt\": [\"a\"], \"output_tokens\": 4}|prompt: expected non-empty text, got [\"a\"]",
      "{\"prompt_tokens\": 0, \"output_tokens\": 4}|prompt_tokens: expected a positive integer (a length to synthesize), got 0",
      "{\"prompt_len\": \"12\", \"output_tokens\": 4}|prompt_len: expected a positive integer (a length to synthesize), got \"12\"",
      "{\"prompt_tokens\": [1, 2, 3], \"output_tokens\": 4}|prompt_tokens: expected a positive integer (a length to synthesize), got [1,2,3]",
  })
  void aBadLineIsOneLineNamingFileLineAndField(String line, String expected) throws Exception {
    Path f = write("bad.jsonl", "{\"prompt_tokens\": 8, \"output_tokens\": 4}\n\n" + line + "\n{\"prompt_tokens\": 8}\n");
    assertThatThrownBy(() -> RequestFile.open(f)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(f + ":3: " + expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anEmptyMissingOrBinaryFileIsNamed() throws Exception {
    Path empty = write("empty.jsonl", "\n  \n");
    assertThatThrownBy(() -> RequestFile.open(empty)).hasMessage("--request-file " + empty + ": no requests (expected"
        + " one JSON object per line with prompt or prompt_tokens, and output_tokens)");
    Path missing = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> RequestFile.open(missing)).hasMessage("--request-file " + missing + ": no such file");
    Path binary = dir.resolve("bin.jsonl");
    Files.write(binary, new byte[] {(byte) 0xC3, 0x28, 0x0A});
    assertThatThrownBy(() -> RequestFile.open(binary)).hasMessage("--request-file " + binary
        + ": expected UTF-8 text (JSON lines)");
  }
}
