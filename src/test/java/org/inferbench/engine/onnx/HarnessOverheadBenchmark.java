package org.inferbench.engine.onnx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.inferbench.engine.EngineSettings;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.ModelRef;
import org.inferbench.engine.Request;
import org.inferbench.measure.RequestTimer;
import org.inferbench.measure.TokenTimeline;

/**
 * How much the harness adds to a request: interleaved runs of (a) RequestTimer over the onnx engine and (b) a bare
 * greedy loop over an ORT session of the same file, same settings; prints the ratio of mean E2E latencies (a / b)
 * with a 95 % percentile-bootstrap interval (2,000 resamples, fixed seed).
 *
 * <p>Arguments: [model (preset or directory), default gpt2] [requests, default 30] [prompt, default 128] [output,
 * default 32] [threads, default 2] [--model-config file, optional].
 */
public final class HarnessOverheadBenchmark {
  private HarnessOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "gpt2";
    int requests = Math.max(30, args.length > 1 ? Integer.parseInt(args[1]) : 30);
    int promptLength = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int output = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    Path configFile = args.length > 5 ? Path.of(args[5]) : null;
    OnnxEngine engine = new OnnxEngine();
    EngineSettings settings = EngineSettings.resolve("onnx", engine.settings(),
        Map.of("threads", Integer.toString(threads), "dtype", "fp32", "kv-cache", "on"));
    try (LoadedModel loaded = engine.load(new ModelRef(model, configFile, Map.of()), settings)) {
      int vocab = loaded.info().vocabSize();
      DecoderModel decoder = (DecoderModel) loaded;
      if (decoder.first != decoder.withPast) throw new IllegalArgumentException("layout: the bare loop needs one session (single or merged)");
      SplittableRandom rnd = new SplittableRandom(1);
      int[] prompt = new int[promptLength];
      for (int i = 0; i < promptLength; i++) prompt[i] = 1 + rnd.nextInt(vocab - 2);
      Request request = new Request(new int[][] {prompt}, output, false);
      try (BareGreedyLoop bare = new BareGreedyLoop(decoder.first.session, vocab)) {
        int[] reference = bare.generate(prompt, output);
        for (int w = 0; w < 3; w++) {
          RequestTimer.time(loaded, request);
          bare.generate(prompt, output);
        }
        double[] harness = new double[requests];
        double[] direct = new double[requests];
        for (int i = 0; i < requests; i++) {
          // alternate the order so slow drift (heat, other load) falls on both sides equally
          if (i % 2 == 0) {
            harness[i] = harnessRun(loaded, request);
            direct[i] = bareRun(bare, prompt, output, reference);
          } else {
            direct[i] = bareRun(bare, prompt, output, reference);
            harness[i] = harnessRun(loaded, request);
          }
        }
        double ratio = mean(harness) / mean(direct);
        double[] ci = bootstrapRatioCi(harness, direct, 2000, 42);
        System.out.printf("model=%s layout=%s prompt=%d output=%d threads=%d requests=%d%n", model,
            loaded.effectiveSettings().get("layout"), promptLength, output, threads, requests);
        System.out.printf("harness E2E mean %.3f ms (median %.3f), bare loop mean %.3f ms (median %.3f)%n",
            mean(harness) / 1e6, median(harness) / 1e6, mean(direct) / 1e6, median(direct) / 1e6);
        System.out.printf("ratio of means harness/bare = %.4f, 95%% bootstrap CI [%.4f, %.4f]%n", ratio, ci[0], ci[1]);
        System.out.printf("ratio of medians harness/bare = %.4f; CV harness %.1f %%, bare %.1f %%%n",
            median(harness) / median(direct), 100 * cv(harness), 100 * cv(direct));
      }
    }
  }

  private static double harnessRun(LoadedModel m, Request r) throws Exception {
    TokenTimeline t = RequestTimer.time(m, r);
    return t.e2eNanos();
  }

  private static double bareRun(BareGreedyLoop bare, int[] prompt, int output, int[] reference) throws Exception {
    long t0 = System.nanoTime();
    int[] out = bare.generate(prompt, output);
    long t1 = System.nanoTime();
    if (!Arrays.equals(out, reference)) throw new IllegalStateException("bare loop is not deterministic");
    return t1 - t0;
  }


  static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  static double cv(double[] x) {
    double m = mean(x);
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    return Math.sqrt(ss / (x.length - 1)) / m;
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return percentile(s, 0.5);
  }

  /** R-7 percentile of sorted data. */
  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Percentile bootstrap of mean(a)/mean(b), resampling each sample independently. */
  static double[] bootstrapRatioCi(double[] a, double[] b, int resamples, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] ratios = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sa = 0;
      double sb = 0;
      for (int i = 0; i < a.length; i++) sa += a[rnd.nextInt(a.length)];
      for (int i = 0; i < b.length; i++) sb += b[rnd.nextInt(b.length)];
      ratios[r] = (sa / a.length) / (sb / b.length);
    }
    Arrays.sort(ratios);
    return new double[] {percentile(ratios, 0.025), percentile(ratios, 0.975)};
  }
}
