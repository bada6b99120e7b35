package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembling the gateway, without starting it: what is built from settings alone fails at {@code
 * create}, naming the setting, before any server starts; and the start order.
 */
class GatewayApplicationTest {
    @TempDir Path dir;

    @Test
    void missingTlsFiles_nameTheSetting() {
        Path cert = dir.resolve("missing-cert.pem");

        assertThatThrownBy(
                        () ->
                                GatewayApplication.create(
                                        settings(
                                                "tls_cert",
                                                cert.toString(),
                                                "tls_key",
                                                dir.resolve("missing-key.pem").toString())))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessage("MONORAIL_TLS_CERT=" + cert + ": no such file, or not readable");
    }

    @Test
    void unreadableTlsFiles_nameTheSettings_andTheFile() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key");
        Path pkcs12 = Files.writeString(dir.resolve("store.p12"), "not a key store");

        assertThatThrownBy(
                        () ->
                                GatewayApplication.create(
                                        settings(
                                                "tls_cert",
                                                cert.toString(),
                                                "tls_key",
                                                key.toString())))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageStartingWith("MONORAIL_TLS_CERT and MONORAIL_TLS_KEY: ")
                .hasMessageContaining(cert.toString());
        assertThatThrownBy(
                        () ->
                                GatewayApplication.create(
                                        settings(
                                                "tls_pkcs12",
                                                pkcs12.toString(),
                                                "tls_password",
                                                "s3cret")))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageStartingWith("MONORAIL_TLS_PKCS12: cannot open PKCS#12 file " + pkcs12)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void badOrigin_namesTheSetting() {
        assertThatThrownBy(
                        () ->
                                GatewayApplication.create(
                                        settings("allowed_origins", "ui.example.com")))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageStartingWith("MONORAIL_ALLOWED_ORIGINS: ")
                .hasMessageContaining("is not an origin");
    }

    @Test
    void jwtWithoutAKey_andAMissingCatalog_failAtCreate() {
        assertThatThrownBy(() -> GatewayApplication.create(settings("auth", "jwt")))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("exactly one of MONORAIL_JWT_SECRET");
        assertThatThrownBy(
                        () ->
                                GatewayApplication.create(
                                        settings("catalog", dir.resolve("none.yaml").toString())))
                .isInstanceOf(Settings.SettingsException.class)
                .hasMessageContaining("cannot read catalog");
    }

    @Test
    void startOrder_isServersStoresCoreFeedsThenTransport() {
        assertThat(GatewayApplication.create(settings()).startOrder())
                .containsExactly(
                        "the AMQP broker",
                        "the MongoDB server",
                        "the document store",
                        "the read pool",
                        "the session store",
                        "the gateway core",
                        "housekeeping",
                        "the message bus feed",
                        "the WebSocket server");
        assertThat(GatewayApplication.create(settings("changes", "changestream")).startOrder())
                .containsSubsequence(
                        "the gateway core",
                        "the message bus feed",
                        "the change-stream feed",
                        "the WebSocket server");
    }

    @Test
    void notStarted_hasNoAddress_andCloseIsHarmless() {
        GatewayApplication gateway = GatewayApplication.create(settings());

        assertThatThrownBy(gateway::webSocketUri).hasMessage("not started");
        gateway.close();
        gateway.close();
    }

    private static Settings settings(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        values.put("port", "0");
        values.put("embedded_amqp_port", "0");
        values.put("embedded_mongo_port", "0");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(values);
    }
}
