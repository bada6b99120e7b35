package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** queryAsync, allAsync and getAsync: answers correlated by ref, failures as MonorailException. */
class TypedRequestsTest extends GatewayTestSupport {

    @Test
    void queryAsync_isCorrelatedByRef_whateverTheOrderOfAnswers() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> first = client.queryAsync("nodes", Map.of("sku", "a"));
        CompletableFuture<List<JsonNode>> second = client.queryAsync("nodes", Map.of("sku", "b"));
        Message firstRequest = connection.next("query");
        Message secondRequest = connection.next("query");
        assertThat(firstRequest.ref()).isNotEqualTo(secondRequest.ref());

        connection.reply(secondRequest, "{'handler':'list','type':'nodes','items':[{'id':'b1'}]}");
        connection.reply(
                firstRequest,
                "{'handler':'list','type':'nodes','items':[{'id':'a1'},{'id':'a2'}]}");

        assertThat(await(first)).containsExactly(json("{'id':'a1'}"), json("{'id':'a2'}"));
        assertThat(await(second)).containsExactly(json("{'id':'b1'}"));
    }

    @Test
    void queryAsync_failsWithTheCodeOfAnErrorFrame() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> answer =
                client.queryAsync("nodes", json("{'name':{'$where':'1'}}"));
        connection.reply(
                connection.next("query"),
                "{'handler':'error','type':'nodes','params':{'code':'forbidden_operator','message':'$where is not allowed'}}");

        MonorailException failure = failureOf(() -> await(answer));
        assertThat(failure.reason()).isEqualTo(MonorailException.Reason.ERROR_FRAME);
        assertThat(failure.code()).contains(ErrorCode.FORBIDDEN_OPERATOR);
        assertThat(failure.wireCode()).contains("forbidden_operator");
        assertThat(failure.getMessage()).contains("$where is not allowed");
    }

    @Test
    void queryAsync_sendsLimitSkipSortAndFields() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        client.queryAsync(
                "nodes",
                json("{'type':'compute'}"),
                QueryOptions.none()
                        .limit(10)
                        .skip(20)
                        .sort(Map.of("name", 1))
                        .fields(Map.of("id", 1)));

        Message query = connection.next("query");
        assertThat(query.get("limit").asInt()).isEqualTo(10);
        assertThat(query.get("skip").asInt()).isEqualTo(20);
        assertThat(query.get("sort")).isEqualTo(json("{'name':1}"));
        assertThat(query.get("fields")).isEqualTo(json("{'id':1}"));
        client.queryAsync("nodes", null, QueryOptions.none().fields("id", "name"));
        assertThat(connection.next("query").get("fields")).isEqualTo(json("['id','name']"));
    }

    @Test
    void getAsync_givesTheItem_orEmptyOnRemove() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<Optional<JsonNode>> found = client.getAsync("nodes", Map.of("id", "n1"));
        CompletableFuture<Optional<JsonNode>> missing =
                client.getAsync("nodes", Map.of("id", "n9"));
        connection.reply(
                connection.next("get"),
                "{'handler':'item','type':'nodes','id':'n1','data':{'id':'n1','name':'rack-1'}}");
        connection.reply(
                connection.next("get"),
                "{'handler':'remove','type':'nodes','id':'n9','params':{'id':'n9'}}");

        assertThat(await(found)).contains(json("{'id':'n1','name':'rack-1'}"));
        assertThat(await(missing)).isEmpty();
    }

    @Test
    void allAsync_failsOnAReplyThatDoesNotFit() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> answer = client.allAsync("nodes");
        connection.reply(
                connection.next("all"), "{'handler':'item','type':'nodes','id':'x','data':{}}");

        assertThat(failureOf(() -> await(answer)).reason())
                .isEqualTo(MonorailException.Reason.UNEXPECTED_REPLY);
    }

    @Test
    void requests_failAfterTheRequestTimeout() throws Exception {
        MonorailClient client = client(builder().requestTimeout(Duration.ofMillis(100)));
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> answer = client.allAsync("nodes");
        connection.next("all"); // and never answered

        assertThat(failureOf(() -> answer.get(5, TimeUnit.SECONDS)).reason())
                .isEqualTo(MonorailException.Reason.TIMEOUT);
    }

    @Test
    void requestsInFlight_failWhenTheConnectionDrops() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> answer = client.allAsync("nodes");
        connection.next("all");
        connection.drop();

        assertThat(failureOf(() -> await(answer)).reason())
                .isEqualTo(MonorailException.Reason.CONNECTION_LOST);
    }

    @Test
    void requestsNotAnswered_failOnDisconnect() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<List<JsonNode>> answer = client.allAsync("nodes");
        connection.next("all");
        client.disconnect();

        assertThat(failureOf(() -> await(answer)).reason())
                .isEqualTo(MonorailException.Reason.CLOSED);
    }

    @Test
    void deeplyNestedDocuments_areAccepted() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        String deep = "{'a':".repeat(100) + "1" + "}".repeat(100);

        CompletableFuture<Optional<JsonNode>> answer =
                client.getAsync("catalogs", Map.of("id", "c1"));
        connection.reply(
                connection.next("get"),
                "{'handler':'item','type':'catalogs','id':'c1','data':" + deep + "}");

        assertThat(await(answer)).contains(json(deep));
    }

    @Test
    void futures_completeOnTheEventThread() throws Exception {
        MonorailClient client = client(builder().name("futures-client"));
        FakeConnection connection = connectReady(client, "s-1");

        CompletableFuture<String> thread =
                client.allAsync("nodes").thenApply(items -> Thread.currentThread().getName());
        connection.reply(connection.next("all"), "{'handler':'list','type':'nodes','items':[]}");

        assertThat(await(thread)).isEqualTo("futures-client-events");
    }

    private static MonorailException failureOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(MonorailException.class);
        return (MonorailException) thrown.getCause();
    }
}
