/** Refusals a client can cause, each carrying the stable error code it is answered with. */
package io.monorail.ws.domain.error;
