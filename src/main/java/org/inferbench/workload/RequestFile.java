package org.inferbench.workload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.inferbench.core.BadInputException;

/**
 * A recorded workload ({@code --request-file}): one JSON object per line, each one request — its prompt as text
 * ({@code prompt}) or as a length to synthesize ({@code prompt_tokens}, or {@code prompt_len} as vLLM's datasets name
 * it), and its output length ({@code output_tokens}, or {@code max_tokens} as the API names it). Blank lines are
 * skipped; other fields are ignored, since files recorded by other tools carry ids and timestamps (a misspelt
 * required field still shows, as missing). Measured request k replays line k, cycling when more requests are
 * measured than the file has lines; warm-up requests replay its first lines too.
 *
 * <p>This record is the file as planned: small enough to travel to a worker process, which reads the lines again and
 * refuses them if the content changed since. The nominal lengths (the configuration's prompt and output: labels,
 * tables) are the lines' means, a text prompt counted as its words until a tokenizer counts it.
 *
 * @param sha256 the content's SHA-256: the file's identity in the config_key (a renamed copy keys the same)
 * @param requests the number of requests (lines that are not blank)
 * @param longestPrompt the longest prompt (text counted as words), for sizing and checking a context before loading
 */
public record RequestFile(Path path, String sha256, int requests, int meanPrompt, int meanOutput, int longestPrompt,
    int longestOutput) {
  private static final ObjectReader LINE = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().reader();
  /** The last file read, so the configurations of one run (one JVM) read it once. */
  private static volatile Read last;

  private record Read(RequestFile file, List<RecordedRequest> lines) {}

  /** Reads and checks every line; a problem is one line naming the file, the line and the field expected. */
  public static RequestFile open(Path path) throws BadInputException {
    return read(path).file();
  }

  /** The requests, read again where this JVM has not read them; refused if the file changed since it was planned. */
  public List<RecordedRequest> lines() throws BadInputException {
    Read r = last;
    if (r == null || !r.file().sha256().equals(sha256)) r = read(path);
    if (!r.file().sha256().equals(sha256)) {
      throw new BadInputException("--request-file " + path + ": changed since the run was planned (sha256 "
          + r.file().sha256().substring(0, 12) + "…, planned " + sha256.substring(0, 12) + "…)");
    }
    return r.lines();
  }

  /** The line measured request {@code index} replays (warm-up request {@code index} likewise). */
  public static RecordedRequest at(List<RecordedRequest> lines, long index) {
    return lines.get((int) Math.floorMod(index, (long) lines.size()));
  }

  private static Read read(Path path) throws BadInputException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException("--request-file " + path + ": no such file");
    } catch (IOException e) {
      throw new BadInputException("--request-file " + path + ": cannot read (" + BadInputException.oneLine(e) + ")");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException("--request-file " + path + ": expected UTF-8 text (JSON lines)");
    }
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<RecordedRequest> lines = new ArrayList<>();
    int number = 0;
    long prompts = 0;
    long outputs = 0;
    int longestPrompt = 0;
    int longestOutput = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      number++;
      if (line.isBlank()) continue;
      RecordedRequest r = parse(line, path + ":" + number + ": ");
      lines.add(r);
      prompts += r.knownPromptTokens();
      outputs += r.outputTokens();
      longestPrompt = Math.max(longestPrompt, r.knownPromptTokens());
      longestOutput = Math.max(longestOutput, r.outputTokens());
    }
    if (lines.isEmpty()) {
      throw new BadInputException("--request-file " + path + ": no requests (expected one JSON object per line with"
          + " prompt or prompt_tokens, and output_tokens)");
    }
    int n = lines.size();
    RequestFile file = new RequestFile(path, sha256(bytes), n, (int) Math.max(1, Math.round((double) prompts / n)),
        (int) Math.max(1, Math.round((double) outputs / n)), longestPrompt, longestOutput);
    Read r = new Read(file, List.copyOf(lines));
    last = r;
    return r;
  }

  /** One line; {@code where} is "FILE:LINE: ". */
  static RecordedRequest parse(String line, String where) throws BadInputException {
    JsonNode o;
    try {
      o = LINE.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where + "expected a JSON object, got malformed JSON ("
          + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").trim() + ")");
    } catch (IOException e) {
      throw new BadInputException(where + "cannot read (" + BadInputException.oneLine(e) + ")");
    }
    if (o == null || !o.isObject()) {
      throw new BadInputException(where + "expected a JSON object {\"prompt\": …, \"output_tokens\": …}, got "
          + shown(o));
    }
    String lengthField = oneOf(o, where, "prompt_tokens", "prompt_len");
    if (o.has("prompt") && lengthField != null) {
      throw new BadInputException(where + "prompt, " + lengthField + ": expected one of them (text, or a length to"
          + " synthesize), got both");
    }
    String outputField = oneOf(o, where, "output_tokens", "max_tokens");
    if (outputField == null) {
      throw new BadInputException(where + "output_tokens: expected a positive integer (or max_tokens), missing");
    }
    int output = positive(o, outputField, where, "");
    if (o.has("prompt")) {
      JsonNode p = o.get("prompt");
      if (!p.isTextual() || p.asText().isBlank()) {
        throw new BadInputException(where + "prompt: expected non-empty text, got " + shown(p));
      }
      return new RecordedRequest(p.asText(), 0, output);
    }
    if (lengthField == null) {
      throw new BadInputException(where + "prompt or prompt_tokens: expected text or a length to synthesize, missing");
    }
    return new RecordedRequest(null, positive(o, lengthField, where, " (a length to synthesize)"), output);
  }

  /** Which of two names for one field the line uses (null for neither); both is an error. */
  private static String oneOf(JsonNode o, String where, String a, String b) throws BadInputException {
    if (o.has(a) && o.has(b)) {
      throw new BadInputException(where + a + ", " + b + ": expected one of them (two names of one field), got both");
    }
    return o.has(a) ? a : o.has(b) ? b : null;
  }

  private static int positive(JsonNode o, String field, String where, String what) throws BadInputException {
    JsonNode v = o.get(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      throw new BadInputException(where + field + ": expected a positive integer" + what + ", got " + shown(v));
    }
    return v.intValue();
  }

  private static String shown(JsonNode v) {
    String t = String.valueOf(v);
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
