/**
 * Cluster mode (ADR 13): several gateway instances read one event stream in one order, so that any
 * of them can recompute a session's messages from a checkpoint and resume it.
 */
package io.monorail.ws.domain.cluster;
