package org.inferbench.run;

import java.util.Arrays;
import org.inferbench.core.BadInputException;
import org.inferbench.engine.Capability;
import org.inferbench.engine.Generation;
import org.inferbench.engine.LoadedModel;
import org.inferbench.engine.PromptTokenizer;
import org.inferbench.engine.Request;
import org.inferbench.registry.EngineRegistry;
import org.inferbench.workload.Configuration;
import org.inferbench.workload.PromptStream;
import org.inferbench.workload.Prompts;
import org.inferbench.workload.RecordedRequest;
import org.inferbench.workload.RequestInput;
import org.inferbench.workload.RequestSource;
import org.inferbench.workload.RunParams;

/**
 * Builds the engine's request for each request of a configuration, outside its clock, from what its
 * {@link RequestSource} asks for: seeded random ids of the length (the usual prompt), the workload's texts fitted to
 * it ({@code --prompt-text}, {@code --prompt-file}), or a request file's text as it is — with its ids by the model's
 * tokenizer, or none for an engine that sends the text to a server (which counts it). Where every request asks for
 * the same lengths, the one request is built once and shared.
 */
final class RequestMaker {
  private final Plan plan;
  private final LoadedModel model;
  private final RequestSource source;
  private final String[] texts;
  private final int[][] textIds;
  private final boolean sendsText;
  private final Request fixed;
  private final PromptStream stream;

  RequestMaker(Plan plan, LoadedModel model) throws Exception {
    this.plan = plan;
    this.model = model;
    Configuration c = plan.configuration();
    RunParams p = c.params();
    this.source = RequestSource.of(p, c.prompt(), plan.output());
    if (p.promptText() != null || p.promptFile() != null) {
      PromptTokenizer tok = tokenizer("--prompt-text");
      texts = Prompts.texts(p, c.batch());
      textIds = Prompts.encode(tok, texts);
    } else {
      texts = null;
      textIds = null;
    }
    this.sendsText = EngineRegistry.get(c.engine()).capabilities().contains(Capability.STREAMING);
    this.fixed = source.varies() ? null : build(source.at(0));
    this.stream = PromptStream.of(c, plan.output());
  }

  /**
   * The request of number {@code index} in its phase (warm-up or measured), sent after the ones before it: its
   * prompt draw is the stream's next (a cold request, the warm-ups and the measured ones each draw their own).
   */
  Request at(long index) throws Exception {
    return (fixed != null ? fixed : build(source.at(index))).withDraw(stream.next());
  }

  /**
   * The same, with the draw of a load generator's request {@code sent} (its number among all it sends: warm-ups
   * first), so that the same request of two arms draws the same prompt whatever order their threads ran in.
   */
  Request at(long index, long sent) throws Exception {
    return (fixed != null ? fixed : build(source.at(index))).withDraw(stream.draw(sent));
  }

  /** The workload's prompt texts, one per sequence, or null (for tokenization inside TTFT). */
  String[] texts() {
    return texts;
  }

  private Request build(RequestInput in) throws Exception {
    Configuration c = plan.configuration();
    boolean eos = c.params().stopAtEos();
    if (in.text() != null) {
      int[] ids = sendsText && model.tokenizer() == null ? new int[0] : tokenizer("--request-file").encode(in.text());
      if (ids.length == 0 && !sendsText) {
        throw new BadInputException("--request-file: the tokenizer made no tokens of '" + in.text() + "'");
      }
      int[][] batch = new int[c.batch()][];
      Arrays.fill(batch, ids);
      return new Request(batch, in.output(), eos, in.text());
    }
    if (textIds != null) return new Request(Prompts.fit(textIds, in.prompt()), in.output(), eos);
    return new Request(Prompts.random(c.params().seed(), c.batch(), in.prompt(), plan.info().vocabSize(),
        plan.info().specialTokens()), in.output(), eos);
  }

  private PromptTokenizer tokenizer(String flag) throws BadInputException {
    PromptTokenizer tok = model.tokenizer();
    if (tok == null) {
      throw new BadInputException(flag + ": engine " + plan.configuration().engine() + " has no tokenizer for "
          + plan.configuration().model().label());
    }
    return tok;
  }

  /**
   * The length of the prompt a request sent: the harness's own count (the ids it built or tokenized), else the
   * engine's once the request ended (a server's usage, for text nothing here could count), else the text's words.
   */
  static int promptTokens(Request request, Generation ended) {
    if (request.promptLength() > 0 || request.promptText() == null) return request.promptLength();
    int counted = ended == null ? -1 : ended.countedPromptTokens();
    return counted >= 0 ? counted : RecordedRequest.words(request.promptText());
  }
}
