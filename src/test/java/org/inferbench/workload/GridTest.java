package org.inferbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How engine settings given once reach each engine of a grid. */
final class GridTest {
  private static Map<String, List<String>> opts(String... keyValues) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], List.of(keyValues[i + 1].split(",")));
    return m;
  }

  @Test
  void settingsScopedToAnEngineReachOnlyThatEngineWithoutTheirPrefix() {
    Map<String, List<String>> given = opts("llamacpp.flash-attn", "on", "threads", "2", "onnx.graph-opt", "basic");
    assertThat(Grid.forEngine("llamacpp", given)).isEqualTo(opts("threads", "2", "flash-attn", "on"));
    assertThat(Grid.forEngine("onnx", given)).isEqualTo(opts("threads", "2", "graph-opt", "basic"));
  }

  @Test
  void aScopedValueWinsOverTheUnscopedOne() {
    Map<String, List<String>> given = opts("dtype", "fp32", "llamacpp.dtype", "F32,Q8_0");
    assertThat(Grid.forEngine("llamacpp", given)).isEqualTo(opts("dtype", "F32,Q8_0"));
    assertThat(Grid.forEngine("onnx", given)).isEqualTo(opts("dtype", "fp32"));
  }

  @Test
  void anUnknownPrefixStaysSoTheEngineNamesTheKeyItLacks() {
    assertThat(Grid.forEngine("onnx", opts("onxx.dtype", "int8"))).isEqualTo(opts("onxx.dtype", "int8"));
  }

  @Test
  void roleKeysBecomeEachEnginesOwnKeyScopedOrNot() {
    assertThat(Grid.forEngine("llamacpp", opts("@threads", "4"))).isEqualTo(opts("threads", "4"));
    assertThat(Grid.forEngine("onnx", opts("@kv_cache", "on,off"))).isEqualTo(opts("kv-cache", "on,off"));
    assertThat(Grid.forEngine("onnx", opts("@threads", "4", "threads", "1"))).isEqualTo(opts("threads", "1"));
  }

  @Test
  void theGridIsTheCrossProductWithModelsAndEnginesOutermost() {
    Map<String, List<String>> a = opts("threads", "1,2", "graph-opt", "basic,all");
    List<Map<String, String>> combos = Grid.combos(a);
    assertThat(combos).hasSize(4);
    assertThat(combos.get(0)).containsExactly(Map.entry("graph-opt", "basic"), Map.entry("threads", "1"));
    assertThat(combos.get(3)).containsExactly(Map.entry("graph-opt", "all"), Map.entry("threads", "2"));
  }
}
