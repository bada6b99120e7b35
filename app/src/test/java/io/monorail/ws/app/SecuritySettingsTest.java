package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.adapter.jetty.TransportSecurity;
import io.monorail.ws.domain.port.out.TokenVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySettingsTest {
    @TempDir Path dir;

    @Test
    void defaults_areNoAuthSameOriginAndTheDocumentedLimits() {
        Settings settings = Settings.of(Map.of());

        assertThat(settings.jwtAuth()).isFalse();
        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings.maxConnections()).isEqualTo(10_000);
        assertThat(settings.maxConnectionsPerAddress()).isEqualTo(100);
        assertThat(settings.maxMessagesPerSecond()).isEqualTo(50);
        assertThat(settings.messageBurst()).isEqualTo(100);
        assertThat(settings.maxOutgoingBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(settings.mqRoutingKeys()).containsExactly("#");
        assertThat(settings.jwtRolesClaim()).isEqualTo("roles");
        assertThat(settings.jwtClockSkew()).hasSeconds(30);
    }

    @Test
    void unknownAuthMode_isRefused() {
        assertThatThrownBy(() -> Settings.of(Map.of("auth", "basic")).jwtAuth())
                .hasMessageContaining("MONORAIL_AUTH")
                .hasMessageContaining("'none' or 'jwt'");
    }

    @Test
    void jwtWithAShortSecret_isRefused_withoutPrintingIt() {
        Settings settings = Settings.of(Map.of("auth", "jwt", "jwt_secret", "short-secret"));

        assertThatThrownBy(() -> new SecurityModules.Jwt().verifier(settings))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void jwtWithoutAKey_orWithTwo_isRefused() {
        assertThatThrownBy(
                        () ->
                                new SecurityModules.Jwt()
                                        .verifier(Settings.of(Map.of("auth", "jwt"))))
                .hasMessageContaining("exactly one of MONORAIL_JWT_SECRET");
        assertThatThrownBy(
                        () ->
                                new SecurityModules.Jwt()
                                        .verifier(
                                                Settings.of(
                                                        Map.of(
                                                                "jwt_secret",
                                                                "x".repeat(40),
                                                                "jwks_file",
                                                                "/nowhere.json"))))
                .hasMessageContaining("found 2");
    }

    @Test
    void jwtWithALongSecret_yieldsAVerifier() {
        TokenVerifier verifier =
                new SecurityModules.Jwt()
                        .verifier(Settings.of(Map.of("jwt_secret", "s".repeat(32))));

        assertThat(verifier.verify("not a token").isAccepted()).isFalse();
    }

    @Test
    void accessPolicyFile_isReadAsYaml_andABadOneNamesTheFault() throws Exception {
        Path good = dir.resolve("policy.yaml");
        Files.writeString(
                good, "roles:\n  ops:\n    - resources: [nodes]\n      actions: [read]\n");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad, "roles:\n  ops:\n    - resources: [nodes]\n      actions: [write]\n");

        assertThat(
                        new SecurityModules.Jwt()
                                .policy(Settings.of(Map.of("access_policy", good.toString()))))
                .isNotNull();
        assertThatThrownBy(
                        () ->
                                new SecurityModules.Jwt()
                                        .policy(
                                                Settings.of(
                                                        Map.of("access_policy", bad.toString()))))
                .hasMessageContaining("unknown action 'write'");
    }

    @Test
    void tls_needsBothPemFiles_andTransportSettingsAreRead() {
        assertThatThrownBy(
                        () -> new JettyModule().security(Settings.of(Map.of("tls_cert", "/c.pem"))))
                .hasMessageContaining("both MONORAIL_TLS_CERT and MONORAIL_TLS_KEY");
        TransportSecurity security =
                new JettyModule()
                        .security(
                                Settings.of(
                                        Map.of(
                                                "allowed_origins", "https://ui.example.com",
                                                "max_connections", "7")));
        assertThat(security.maxConnections()).isEqualTo(7);
        assertThat(security.origins().toString()).contains("https://ui.example.com:443");
        assertThatThrownBy(
                        () ->
                                new JettyModule()
                                        .security(
                                                Settings.of(
                                                        Map.of(
                                                                "allowed_origins",
                                                                "ui.example.com"))))
                .hasMessageContaining("is not an origin");
    }

    @Test
    void openAccess_warnsOnlyOffLoopback() {
        assertThat(OpenAccessWarning.check("127.0.0.1", false)).isEmpty();
        assertThat(OpenAccessWarning.check("localhost", false)).isEmpty();
        assertThat(OpenAccessWarning.check("::1", false)).isEmpty();
        assertThat(OpenAccessWarning.check("0.0.0.0", false))
                .get()
                .asString()
                .contains("AUTHENTICATION IS OFF");
        assertThat(OpenAccessWarning.check("0.0.0.0", true)).isEmpty();
    }
}
