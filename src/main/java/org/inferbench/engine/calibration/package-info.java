/** The calibration engine: a deterministic instrument that spends configured costs, to prove the harness exact. */
package org.inferbench.engine.calibration;
