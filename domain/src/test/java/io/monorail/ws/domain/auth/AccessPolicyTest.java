package io.monorail.ws.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.protocol.MessageCodec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private static final Principal NOBODY = new Principal("u", Set.of(), null);
    private static final Principal ADMIN = new Principal("a", Set.of("admin"), null);
    private static final Principal OPERATOR = new Principal("o", Set.of("operator"), null);

    @Test
    void defaults_letAnyTokenReadAndWatchAllButMq() {
        AccessPolicy policy = AccessPolicy.defaults();

        for (Action action : Action.values()) {
            assertThat(policy.allows(NOBODY, "nodes", action)).isTrue();
            assertThat(policy.allows(NOBODY, "workflows", action)).isTrue();
            assertThat(policy.allows(NOBODY, "mq", action)).isFalse();
            assertThat(policy.allows(ADMIN, "mq", action)).isTrue();
        }
    }

    @Test
    void allowAll_allowsEverything() {
        assertThat(AccessPolicy.allowAll().allows(Principal.ANONYMOUS, "mq", Action.WATCH))
                .isTrue();
    }

    @Test
    void grantsAreTheUnionOfTheRolesAndTheAnyRole() throws Exception {
        AccessPolicy policy =
                AccessPolicy.fromJson(
                        json(
                                "{\"roles\":{"
                                        + "\"operator\":[{\"resources\":[\"nodes\",\"catalogs\"],\"actions\":[\"read\",\"watch\"]},"
                                        + "             {\"resources\":[\"logs\"],\"actions\":[\"watch\"]}],"
                                        + "\"*\":{\"resources\":[\"skus\"],\"actions\":[\"read\"]}}}"));

        assertThat(policy.allows(OPERATOR, "nodes", Action.WATCH)).isTrue();
        assertThat(policy.allows(OPERATOR, "logs", Action.WATCH)).isTrue();
        assertThat(policy.allows(OPERATOR, "logs", Action.READ)).isFalse();
        assertThat(policy.allows(OPERATOR, "skus", Action.READ)).isTrue();
        assertThat(policy.allows(NOBODY, "skus", Action.READ)).isTrue();
        assertThat(policy.allows(NOBODY, "skus", Action.WATCH)).isFalse();
        assertThat(policy.allows(NOBODY, "nodes", Action.READ)).isFalse();
    }

    @Test
    void exceptWinsOverTheWildcard() throws Exception {
        AccessPolicy policy =
                AccessPolicy.fromJson(
                        json(
                                "{\"roles\":{\"viewer\":{\"resources\":[\"*\"],\"except\":[\"mq\",\"logs\"],\"actions\":[\"read\"]}}}"));
        Principal viewer = new Principal("v", Set.of("viewer"), null);

        assertThat(policy.allows(viewer, "nodes", Action.READ)).isTrue();
        assertThat(policy.allows(viewer, "logs", Action.READ)).isFalse();
        assertThat(policy.allows(viewer, "nodes", Action.WATCH)).isFalse();
    }

    @Test
    void aTokenRoleNamedStar_grantsNothingMore() {
        Principal sneaky = new Principal("s", Set.of("*"), null);

        assertThat(AccessPolicy.defaults().allows(sneaky, "mq", Action.WATCH)).isFalse();
    }

    @Test
    void badDocuments_areRefusedNamingTheFault() {
        assertThatThrownBy(() -> AccessPolicy.fromJson(json("{}"))).hasMessageContaining("'roles'");
        assertThatThrownBy(
                        () ->
                                AccessPolicy.fromJson(
                                        json(
                                                "{\"roles\":{\"x\":{\"resources\":[\"*\"],\"actions\":[\"delete\"]}}}")))
                .hasMessageContaining("role 'x'")
                .hasMessageContaining("unknown action 'delete'");
        assertThatThrownBy(
                        () ->
                                AccessPolicy.fromJson(
                                        json(
                                                "{\"roles\":{\"x\":{\"resource\":[\"*\"],\"actions\":[\"read\"]}}}")))
                .hasMessageContaining("unknown field 'resource'");
        assertThatThrownBy(
                        () ->
                                AccessPolicy.fromJson(
                                        json(
                                                "{\"roles\":{\"x\":{\"resources\":[],\"actions\":[\"read\"]}}}")))
                .hasMessageContaining("at least one resource");
    }

    private static JsonNode json(String text) throws Exception {
        return new MessageCodec().parseObject(text);
    }
}
