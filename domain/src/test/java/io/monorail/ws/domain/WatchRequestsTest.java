package io.monorail.ws.domain;

import static io.monorail.ws.domain.RequestsFixture.object;
import static io.monorail.ws.domain.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class WatchRequestsTest {
    private final RequestsFixture fixture = new RequestsFixture();
    private final WatchRequests watches = fixture.watches();

    @Test
    void watch_bindsOnceAndRecordsTheWatchInTheSession() throws Exception {
        ClientState client = fixture.client();

        watches.watch(client, request("watch", "type", "nodes", "params", object("id", "n1")))
                .join();
        watches.watch(client, request("watch", "type", "nodes", "params", object("id", "n1")))
                .join();

        assertThat(client.session().watchCount()).isEqualTo(1);
        assertThat(fixture.feed.bindings())
                .containsExactly(new TopicBinding("on.waterline", "nodes.*.n1"));
    }

    @Test
    void watchOnTheChannel_usesTheChannelsResource() throws Exception {
        ClientState client = fixture.client("skus", io.monorail.ws.domain.port.Principal.ANONYMOUS);

        watches.watch(client, request("watch")).join();

        assertThat(fixture.feed.bindings())
                .containsExactly(new TopicBinding("on.waterline", "skus.#"));
    }

    @Test
    void beyondTheWatchLimit_isTooManyWatches_andBindsNothingMore() throws Exception {
        ClientState client = fixture.client();
        watches.watch(client, request("watch", "type", "nodes")).join();
        watches.watch(client, request("watch", "type", "skus")).join();

        assertThatThrownBy(() -> watches.watch(client, request("watch", "type", "catalogs")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_WATCHES));
        assertThat(fixture.feed.bindings()).hasSize(2);
    }

    @Test
    void snapshotOfATopic_isBadParams_beforeAnythingIsBound() {
        ClientState client = fixture.client();

        assertThatThrownBy(
                        () ->
                                watches.watch(
                                        client, request("watch", "type", "logs", "snapshot", true)))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_PARAMS));
        assertThat(fixture.feed.bindings()).isEmpty();
    }

    @Test
    void busDown_isAnsweredBusUnavailable_andLeavesNoWatch() throws Exception {
        ClientState client = fixture.client();
        fixture.feed.setAvailable(false);

        watches.watch(client, request("watch", "type", "nodes")).join();

        assertThat(client.session().watchCount()).isZero();
        assertThat(RequestsFixture.connectionOf(client).sent())
                .singleElement()
                .asString()
                .contains("\"code\":\"bus_unavailable\"");
    }

    @Test
    void stop_endsTheWatchWithTheSameParams_orEveryWatchOfTheType() throws Exception {
        ClientState client = fixture.client();
        watches.watch(client, request("watch", "type", "nodes", "params", object("id", "a")))
                .join();
        watches.watch(client, request("watch", "type", "nodes", "params", object("id", "b")))
                .join();

        watches.stop(client, request("stop", "type", "nodes", "params", object("id", "a")));
        assertThat(fixture.feed.bindings())
                .containsExactly(new TopicBinding("on.waterline", "nodes.*.b"));
        watches.stop(client, request("stop", "type", "nodes"));
        assertThat(fixture.feed.bindings()).isEmpty();
        assertThat(client.session().watchCount()).isZero();
    }
}
