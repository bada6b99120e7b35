package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTokenVerifierTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final JwtRules RULES = JwtRules.defaults();

    @TempDir Path dir;

    private final RSAKey rsa = generateRsa("rsa-1");
    private final ECKey ec = generateEc("ec-1");

    @Test
    void hs256_validToken_yieldsSubjectRolesAndExpiryPlusSkew() throws Exception {
        JWTClaimsSet claims = Jwts.claims("alice", List.of("admin"), HOUR).build();

        Principal principal =
                accepted(
                        JwtTokenVerifier.hmac(Jwts.SECRET, RULES), Jwts.hs256(Jwts.SECRET, claims));

        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.roles()).containsExactly("admin");
        assertThat(principal.expiresAt())
                .isEqualTo(claims.getExpirationTime().toInstant().plus(RULES.clockSkew()));
    }

    @Test
    void hs256_secretShorterThan32Bytes_isRefusedAtStartup() {
        assertThatThrownBy(() -> JwtTokenVerifier.hmac("x".repeat(31), RULES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void rs256_withAPemPublicKey_isAccepted_whateverTheKid() throws Exception {
        JwtTokenVerifier verifier =
                JwtTokenVerifier.fromPublicKeyPem(Jwts.pem(rsa.toPublicKey(), dir), RULES);

        assertThat(accepted(verifier, Jwts.rs256(rsa, claims("bob"))).subject()).isEqualTo("bob");
    }

    @Test
    void rs256_withAJwksFile_isAccepted() throws Exception {
        JwtTokenVerifier verifier = JwtTokenVerifier.fromJwks(jwks(rsa.toPublicJWK()), RULES);

        assertThat(accepted(verifier, Jwts.rs256(rsa, claims("bob"))).subject()).isEqualTo("bob");
    }

    @Test
    void es256_withAPemPublicKey_andWithAJwksFile_isAccepted() throws Exception {
        String token = Jwts.es256(ec, claims("carol"));

        assertThat(
                        accepted(
                                        JwtTokenVerifier.fromPublicKeyPem(
                                                Jwts.pem(ec.toPublicKey(), dir), RULES),
                                        token)
                                .subject())
                .isEqualTo("carol");
        assertThat(
                        accepted(JwtTokenVerifier.fromJwks(jwks(ec.toPublicJWK()), RULES), token)
                                .subject())
                .isEqualTo("carol");
    }

    @Test
    void expiredToken_isRefused_butOneWithinTheClockSkewIsNot() throws Exception {
        JwtTokenVerifier verifier = JwtTokenVerifier.hmac(Jwts.SECRET, RULES);
        String longGone =
                Jwts.hs256(
                        Jwts.SECRET, Jwts.claims("a", List.of(), Duration.ofMinutes(-5)).build());
        String justNow =
                Jwts.hs256(
                        Jwts.SECRET, Jwts.claims("a", List.of(), Duration.ofSeconds(-5)).build());

        assertThat(verifier.verify(longGone).failure()).contains("expired");
        assertThat(verifier.verify(justNow).isAccepted()).isTrue();
    }

    @Test
    void wrongSignature_isRefused() throws Exception {
        RSAKey other = generateRsa("rsa-1"); // same kid, another key
        JwtTokenVerifier jwks = JwtTokenVerifier.fromJwks(jwks(rsa.toPublicJWK()), RULES);
        JwtTokenVerifier pem =
                JwtTokenVerifier.fromPublicKeyPem(Jwts.pem(rsa.toPublicKey(), dir), RULES);
        String forged = Jwts.rs256(other, claims("mallory"));

        assertThat(jwks.verify(forged).failure()).contains("bad signature");
        assertThat(pem.verify(forged).failure()).contains("bad signature");
        assertThat(
                        JwtTokenVerifier.hmac(Jwts.SECRET, RULES)
                                .verify(
                                        Jwts.hs256(
                                                "another-secret-of-at-least-32-bytes!",
                                                claims("m")))
                                .failure())
                .contains("bad signature");
    }

    @Test
    void algNone_isRefused_byEveryKindOfVerifier() throws Exception {
        String unsigned = Jwts.none(claims("mallory"));

        for (JwtTokenVerifier verifier :
                List.of(
                        JwtTokenVerifier.hmac(Jwts.SECRET, RULES),
                        JwtTokenVerifier.fromJwks(jwks(rsa.toPublicJWK()), RULES),
                        JwtTokenVerifier.fromPublicKeyPem(
                                Jwts.pem(rsa.toPublicKey(), dir), RULES))) {
            assertThat(verifier.verify(unsigned).failure()).contains("unsigned token (alg none)");
        }
    }

    @Test
    void hs256TokenSignedWithThePublicKey_isRefusedByAnRsaVerifier() throws Exception {
        // The classic confusion: the attacker HMACs with the (public) RSA key as the secret.
        Path pemFile = Jwts.pem(rsa.toPublicKey(), dir);
        JWTClaimsSet claims = claims("mallory");
        String withDer = hmacWith(rsa.toPublicKey().getEncoded(), claims);
        String withPemText = hmacWith(Files.readAllBytes(pemFile), claims);

        for (JwtTokenVerifier verifier :
                List.of(
                        JwtTokenVerifier.fromPublicKeyPem(pemFile, RULES),
                        JwtTokenVerifier.fromJwks(jwks(rsa.toPublicJWK()), RULES))) {
            assertThat(verifier.verify(withDer).failure())
                    .contains("algorithm or key not accepted");
            assertThat(verifier.verify(withPemText).isAccepted()).isFalse();
        }
    }

    @Test
    void rs256Token_isRefusedByAnHmacVerifier() throws Exception {
        assertThat(
                        JwtTokenVerifier.hmac(Jwts.SECRET, RULES)
                                .verify(Jwts.rs256(rsa, claims("bob")))
                                .isAccepted())
                .isFalse();
    }

    @Test
    void rolesClaim_missingIsNoRoles_aStringIsOneRole_aNumberIsRefused() throws Exception {
        JwtTokenVerifier verifier = JwtTokenVerifier.hmac(Jwts.SECRET, RULES);
        JWTClaimsSet.Builder base = Jwts.claims("a", List.of(), HOUR);

        assertThat(
                        accepted(
                                        verifier,
                                        Jwts.hs256(Jwts.SECRET, base.claim("roles", null).build()))
                                .roles())
                .isEmpty();
        assertThat(
                        accepted(
                                        verifier,
                                        Jwts.hs256(
                                                Jwts.SECRET, base.claim("roles", "admin").build()))
                                .roles())
                .containsExactly("admin");
        assertThat(
                        verifier.verify(Jwts.hs256(Jwts.SECRET, base.claim("roles", 7).build()))
                                .failure())
                .contains("roles claim is not an array of strings");
    }

    @Test
    void rolesClaim_canBeRenamed_andNested() throws Exception {
        JwtTokenVerifier verifier =
                JwtTokenVerifier.hmac(
                        Jwts.SECRET, new JwtRules(null, null, "realm_access.roles", Duration.ZERO));
        String token =
                Jwts.hs256(
                        Jwts.SECRET,
                        Jwts.claims("a", List.of("ignored"), HOUR)
                                .claim("realm_access", Map.of("roles", List.of("admin")))
                                .build());

        assertThat(accepted(verifier, token).roles()).containsExactly("admin");
    }

    @Test
    void issuerAndAudience_mustMatchWhenConfigured() throws Exception {
        JwtTokenVerifier verifier =
                JwtTokenVerifier.hmac(
                        Jwts.SECRET,
                        new JwtRules("https://rackhd", "monorail", "roles", Duration.ZERO));
        JWTClaimsSet.Builder base = Jwts.claims("a", List.of(), HOUR);

        assertThat(verifier.verify(Jwts.hs256(Jwts.SECRET, base.build())).isAccepted()).isFalse();
        assertThat(
                        verifier.verify(
                                        Jwts.hs256(
                                                Jwts.SECRET,
                                                base.issuer("https://other")
                                                        .audience("monorail")
                                                        .build()))
                                .isAccepted())
                .isFalse();
        assertThat(
                        verifier.verify(
                                        Jwts.hs256(
                                                Jwts.SECRET,
                                                base.issuer("https://rackhd")
                                                        .audience(List.of("x", "monorail"))
                                                        .build()))
                                .isAccepted())
                .isTrue();
    }

    @Test
    void rackHdTokenWithUserInsteadOfSub_namesThatUser_andATokenWithoutExp_isRefused()
            throws Exception {
        JwtTokenVerifier verifier = JwtTokenVerifier.hmac(Jwts.SECRET, RULES);
        String rackhd =
                Jwts.hs256(
                        Jwts.SECRET,
                        new JWTClaimsSet.Builder()
                                .claim("user", "admin")
                                .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                                .build());
        String eternal = Jwts.hs256(Jwts.SECRET, new JWTClaimsSet.Builder().subject("a").build());
        String nobody =
                Jwts.hs256(
                        Jwts.SECRET,
                        new JWTClaimsSet.Builder()
                                .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                                .build());

        assertThat(accepted(verifier, rackhd).subject()).isEqualTo("admin");
        assertThat(verifier.verify(eternal).isAccepted()).isFalse();
        assertThat(verifier.verify(nobody).failure()).contains("no subject (sub)");
    }

    @Test
    void refusalReasons_neverHoldTheToken() throws Exception {
        JwtTokenVerifier verifier = JwtTokenVerifier.hmac(Jwts.SECRET, RULES);
        String[] tokens = {
            "garbage-token-text",
            Jwts.hs256("another-secret-of-at-least-32-bytes!", claims("m")),
            Jwts.none(claims("m")),
            Jwts.rs256(rsa, claims("m"))
        };
        for (String token : tokens) {
            Verification result = verifier.verify(token);
            assertThat(result.failure().orElseThrow()).doesNotContain(token).hasSizeLessThan(64);
        }
    }

    @Test
    void aJwksWithAPrivateKey_isRefusedAtStartup() {
        assertThatThrownBy(() -> JwtTokenVerifier.publicKeys(new JWKSet(rsa), RULES))
                .hasMessageContaining("private key");
    }

    private static JWTClaimsSet claims(String subject) {
        return Jwts.claims(subject, List.of(), HOUR).build();
    }

    private static String hmacWith(byte[] secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private Path jwks(com.nimbusds.jose.jwk.JWK key) throws Exception {
        Path file = Files.createTempFile(dir, "keys", ".json");
        Files.writeString(file, new JWKSet(key).toString());
        return file;
    }

    private static Principal accepted(JwtTokenVerifier verifier, String token) {
        Verification result = verifier.verify(token);
        assertThat(result.isAccepted()).as("%s", result).isTrue();
        return result.principal().orElseThrow();
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
