package io.monorail.ws.adapter.jetty;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Mints JWTs for tests, as an identity provider would. */
final class Jwts {
    static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";

    private Jwts() {}

    /** Claims with this subject and roles, expiring {@code validFor} from now. */
    static JWTClaimsSet.Builder claims(String subject, List<String> roles, Duration validFor) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .expirationTime(
                        Date.from(Instant.now().plus(validFor).truncatedTo(ChronoUnit.SECONDS)));
    }

    static String hs256(String secret, JWTClaimsSet claims) throws Exception {
        return sign(JWSAlgorithm.HS256, null, new MACSigner(secret.getBytes()), claims);
    }

    /** A valid HS256 token signed with {@link #SECRET}. */
    static String valid(String subject) throws Exception {
        return hs256(SECRET, claims(subject, List.of(), Duration.ofHours(1)).build());
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        return sign(JWSAlgorithm.RS256, key.getKeyID(), new RSASSASigner(key), claims);
    }

    static String es256(ECKey key, JWTClaimsSet claims) throws Exception {
        return sign(JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner(key), claims);
    }

    /** An unsigned token: {@code alg: none}. */
    static String none(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A public key as a PEM file ({@code PUBLIC KEY}, SubjectPublicKeyInfo). */
    static Path pem(PublicKey key, Path dir) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        Path file = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(
                file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    private static String sign(
            JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt =
                new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
