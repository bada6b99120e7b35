package io.monorail.ws.app.demo;

import static io.monorail.ws.app.demo.RackHdWriter.doc;
import static io.monorail.ws.app.demo.RackHdWriter.list;

import io.monorail.ws.protocol.NamedThreads;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: RackHD-like activity at a modest rate, written to the store and published on the
 * bus as RackHD's services do, so that a new user sees things happen within seconds: nodes
 * discovered (with catalogs and a SKU), discovery workflows started, their tasks finishing, the
 * workflows finishing, and log lines throughout. Old nodes are removed so the data stays small.
 */
public final class DemoActivity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoActivity.class);
    private static final int MAX_NODES = 25;
    private static final List<String> TASKS =
            List.of("Catalog DMI", "Catalog LLDP", "Catalog BMC", "Assign SKU", "Set Node Status");

    private final RackHdWriter writer;
    private final Duration tick;
    private final Random random = new Random();
    private final Deque<Document> nodes = new ArrayDeque<>();
    private final Deque<Workflow> running = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("monorail-demo"));
    private Document sku;
    private long ticks;

    public DemoActivity(String mongoUri, String database, URI amqpUri, Duration tick)
            throws IOException {
        this.writer = new RackHdWriter(mongoUri, database, amqpUri);
        this.tick = tick;
    }

    /** Starts producing activity in the background. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::safeStep, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeStep() {
        try {
            step();
        } catch (IOException | RuntimeException e) {
            LOG.warn("demo step failed (will retry): {}", e.toString());
        }
    }

    /** One moment of activity. */
    void step() throws IOException {
        ticks++;
        if (ticks % 3 == 1) {
            discoverNode();
        }
        for (Workflow workflow : List.copyOf(running)) {
            workflow.advance();
        }
        if (nodes.size() > MAX_NODES) {
            retire(nodes.removeFirst());
        }
    }

    private void discoverNode() throws IOException {
        String mac = mac();
        Document node =
                writer.create(
                        "nodes",
                        doc(
                                "name", mac,
                                "type", "compute",
                                "identifiers", list(mac),
                                "obms", list(),
                                "relations", list(),
                                "tags", list(),
                                "autoDiscover", true));
        ObjectId nodeId = node.getObjectId("_id");
        writer.publish(
                "on.events",
                "node.discovered." + nodeId.toHexString(),
                Map.of("nodeId", nodeId.toHexString(), "type", "compute"));
        log("info", "Node discovered", nodeId, null);
        nodes.addLast(node);
        running.addLast(new Workflow(node));
    }

    private void retire(Document node) throws IOException {
        writer.destroy("nodes", node);
        log("info", "Node removed", node.getObjectId("_id"), null);
    }

    private Document sku() throws IOException {
        if (sku == null) {
            sku =
                    writer.create(
                            "skus",
                            doc(
                                    "name", "Dell PowerEdge R630",
                                    "rules",
                                            list(
                                                    doc(
                                                            "path",
                                                            "dmi.System Information.Product Name",
                                                            "contains",
                                                            "R630")),
                                    "discoveryGraphName", "Graph.Discovery"));
        }
        return sku;
    }

    private void log(String level, String message, ObjectId nodeId, String graphId)
            throws IOException {
        Document context = doc("id", nodeId.toHexString());
        if (graphId != null) {
            context.put("graphId", graphId);
        }
        writer.publish(
                "on.logging",
                level,
                Map.of(
                        "name",
                        "on-taskgraph",
                        "host",
                        "monorail-demo",
                        "module",
                        "demo",
                        "level",
                        level,
                        "message",
                        message,
                        "context",
                        context,
                        "timestamp",
                        Instant.now().toString(),
                        "subject",
                        nodeId.toHexString()));
    }

    private String mac() {
        StringBuilder mac = new StringBuilder("52:54:00");
        for (int i = 0; i < 3; i++) {
            mac.append(':').append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
        }
        return mac.toString();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        writer.close();
    }

    /** A discovery workflow running on one node: one task per step. */
    private final class Workflow {
        private final Document node;
        private final ObjectId nodeId;
        private Document graph;
        private int done;

        Workflow(Document node) {
            this.node = node;
            this.nodeId = node.getObjectId("_id");
        }

        void advance() throws IOException {
            if (graph == null) {
                start();
            } else if (done < TASKS.size()) {
                finishTask(TASKS.get(done++));
            } else {
                finish();
            }
        }

        private void start() throws IOException {
            String instanceId = UUID.randomUUID().toString();
            graph =
                    writer.create(
                            "graphobjects",
                            doc(
                                    "instanceId", instanceId,
                                    "name", "Graph.Discovery",
                                    "injectableName", "Graph.Discovery",
                                    "node", nodeId,
                                    "_status", "running"));
            writer.publish(
                    "on.events",
                    "graph.started." + instanceId,
                    Map.of(
                            "graphId",
                            instanceId,
                            "graphName",
                            "Graph.Discovery",
                            "status",
                            "running",
                            "nodeId",
                            nodeId.toHexString()));
            log("info", "Graph.Discovery started", nodeId, instanceId);
        }

        private void finishTask(String taskName) throws IOException {
            String graphId = graph.getString("instanceId");
            String taskId = UUID.randomUUID().toString();
            if (taskName.startsWith("Catalog ")) {
                String source = taskName.substring("Catalog ".length()).toLowerCase(Locale.ROOT);
                writer.create(
                        "catalogs",
                        doc("node", nodeId, "source", source, "data", catalogData(source)));
            }
            if (taskName.equals("Assign SKU")) {
                node.put("sku", sku().getObjectId("_id"));
                writer.update("nodes", node);
            }
            writer.publish(
                    "on.events",
                    "default.task.finished",
                    Map.of(
                            "taskId",
                            taskId,
                            "taskName",
                            taskName,
                            "graphId",
                            graphId,
                            "graphName",
                            "Graph.Discovery",
                            "state",
                            "succeeded",
                            "nodeId",
                            nodeId.toHexString()));
            int percentage = (done * 100) / (TASKS.size() + 1);
            writer.publish(
                    "on.events",
                    "graph.progress.updated.information." + graphId + "." + nodeId.toHexString(),
                    Map.of(
                            "type",
                            "graph",
                            "action",
                            "progress.updated",
                            "typeId",
                            graphId,
                            "nodeId",
                            nodeId.toHexString(),
                            "severity",
                            "information",
                            "data",
                            doc(
                                    "graphName",
                                    "Graph.Discovery",
                                    "progress",
                                    doc(
                                            "percentage",
                                            percentage + "%",
                                            "description",
                                            taskName + " finished")),
                            "version",
                            "1.0",
                            "createdAt",
                            Instant.now().toString()));
            log("debug", taskName + " finished", nodeId, graphId);
        }

        private void finish() throws IOException {
            String graphId = graph.getString("instanceId");
            graph.put("_status", "succeeded");
            writer.update("graphobjects", graph);
            writer.publish(
                    "on.events",
                    "graph.finished." + graphId,
                    Map.of(
                            "graphId",
                            graphId,
                            "graphName",
                            "Graph.Discovery",
                            "status",
                            "succeeded",
                            "nodeId",
                            nodeId.toHexString()));
            log("info", "Graph.Discovery succeeded", nodeId, graphId);
            running.remove(this);
        }

        private Document catalogData(String source) {
            return switch (source) {
                case "dmi" ->
                        doc(
                                "System Information",
                                doc(
                                        "Manufacturer",
                                        "Dell Inc.",
                                        "Product Name",
                                        "PowerEdge R630",
                                        "Serial Number",
                                        node.getString("name")));
                case "lldp" ->
                        doc(
                                "eth0",
                                doc(
                                        "chassis",
                                        doc("name", "switch-a1"),
                                        "port",
                                        doc("ifname", "Ethernet" + random.nextInt(48))));
                default ->
                        doc(
                                "IP Address",
                                "172.31.128." + (2 + random.nextInt(250)),
                                "Firmware Revision",
                                "2.41");
            };
        }
    }
}
