package org.inferbench.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.inferbench.engine.openai.client.ChunkArrival;
import org.inferbench.engine.openai.client.RequestTrace;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a server written independently in another language (python3's http.server replaying a fixture
 * with delays and write stamps): the engine's prepare, load and one request through the run loop's timer agree with
 * what that server sent and when.
 */
final class PythonServerTest {
  private static final long DELAY_MS = 30;

  @Test
  void oneRequestThroughTheEngineAgainstAPythonServer(@TempDir Path dir) throws Exception {
    assumeTrue(python3(), "python3 is not installed");
    Path script = Path.of(getClass().getResource("/openai/replay_server.py").toURI());
    Path fixture = Path.of(getClass().getResource("/sse/vllm-completions-continuous-usage.sse").toURI());
    Path portFile = dir.resolve("port");
    Process server = new ProcessBuilder("python3", script.toString(), portFile.toString(), fixture.toString(),
        Long.toString(DELAY_MS)).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    try {
      String endpoint = "http://127.0.0.1:" + awaitPort(portFile, server) + "/v1";
      OpenAiEngine engine = new OpenAiEngine();
      EngineSettings es = EngineSettings.resolve("openai", OpenAiSettings.SPECS, Map.of("endpoint", endpoint));
      engine.prepare(ModelRef.of("m"), es);
      try (OpenAiModel model = (OpenAiModel) engine.load(ModelRef.of("m"), es)) {
        assertThat(engine.version()).isEqualTo(OpenAiEngine.CLIENT_VERSION + " server python-replay-1");
        TokenTimeline timeline = RequestTimer.time(model, new Request(new int[1][32], 5, false));
        RequestTrace t = model.lastTrace();
        assertThat(t.ok()).as(t.failureMessage()).isTrue();
        assertThat(timeline.tokens()).isEqualTo(5);
        List<ChunkArrival> chunks = t.chunks();
        assertThat(chunks).extracting(ChunkArrival::tokens).containsExactly(1, 2, 1, 1);
        for (int i = 1; i < chunks.size(); i++) {
          long gap = chunks.get(i).arrivalNanos() - chunks.get(i - 1).arrivalNanos();
          assertThat(gap).as("gap %d", i).isBetween(DELAY_MS * 500_000, (DELAY_MS + 200) * 1_000_000);
        }
        // same machine, same clock: arrival − write is the time from the server's write to the client's read
        var clock = model.clock();
        for (ChunkArrival c : chunks) {
          assertThat(c.serverWriteEpochNanos()).isPositive();
          assertThat(clock.toEpochNanos(c.arrivalNanos()) - c.serverWriteEpochNanos()).isBetween(-1_000_000L,
              100_000_000L);
        }
        assertThat(model.effectiveSettings()).containsEntry("server.version", "python-replay-1");
      }
    } finally {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static int awaitPort(Path portFile, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        return Integer.parseInt(Files.readString(portFile).strip());
      }
      assertThat(server.isAlive()).as("the python server exited early").isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("the python server did not write its port within 15 s");
  }

  private static boolean python3() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
