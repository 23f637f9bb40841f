package org.inferbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.inferbench.core.BadInputException;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.ModelFormats;
import org.inferbench.model.NotEnoughSpaceException;
import org.inferbench.model.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferbench synth}: write a model in one of the registered formats, random weights in a real layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write PRESET or a config.json as a model in a real export layout (ONNX: Optimum/transformers.js) with seeded random weights.")
final class SynthCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PRESET|CONFIG", description = "A preset name (see `models`) or a config.json path.")
  String model;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write (must be empty or absent).")
  Path out;

  @Option(names = "--model-format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default onnx).",
      completionCandidates = FormatNames.class)
  String format = "onnx";

  @Option(names = "--dtype", paramLabel = "DTYPE", description = "The weight type; the format's first is the default (onnx: fp32 | fp16 | int8).")
  String dtype;

  @Option(names = "--layout", paramLabel = "LAYOUT", description = "onnx decoders: single (default) | merged | split.")
  String layout;

  @Option(names = "--weights-seed", paramLabel = "N", description = "Seed of the random weights (default 0).")
  long weightsSeed;

  @Option(names = "--model-opt", paramLabel = "KEY=VALUE", description = "Override a config field.")
  List<String> modelOpts;

  @Override
  public Integer call() throws Exception {
    ModelFormat f = ModelFormats.get(format);
    String type = dtype != null ? dtype : f.dtypes().get(0);
    if (!f.dtypes().contains(type)) {
      throw new BadInputException("--dtype: expected one of " + String.join("|", f.dtypes()) + " for " + f.name()
          + ", got '" + type + "'");
    }
    if (layout != null && f.layouts().isEmpty()) {
      throw new BadInputException("--layout: the " + f.name() + " format has one layout; leave --layout out");
    }
    if (layout != null && !f.layouts().contains(layout)) {
      throw new BadInputException("--layout: expected one of " + String.join("|", f.layouts()) + ", got '" + layout + "'");
    }
    HfConfig config = Presets.find(model).isPresent() ? Presets.get(model)
        : Files.isRegularFile(Path.of(model)) ? HfConfig.read(Path.of(model))
        : Presets.get(model); // neither: the preset error lists what exists
    if (modelOpts != null) {
      Map<String, String> o = new LinkedHashMap<>();
      for (String s : modelOpts) {
        int eq = s.indexOf('=');
        if (eq <= 0) throw new BadInputException("--model-opt: expected key=value, got '" + s + "'");
        o.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
      }
      try {
        config = config.withOverrides(o);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--model-opt " + e.getMessage());
      }
    }
    if (Files.isDirectory(out)) {
      try (var entries = Files.list(out)) {
        if (entries.findAny().isPresent()) throw new BadInputException("--out " + out + ": directory is not empty");
      }
    } else if (Files.exists(out)) {
      throw new BadInputException("--out " + out + ": exists and is not a directory");
    } else {
      checkCreatable(out);
    }
    if (!f.writes(config.architecture())) {
      throw new BadInputException(model + ": the " + f.name() + " format has no writer for "
          + config.architecture().modelType() + " models");
    }
    ModelFormat.Synthesis synthesis = new ModelFormat.Synthesis(type, layout, weightsSeed);
    long bytes = f.sizeEstimate(config, synthesis);
    Path existing = out.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    try {
      if (existing != null) NotEnoughSpaceException.check(existing, bytes);
    } catch (NotEnoughSpaceException e) {
      throw new BadInputException("--out " + e.getMessage());
    }
    List<Path> files = f.write(config, out, synthesis);
    for (Path p : files) System.out.println(p);
    return ExitCodes.OK;
  }

  /** The nearest existing ancestor of an absent directory must be a directory we may write in (else: exit 2 now). */
  private static void checkCreatable(Path out) throws BadInputException {
    Path p = out.toAbsolutePath().getParent();
    while (p != null && !Files.exists(p)) p = p.getParent();
    if (p == null) return;
    if (!Files.isDirectory(p)) {
      throw new BadInputException("--out " + out + ": cannot be created, " + p + " is a file, not a directory");
    }
    if (!Files.isWritable(p)) throw new BadInputException("--out " + out + ": cannot be created, " + p + " is not writable");
  }
}
