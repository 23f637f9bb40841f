/**
 * Roofline analysis: analytic bytes and FLOPs of transformer passes ({@link org.inferbench.roofline.RooflineCounts})
 * and MBU/MFU against the machine's measured roofs ({@link org.inferbench.roofline.Roofline}). Nothing here is
 * null unless documented.
 */
package org.inferbench.roofline;
