package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.adapter.jetty.FakeClientGateway.FakeSession;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss://} with a PEM certificate and key, and with a PKCS#12 file made by keytool. */
class TlsIT {
    private static final Path CERT = resource("tls/cert.pem");
    private static final Path KEY = resource("tls/key.pem");

    @TempDir Path dir;

    private final FakeClientGateway gateway = new FakeClientGateway();
    private JettyWebSocketServer server;
    private WebSocketClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void pemCertificate_servesWss_andFramesRoundTrip() throws Exception {
        server = start(TlsKeyStore.fromPem(CERT, KEY));

        assertThat(server.uri().getScheme()).isEqualTo("wss");
        roundTrip(trusting(CERT));
    }

    @Test
    void pkcs12File_servesWss() throws Exception {
        Path p12 = dir.resolve("server.p12");
        Process keytool =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "server",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=localhost",
                                "-ext",
                                "SAN=dns:localhost,ip:127.0.0.1",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                p12.toString(),
                                "-storepass",
                                "changeit-please")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        Path cert = dir.resolve("server.pem");
        Process export =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-exportcert",
                                "-rfc",
                                "-alias",
                                "server",
                                "-keystore",
                                p12.toString(),
                                "-storepass",
                                "changeit-please",
                                "-file",
                                cert.toString())
                        .redirectErrorStream(true)
                        .start();
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(export.exitValue()).isZero();

        server = start(TlsKeyStore.fromPkcs12(p12, "changeit-please"));

        roundTrip(trusting(cert));
    }

    @Test
    void wrongPkcs12Password_failsWithAMessageNamingTheFile() throws Exception {
        Path p12 = dir.resolve("x.p12");
        Files.write(p12, new byte[] {1, 2, 3});

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsKeyStore.fromPkcs12(p12, "x"))
                .hasMessageContaining(p12.toString());
    }

    @Test
    void aKeyThatIsNotPkcs8_isRefusedWithoutEchoingIt() throws Exception {
        Path rsa = dir.resolve("rsa.pem");
        Files.writeString(
                rsa, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsKeyStore.fromPem(CERT, rsa))
                .hasMessageContaining("PKCS#8")
                .hasMessageNotContaining("AAAA");
    }

    private void roundTrip(SslContextFactory.Client tls) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        client = new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(connector)));
        client.start();
        TestClient endpoint = new TestClient();
        client.connect(endpoint, URI.create("wss://127.0.0.1:" + server.port() + "/nodes"))
                .get(10, TimeUnit.SECONDS);
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("over tls", Callback.NOOP);

        assertThat(session.nextText()).isEqualTo("over tls");
        assertThat(endpoint.nextText()).isEqualTo("over tls");
        assertThat(session.channel).isEqualTo("nodes");
    }

    /** A client that trusts exactly this certificate and checks the host name against it. */
    private static SslContextFactory.Client trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(trust);
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        return tls;
    }

    private JettyWebSocketServer start(TlsKeyStore keys) {
        JettyWebSocketServer started =
                new JettyWebSocketServer(
                        JettyWebSocketServerIT.config(),
                        new TransportSecurity(OriginPolicy.sameOrigin(), 100, 100, keys),
                        gateway);
        started.start();
        return started;
    }

    private static Path resource(String name) {
        try {
            return Path.of(TlsIT.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }
}
