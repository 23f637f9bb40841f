package org.inferbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.inferbench.core.BadInputException;
import org.inferbench.core.ModelFacts;
import org.inferbench.model.Inspection;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.ModelFormats;
import org.inferbench.report.table.BoxTable;
import org.inferbench.roofline.RooflineCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code inferbench inspect}: what a model file or directory holds, without running it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Describe a model file or directory (GGUF file; ONNX export directory) without running it: "
        + "architecture, parameters, context, file type, tensor types, size, bytes read per decoded token.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A .gguf file or a model directory.")
  Path path;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(path)) throw new BadInputException(path + ": no such file or directory");
    Inspection i = null;
    for (ModelFormat f : ModelFormats.all()) {
      Optional<Inspection> found = f.inspect(path);
      if (found.isPresent()) {
        i = found.get();
        break;
      }
    }
    if (i == null) {
      throw new BadInputException(path + ": not a model InferBench reads (expected a .gguf file, or a directory with"
          + " config.json and ONNX files)");
    }
    System.out.print(render(path, i));
    return ExitCodes.OK;
  }

  static String render(Path path, Inspection i) {
    ModelFacts f = i.facts();
    BoxTable t = new BoxTable("", String.valueOf(path.getFileName())).title("model");
    t.row("format", i.format());
    t.row("architecture", i.architecture());
    t.row("parameters", String.format(Locale.ROOT, "%,d", i.parameters()));
    t.row("context length (trained)", i.contextLength());
    t.row("layers / hidden / heads / kv heads", f.dims().layers() + " / " + f.dims().hidden() + " / "
        + f.dims().heads() + " / " + f.dims().kvHeads());
    t.row("file type", i.fileType());
    t.row("file size", mb(i.fileBytes()));
    t.row("weight bytes read per decoded token", mb(RooflineCounts.weightBytesPerStep(f, 1)));
    t.row("KV-cache bytes per token", String.format(Locale.ROOT, "%.1f KB", f.kvBytesPerToken() / 1024));
    t.row("bytes per weight (projections / lm_head / embedding)", String.format(Locale.ROOT, "%.4f / %.4f / %.4f",
        f.weights().matmul(), f.weights().lmHead(), f.weights().embedding()));
    StringBuilder out = new StringBuilder(t.render());
    if (!i.tensorTypes().isEmpty()) {
      BoxTable h = new BoxTable("type", "tensors", "elements", "bytes", "share of bytes").title("tensor types");
      long total = i.tensorTypes().values().stream().mapToLong(v -> v[2]).sum();
      for (Map.Entry<String, long[]> e : i.tensorTypes().entrySet()) {
        long[] v = e.getValue();
        h.row(e.getKey(), v[0], v[1] == 0 ? "" : String.format(Locale.ROOT, "%,d", v[1]), mb(v[2]),
            String.format(Locale.ROOT, "%.1f %%", 100.0 * v[2] / Math.max(1, total)));
      }
      out.append(h.render());
    }
    for (String n : i.notes()) out.append("note: ").append(n).append('\n');
    return out.toString();
  }

  private static String mb(double bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
