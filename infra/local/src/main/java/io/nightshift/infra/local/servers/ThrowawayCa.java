package io.nightshift.infra.local.servers;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * A certificate authority that lives for one local server: it signs one server certificate for
 * {@code localhost} and {@code 127.0.0.1} and is then forgotten (its key is never written), so
 * nothing it signed can be trusted beyond the folder's trust store.
 *
 * <p>Signed in-process with BouncyCastle rather than by running {@code keytool} several times:
 * one JVM start per keytool step would cost seconds per server on a loaded machine, and
 * the secure mode must not depend on where a JDK keeps its tools. The stores are PKCS12 (what
 * Kafka's and the apps' {@code *.trust-store-type} expect); PEM copies serve servers that read
 * PEM (Redis, PostgreSQL).
 *
 * @param trustStore the PKCS12 trust store holding the CA certificate: what a client needs
 * @param keyStore   the PKCS12 key store with the server's key and its chain: what the server needs
 * @param password   the password of both stores (and of the key)
 * @param caPem      the CA certificate as PEM
 * @param serverPem  the server certificate as PEM
 * @param serverKeyPem the server's private key as unencrypted PKCS#8 PEM
 */
public record ThrowawayCa(Path trustStore, Path keyStore, String password, Path caPem, Path serverPem, Path serverKeyPem) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE = "SHA256withECDSA";

    /** Creates the CA and the server certificate and writes the stores into {@code folder} (created if needed). */
    public static ThrowawayCa issue(Path folder) {
        try {
            Files.createDirectories(folder);
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=Nightshift throwaway CA " + HexFormat.of().toHexDigits(RANDOM.nextInt()));
            X509Certificate ca = caCertificate(caName, caKeys);
            KeyPair serverKeys = keyPair();
            X509Certificate server = serverCertificate(caName, caKeys, ca, serverKeys);

            String password = randomHex(16);
            ThrowawayCa issued = new ThrowawayCa(folder.resolve("ca-truststore.p12"), folder.resolve("server-keystore.p12"), password,
                    folder.resolve("ca.pem"), folder.resolve("server.pem"), folder.resolve("server-key.pem"));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("nightshift-ca", ca);
            store(trust, issued.trustStore, password);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serverKeys.getPrivate(), password.toCharArray(), new Certificate[]{server, ca});
            store(keys, issued.keyStore, password);
            Files.writeString(issued.caPem, pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(issued.serverPem, pem("CERTIFICATE", server.getEncoded()));
            Files.writeString(issued.serverKeyPem, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the throwaway certificates into " + folder, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create the throwaway certificates", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair keys) throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(name, name, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return signed(builder, keys);
    }

    private static X509Certificate serverCertificate(X500Name issuer, KeyPair caKeys, X509Certificate ca, KeyPair keys)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=localhost"), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        return signed(builder, caKeys);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        // Back-dated a little so a clock that is slightly behind still accepts it; it outlives any demo.
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))), subject, subjectKeys.getPublic());
    }

    private static X509Certificate signed(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The password stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "ThrowawayCa[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
