package org.inferbench.engine.openai.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inferbench.InferBench;
import org.inferbench.core.BadInputException;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers InferBench starts per configuration: InferBench's own {@code serve} as the command, with a placeholder
 * swept (two servers, one after the other, each stopped after its configuration), a server that exits at once
 * (its configuration fails with the log's last lines and the next is measured), bad commands refused before
 * anything runs; and today's llama-server where the build is given ({@code -Dinferbench.llama.bin=DIR}).
 */
final class StartedServersTest {
  private static final Pattern PORT = Pattern.compile("--port (\\d+)");

  @TempDir
  Path dir;

  /** InferBench's own ground-truth server, started as a command in a fresh JVM with this one's class path. */
  private static String serve(String slots) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return java + " -cp " + System.getProperty("java.class.path") + " org.inferbench.cli.Main serve --engine"
        + " calibration --model truth --engine-opt slots=" + slots + " --engine-opt ttft=2ms --engine-opt tpot=1ms"
        + " --port {port}";
  }

  @Test
  void eachValueOfAPlaceholderIsAServerStartedMeasuredAndStopped() throws Exception {
    List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
        .engineOpt("server-command", serve("{slots}")).engineOpt("server.slots", "1", "2").engineOpt("server-ready-timeout",
            "120").prompt(8).output(2).warmup(1).runs(6).concurrency(2).run();
    assertThat(r).hasSize(2).allSatisfy(x -> assertThat(x.ok()).as("%s", x.reason()).isTrue());
    assertThat(r).extracting(x -> x.workload().engineSettings().get("server.slots")).containsExactly("1", "2");
    for (ResultRecord x : r) {
      Map<String, String> eff = x.environment().engineSettings();
      String cmd = eff.get("server.command");
      assertThat(cmd).contains("slots=" + x.workload().engineSettings().get("server.slots"))
          .doesNotContain("{port}");
      assertThat(eff.get("server.log_tail")).contains("serving truth on http://");
      Matcher port = PORT.matcher(cmd);
      assertThat(port.find()).isTrue();
      assertThat(listening(Integer.parseInt(port.group(1)))).as("stopped after its configuration").isFalse();
    }
  }

  @Test
  void aServerThatExitsFailsItsConfigurationWithItsLogAndTheRunGoesOn() throws Exception {
    String dies = "sh -c 'echo cannot open the model file {model}; exit 3' {port}";
    List<ResultRecord> r = InferBench.workload().model("truth").engine("openai")
        .engineOpt("server-command", dies, serve("1")).engineOpt("server-ready-timeout", "120").prompt(8).output(2)
        .warmup(0).runs(3).concurrency(1).run();
    assertThat(r).hasSize(2);
    assertThat(r.get(0).ok()).isFalse();
    assertThat(r.get(0).reason()).contains("server exited with code 3 before it was ready",
        "its log ends: cannot open the model file truth");
    assertThat(r.get(1).ok()).as("%s", r.get(1).reason()).isTrue();
  }

  @Test
  void badCommandsAreRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> InferBench.workload().model("truth").engine("openai")
        .engineOpt("server-command", "llama-server -m {model} --port 8080").prompt(8).output(2).concurrency(1).run())
        .isInstanceOf(BadInputException.class).hasMessageContaining("no {port} placeholder");
    assertThatThrownBy(() -> InferBench.workload().model("truth").engine("openai")
        .engineOpt("server-command", "llama-server --parallel {parallel} --port {port}").prompt(8).output(2)
        .concurrency(1).run())
        .isInstanceOf(BadInputException.class).hasMessageContaining("placeholder {parallel} has no value");
    assertThatThrownBy(() -> InferBench.workload().model("truth").engine("openai")
        .engineOpt("server-command", "/no/such/server --port {port}").prompt(8).output(2).concurrency(1).run())
        .isInstanceOf(BadInputException.class).hasMessageContaining("program '/no/such/server' is not");
  }

  /**
   * Today's llama-server (4 and 1 slots) on a tiny synthesized llama: both configurations measured, each server
   * stopped, and no request answered from its prefix cache beyond what every request shares.
   */
  @Test
  void llamaServerSweptOverItsSlots() throws Exception {
    String bin = System.getProperty("inferbench.llama.bin", "");
    Path server = bin.isEmpty() ? null : Path.of(bin, "llama-server");
    assumeTrue(server != null && Files.isExecutable(server),
        "no llama-server build given (-Dinferbench.llama.bin=DIR holding llama-server)");
    // a tiny llama whose vocabulary holds the ids InferBench draws prompts from (1,000 to 30,000)
    org.inferbench.model.HfConfig c = org.inferbench.model.Presets.get("llama-tiny")
        .withOverrides(Map.of("vocab_size", "32000"));
    Path gguf = new org.inferbench.model.gguf.GgufFormat().write(c, dir.resolve("gguf"),
        new org.inferbench.model.ModelFormat.Synthesis("F16", null, 0)).get(0);
    List<ResultRecord> r = InferBench.workload().model(gguf.toString()).engine("openai")
        .engineOpt("server-command", server + " -m {model} --parallel {parallel} -c 1024 -t 1 --host 127.0.0.1"
            + " --port {port}")
        .engineOpt("server.parallel", "4", "1").prompt(32).output(4).warmup(2).runs(12).concurrency(4).run();
    assertThat(r).hasSize(2).allSatisfy(x -> {
      assertThat(x.ok()).as("%s", x.reason()).isTrue();
      Map<?, ?> cache = (Map<?, ?>) ((Map<?, ?>) x.trackers().extra().get("serving")).get("prompt_cache");
      assertThat(cache.get("reporting_requests")).isEqualTo(12);
      assertThat(cache.get("hit_requests")).isEqualTo(0);
      assertThat(x.flags()).doesNotContain("unasked-cache-hits");
      Matcher port = PORT.matcher(x.environment().engineSettings().get("server.command"));
      assertThat(port.find()).isTrue();
      assertThat(listening(Integer.parseInt(port.group(1)))).isFalse();
      assertThat(x.environment().engineSettings().get("server.program_version")).contains("version");
    });
  }

  /**
   * A shared prefix against llama-server: with 24 of 32 prompt tokens shared, the server answers most of every
   * prompt after the first from its cache, and the record says so without flagging it (the workload asked).
   */
  @Test
  void llamaServerAnswersASharedPrefixFromItsCache() throws Exception {
    String bin = System.getProperty("inferbench.llama.bin", "");
    Path server = bin.isEmpty() ? null : Path.of(bin, "llama-server");
    assumeTrue(server != null && Files.isExecutable(server),
        "no llama-server build given (-Dinferbench.llama.bin=DIR holding llama-server)");
    org.inferbench.model.HfConfig c = org.inferbench.model.Presets.get("llama-tiny")
        .withOverrides(Map.of("vocab_size", "32000"));
    Path gguf = new org.inferbench.model.gguf.GgufFormat().write(c, dir.resolve("gguf"),
        new org.inferbench.model.ModelFormat.Synthesis("F16", null, 0)).get(0);
    List<ResultRecord> r = InferBench.workload().model(gguf.toString()).engine("openai")
        .engineOpt("server-command", server + " -m {model} --parallel 1 -c 512 -t 1 --host 127.0.0.1 --port {port}")
        .engineOpt("shared-prefix", "24").prompt(32).output(2).warmup(1).runs(8).concurrency(1).run();
    ResultRecord x = r.get(0);
    assertThat(x.ok()).as("%s", x.reason()).isTrue();
    Map<?, ?> cache = (Map<?, ?>) ((Map<?, ?>) x.trackers().extra().get("serving")).get("prompt_cache");
    assertThat(((Number) cache.get("cached_tokens")).longValue()).isGreaterThanOrEqualTo(8 * 24);
    assertThat(cache.get("sharing_asked")).isEqualTo(true);
    assertThat(x.flags()).doesNotContain("unasked-cache-hits");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
