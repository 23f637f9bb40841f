package org.inferbench.engine.calibration;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Engine;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelInfo;
import org.inferbench.engine.ModelRef;
import org.inferbench.core.ModelShape;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;

/**
 * A measuring instrument, not a model: it spends configured, deterministic costs by busy-waiting on the clock,
 * so a harness that reports anything but those costs is wrong. Never a stand-in for a real engine.
 */
public final class CalibrationEngine implements Engine {
  static final List<SettingSpec> SETTINGS = List.of(
      SettingSpec.number("prefill-us-per-token", "prefill cost per prompt token per sequence (µs)", "100"),
      SettingSpec.number("prefill-us-per-token2", "prefill cost per squared prompt token per sequence (µs)", "0"),
      SettingSpec.number("step-us", "fixed cost of each decode step (µs)", "1000"),
      SettingSpec.number("context-us-per-token", "decode step cost per context token per sequence (µs)", "0"),
      SettingSpec.number("jitter", "standard deviation of the relative noise ε on every cost", "0"),
      SettingSpec.number("fork-noise", "standard deviation of a relative offset δ drawn once per fork (seeded by"
          + " jitter-seed and the fork): every cost of fork f is × (1 + δ_f), a machine that differs between forks"
          + " (default none: absent, so the keys of records without it stay as they were)", null),
      SettingSpec.integer("jitter-seed", "seed of the noise; the run's --seed when not given", null)
          .withRole(SettingRole.RUN_SEED),
      SettingSpec.choice("shape", "which kind of model to imitate", "decoder", "decoder", "encoder", "encoder-decoder"),
      SettingSpec.integer("max-positions", "longest prompt + output accepted", "1048576"),
      SettingSpec.integer("vocab-size", "vocabulary prompts are drawn from", "50257"),
      SettingSpec.integer("eos-after", "emit end-of-sequence after this many tokens (0: never)", "0"),
      SettingSpec.integer("fail-at-prompt", "fail at run time when the prompt has this length (0: never); to test failure handling", "0"));

  @Override
  public String name() {
    return "calibration";
  }

  @Override
  public String description() {
    return "a measuring instrument that busy-waits configured costs, to prove the harness measures exactly";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.ENCODER, Capability.DECODER, Capability.ENCODER_DECODER, Capability.KV_CACHE,
        Capability.BATCH, Capability.DEVICE_CPU);
  }

  @Override
  public List<SettingSpec> settings() {
    return SETTINGS;
  }

  @Override
  public ModelInfo describe(ModelRef model, EngineSettings settings) throws BadInputException {
    ModelShape shape = switch (settings.get("shape")) {
      case "encoder" -> ModelShape.ENCODER;
      case "encoder-decoder" -> ModelShape.ENCODER_DECODER;
      default -> ModelShape.DECODER;
    };
    return new ModelInfo(model.id(), shape, settings.getInt("max-positions"), settings.getInt("vocab-size"),
        new int[0], "calibration", "none", null, Map.of());
  }

  @Override
  public double estimateSeconds(ModelInfo model, EngineSettings settings, int batch, int prompt, int output) {
    CostModel c = CostModel.from(settings);
    double us = c.prefillUs(batch, prompt);
    if (model.shape().generates() && output > 1) us += (output - 1) * c.tpotUs(batch, prompt, output);
    return us / 1e6;
  }

  @Override
  public LoadedModel load(ModelRef model, EngineSettings settings) throws BadInputException {
    return new CalibrationModel(describe(model, settings), CostModel.from(settings), settings);
  }
}
