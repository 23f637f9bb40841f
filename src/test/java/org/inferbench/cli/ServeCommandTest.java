package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.inferbench.serve.OpenAiServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code inferbench serve} prints its URL once listening, and bad input is one line with exit code 2. */
final class ServeCommandTest {
  @Test
  void printsOneLineWithTheUrlOfAFreePort() throws Exception {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs("--engine", "calibration", "--model", "truth", "--port", "0", "--engine-opt",
        "slots=2", "--engine-opt", "tpot=100ms");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OpenAiServer server = cmd.open(new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String line = out.toString(StandardCharsets.UTF_8).strip();
      assertThat(line).matches("serving truth on http://127\\.0\\.0\\.1:\\d+/v1").endsWith(server.port() + "/v1");
      String version = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/version")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(version).contains("\"engine\":\"calibration\"", "\"slots\":2");
    }
  }

  @Test
  void aPortInUseIsOneLineNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRun o = CliRun.of("serve", "--engine", "calibration", "--model", "truth", "--port", Integer.toString(port));
      assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(o.err().strip()).startsWith("inferbench: --port " + port + ":").doesNotContain("\n");
    }
  }

  @Test
  void anUnknownEngineIsTheUsualLine() {
    CliRun o = CliRun.of("serve", "--engine", "tensorflow", "--model", "x", "--port", "0");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("--engine: unknown engine 'tensorflow'");
  }

  @Test
  void groundTruthSettingsOnAnotherEngineAreRefused() {
    CliRun o = CliRun.of("serve", "--engine", "onnx", "--model", "gpt2", "--port", "0", "--engine-opt", "slots=4");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("slots");
  }

  @Test
  void serveTakesOneCombination() {
    CliRun o = CliRun.of("serve", "--engine", "calibration", "--model", "a,b", "--port", "0");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("one model");
  }
}
