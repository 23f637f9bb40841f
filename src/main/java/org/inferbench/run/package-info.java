/**
 * Running configurations: the planner that checks them before anything is measured, sessions in this JVM or in
 * a worker JVM, the scheduler (sequential, interleaved, shuffled; fixed or adaptive counts) and the builder of
 * result records. Parameters are non-null unless documented otherwise.
 */
package org.inferbench.run;
