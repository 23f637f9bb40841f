package org.inferbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.inferbench.run.Shard;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes example (no cluster here to run it on) is an Indexed Job whose INFERBENCH_SHARD_COUNT is its
 * completions, so each pod's environment names a different shard of the same count and together they are all of it.
 */
final class KubernetesManifestTest {
  @Test
  void everyPodOfTheIndexedJobRunsADifferentShardOfItsCompletions() throws Exception {
    JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(Path.of("examples", "k8s-indexed-job.yaml").toFile());
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    JsonNode spec = job.path("spec");
    assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
    int completions = spec.path("completions").asInt();
    assertThat(completions).isPositive();
    JsonNode container = spec.path("template").path("spec").path("containers").get(0);
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : container.path("env")) env.put(e.path("name").asText(), e.path("value").asText());
    assertThat(env).containsEntry("INFERBENCH_SHARD_COUNT", Integer.toString(completions));
    assertThat(container.path("command").toString()).contains("sweep", "--no-report");
    Set<Shard> shards = new HashSet<>();
    for (int i = 0; i < completions; i++) {
      Map<String, String> pod = new HashMap<>(env);
      pod.put("JOB_COMPLETION_INDEX", Integer.toString(i));
      shards.add(Shard.resolve(null, pod));
    }
    assertThat(shards).hasSize(completions).allMatch(s -> s.count() == completions);
  }
}
