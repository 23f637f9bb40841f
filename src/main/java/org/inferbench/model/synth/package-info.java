/**
 * Writers of random-weight models laid out exactly like Hugging Face Optimum ONNX exports, so that latency can be
 * measured without downloading weights. Nothing in this package is null unless its documentation says so.
 */
package org.inferbench.model.synth;
