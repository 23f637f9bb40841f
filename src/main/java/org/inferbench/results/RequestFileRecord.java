package org.inferbench.results;

/**
 * The request file a configuration replayed ({@code workload.request_file}, schema 4).
 *
 * @param name the file's name as given (not keyed: a renamed copy is the same workload)
 * @param sha256 the content's SHA-256, its identity in the config_key
 * @param requests how many requests it holds (measured requests cycle through them)
 */
public record RequestFileRecord(String name, String sha256, int requests) {}
