package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.ClientConnectionContract;
import java.util.List;

class RecordingClientConnectionTest extends ClientConnectionContract {
    private final RecordingClientConnection fake = new RecordingClientConnection();

    @Override
    protected ClientConnection connection() {
        return fake;
    }

    @Override
    protected List<String> received(int count) {
        return fake.sent().subList(0, count);
    }

    @Override
    protected int closeCode() {
        return fake.closeCode();
    }
}
