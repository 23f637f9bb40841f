package org.inferbench.serve;

/**
 * What the server says of itself at /v1/models and /version.
 *
 * @param name the model name clients must send ({@code --model} as given)
 * @param maxPositions the longest prompt + output the model takes
 */
public record ServedModel(String name, String engine, String engineVersion, int maxPositions) {}
