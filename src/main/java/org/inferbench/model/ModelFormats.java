package org.inferbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.inferbench.core.BadInputException;

/** The model formats on the class path, found through {@link ServiceLoader} so no format is named here. */
public final class ModelFormats {
  private ModelFormats() {}

  public static List<ModelFormat> all() {
    List<ModelFormat> out = new ArrayList<>();
    ServiceLoader.load(ModelFormat.class).forEach(out::add);
    return out;
  }

  public static List<String> names() {
    return all().stream().map(ModelFormat::name).toList();
  }

  public static ModelFormat get(String name) throws BadInputException {
    for (ModelFormat f : all()) if (f.name().equals(name)) return f;
    throw new BadInputException("--model-format: unknown format '" + name + "' (known: " + String.join(", ", names())
        + ")");
  }
}
