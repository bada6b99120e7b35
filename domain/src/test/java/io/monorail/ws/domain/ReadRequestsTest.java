package io.monorail.ws.domain;

import static io.monorail.ws.domain.RequestsFixture.object;
import static io.monorail.ws.domain.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.domain.auth.AccessPolicy;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.protocol.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadRequestsTest {
    private final RequestsFixture fixture = new RequestsFixture();
    private final ReadRequests reads = new ReadRequests(fixture.resources, fixture.reads);

    @Test
    void queryOnATopic_isNotSupported_andReachesNoStore() {
        ClientState client = fixture.client();

        assertThatThrownBy(() -> reads.read(client, request("query", "type", "workflows")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
        assertThat(fixture.store.filtersSeen()).isEmpty();
    }

    @Test
    void query_handsTheValidatedFilterToTheStore() throws Exception {
        ClientState client = fixture.client();

        reads.read(client, request("query", "type", "nodes", "params", object("type", "compute")))
                .join();

        assertThat(fixture.store.filtersSeen()).containsExactly(object("type", "compute"));
    }

    @Test
    void unknownType_isUnknownType() {
        ClientState client = fixture.client();

        assertThatThrownBy(() -> reads.read(client, request("all", "type", "planets")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }

    @Test
    void aPrincipalThePolicyDoesNotAllow_isForbidden() {
        RequestsFixture guarded = new RequestsFixture(AccessPolicy.defaults());
        ReadRequests guardedReads = new ReadRequests(guarded.resources, guarded.reads);
        ClientState client = guarded.client(null, new Principal("bob", Set.of(), null));

        assertThatThrownBy(() -> guardedReads.read(client, request("all", "type", "mq")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
