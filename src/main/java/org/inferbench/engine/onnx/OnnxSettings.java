package org.inferbench.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.SettingRole;
import org.inferbench.engine.SettingSpec;

/**
 * The onnx engine's settings, checked once: every key is a {@link SettingSpec} so any of them can be swept with
 * {@code --engine-opt}.
 */
record OnnxSettings(int threads, int interOpThreads, String graphOpt, String executionMode, boolean allowSpinning,
    boolean kvCache, String device, String dtype, String layout, long weightsSeed) {

  static final List<SettingSpec> SPECS = List.of(
      SettingSpec.integer("threads", "intra-op threads (0: ORT default, one per physical core)", "0")
          .withRole(SettingRole.THREADS),
      SettingSpec.integer("inter-op-threads", "inter-op threads, used by execution-mode=parallel (0: ORT default)",
          "0"),
      SettingSpec.choice("graph-opt", "ORT graph optimisation level", "all", "disable", "basic", "extended", "all"),
      SettingSpec.choice("execution-mode", "ORT execution mode", "sequential", "sequential", "parallel"),
      SettingSpec.bool("allow-spinning", "intra-op threads spin while waiting (session.intra_op.allow_spinning)",
          "true"),
      SettingSpec.choice("kv-cache", "reuse past keys/values between decode steps (off: rerun the whole sequence)",
          "on", "on", "off").withRole(SettingRole.KV_CACHE),
      SettingSpec.choice("device", "execution provider", "cpu", "cpu", "cuda"),
      SettingSpec.choice("dtype", "weights file variant: model.onnx / model_fp16.onnx / model_quantized.onnx", "fp32",
          "fp32", "fp16", "int8").withRole(SettingRole.WEIGHT_TYPE),
      SettingSpec.choice("layout", "decoder files: single model.onnx, merged decoder_model_merged.onnx, or split "
          + "decoder_model.onnx + decoder_with_past_model.onnx (auto: merged; a directory without the asked layout "
          + "uses the one it holds)", "auto", "auto", "single", "merged", "split"),
      SettingSpec.integer("weights-seed", "seed of the random weights of synthesised presets", "0"));

  static OnnxSettings from(EngineSettings s) {
    return new OnnxSettings(s.getInt("threads"), s.getInt("inter-op-threads"), s.get("graph-opt"),
        s.get("execution-mode"), s.getBoolean("allow-spinning"), s.get("kv-cache").equals("on"), s.get("device"),
        s.get("dtype"), s.get("layout"), Long.parseLong(s.get("weights-seed")));
  }

  /** Fails early, with one line, when CUDA is asked for but only the CPU build of ORT is on the class path. */
  void checkDevice() throws BadInputException {
    if (device.equals("cuda") && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      throw new BadInputException("device=cuda: this ONNX Runtime build has no CUDA provider (available: "
          + OrtEnvironment.getAvailableProviders()
          + "); put com.microsoft.onnxruntime:onnxruntime_gpu on the class path");
    }
  }

  /** A fresh SessionOptions; the caller closes it after creating its sessions. */
  SessionOptions sessionOptions() throws OrtException, BadInputException {
    checkDevice();
    SessionOptions o = new SessionOptions();
    try {
      if (threads > 0) o.setIntraOpNumThreads(threads);
      if (interOpThreads > 0) o.setInterOpNumThreads(interOpThreads);
      o.setOptimizationLevel(switch (graphOpt) {
        case "disable" -> OptLevel.NO_OPT;
        case "basic" -> OptLevel.BASIC_OPT;
        case "extended" -> OptLevel.EXTENDED_OPT;
        default -> OptLevel.ALL_OPT;
      });
      o.setExecutionMode(executionMode.equals("parallel") ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL);
      o.addConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");
      // engines never print: ORT's warnings (e.g. unused initializers) would land on the tool's stderr
      o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      if (device.equals("cuda")) o.addCUDA(0);
      return o;
    } catch (OrtException e) {
      o.close();
      throw e;
    }
  }

  /** Every setting with what ORT makes of it, so a result says what "default" meant on its machine. */
  Map<String, String> effective(String resolvedLayout) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("threads", threads > 0 ? Integer.toString(threads)
        : "0 (ORT default: physical cores = " + CpuCores.physical() + ")");
    m.put("inter-op-threads", interOpThreads > 0 ? Integer.toString(interOpThreads)
        : executionMode.equals("parallel") ? "0 (ORT default: physical cores = " + CpuCores.physical() + ")"
            : "0 (unused in sequential mode)");
    m.put("graph-opt", graphOpt);
    m.put("execution-mode", executionMode);
    m.put("allow-spinning", Boolean.toString(allowSpinning));
    m.put("kv-cache", kvCache ? "on" : "off");
    m.put("device", device);
    m.put("dtype", dtype);
    m.put("layout", resolvedLayout);
    m.put("weights-seed", Long.toString(weightsSeed));
    m.put("ort-version", OrtEnvironment.getEnvironment().getVersion());
    m.put("ort-providers", OrtEnvironment.getAvailableProviders().toString());
    return m;
  }
}
