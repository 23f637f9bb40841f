package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.inferbench.InferBench;
import org.inferbench.results.ResultRecord;
import org.junit.jupiter.api.Test;

/**
 * The prompts a served run sends, as the ground-truth server received them: every request of every load and phase
 * (warm-up, measured) sends a prompt no other request of the run sent, so a prefix cache can answer none of them;
 * the other arm of a comparison (another setting) gets the same prompts; another run's salt gets other prompts, and
 * its recorded salt sends the same ones again.
 */
final class UniquePromptsTest {
  private static final int PROMPT = 16; // the engine's reachability probe sends 8 tokens: told apart by length

  @Test
  void everyRequestOfARunSendsItsOwnPromptAndTheArmsShareThem() throws Exception {
    Recording backend = new Recording(new DeadlineScheduler(4, Timing.fixed(2_000_000, 1_000_000)));
    try (OpenAiServer server = new OpenAiServer("127.0.0.1", 0, GroundTruthServerTest.MODEL, backend, null, 50257)) {
      List<ResultRecord> a = run(server, "60", 11L);
      List<List<Integer>> armA = backend.take();
      assertThat(a).hasSize(2).allMatch(ResultRecord::ok);
      assertThat(armA).hasSize(2 * (3 + 8)); // c1 and c4, 3 warm-ups and 8 measured each
      assertThat(new HashSet<>(armA)).hasSameSizeAs(armA);
      assertThat(a).allSatisfy(r -> assertThat(r.workload().promptSalt()).isEqualTo(String.format("%016x", 11L)));

      run(server, "120", 11L); // the other arm: another setting, the same run salt
      assertThat(new HashSet<>(backend.take())).isEqualTo(new HashSet<>(armA));

      run(server, "60", 12L); // another run
      Set<List<Integer>> other = new HashSet<>(backend.take());
      other.retainAll(armA);
      assertThat(other).isEmpty();
    }
  }

  private static List<ResultRecord> run(OpenAiServer server, String readTimeout, long salt) throws Exception {
    return InferBench.workload().model("truth").engine("openai").engineOpt("endpoint", server.baseUrl())
        .engineOpt("read-timeout", readTimeout).prompt(PROMPT).output(2).warmup(3).runs(8).concurrency(1, 4)
        .seed(7).promptSalt(salt).run();
  }

  /** The ground-truth schedule, keeping each prompt of the workload's length it was sent. */
  private static final class Recording implements Backend {
    private final Backend inner;
    private final List<List<Integer>> prompts = new ArrayList<>();

    Recording(Backend inner) {
      this.inner = inner;
    }

    synchronized List<List<Integer>> take() {
      List<List<Integer>> out = new ArrayList<>(prompts);
      prompts.clear();
      return out;
    }

    @Override
    public void submit(CompletionJob job, TokenSink sink) {
      if (job.promptTokens().length == PROMPT) {
        synchronized (this) {
          prompts.add(Arrays.stream(job.promptTokens()).boxed().toList());
        }
      }
      inner.submit(job, sink);
    }

    @Override
    public int slots() {
      return inner.slots();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
