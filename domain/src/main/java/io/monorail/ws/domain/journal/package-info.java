/**
 * The journal of recently sent watch frames, kept once for every session: what a resume replays.
 */
package io.monorail.ws.domain.journal;
