package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.SettingRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading workload and sweep files: what each key becomes, and one line for each mistake. */
final class WorkloadFileTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("w.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void singleValuesAndListsBothReadAsLists() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    WorkloadFile.load(file("""
        model: gpt2
        engine: [onnx, llamacpp]
        engine-opts: {threads: [1, 2], llamacpp.cache-type-k: q8_0}
        prompt: [128, 512]
        output: 64
        runs: 7
        """), b);
    assertThat(b.models).extracting(LabelledModel::model).containsExactly("gpt2");
    assertThat(b.engines).containsExactly("onnx", "llamacpp");
    assertThat(b.engineOpts).containsEntry("threads", List.of("1", "2")).containsEntry("llamacpp.cache-type-k",
        List.of("q8_0"));
    assertThat(b.prompt).containsExactly(128, 512);
    assertThat(b.output).containsExactly(64);
    assertThat(b.runs).isEqualTo(7);
  }

  @Test
  void aServerCommandKeepsItsCommasAndAListOfThemIsAnAxis() throws Exception {
    WorkloadBuilder b = new WorkloadBuilder();
    WorkloadFile.load(file("""
        model: m.gguf
        engine: openai
        server-cmd:
          - "llama-server -m {model} --port {port} --override-kv a=int:1,b=int:2"
          - "llama-server -m {model} --port {port} -fa on"
        engine-opts: {server.parallel: [1, 4]}
        """), b);
    assertThat(b.engineOpts).containsEntry(RoleKeys.of(SettingRole.SERVER_COMMAND), List.of(
        "llama-server -m {model} --port {port} --override-kv a=int:1,b=int:2",
        "llama-server -m {model} --port {port} -fa on"))
        .containsEntry("server.parallel", List.of("1", "4"));
  }

  @Test
  void eachGridIsTheTopLevelWithItsOwnKeysOver() throws Exception {
    List<WorkloadBuilder> grids = WorkloadFile.loadAll(file("""
        engine: onnx
        engine-opts: {threads: 2}
        runs: 2
        grids:
          - models: [distilgpt2, t5-small]
            prompt: [32, 128]
          - model: distilgpt2
            engine-opts: {threads: 1}
            prompt: 32
        """), new WorkloadBuilder());
    assertThat(grids).hasSize(2);
    assertThat(grids.get(0).models).hasSize(2);
    assertThat(grids.get(0).engineOpts).containsEntry("threads", List.of("2"));
    assertThat(grids.get(1).engineOpts).containsEntry("threads", List.of("1"));
    assertThat(grids).allMatch(g -> g.runs == 2 && g.engines.equals(List.of("onnx")));
  }

  @Test
  void mistakesAreOneLineNamingTheFileAndKey() throws Exception {
    Path unknown = file("model: gpt2\npromt: 128\n");
    assertThatThrownBy(() -> WorkloadFile.load(unknown, new WorkloadBuilder())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("w.yaml").hasMessageContaining("promt").hasMessageNotContaining("\n");
    Path wrongType = file("model: gpt2\nruns: many\n");
    assertThatThrownBy(() -> WorkloadFile.load(wrongType, new WorkloadBuilder()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("runs").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> WorkloadFile.load(dir.resolve("absent.yaml"), new WorkloadBuilder()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no such workload file");
    Path sweep = file("grids:\n  - model: gpt2\n");
    assertThatThrownBy(() -> WorkloadFile.load(sweep, new WorkloadBuilder())).isInstanceOf(BadInputException.class)
        .hasMessageContaining("'grids' is for sweep files");
  }
}
