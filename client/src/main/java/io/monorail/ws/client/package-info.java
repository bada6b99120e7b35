/**
 * Java client of the monorail-ws protocol: {@link io.monorail.ws.client.MonorailClient} and its
 * value types. Depends on the protocol module and Jetty's WebSocket client, nothing of the server.
 */
package io.monorail.ws.client;
