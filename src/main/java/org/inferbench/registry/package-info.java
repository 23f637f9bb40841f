/** The engines found on the class path, by name; kept apart from the SPI so the SPI names no engine. */
package org.inferbench.registry;
