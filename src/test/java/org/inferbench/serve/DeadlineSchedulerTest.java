package org.inferbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.inferbench.engine.calibration.CostModel;
import org.junit.jupiter.api.Test;

/**
 * The timer loop's deadlines are computed, not measured: a stream queued behind a full slot starts exactly at the
 * last deadline of the stream before it, however late the loop ran, so these checks are exact and need no retry.
 */
final class DeadlineSchedulerTest {
  static final long MS = 1_000_000;

  /** Records what a backend hands over, and counts down at the end of the stream. */
  static final class Recorder implements TokenSink {
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final CountDownLatch finished = new CountDownLatch(1);
    volatile boolean cancelled;

    @Override
    public void accept(StreamEvent event) {
      events.add(event);
      if (!(event instanceof StreamEvent.Token)) finished.countDown();
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }

    List<Long> dues() {
      return events.stream().filter(e -> e instanceof StreamEvent.Token).map(e -> ((StreamEvent.Token) e).dueNanos())
          .toList();
    }
  }

  static CompletionJob job(int prompt, int max) {
    return new CompletionJob(ServeApi.COMPLETIONS, "cmpl-t", "m", new int[prompt], max, true, true, true);
  }

  @Test
  void aQueuedStreamStartsAtTheLastDeadlineOfTheOneBefore() throws Exception {
    try (DeadlineScheduler s = new DeadlineScheduler(1, Timing.fixed(10 * MS, 5 * MS))) {
      Recorder a = new Recorder();
      Recorder b = new Recorder();
      s.submit(job(3, 3), a);
      s.submit(job(3, 2), b);
      assertThat(b.finished.await(5, TimeUnit.SECONDS)).isTrue();
      List<Long> da = a.dues();
      List<Long> db = b.dues();
      assertThat(da).hasSize(3);
      assertThat(db).hasSize(2);
      assertThat(da.get(1) - da.get(0)).isEqualTo(5 * MS);
      assertThat(da.get(2) - da.get(1)).isEqualTo(5 * MS);
      assertThat(db.get(0) - da.get(2)).as("b's first token: a's last deadline + ttft").isEqualTo(10 * MS);
      assertThat(db.get(1) - db.get(0)).isEqualTo(5 * MS);
      assertThat(a.events.get(a.events.size() - 1)).isEqualTo(new StreamEvent.Finish("length", 3, 3));
      assertThat(((StreamEvent.Token) a.events.get(2)).finishReason()).isEqualTo("length");
    }
  }

  @Test
  void aCancelledStreamFreesItsSlotAtItsNextDeadline() throws Exception {
    try (DeadlineScheduler s = new DeadlineScheduler(1, Timing.fixed(10 * MS, 5 * MS))) {
      Recorder gone = new Recorder();
      gone.cancelled = true;
      Recorder next = new Recorder();
      s.submit(job(1, 1000), gone);
      s.submit(job(1, 1), next);
      assertThat(next.finished.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(gone.events).isEmpty();
      assertThat(next.dues()).hasSize(1);
    }
  }

  @Test
  void withoutFixedTimesTheCalibrationCostModelGivesTheServiceTime() {
    // 100 µs per prompt token, 1000 µs per step plus 10 µs per context token
    Timing t = Serving.timing(new CostModel(100, 0, 1000, 10, 0), new ServeSettings(null, null, null));
    assertThat(t.ttftNanos().applyAsLong(20)).isEqualTo(2 * MS);
    assertThat(t.tpotNanosAtContext().applyAsLong(21)).isEqualTo(1_210_000);
    assertThat(t.serviceNanos(20, 2)).isEqualTo(2 * MS + 1_210_000);
    Timing fixed = Serving.timing(new CostModel(100, 0, 1000, 10, 0), new ServeSettings(null, 0.5, 0.1));
    assertThat(fixed.serviceNanos(20, 11)).isEqualTo(1_500 * MS);
  }
}
