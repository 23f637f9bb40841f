/**
 * Server-Sent Events as the WHATWG HTML standard interprets an event stream, incrementally: bytes go in as the
 * network delivers them, in any split, and each event comes out stamped with the arrival time of the read that
 * completed it. Nothing here knows what the data means or which server sent it. Nothing in this package is null
 * unless its documentation says so.
 */
package org.inferbench.engine.openai.sse;
