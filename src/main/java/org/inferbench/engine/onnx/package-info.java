/**
 * The {@code onnx} engine and the {@code onnx} model format: ONNX Runtime's Java API over Hugging Face Optimum ONNX
 * exports (a model directory, resolved here) or synthesised presets. Encoders run one forward pass per request;
 * decoders and encoder-decoders decode greedily, with the key/value cache handed from step to step as native
 * tensors, or (kv-cache=off) rerunning the sequence. Nothing in this package is null unless its documentation says
 * so.
 */
package org.inferbench.engine.onnx;
