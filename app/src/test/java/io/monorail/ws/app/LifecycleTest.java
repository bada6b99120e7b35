package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void start_isInListOrder_andStop_inReverse() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a"), step("b"), step("c")));

        lifecycle.start();
        assertThat(calls).containsExactly("start a", "start b", "start c");
        assertThat(lifecycle.isRunning()).isTrue();

        calls.clear();
        lifecycle.stop();
        assertThat(calls).containsExactly("stop c", "stop b", "stop a");
        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void failureOfTheThird_stopsTheTwoBefore_inReverse_andNothingElse() {
        Lifecycle lifecycle =
                new Lifecycle(
                        List.of(
                                step("a"),
                                step("b"),
                                failingStep("c", "port 9100 on 127.0.0.1 is already in use"),
                                step("d")));

        assertThatThrownBy(lifecycle::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start c: port 9100 on 127.0.0.1 is already in use")
                .hasRootCauseMessage("port 9100 on 127.0.0.1 is already in use");

        assertThat(calls).containsExactly("start a", "start b", "start c", "stop b", "stop a");
        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void failureOfTheFirst_stopsNothing() {
        Lifecycle lifecycle = new Lifecycle(List.of(failingStep("a", "broken"), step("b")));

        assertThatThrownBy(lifecycle::start).hasMessage("cannot start a: broken");

        assertThat(calls).containsExactly("start a");
    }

    @Test
    void aFailingStop_isReported_andTheOthersStillStop() {
        Service stuck =
                new Service() {
                    @Override
                    public void start() {
                        calls.add("start b");
                    }

                    @Override
                    public void stop() {
                        calls.add("stop b");
                        throw new IllegalStateException("stuck");
                    }
                };
        Lifecycle lifecycle =
                new Lifecycle(
                        List.of(
                                step("a"),
                                new Lifecycle.Step("b", stuck),
                                failingStep("c", "broken")));

        assertThatThrownBy(lifecycle::start)
                .hasMessage("cannot start c: broken")
                .satisfies(
                        e ->
                                assertThat(e.getSuppressed())
                                        .extracting(Throwable::getMessage)
                                        .containsExactly("stuck"));

        assertThat(calls).containsExactly("start a", "start b", "start c", "stop b", "stop a");
    }

    @Test
    void stopTwice_orBeforeStart_doesNothingMore() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a")));
        lifecycle.stop();
        lifecycle.start();
        lifecycle.stop();
        lifecycle.stop();

        assertThat(calls).containsExactly("start a", "stop a");
    }

    @Test
    void startTwice_isRefused() {
        Lifecycle lifecycle = new Lifecycle(List.of(step("a")));
        lifecycle.start();

        assertThatThrownBy(lifecycle::start).hasMessage("already started");
        assertThat(calls).containsExactly("start a");
    }

    @Test
    void providedService_isBuiltOnStart_andStoppedOnlyOnceBuiltAndStarted() {
        List<String> built = new ArrayList<>();
        Service service =
                Service.provided(
                        () -> {
                            built.add("built");
                            return "thing";
                        },
                        thing -> calls.add("start " + thing),
                        thing -> calls.add("stop " + thing));

        service.stop();
        assertThat(built).isEmpty();

        service.start();
        service.stop();
        service.stop();
        assertThat(built).containsExactly("built");
        assertThat(calls).containsExactly("start thing", "stop thing");
    }

    private Lifecycle.Step step(String name) {
        return new Lifecycle.Step(
                name,
                new Service() {
                    @Override
                    public void start() {
                        calls.add("start " + name);
                    }

                    @Override
                    public void stop() {
                        calls.add("stop " + name);
                    }
                });
    }

    private Lifecycle.Step failingStep(String name, String why) {
        return new Lifecycle.Step(
                name,
                new Service() {
                    @Override
                    public void start() {
                        calls.add("start " + name);
                        throw new IllegalStateException(why);
                    }

                    @Override
                    public void stop() {
                        calls.add("stop " + name);
                    }
                });
    }
}
