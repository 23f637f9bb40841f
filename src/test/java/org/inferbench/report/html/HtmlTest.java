package org.inferbench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Strings from results cannot become markup. */
final class HtmlTest {
  @Test
  void escapesEveryMarkupCharacter() {
    assertThat(Html.escape("<script>alert(\"a\" & 'b')</script>"))
        .isEqualTo("&lt;script&gt;alert(&quot;a&quot; &amp; &#39;b&#39;)&lt;/script&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }
}
