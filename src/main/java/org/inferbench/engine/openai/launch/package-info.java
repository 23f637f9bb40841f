/**
 * Servers InferBench starts itself: a configuration's server command, its placeholders filled from the
 * configuration's settings and a port picked here, run in a process group of its own, waited for until it serves,
 * and stopped as a group once the configuration is measured.
 */
package org.inferbench.engine.openai.launch;
