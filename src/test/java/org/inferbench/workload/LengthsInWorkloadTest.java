package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A length distribution and a request file reach every configuration from flags or the workload file; a request
 * file's means become the nominal lengths, and lengths given beside it are refused rather than ignored; labels say
 * how the lengths vary.
 */
final class LengthsInWorkloadTest {
  @TempDir
  Path dir;

  private static WorkloadSpec build(WorkloadBuilder b) {
    b.models = List.of(LabelledModel.of("m"));
    b.engines = List.of("calibration");
    return b.build(new WorkloadBuilder.Defaults(List.of(), List.of(), List.of(16), List.of(4), Isolation.NONE));
  }

  private Path requests() throws Exception {
    Path f = dir.resolve("chat.jsonl");
    Files.writeString(f, "{\"prompt_tokens\": 100, \"output_tokens\": 10}\n{\"prompt_tokens\": 50, \"output_tokens\": 31}\n");
    return f;
  }

  @Test
  void aDistributionKeepsTheNominalLengthsAndShowsInTheLabel() {
    WorkloadBuilder b = new WorkloadBuilder();
    b.prompt = List.of(128);
    b.output = List.of(32);
    b.lengthDist = "uniform:0.25";
    Configuration c = Grid.expand(build(b)).get(0);
    assertThat(c.prompt()).isEqualTo(128);
    assertThat(c.params().lengthDist()).isEqualTo(new LengthDist(LengthDist.Kind.UNIFORM, 0.25));
    assertThat(c.params().longestPrompt(128)).isEqualTo(160);
    assertThat(c.label()).isEqualTo("m calibration b1 p128 o32 uniform:0.25");
    WorkloadBuilder fixed = new WorkloadBuilder();
    fixed.lengthDist = "fixed";
    assertThat(build(fixed).params().lengthDist()).isNull();
    assertThat(Grid.expand(build(fixed)).get(0).label()).isEqualTo("m calibration b1 p16 o4");
  }

  @Test
  void aRequestFilesMeansAreTheNominalLengths() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    b.requestFile = requests();
    WorkloadSpec s = build(b);
    assertThat(s.prompt()).containsExactly(75);
    assertThat(s.output()).containsExactly(21); // 20.5 rounds up
    assertThat(s.params().requestFile().requests()).isEqualTo(2);
    assertThat(s.params().longestPrompt(75)).isEqualTo(100);
    assertThat(s.params().longestOutput(21)).isEqualTo(31);
    assertThat(Grid.expand(s).get(0).label()).isEqualTo("m calibration b1 p75 o21 requests:chat.jsonl");
  }

  @Test
  void lengthsBesideARequestFileAreRefused() throws Exception {
    Path f = requests();
    WorkloadBuilder prompt = new WorkloadBuilder();
    prompt.requestFile = f;
    prompt.prompt = List.of(8);
    assertThatThrownBy(() -> build(prompt)).hasMessage("request-file: the file gives each request's prompt and output;"
        + " leave out prompt, output and cases");
    WorkloadBuilder cases = new WorkloadBuilder();
    cases.requestFile = f;
    cases.cases = List.of(new Case(8, 2));
    assertThatThrownBy(() -> build(cases)).hasMessageStartingWith("request-file: the file gives each request's prompt");
    WorkloadBuilder dist = new WorkloadBuilder();
    dist.requestFile = f;
    dist.lengthDist = "normal:0.2";
    assertThatThrownBy(() -> build(dist)).hasMessage("length-dist: a request file gives each request's lengths; give"
        + " either --length-dist or --request-file, not both");
    WorkloadBuilder text = new WorkloadBuilder();
    text.requestFile = f;
    text.promptText = "hello";
    assertThatThrownBy(() -> build(text)).hasMessageStartingWith("request-file: the file gives the prompts");
  }

  @Test
  void aWorkloadFileTakesBothKeysAndNamesABadValue() throws Exception {
    Path f = requests();
    Path yaml = dir.resolve("w.yaml");
    Files.writeString(yaml, "model: m\nengine: calibration\nrequest-file: " + f + "\nconcurrency: 4\n");
    WorkloadBuilder b = new WorkloadBuilder();
    WorkloadFile.load(yaml, b);
    assertThat(build(b).params().requestFile().sha256()).isEqualTo(RequestFile.open(f).sha256());
    Files.writeString(yaml, "model: m\nprompt: 64\nlength-dist: normal:0.1\n");
    WorkloadBuilder d = new WorkloadBuilder();
    WorkloadFile.load(yaml, d);
    assertThat(build(d).params().lengthDist().label()).isEqualTo("normal:0.1");
    Files.writeString(yaml, "model: m\nlength-dist: lognormal:0.1\n");
    assertThatThrownBy(() -> WorkloadFile.load(yaml, new WorkloadBuilder())).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(yaml + ": length-dist: expected fixed, uniform:R");
  }

  @Test
  void aBadRequestFileStopsTheBuild() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"prompt_tokens\": 10}\n");
    WorkloadBuilder b = new WorkloadBuilder();
    b.requestFile = f;
    assertThatThrownBy(() -> build(b)).hasMessage(f + ":1: output_tokens: expected a positive integer (or max_tokens),"
        + " missing");
  }
}
