package org.inferbench.model;

import java.util.List;
import java.util.Map;
import org.inferbench.core.ModelFacts;

/**
 * What a model file or directory holds, read without loading it ({@code inferbench inspect}).
 *
 * @param format the model format's name
 * @param architecture the model family as the file names it
 * @param parameters weights stored (a tied or duplicated matrix as often as the file stores it)
 * @param contextLength the longest context the model was trained for
 * @param fileType the weight type, and where it was read from (metadata or the file name)
 * @param tensorTypes per storage type: {tensors, elements, bytes}; empty where the format does not tell
 * @param fileBytes the files' total size
 * @param facts dimensions and bytes per weight, for the per-token byte counts
 * @param notes anything the reader wants said (what a figure assumes)
 */
public record Inspection(String format, String architecture, long parameters, int contextLength, String fileType,
    Map<String, long[]> tensorTypes, long fileBytes, ModelFacts facts, List<String> notes) {
  public Inspection {
    tensorTypes = Map.copyOf(tensorTypes);
    notes = List.copyOf(notes);
  }
}
