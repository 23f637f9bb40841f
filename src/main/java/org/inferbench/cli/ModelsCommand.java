package org.inferbench.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.inferbench.core.ModelShape;
import org.inferbench.model.HfConfig;
import org.inferbench.model.Presets;
import org.inferbench.report.table.BoxTable;
import picocli.CommandLine.Command;

/** {@code inferbench models}: the built-in presets and their shapes. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the built-in model presets (written on first use with random weights in a real export's layout).")
final class ModelsCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    BoxTable t = new BoxTable("preset", "type", "shape", "layers", "hidden", "heads", "vocab", "max positions", "parameters");
    for (String name : Presets.names()) {
      HfConfig c = Presets.get(name);
      String layers = c.architecture().shape() == ModelShape.ENCODER_DECODER ? c.encoderLayers() + "+" + c.layers()
          : Integer.toString(c.layers());
      t.row(name, c.architecture().name().toLowerCase(Locale.ROOT), c.architecture().shape().label(), layers,
          c.hidden(), c.heads(), c.vocabSize(), c.maxPositions(),
          String.format(Locale.ROOT, "%.1fM", c.parameterCount() / 1e6));
    }
    System.out.print(t.render());
    System.out.println("parameters: unique trainable weights, tied weights once; layers of encoder-decoders: encoder+decoder");
    System.out.println("any Hugging Face config.json of these types works with --model-config FILE; fields can be overridden with --model-opt key=value");
    return ExitCodes.OK;
  }
}
