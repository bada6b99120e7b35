package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed watches: events routed to the right listener by ref, errors, closing, sharing. */
class TypedWatchTest extends GatewayTestSupport {

    @Test
    void collectionWatch_getsCreatedUpdatedDestroyed_routedByRef() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder catalogs = new Recorder();
        Recorder nodes = new Recorder();

        Watch catalogWatch = client.watch("catalogs", Map.of("node", "n1"), catalogs);
        client.watch("nodes", json("{'type':'compute'}"), nodes);
        Message catalogRequest = connection.next("watch");
        Message nodeRequest = connection.next("watch");
        String catalogRef = catalogRequest.ref().asText();
        String nodeRef = nodeRequest.ref().asText();
        assertThat(catalogRequest.type()).isEqualTo("catalogs");
        assertThat(catalogRequest.params()).isEqualTo(json("{'node':'n1'}"));
        assertThat(catalogRef).startsWith("w-").isNotEqualTo(nodeRef);

        connection.send(
                "{'handler':'item','type':'catalogs','id':['created','c1'],'data':{'id':'c1'},'seq':1,'ref':'"
                        + catalogRef
                        + "'}");
        connection.send(
                "{'handler':'item','type':'nodes','id':['updated','n1'],'data':{'id':'n1'},'seq':2,'ref':'"
                        + nodeRef
                        + "'}");
        connection.send(
                "{'handler':'item','type':'catalogs','id':['updated','c1'],'data':{'id':'c1','v':2},'seq':3,'ref':'"
                        + catalogRef
                        + "'}");
        connection.send(
                "{'handler':'remove','type':'catalogs','id':'c1','params':{'id':'c1'},'data':{'id':'c1'},'seq':4,'ref':'"
                        + catalogRef
                        + "'}");

        assertThat(catalogs.nextLine()).isEqualTo("created c1 {\"id\":\"c1\"}");
        assertThat(catalogs.nextLine()).isEqualTo("updated c1 {\"id\":\"c1\",\"v\":2}");
        assertThat(catalogs.nextLine()).isEqualTo("destroyed c1 {\"id\":\"c1\"}");
        assertThat(nodes.nextLine()).isEqualTo("updated n1 {\"id\":\"n1\"}");
        assertThat(nodes.noLines()).isTrue();
        assertThat(catalogWatch.isActive()).isTrue();
        assertThat(catalogWatch.type()).isEqualTo("catalogs");
    }

    @Test
    void leaveAndOtherRecordEvents_reachTheirCallbacks_andDefaultToDestroyedAndUpdated()
            throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder byDefault = new Recorder();
        java.util.concurrent.BlockingQueue<String> specific =
                new java.util.concurrent.LinkedBlockingQueue<>();
        client.watch("nodes", json("{'type':'compute'}"), byDefault);
        client.watch(
                "nodes",
                json("{'type':'switch'}"),
                new WatchListener() {
                    @Override
                    public void left(String id, com.fasterxml.jackson.databind.JsonNode data) {
                        specific.add("left " + id);
                    }

                    @Override
                    public void changed(
                            String event, String id, com.fasterxml.jackson.databind.JsonNode data) {
                        specific.add(event + " " + id);
                    }
                });
        String computeRef = connection.next("watch").ref().asText();
        String switchRef = connection.next("watch").ref().asText();

        for (String ref : new String[] {computeRef, switchRef}) {
            connection.send(
                    "{'handler':'remove','type':'nodes','id':'n1','params':{'id':'n1'},'data':{'id':'n1'},'reason':'leave','ref':'"
                            + ref
                            + "'}");
            connection.send(
                    "{'handler':'item','type':'nodes','id':['tag-added','n2'],'data':{'id':'n2'},'ref':'"
                            + ref
                            + "'}");
        }

        assertThat(byDefault.nextLine()).isEqualTo("destroyed n1 {\"id\":\"n1\"}");
        assertThat(byDefault.nextLine()).isEqualTo("updated n2 {\"id\":\"n2\"}");
        assertThat(
                        specific.poll(
                                FakeGateway.WAIT.toMillis(),
                                java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo("left n1");
        assertThat(
                        specific.poll(
                                FakeGateway.WAIT.toMillis(),
                                java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo("tag-added n2");
    }

    @Test
    void topicWatch_getsEventsWithTheRoutingKey() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder workflows = new Recorder();

        client.watch("mq", Map.of("exchange", "on.events", "routingKey", "graph.#"), workflows);
        String ref = connection.next("watch").ref().asText();
        connection.send(
                "{'handler':'item','type':'mq','id':'graph.started.5f1c','data':{'graphId':'5f1c'},'seq':1,'ref':'"
                        + ref
                        + "'}");
        connection.send(
                "{'handler':'item','type':'mq','id':'graph.log','data':'plain text','seq':2,'ref':'"
                        + ref
                        + "'}");

        assertThat(workflows.nextLine())
                .isEqualTo("event graph.started.5f1c {\"graphId\":\"5f1c\"}");
        assertThat(workflows.nextLine()).isEqualTo("event graph.log \"plain text\"");
    }

    @Test
    void snapshotWatch_asksForASnapshot_andGetsTheListFirst() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder nodes = new Recorder();

        client.watchWithSnapshot("nodes", json("{}"), nodes);
        Message request = connection.next("watch");
        assertThat(request.flag("snapshot")).isTrue();
        connection.send(
                "{'handler':'list','type':'nodes','items':[{'id':'n1'}],'seq':1,'ref':'"
                        + request.ref().asText()
                        + "'}");

        assertThat(nodes.nextLine()).isEqualTo("snapshot [{\"id\":\"n1\"}]");
    }

    @Test
    void aRefusedWatch_reportsTheError_andEnds() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder listener = new Recorder();

        Watch watch = client.watch("mq", Map.of("exchange", "secret"), listener);
        connection.reply(
                connection.next("watch"),
                "{'handler':'error','type':'mq','params':{'code':'forbidden','message':'exchange not allowed'}}");

        MonorailException error = listener.nextError();
        assertThat(error.code()).contains(ErrorCode.FORBIDDEN);
        assertThat(watch.isActive()).isFalse();
    }

    @Test
    void close_sendsStopWithTheSameTypeAndParams() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        Watch watch = client.watch("catalogs", Map.of("node", "n1"), new Recorder());
        connection.next("watch");
        watch.close();

        Message stop = connection.next("stop");
        assertThat(stop.type()).isEqualTo("catalogs");
        assertThat(stop.params()).isEqualTo(json("{'node':'n1'}"));
        assertThat(watch.isActive()).isFalse();
    }

    @Test
    void closingAWatchOfEverything_stopsOnlyIt_withEmptyParams() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        Watch watch =
                client.watch(
                        "nodes", (com.fasterxml.jackson.databind.JsonNode) null, new Recorder());
        assertThat(connection.next("watch").params()).isNull();
        watch.close();

        // Without params, stop would end every watch of the type.
        assertThat(connection.next("stop").params()).isEqualTo(json("{}"));
    }

    @Test
    void watchesWithTheSameTypeAndParams_shareOneServerWatch_untilTheLastCloses() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder first = new Recorder();
        Recorder second = new Recorder();

        Watch firstWatch = client.watch("nodes", json("{'a':1,'b':2}"), first);
        Watch secondWatch = client.watch("nodes", json("{'b':2,'a':1}"), second);
        String ref = connection.next("watch").ref().asText();
        connection.send(
                "{'handler':'item','type':'nodes','id':['created','n1'],'data':{},'seq':1,'ref':'"
                        + ref
                        + "'}");
        assertThat(first.nextLine()).isEqualTo("created n1 {}");
        assertThat(second.nextLine()).isEqualTo("created n1 {}");

        firstWatch.close();
        client.all("probe"); // a round trip: had a stop been sent, it would come first
        assertThat(connection.next().handler()).isEqualTo("all");
        secondWatch.close();
        assertThat(connection.next("stop").params()).isEqualTo(json("{'a':1,'b':2}"));
    }

    @Test
    void aRawStop_endsTypedWatchesOfTheType() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");

        Watch watch = client.watch("logs", Map.of("level", "info"), new Recorder());
        connection.next("watch");
        client.stop("logs");

        Message stop = connection.next("stop");
        assertThat(stop.type()).isEqualTo("logs");
        assertThat(stop.params()).isNull();
        client.all("probe");
        connection.next("all");
        assertThat(watch.isActive()).isFalse();
    }
}
