package org.inferbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.inferbench.load.RequestTimes;
import org.inferbench.measure.TokenTimeline;
import org.junit.jupiter.api.Test;

/** A request timed by the one step loop comes back as the chunks its steps delivered, with their own times. */
final class GenerationTargetTest {
  @Test
  void eachStepIsAChunkOfTheTokensItDelivered() {
    TokenTimeline t = new TokenTimeline(1_000, 6);
    t.record(1_500, 1);
    t.record(2_000, 3);
    t.record(2_600, 2);
    RequestTimes r = GenerationTarget.chunks(900, t, 2_700, 12);
    assertThat(r.chunkNs()).containsExactly(1_500, 2_000, 2_600);
    assertThat(r.tokensPerChunk()).containsExactly(1, 3, 2);
    assertThat(r.sendNs()).isEqualTo(1_000);
    assertThat(r.scheduledNs()).isEqualTo(900);
    assertThat(r.endNs()).isEqualTo(2_700);
    assertThat(r.outputTokens()).isEqualTo(6);
    assertThat(r.promptTokens()).isEqualTo(12);
  }
}
