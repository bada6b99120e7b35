package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.monorail.ws.adapter.jetty.JettyTransportConfig;
import io.monorail.ws.adapter.jetty.JettyWebSocketServer;
import io.monorail.ws.adapter.jetty.OriginPolicy;
import io.monorail.ws.adapter.jetty.TlsKeyStore;
import io.monorail.ws.adapter.jetty.TransportSecurity;
import io.monorail.ws.domain.port.in.ClientGateway;
import java.nio.file.Files;
import java.nio.file.Path;

/** The WebSocket and HTTP transport. */
final class JettyModule extends AbstractModule {
    @Provides
    @Singleton
    JettyTransportConfig config(Settings settings) {
        return new JettyTransportConfig(
                settings.host(),
                settings.port(),
                settings.maxFrameBytes(),
                settings.pingInterval(),
                settings.idleTimeout(),
                settings.maxOutgoingFrames(),
                settings.maxOutgoingBytes());
    }

    @Provides
    @Singleton
    TransportSecurity security(Settings settings) {
        OriginPolicy origins;
        try {
            origins = OriginPolicy.allowList(settings.allowedOrigins());
        } catch (IllegalArgumentException e) {
            throw new Settings.SettingsException(
                    Setting.ALLOWED_ORIGINS.variable() + ": " + e.getMessage());
        }
        return new TransportSecurity(
                origins,
                settings.maxConnections(),
                settings.maxConnectionsPerAddress(),
                tls(settings));
    }

    @Provides
    @Singleton
    JettyWebSocketServer server(
            JettyTransportConfig config,
            TransportSecurity security,
            ClientGateway gateway,
            PrometheusMeterRegistry metrics) {
        return new JettyWebSocketServer(config, security, gateway, metrics::scrape);
    }

    /**
     * The certificate from PEM files or a PKCS#12 file, or null for plain ws://. Messages name the
     * setting and the file at fault; never a password or key material.
     */
    private static TlsKeyStore tls(Settings settings) {
        boolean pem = settings.tlsCert().isPresent() || settings.tlsKey().isPresent();
        boolean pkcs12 = settings.tlsPkcs12().isPresent();
        if (pem && pkcs12) {
            throw new Settings.SettingsException(
                    "set MONORAIL_TLS_CERT and MONORAIL_TLS_KEY, or MONORAIL_TLS_PKCS12, not both");
        }
        if (pem) {
            if (settings.tlsCert().isEmpty() || settings.tlsKey().isEmpty()) {
                throw new Settings.SettingsException(
                        "TLS needs both MONORAIL_TLS_CERT and MONORAIL_TLS_KEY");
            }
            Path cert = readable(Setting.TLS_CERT, settings.tlsCert().get());
            Path key = readable(Setting.TLS_KEY, settings.tlsKey().get());
            try {
                return TlsKeyStore.fromPem(cert, key);
            } catch (IllegalArgumentException e) {
                throw new Settings.SettingsException(
                        "MONORAIL_TLS_CERT and MONORAIL_TLS_KEY: " + e.getMessage());
            }
        }
        if (pkcs12) {
            Path file = readable(Setting.TLS_PKCS12, settings.tlsPkcs12().get());
            try {
                return TlsKeyStore.fromPkcs12(file, settings.tlsPassword().orElse(""));
            } catch (IllegalArgumentException e) {
                throw new Settings.SettingsException("MONORAIL_TLS_PKCS12: " + e.getMessage());
            }
        }
        return null;
    }

    private static Path readable(Setting setting, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Settings.SettingsException(
                    setting.variable() + "=" + file + ": no such file, or not readable");
        }
        return file;
    }
}
