package de.kherud.llama;

import java.lang.reflect.Field;

/**
 * InferBench's door to the package-private calls of de.kherud:llama 4.2.0 that take a llama-server request as JSON.
 * The public API cannot send a prompt as token ids (InferenceParameters.setPrompt writes a JSON string, which the
 * native side tokenizes again), while the native requestCompletion hands {@code "prompt": [ids]} to llama-server's
 * tokenize_input_prompts, which keeps an array of numbers as the tokens themselves (no BOS added; binding sources
 * LlamaModel.java and src/main/cpp/jllama.cpp, utils.hpp at v4.2.0). Nothing here changes what the calls do.
 */
public final class RawCompletions {
  private RawCompletions() {}

  /** Queues a completion task from a llama-server completion request; returns the task id. */
  public static int request(LlamaModel model, String requestJson) {
    return model.requestCompletion(requestJson);
  }

  /**
   * Waits for the task's next result: with {@code "stream": true} one per token whose text is complete UTF-8 (a
   * token ending in an incomplete sequence is held back and sent with the next), then one last result with empty
   * text that only says the task ended (server.hpp send_partial_response / send_final_response).
   */
  public static LlamaOutput next(LlamaModel model, int task) {
    return model.receiveCompletion(task);
  }

  /** Whether this is the task's last result (LlamaOutput.stop is package-private). */
  public static boolean last(LlamaOutput output) {
    return output.stop;
  }

  /** Stops a task still running and forgets its results. */
  public static void cancel(LlamaModel model, int task) {
    model.cancelCompletion(task);
  }

  /** Whether the exception is the binding's own LlamaException (a package-private class). */
  public static boolean fromBinding(Throwable e) {
    return e instanceof LlamaException;
  }

  /**
   * Whether the model holds a native server. loadModel returns without a server and without throwing when
   * llama.cpp's argument parser rejects an argument (jllama.cpp: {@code if (!parsed_params) return;}); every later
   * call would then dereference a null pointer.
   */
  public static boolean loaded(LlamaModel model) {
    try {
      Field ctx = LlamaModel.class.getDeclaredField("ctx");
      ctx.setAccessible(true);
      return ctx.getLong(model) != 0;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true; // a binding without the field: nothing to check
    }
  }
}
