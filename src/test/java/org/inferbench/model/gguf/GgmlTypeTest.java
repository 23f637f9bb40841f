package org.inferbench.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.inferbench.core.TensorType;
import org.junit.jupiter.api.Test;

/** ggml's type ids map one to one onto block geometry that agrees with InferBench's TensorType. */
final class GgmlTypeTest {
  /** Where a ggml type has a TensorType, both give the same elements and bytes per block. */
  @Test
  void geometryAgreesWithTensorType() {
    for (GgmlType g : GgmlType.values()) {
      g.tensorType().ifPresent(t -> {
        assertThat(g.blockSize()).as("%s block size", g).isEqualTo(t.blockSize());
        assertThat(g.blockBytes()).as("%s block bytes", g).isEqualTo(t.blockBytes());
        assertThat(g.name()).isEqualTo(t.name());
      });
    }
  }

  /** Every TensorType but ONNX Runtime's INT8 has a ggml type, and maps back to itself. */
  @Test
  void everyGgufTensorTypeMapsBack() {
    for (TensorType t : EnumSet.complementOf(EnumSet.of(TensorType.INT8))) {
      assertThat(GgmlType.of(t).tensorType()).contains(t);
    }
    assertThatThrownBy(() -> GgmlType.of(TensorType.INT8)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Ids are ggml.h's: the ones the brief lists, and the removed ones (4, 5, 31-33, 36-38) are unknown. */
  @Test
  void idsAreGgmls() {
    assertThat(GgmlType.F32.id()).isZero();
    assertThat(GgmlType.F16.id()).isEqualTo(1);
    assertThat(GgmlType.Q4_0.id()).isEqualTo(2);
    assertThat(GgmlType.Q4_1.id()).isEqualTo(3);
    assertThat(GgmlType.Q5_0.id()).isEqualTo(6);
    assertThat(GgmlType.Q5_1.id()).isEqualTo(7);
    assertThat(GgmlType.Q8_0.id()).isEqualTo(8);
    assertThat(GgmlType.Q8_1.id()).isEqualTo(9);
    assertThat(GgmlType.Q2_K.id()).isEqualTo(10);
    assertThat(GgmlType.Q3_K.id()).isEqualTo(11);
    assertThat(GgmlType.Q4_K.id()).isEqualTo(12);
    assertThat(GgmlType.Q5_K.id()).isEqualTo(13);
    assertThat(GgmlType.Q6_K.id()).isEqualTo(14);
    assertThat(GgmlType.Q8_K.id()).isEqualTo(15);
    assertThat(GgmlType.BF16.id()).isEqualTo(30);
    Set<Integer> ids = Arrays.stream(GgmlType.values()).map(GgmlType::id).collect(Collectors.toSet());
    assertThat(ids).hasSize(GgmlType.values().length);
    for (GgmlType g : GgmlType.values()) {
      assertThat(GgmlType.byId(g.id())).contains(g);
    }
    for (int removed : new int[] {4, 5, 31, 32, 33, 36, 37, 38, 40, -1}) {
      assertThat(GgmlType.byId(removed)).isEmpty();
    }
  }

  /** The value type ids are the spec's 0..12, in order. */
  @Test
  void valueTypeIds() {
    for (GgufValueType v : GgufValueType.values()) {
      assertThat(GgufValueType.byId(v.id())).contains(v);
      assertThat(v.id()).isEqualTo(v.ordinal());
    }
    assertThat(GgufValueType.byId(13)).isEmpty();
  }
}
