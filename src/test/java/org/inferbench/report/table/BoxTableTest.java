package org.inferbench.report.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every line of a rendered table has the same width, numbers align right, and cells never break the borders. */
final class BoxTableTest {
  @Test
  void rendersAlignedBordersWithNumbersRightAligned() {
    String text = new BoxTable("model", "TTFT p50 (ms)").title("Results")
        .row("gpt2", "12.3").row("a-much-longer-name", "1,234.5").render();
    String[] lines = text.split("\n");
    assertThat(lines[0]).isEqualTo("Results");
    assertThat(lines[1]).startsWith("┌").endsWith("┐");
    assertThat(lines[lines.length - 1]).startsWith("└").endsWith("┘");
    for (int i = 1; i < lines.length; i++) assertThat(lines[i]).hasSameSizeAs(lines[1]);
    assertThat(text).contains("│ gpt2               │          12.3 │");
    assertThat(text).contains("│ a-much-longer-name │       1,234.5 │");
  }

  @Test
  void newlinesInCellsAndMissingCellsKeepTheGrid() {
    String text = new BoxTable("a", "b", "c").row("failed:\nout of memory", null).render();
    assertThat(text.split("\n")).hasSize(5).allSatisfy(l -> assertThat(l).hasSize(text.split("\n")[0].length()));
    assertThat(text).contains("failed: out of memory");
  }

  @Test
  void tooManyCellsIsAnError() {
    assertThatThrownBy(() -> new BoxTable("a").row("1", "2")).hasMessageContaining("at most 1");
  }
}
