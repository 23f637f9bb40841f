package org.inferbench.cli;

import java.util.Iterator;
import org.inferbench.model.ModelFormats;

/** The registered model formats' names, for help text and shell completion. */
final class FormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return ModelFormats.names().iterator();
  }
}
