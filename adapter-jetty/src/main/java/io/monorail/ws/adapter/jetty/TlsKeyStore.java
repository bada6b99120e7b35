package io.monorail.ws.adapter.jetty;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The server's TLS certificate and private key, loaded when the settings are read. */
public final class TlsKeyStore {
    private static final String ALIAS = "monorail-ws";

    private final KeyStore keyStore;
    private final String password;
    private final String source;

    private TlsKeyStore(KeyStore keyStore, String password, String source) {
        this.keyStore = keyStore;
        this.password = password;
        this.source = source;
    }

    /**
     * From PEM files: a certificate chain (leaf first) and its unencrypted PKCS#8 private key.
     *
     * @throws IllegalArgumentException naming the file at fault (never its content)
     */
    public static TlsKeyStore fromPem(Path certificateChain, Path privateKey) {
        List<Certificate> chain = Pem.certificates(certificateChain);
        PrivateKey key = Pem.privateKey(privateKey);
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(
                    privateKey + " is not the key of the certificate in " + certificateChain);
        }
        // An in-memory store needs a password; nobody ever types this one.
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
            return new TlsKeyStore(store, password, certificateChain.toString());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot build a key store from " + certificateChain + ": " + e.getMessage(), e);
        }
    }

    /**
     * From a PKCS#12 file holding one private key and its certificate chain.
     *
     * @throws IllegalArgumentException when the file cannot be read or the password is wrong
     */
    public static TlsKeyStore fromPkcs12(Path file, String password) {
        Objects.requireNonNull(password, "password");
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot open PKCS#12 file " + file + " (wrong password?): " + e.getMessage(),
                    e);
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException(file + " holds no private key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new TlsKeyStore(store, password, file.toString());
    }

    KeyStore keyStore() {
        return keyStore;
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "TLS key store from " + source;
    }
}
