/**
 * Models as files, whatever the engine: Hugging Face configs and presets, the {@link org.inferbench.model.ModelFormat}
 * interface (write a model with random weights, name its cache entry, say what its files hold) and the cache that
 * keeps written models. Nothing in this package is null unless its documentation says so.
 */
package org.inferbench.model;
