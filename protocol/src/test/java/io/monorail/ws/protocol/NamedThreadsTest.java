package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class NamedThreadsTest {
    private static final Runnable NOTHING = () -> {};

    @Test
    void daemon_namesEveryThreadExactly_andMakesItADaemon() {
        ThreadFactory factory = NamedThreads.daemon("monorail-test");

        Thread first = factory.newThread(NOTHING);
        Thread second = factory.newThread(NOTHING);

        assertThat(first.getName()).isEqualTo("monorail-test");
        assertThat(second.getName()).isEqualTo("monorail-test");
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getState()).isEqualTo(Thread.State.NEW);
    }

    @Test
    void daemonPool_numbersItsThreadsFromOne() {
        ThreadFactory factory = NamedThreads.daemonPool("monorail-read");

        assertThat(factory.newThread(NOTHING).getName()).isEqualTo("monorail-read-1");
        Thread second = factory.newThread(NOTHING);
        assertThat(second.getName()).isEqualTo("monorail-read-2");
        assertThat(second.isDaemon()).isTrue();
    }

    @Test
    void eachPool_countsOnItsOwn() {
        NamedThreads.daemonPool("monorail-a").newThread(NOTHING);

        assertThat(NamedThreads.daemonPool("monorail-a").newThread(NOTHING).getName())
                .isEqualTo("monorail-a-1");
    }

    @Test
    void uncaughtExceptions_goToTheThreadGroup_asForAPlainThread() {
        Thread thread = NamedThreads.daemon("monorail-test").newThread(NOTHING);

        // No handler of its own: the group passes them on to the JVM's default handler.
        assertThat(thread.getUncaughtExceptionHandler()).isSameAs(thread.getThreadGroup());
    }
}
