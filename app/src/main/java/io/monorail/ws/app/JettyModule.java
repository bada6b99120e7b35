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
        try {
            return new TransportSecurity(
                    OriginPolicy.allowList(settings.allowedOrigins()),
                    settings.maxConnections(),
                    settings.maxConnectionsPerAddress(),
                    tls(settings));
        } catch (IllegalArgumentException e) {
            // Names the file or origin at fault; never a password or key material.
            throw new Settings.SettingsException(e.getMessage());
        }
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

    /** The certificate from PEM files or a PKCS#12 file, or null for plain ws://. */
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
            return TlsKeyStore.fromPem(settings.tlsCert().get(), settings.tlsKey().get());
        }
        if (pkcs12) {
            return TlsKeyStore.fromPkcs12(
                    settings.tlsPkcs12().get(), settings.tlsPassword().orElse(""));
        }
        return null;
    }
}
