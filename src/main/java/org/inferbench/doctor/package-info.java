/** {@code inferbench doctor}: what on this machine will move the numbers, read before measuring. */
package org.inferbench.doctor;
