package io.monorail.ws.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.jetty.JwtRules;
import io.monorail.ws.adapter.jetty.JwtTokenVerifier;
import io.monorail.ws.domain.auth.AccessPolicy;
import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.port.out.TokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One module per way to admit clients: no authentication, or JWT with an access policy. */
final class SecurityModules {
    private SecurityModules() {}

    /** {@code MONORAIL_AUTH=none}: every client is anonymous and may do everything. */
    static final class None extends AbstractModule {
        @Override
        protected void configure() {
            bind(GatewaySecurity.class).toInstance(GatewaySecurity.open());
        }
    }

    /** {@code MONORAIL_AUTH=jwt}: a valid token is required; its roles meet the access policy. */
    static final class Jwt extends AbstractModule {
        @Provides
        @Singleton
        TokenVerifier verifier(Settings settings) {
            JwtRules rules =
                    new JwtRules(
                            settings.jwtIssuer().orElse(null),
                            settings.jwtAudience().orElse(null),
                            settings.jwtRolesClaim(),
                            settings.jwtClockSkew());
            Optional<String> secret = settings.jwtSecret();
            Optional<Path> pem = settings.jwtPublicKey();
            Optional<Path> jwks = settings.jwksFile();
            int given =
                    (secret.isPresent() ? 1 : 0)
                            + (pem.isPresent() ? 1 : 0)
                            + (jwks.isPresent() ? 1 : 0);
            if (given != 1) {
                throw new Settings.SettingsException(
                        "MONORAIL_AUTH=jwt needs exactly one of MONORAIL_JWT_SECRET (HS256),"
                                + " MONORAIL_JWT_PUBLIC_KEY (PEM file) or MONORAIL_JWKS_FILE;"
                                + " found "
                                + given);
            }
            try {
                if (secret.isPresent()) {
                    return JwtTokenVerifier.hmac(secret.get(), rules);
                }
                return pem.isPresent()
                        ? JwtTokenVerifier.fromPublicKeyPem(pem.get(), rules)
                        : JwtTokenVerifier.fromJwks(jwks.get(), rules);
            } catch (IllegalArgumentException e) {
                // The messages name files and lengths, never a secret.
                throw new Settings.SettingsException("JWT settings: " + e.getMessage());
            }
        }

        @Provides
        @Singleton
        AccessPolicy policy(Settings settings) {
            return settings.accessPolicy().map(Jwt::readPolicy).orElseGet(AccessPolicy::defaults);
        }

        @Provides
        @Singleton
        GatewaySecurity security(TokenVerifier verifier, AccessPolicy policy) {
            return new GatewaySecurity(Authentication.required(verifier), policy);
        }

        private static AccessPolicy readPolicy(Path file) {
            try {
                // YAML is a superset of JSON: one reader takes both.
                JsonNode document = new YAMLMapper().readTree(Files.readAllBytes(file));
                return AccessPolicy.fromJson(document);
            } catch (IOException e) {
                throw new Settings.SettingsException(
                        "cannot read access policy " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new Settings.SettingsException(file + ": " + e.getMessage());
            }
        }
    }
}
