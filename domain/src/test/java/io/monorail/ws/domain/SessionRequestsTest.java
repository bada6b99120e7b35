package io.monorail.ws.domain;

import static io.monorail.ws.domain.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.protocol.CloseCode;
import io.monorail.ws.protocol.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRequestsTest {
    private final RequestsFixture fixture = new RequestsFixture();
    private final SessionRequests sessions = fixture.sessions;

    @Test
    void init_registersTheSession_soItCanBeResumed() throws Exception {
        ClientState client = fixture.client();

        sessions.init(client, request("init"));

        assertThat(fixture.directory.find(client.session().id())).containsSame(client.session());
        assertThat(fixture.records.find(client.session().id())).isPresent();
    }

    @Test
    void aSessionNeverAnnounced_endsWithItsConnection() {
        ClientState client = fixture.client();
        Session session = client.session();

        sessions.closed(client, 1_000);

        assertThat(fixture.directory.find(session.id())).isEmpty();
    }

    @Test
    void resume_takesTheSessionOver_andClosesItsOldConnectionWith4002() throws Exception {
        ClientState first = fixture.client();
        sessions.init(first, request("init"));
        Session session = first.session();
        ClientState second = fixture.client();

        sessions.init(second, request("init", "id", session.id(), "seq", 0));

        assertThat(second.session()).isSameAs(session);
        assertThat(RequestsFixture.connectionOf(first).closeCode())
                .isEqualTo(CloseCode.SESSION_TAKEN_OVER.code());
    }

    @Test
    void resumeOfAnotherSubjectsSession_isANewSession() throws Exception {
        ClientState alice = fixture.client(null, new Principal("alice", Set.of(), null));
        sessions.init(alice, request("init"));
        ClientState mallory = fixture.client(null, new Principal("mallory", Set.of(), null));
        Session own = mallory.session();

        sessions.init(mallory, request("init", "id", alice.session().id(), "seq", 0));

        assertThat(mallory.session()).isSameAs(own);
        assertThat(RequestsFixture.connectionOf(mallory).sent())
                .singleElement()
                .asString()
                .contains("\"resumed\":false")
                .contains("\"reason\":\"unknown_session\"");
    }

    @Test
    void aSeqThatIsNotANumber_isBadParams() {
        ClientState client = fixture.client();

        assertThatThrownBy(() -> sessions.init(client, request("init", "id", "x", "seq", "7")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_PARAMS));
    }
}
