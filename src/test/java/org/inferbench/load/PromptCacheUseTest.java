package org.inferbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache a load's requests hit, from what the server reported per request: the prefix every request shares (a
 * chat template's) is not a hit; more than it, on any request, is; so is every prompt mostly cached (a run's prompts
 * sent again); a server that reports nothing gives no figure.
 */
final class PromptCacheUseTest {
  @Test
  void aFixedPrefixEveryRequestSharesIsNoHit() {
    PromptCacheUse c = PromptCacheUse.of(requests(128, 24, 24, 24, 25, 24));
    assertThat(c.floor()).isEqualTo(24);
    assertThat(c.hits()).isZero();
    assertThat(c.hitBeyondFixedPrefix()).isFalse();
    assertThat(c.cachedShare()).isCloseTo(121.0 / (5 * 128), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void requestsThatReusedAnEarlierPromptAreHits() {
    PromptCacheUse c = PromptCacheUse.of(requests(128, 0, 1, 127, 0, 128));
    assertThat(c.floor()).isZero();
    assertThat(c.hits()).isEqualTo(2);
    assertThat(c.hitBeyondFixedPrefix()).isTrue();
    assertThat(c.toMap(false)).containsEntry("hit_requests", 2).containsEntry("sharing_asked", false);
  }

  @Test
  void everyPromptMostlyCachedIsAHitThoughTheFloorIsHigh() {
    PromptCacheUse c = PromptCacheUse.of(requests(128, 127, 127, 127));
    assertThat(c.hits()).isZero();
    assertThat(c.hitBeyondFixedPrefix()).isTrue();
  }

  @Test
  void aServerThatSaysNothingOfACacheGivesNoFigureAndFailedRequestsDoNotCount() {
    assertThat(PromptCacheUse.of(requests(128, -1, -1))).isNull();
    List<RequestTimes> r = new ArrayList<>(requests(64, 0, 0));
    r.add(RequestTimes.failed(0, 0, 1, "timeout", 64));
    assertThat(PromptCacheUse.of(r).reporting()).isEqualTo(2);
  }

  private static List<RequestTimes> requests(int prompt, int... cached) {
    List<RequestTimes> out = new ArrayList<>();
    for (int c : cached) out.add(new RequestTimes(0, 0, new long[] {1}, new int[] {1}, 2, null, prompt, c));
    return out;
  }
}
