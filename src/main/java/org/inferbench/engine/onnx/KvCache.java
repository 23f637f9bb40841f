package org.inferbench.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The past keys/values of one request as the native tensors ORT returned: a step's present.* outputs are handed
 * to the next step as past_key_values.* without passing through the Java heap. A step's Result stays open while
 * any of its tensors is still a past (a split decoder keeps the cross-attention cache of the first step), and is
 * closed as soon as none is.
 */
final class KvCache implements AutoCloseable {
  private final Map<String, OnnxTensor> past = new HashMap<>();
  private final Map<String, Result> owner = new HashMap<>();
  private final List<Result> live = new ArrayList<>();

  OnnxTensor get(String pastName) {
    return past.get(pastName);
  }

  boolean isEmpty() {
    return past.isEmpty();
  }

  /** Takes every present.* output of a finished step as the next step's past, then frees what is no longer used. */
  void update(Result result, List<String> presentOutputs) {
    boolean used = false;
    for (String present : presentOutputs) {
      OnnxValue v = result.get(present).orElse(null);
      if (v instanceof OnnxTensor t) {
        String name = GraphSession.pastFor(present);
        past.put(name, t);
        owner.put(name, result);
        used = true;
      }
    }
    if (used) live.add(result);
    else result.close();
    Set<Result> referenced = Collections.newSetFromMap(new IdentityHashMap<>());
    referenced.addAll(owner.values());
    for (var it = live.iterator(); it.hasNext(); ) {
      Result r = it.next();
      if (!referenced.contains(r)) {
        r.close();
        it.remove();
      }
    }
  }

  @Override
  public void close() {
    for (Result r : live) r.close();
    live.clear();
    past.clear();
    owner.clear();
  }
}
