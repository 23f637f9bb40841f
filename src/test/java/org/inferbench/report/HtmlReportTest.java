package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Inlined SVGs cannot capture each other's clip paths. */
final class HtmlReportTest {
  @Test
  void prefixesSvgIdsAndTheirReferences() {
    String svg = "<svg><defs><clipPath id=\"clip1\"><rect/></clipPath></defs>"
        + "<g clip-path=\"url(#clip1)\"><use xlink:href=\"#clip1\" href=\"#clip1\"/></g></svg>";
    String out = HtmlReport.prefixIds(svg, "kv_cache");
    assertThat(out).contains("id=\"kv_cache-clip1\"", "url(#kv_cache-clip1)", "href=\"#kv_cache-clip1\"")
        .doesNotContain("\"clip1\"", "(#clip1)", "\"#clip1\"");
  }
}
