package org.inferbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Every request's chunk timeline of a load run, one JSON line per request (gzip): its send time from the run's
 * first send, its prompt and output tokens, its chunks' arrivals from its own send and their token counts, its end
 * and error; the ramp-up's requests first, marked {@code "ramp": true}. Too large for the record at thousands of
 * streams, so it goes in a side file next to the results; written to a temporary name and renamed, so a file that
 * exists is whole.
 */
public final class Timelines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Timelines() {}

  public static void write(Path file, LoadRun run) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    List<RequestTimes> all = new ArrayList<>(run.ramp());
    all.addAll(run.requests());
    long first = all.stream().mapToLong(RequestTimes::sendNs).min().orElse(0);
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)),
        StandardCharsets.UTF_8))) {
      for (int k = 0; k < all.size(); k++) {
        RequestTimes r = all.get(k);
        Map<String, Object> line = new LinkedHashMap<>();
        if (k < run.ramp().size()) line.put("ramp", true);
        line.put("send_ms", (r.sendNs() - first) / 1e6);
        line.put("lag_ms", r.lagNs() / 1e6);
        line.put("prompt_tokens", r.promptTokens());
        line.put("output_tokens", r.outputTokens());
        List<double[]> chunks = new ArrayList<>();
        for (int i = 0; i < r.chunkNs().length; i++) {
          chunks.add(new double[] {(r.chunkNs()[i] - r.sendNs()) / 1e6, r.tokensPerChunk()[i]});
        }
        line.put("chunks_ms_tokens", chunks);
        line.put("end_ms", (r.endNs() - r.sendNs()) / 1e6);
        if (r.error() != null) line.put("error", r.error());
        out.write(JSON.writeValueAsString(line));
        out.newLine();
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * One request as its timeline line says, in ms from the run's first send: when it was sent, when its first chunk
   * arrived (NaN: none did), when it ended, and its error (null: it completed).
   */
  public record Span(double sendMs, double firstChunkMs, double endMs, boolean ramp, String error) {}

  /** Reads a file {@link #write} wrote, in its order (the ramp's requests first). */
  public static List<Span> read(Path file) throws IOException {
    List<Span> out = new ArrayList<>();
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
        new java.util.zip.GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
        double send = n.path("send_ms").asDouble();
        com.fasterxml.jackson.databind.JsonNode chunks = n.path("chunks_ms_tokens");
        double first = chunks.size() > 0 ? send + chunks.get(0).get(0).asDouble() : Double.NaN;
        out.add(new Span(send, first, send + n.path("end_ms").asDouble(), n.path("ramp").asBoolean(false),
            n.hasNonNull("error") ? n.get("error").asText() : null));
      }
    }
    return out;
  }
}
