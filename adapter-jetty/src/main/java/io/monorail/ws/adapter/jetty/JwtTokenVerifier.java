package io.monorail.ws.adapter.jetty;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.out.TokenVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link TokenVerifier} for JSON Web Tokens, on Nimbus JOSE+JWT: HS256 with a shared secret, or
 * RS256/PS256/ES256 (and their longer variants) with public keys from a PEM file or a JWKS file.
 * Unsigned tokens ({@code alg: none}) and algorithm confusion (an HMAC token checked against a
 * public key) are refused; {@code exp} is required. The subject is {@code sub}, or RackHD's {@code
 * user} claim when there is no {@code sub}.
 */
public final class JwtTokenVerifier implements TokenVerifier {
    /** The shortest HS256 secret accepted: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256);
    private static final Set<JWSAlgorithm> PUBLIC_KEY =
            Set.of(
                    JWSAlgorithm.RS256,
                    JWSAlgorithm.RS384,
                    JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256,
                    JWSAlgorithm.PS384,
                    JWSAlgorithm.PS512,
                    JWSAlgorithm.ES256,
                    JWSAlgorithm.ES384,
                    JWSAlgorithm.ES512);
    private static final String RACKHD_USER_CLAIM = "user";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JwtRules rules;
    private final String description;

    private JwtTokenVerifier(
            JWSKeySelector<SecurityContext> keys, JwtRules rules, String description) {
        this.rules = rules;
        this.description = description;
        processor.setJWSKeySelector(keys);
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(
                        JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        rules.audience() == null ? null : Set.of(rules.audience()),
                        rules.issuer() == null
                                ? new JWTClaimsSet.Builder().build()
                                : new JWTClaimsSet.Builder().issuer(rules.issuer()).build(),
                        Set.of("exp"),
                        null);
        claims.setMaxClockSkew((int) rules.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * HS256 with a shared secret (its UTF-8 bytes).
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public static JwtTokenVerifier hmac(String secret, JwtRules rules) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "the JWT secret must be at least "
                            + MIN_SECRET_BYTES
                            + " bytes (256 bits); it has "
                            + bytes.length);
        }
        return new JwtTokenVerifier(
                new JWSVerificationKeySelector<>(HMAC, new ImmutableSecret<>(bytes)),
                rules,
                "HS256 shared secret");
    }

    /** RS*, PS* or ES* with these public keys, matched by the token's {@code kid}. */
    public static JwtTokenVerifier publicKeys(JWKSet keys, JwtRules rules) {
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException("no keys to verify tokens with");
        }
        for (JWK key : keys.getKeys()) {
            if (key.isPrivate()) {
                throw new IllegalArgumentException(
                        "the key set holds a private key; give the gateway public keys only");
            }
        }
        return new JwtTokenVerifier(
                new JWSVerificationKeySelector<>(PUBLIC_KEY, new ImmutableJWKSet<>(keys)),
                rules,
                keys.getKeys().size() + " public key(s)");
    }

    /**
     * RS*, PS* or ES* with the public keys in a PEM file ({@code PUBLIC KEY} or {@code CERTIFICATE}
     * blocks). Such keys have no {@code kid}: a token's {@code kid} is not matched.
     */
    public static JwtTokenVerifier fromPublicKeyPem(Path pem, JwtRules rules) {
        List<JWK> keys = new ArrayList<>();
        for (PublicKey key : Pem.publicKeys(pem)) {
            keys.add(jwk(key, pem));
        }
        JWKSource<SecurityContext> source = new ImmutableJWKSet<>(new JWKSet(keys));
        JWSVerificationKeySelector<SecurityContext> anyKeyId =
                new JWSVerificationKeySelector<>(PUBLIC_KEY, source) {
                    @Override
                    protected JWKMatcher createJWKMatcher(JWSHeader header) {
                        JWKMatcher byHeader = super.createJWKMatcher(header);
                        return byHeader == null
                                ? null
                                : new JWKMatcher.Builder(byHeader)
                                        .keyIDs((Set<String>) null)
                                        .x509CertSHA256Thumbprints(
                                                (Set<com.nimbusds.jose.util.Base64URL>) null)
                                        .build();
                    }
                };
        return new JwtTokenVerifier(anyKeyId, rules, "public key(s) from " + pem);
    }

    /** RS*, PS* or ES* with the public keys of a JWKS file ({@code {"keys": [...]}}). */
    public static JwtTokenVerifier fromJwks(Path jwks, JwtRules rules) {
        try {
            return publicKeys(JWKSet.load(jwks.toFile()), rules);
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException(
                    "cannot read JWKS file " + jwks + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Verification verify(String token) {
        JWTClaimsSet claims;
        try {
            JWT jwt = JWTParser.parse(token);
            if (jwt instanceof PlainJWT) {
                return Verification.refused("unsigned token (alg none)");
            }
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            return Verification.refused("malformed token");
        } catch (ExpiredJWTException e) {
            return Verification.refused("expired");
        } catch (BadJWSException e) {
            return Verification.refused("bad signature");
        } catch (BadJWTException e) {
            return Verification.refused("claims not accepted (issuer, audience, exp or nbf)");
        } catch (BadJOSEException e) {
            return Verification.refused("algorithm or key not accepted");
        } catch (JOSEException | RuntimeException e) {
            return Verification.refused("cannot be verified");
        }
        return principal(claims);
    }

    private Verification principal(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if ((subject == null || subject.isBlank())
                && claims.getClaim(RACKHD_USER_CLAIM) instanceof String user) {
            subject = user;
        }
        if (subject == null || subject.isBlank()) {
            return Verification.refused("no subject (sub)");
        }
        Set<String> roles = new LinkedHashSet<>();
        Object value = claim(claims, rules.rolesClaim());
        if (value instanceof String single) {
            roles.add(single);
        } else if (value instanceof List<?> list) {
            for (Object role : list) {
                if (!(role instanceof String name)) {
                    return Verification.refused("roles claim is not an array of strings");
                }
                roles.add(name);
            }
        } else if (value != null) {
            return Verification.refused("roles claim is not an array of strings");
        }
        Date expiry = claims.getExpirationTime();
        return Verification.accepted(
                new Principal(subject, roles, expiry.toInstant().plus(rules.clockSkew())));
    }

    /** A claim by name, or by a dotted path into nested objects. */
    private static Object claim(JWTClaimsSet claims, String name) {
        Object direct = claims.getClaim(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Object current = claims.getClaims();
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static JWK jwk(PublicKey key, Path source) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException(source + ": unsupported EC curve");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new IllegalArgumentException(
                source + ": a " + key.getAlgorithm() + " key; expected RSA or EC");
    }

    @Override
    public String toString() {
        return "JWT (" + description + ")";
    }
}
