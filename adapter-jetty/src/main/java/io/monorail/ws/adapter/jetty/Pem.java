package io.monorail.ws.adapter.jetty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM files (certificates, public keys, unencrypted PKCS#8 private keys) with JDK APIs. */
final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    /** One PEM block: its label ({@code CERTIFICATE}, {@code PUBLIC KEY}, ...) and its bytes. */
    record Block(String label, byte[] der) {}

    private Pem() {}

    static List<Block> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
            blocks.add(new Block(matcher.group(1), der));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM block");
        }
        return blocks;
    }

    /** The public keys in a file of {@code PUBLIC KEY} and/or {@code CERTIFICATE} blocks. */
    static List<PublicKey> publicKeys(Path file) {
        List<PublicKey> keys = new ArrayList<>();
        for (Block block : read(file)) {
            switch (block.label()) {
                case "PUBLIC KEY" -> keys.add(publicKey(block.der(), file));
                case "CERTIFICATE" -> keys.add(certificate(block.der(), file).getPublicKey());
                default ->
                        throw new IllegalArgumentException(
                                file
                                        + ": a '"
                                        + block.label()
                                        + "' block is not a public key; expected PUBLIC KEY"
                                        + " (SubjectPublicKeyInfo) or CERTIFICATE");
            }
        }
        return keys;
    }

    /** The certificate chain in a file of {@code CERTIFICATE} blocks, leaf first. */
    static List<Certificate> certificates(Path file) {
        List<Certificate> chain = new ArrayList<>();
        for (Block block : read(file)) {
            if (!block.label().equals("CERTIFICATE")) {
                throw new IllegalArgumentException(
                        file + ": expected only CERTIFICATE blocks, found " + block.label());
            }
            chain.add(certificate(block.der(), file));
        }
        return chain;
    }

    /** The one unencrypted PKCS#8 ({@code PRIVATE KEY}) key in a file. */
    static PrivateKey privateKey(Path file) {
        List<Block> blocks = read(file);
        Block block = blocks.get(0);
        if (blocks.size() != 1 || !block.label().equals("PRIVATE KEY")) {
            // Never echo what is in the file: it is a secret.
            throw new IllegalArgumentException(
                    file
                            + ": expected exactly one unencrypted PKCS#8 'PRIVATE KEY' block"
                            + " (convert with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block.der());
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": not an RSA, EC or Ed25519 private key");
    }

    private static PublicKey publicKey(byte[] der, Path file) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": not an RSA, EC or Ed25519 public key");
    }

    private static Certificate certificate(byte[] der, Path file) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": bad certificate: " + e.getMessage(), e);
        }
    }
}
