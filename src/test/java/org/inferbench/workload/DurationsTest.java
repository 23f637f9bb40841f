package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One duration syntax for every flag and key that takes a time; bare numbers stay seconds (old files). */
final class DurationsTest {
  @Test
  void readsEveryUnitAndBareSeconds() {
    assertThat(Durations.seconds("f", "500ms")).isEqualTo(0.5);
    assertThat(Durations.seconds("f", "90s")).isEqualTo(90);
    assertThat(Durations.seconds("f", "5m")).isEqualTo(300);
    assertThat(Durations.seconds("f", "2min")).isEqualTo(120);
    assertThat(Durations.seconds("f", "1.5h")).isEqualTo(5400);
    assertThat(Durations.seconds("f", "60")).isEqualTo(60);
    assertThat(Durations.seconds("f", " 7.5 S ")).isEqualTo(7.5);
  }

  @Test
  void refusesWhatIsNotADurationNamingTheField() {
    for (String bad : new String[] {"", "5 minutes", "-3s", "0s", "1e3", "s", "5m30s"}) {
      assertThatThrownBy(() -> Durations.seconds("--time-budget", bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--time-budget: expected a duration");
    }
  }

  @Test
  void formatsForPeople() {
    assertThat(Durations.format(0.25)).isEqualTo("250 ms");
    assertThat(Durations.format(12.34)).isEqualTo("12.3 s");
    assertThat(Durations.format(300)).isEqualTo("5 min");
    assertThat(Durations.format(314)).isEqualTo("5 min 14 s");
  }
}
