/**
 * Model descriptions: Hugging Face configs, presets, and resolving a {@code --model} argument to ONNX files.
 * Nothing in this package is null unless its documentation says so.
 */
package org.inferbench.model;
