package org.inferbench.model.gguf;

/** How much of a file one storage type takes: its tensors, their elements and their bytes. */
public record TypeTotals(int tensors, long elements, long bytes) {
  TypeTotals plus(TensorInfo t) {
    return new TypeTotals(tensors + 1, elements + t.elements(), bytes + t.byteSize());
  }

  /** Storage bytes per element (METRICS.md "bytes per weight"); 0 when there are no elements. */
  public double bytesPerElement() {
    return elements == 0 ? 0 : (double) bytes / elements;
  }
}
