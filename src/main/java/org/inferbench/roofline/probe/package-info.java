/**
 * {@code inferbench probe}: the machine's memory read bandwidth and peak fp32 MatMul throughput, cached per
 * environment and thread count. Nothing here is null unless documented.
 */
package org.inferbench.roofline.probe;
