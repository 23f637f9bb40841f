package org.inferbench.cli;

import java.util.Iterator;
import org.inferbench.registry.EngineRegistry;

/** The registered engines' names, for help text and shell completion. */
final class EngineNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return EngineRegistry.names().iterator();
  }
}
