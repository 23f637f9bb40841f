package org.inferbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.inferbench.model.HfConfig;
import org.inferbench.model.ModelFormat;
import org.inferbench.model.Presets;
import org.inferbench.model.gguf.GgufFile;
import org.inferbench.model.gguf.GgufFormat;
import org.inferbench.model.gguf.GgufReference;
import org.inferbench.model.gguf.GreedyVocab;
import org.inferbench.model.gguf.LlamaCppGreedy;
import org.inferbench.model.synth.OnnxModelWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One model, two engines, one computation: a preset written at full size as an fp32 ONNX export and as an F32 GGUF
 * file with the same seed, given the same prompt token ids, gives the same 16 greedy tokens on ONNX Runtime and on
 * llama.cpp, and both agree with a plain-Java forward pass over the GGUF weights (teacher forced; a step may differ
 * from the reference only where its top-2 margin is within float error, at most 2 of 16). What compare-engines
 * times is then the same work on both.
 */
@Tag("full-size") // writes models at their real size: left out of ./run-tests --quick
final class SameModelTwoEnginesTest {
  private static final int STEPS = 16;
  private static final long SEED = 0; // the presets' default weights-seed: the models compare-engines runs
  private static final int[] PROMPT = {300, 301, 302, 400, 350, 500, 303, 450};

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "smollm2-135m"})
  void onnxRuntimeAndLlamaCppChooseTheSameTokensAsTheReference(String preset) throws Exception {
    HfConfig c = Presets.get(preset);
    Path onnx = OnnxModelWriter.write(c, dir.resolve("onnx"), "fp32", "single", SEED).get(0);
    Path gguf = new GgufFormat().write(c, dir.resolve("gguf"), new ModelFormat.Synthesis("F32", null, SEED)).get(0);
    GgufFile file = GgufFile.read(gguf);
    GreedyVocab vocab = new GreedyVocab(file);

    List<Integer> ort = onnxRuntimeGreedy(c, onnx, vocab);
    List<Integer> llama = LlamaCppGreedy.tokens(gguf, vocab, PROMPT, STEPS);
    assertThat(ort).as("ONNX Runtime's tokens against llama.cpp's").isEqualTo(llama).hasSize(STEPS);
    assertThat(ort.stream().distinct().count()).as("distinct tokens in " + ort).isGreaterThanOrEqualTo(4);

    int[] sequence = IntStream.concat(IntStream.of(PROMPT), ort.stream().mapToInt(Integer::intValue)).toArray();
    float[][] reference = new GgufReference(file).logits(sequence);
    int close = 0;
    for (int s = 0; s < STEPS; s++) {
      float[] logits = reference[PROMPT.length - 1 + s];
      int[] top = vocab.top2(logits);
      if (top[0] == ort.get(s)) continue;
      double margin = logits[top[0]] - logits[top[1]];
      assertThat(margin).as("step " + s + ": the engines chose " + ort.get(s) + ", the reference " + top[0])
          .isLessThan(GreedyVocab.FLOAT_TOLERANCE * vocab.spread(logits));
      close++;
    }
    assertThat(close).as("steps decided within float error").isLessThanOrEqualTo(2);
  }

  /** Greedy decoding with the key/value cache, as transformers.js feeds an Optimum decoder. */
  private static List<Integer> onnxRuntimeGreedy(HfConfig c, Path file, GreedyVocab vocab) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<Integer> tokens = new ArrayList<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(2);
      try (OrtSession session = env.createSession(file.toString(), options)) {
        Map<String, OnnxTensor> past = new HashMap<>();
        for (int l = 0; l < c.layers(); l++) {
          for (String kv : new String[] {"key", "value"}) {
            past.put("past_key_values." + l + "." + kv, OnnxTensor.createTensor(env, FloatBuffer.allocate(0),
                new long[] {1, c.kvHeads(), 0, c.headDim()}));
          }
        }
        long[] ids = IntStream.of(PROMPT).asLongStream().toArray();
        int length = 0;
        OrtSession.Result previous = null;
        for (int step = 0; step < STEPS; step++) {
          int n = ids.length;
          long[] positions = new long[n];
          for (int i = 0; i < n; i++) positions[i] = length + i;
          long[] mask = new long[length + n];
          java.util.Arrays.fill(mask, 1);
          Map<String, OnnxTensor> inputs = new HashMap<>(past);
          List<OnnxTensor> created = List.of(
              put(inputs, "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, n})),
              put(inputs, "position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, n})),
              put(inputs, "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask),
                  new long[] {1, length + n})));
          OrtSession.Result result = session.run(inputs);
          created.forEach(OnnxTensor::close);
          if (previous != null) {
            previous.close();
          } else {
            past.values().forEach(OnnxTensor::close);
          }
          FloatBuffer logits = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
          float[] all = new float[logits.remaining()];
          logits.get(all);
          int next = vocab.argmax(all, (n - 1) * c.vocabSize());
          tokens.add(next);
          past = new HashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            if (e.getKey().startsWith("present.")) {
              past.put(e.getKey().replace("present.", "past_key_values."), (OnnxTensor) e.getValue());
            }
          }
          previous = result;
          length += n;
          ids = new long[] {next};
        }
        if (previous != null) previous.close();
      }
    }
    return tokens;
  }

  private static OnnxTensor put(Map<String, OnnxTensor> inputs, String name, OnnxTensor t) {
    inputs.put(name, t);
    return t;
  }
}
