package io.monorail.ws.domain.port.out;

class SystemClockTest extends ClockContract {
    @Override
    protected Clock clock() {
        return Clock.system();
    }

    @Override
    protected void pass(long millis) throws InterruptedException {
        // Waiting for real time to pass is what this clock is about.
        Thread.sleep(millis + 1);
    }
}
