package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records what a client delivers, as readable lines ({@code "created n1 {...}"}) or events, with
 * the thread each was delivered on; the test waits on it with a timeout.
 */
final class Recorder implements WatchListener {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<ClientEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    private final BlockingQueue<MonorailException> errors = new LinkedBlockingQueue<>();

    /** Records every event of the given names on {@code client}. */
    static Recorder events(MonorailClient client, String... names) {
        Recorder recorder = new Recorder();
        for (String name : names) {
            client.on(name, recorder::record);
        }
        return recorder;
    }

    void record(ClientEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    ClientEvent nextEvent() throws InterruptedException {
        ClientEvent event = events.poll(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event was delivered").isNotNull();
        return event;
    }

    /** Skips events until one named {@code name}. */
    ClientEvent nextEvent(String name) throws InterruptedException {
        while (true) {
            ClientEvent event = nextEvent();
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    /** The events recorded so far and not yet taken. */
    List<ClientEvent> pendingEvents() {
        return List.copyOf(events);
    }

    String nextLine() throws InterruptedException {
        String line = lines.poll(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a watch event was delivered").isNotNull();
        return line;
    }

    MonorailException nextError() throws InterruptedException {
        MonorailException error = errors.poll(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(error).as("a watch error was delivered").isNotNull();
        return error;
    }

    String nextThread() throws InterruptedException {
        String thread = threads.poll(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(thread).as("a callback ran").isNotNull();
        return thread;
    }

    boolean noLines() {
        return lines.isEmpty();
    }

    @Override
    public void created(String id, JsonNode data) {
        line("created " + id + " " + data);
    }

    @Override
    public void updated(String id, JsonNode data) {
        line("updated " + id + " " + data);
    }

    @Override
    public void destroyed(String id, JsonNode data) {
        line("destroyed " + id + " " + data);
    }

    @Override
    public void event(String routingKey, JsonNode data) {
        line("event " + routingKey + " " + data);
    }

    @Override
    public void snapshot(List<JsonNode> items) {
        line("snapshot " + items);
    }

    @Override
    public void error(MonorailException error) {
        threads.add(Thread.currentThread().getName());
        errors.add(error);
    }

    private void line(String line) {
        threads.add(Thread.currentThread().getName());
        lines.add(line);
    }
}
