package io.monorail.ws.domain;

import static io.monorail.ws.domain.RequestsFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.fake.InMemoryTokenVerifier;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.protocol.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthRequestsTest {
    private final RequestsFixture fixture = new RequestsFixture();
    private final InMemoryTokenVerifier tokens = new InMemoryTokenVerifier(new ManualClock(0));
    private final AuthRequests auth = new AuthRequests(Authentication.required(tokens));
    private final Instant soon = Instant.ofEpochSecond(60);
    private final Instant later = Instant.ofEpochSecond(3_600);

    @Test
    void freshTokenOfTheSameSubject_replacesThePrincipal() throws Exception {
        ClientState client = fixture.client(null, new Principal("alice", Set.of(), soon));

        auth.refresh(client, request("auth", "token", tokens.issue("alice", List.of(), later)));

        assertThat(client.principal().expiresAt()).isEqualTo(later);
    }

    @Test
    void tokenOfAnotherSubject_isUnauthorized_andThePrincipalStays() {
        Principal alice = new Principal("alice", Set.of(), soon);
        ClientState client = fixture.client(null, alice);
        String bobs = tokens.issue("bob", List.of(), later);

        assertThatThrownBy(() -> auth.refresh(client, request("auth", "token", bobs)))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(client.principal()).isSameAs(alice);
    }

    @Test
    void blankToken_isBadParams() {
        assertThatThrownBy(() -> auth.refresh(fixture.client(), request("auth", "token", " ")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_PARAMS));
    }

    @Test
    void refreshWithAuthenticationOff_isNotSupported() {
        AuthRequests open = new AuthRequests(Authentication.none());

        assertThatThrownBy(() -> open.refresh(fixture.client(), request("auth", "token", "t")))
                .isInstanceOfSatisfying(
                        RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }
}
