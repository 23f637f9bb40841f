package org.inferbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.inferbench.engine.BadInputException;
import org.inferbench.model.ModelConfig;
import org.inferbench.model.Presets;
import org.inferbench.model.synth.OnnxModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inferbench synth}: write a model directory in the layout of an Optimum ONNX export, random weights. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write PRESET or a config.json as an ONNX model directory (Optimum/transformers.js layout) with seeded random weights.")
final class SynthCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PRESET|CONFIG", description = "A preset name (see `models`) or a config.json path.")
  String model;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write (must be empty or absent).")
  Path out;

  @Option(names = "--dtype", paramLabel = "DTYPE", description = "fp32 (default) | fp16 | int8.")
  String dtype = "fp32";

  @Option(names = "--layout", paramLabel = "LAYOUT", description = "Decoders: single (default) | merged | split.")
  String layout = "single";

  @Option(names = "--weights-seed", paramLabel = "N", description = "Seed of the random weights (default 0).")
  long weightsSeed;

  @Option(names = "--model-opt", paramLabel = "KEY=VALUE", description = "Override a config field.")
  List<String> modelOpts;

  @Override
  public Integer call() throws Exception {
    if (!OnnxModelWriter.DTYPES.contains(dtype)) {
      throw new BadInputException("--dtype: expected one of " + String.join("|", OnnxModelWriter.DTYPES) + ", got '" + dtype + "'");
    }
    if (!OnnxModelWriter.LAYOUTS.contains(layout)) {
      throw new BadInputException("--layout: expected one of " + String.join("|", OnnxModelWriter.LAYOUTS) + ", got '" + layout + "'");
    }
    ModelConfig config = Presets.find(model).isPresent() ? Presets.get(model)
        : Files.isRegularFile(Path.of(model)) ? ModelConfig.read(Path.of(model))
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
    }
    List<Path> files = OnnxModelWriter.write(config, out, dtype, layout, weightsSeed);
    for (Path f : files) System.out.println(f);
    return ExitCodes.OK;
  }
}
