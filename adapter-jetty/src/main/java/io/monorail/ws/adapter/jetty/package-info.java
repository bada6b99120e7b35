/**
 * Jetty 12 transport: WebSocket connections to the gateway's {@code ClientGateway} and the plain
 * HTTP endpoints, on one port.
 */
package io.monorail.ws.adapter.jetty;
