package nl.inzage.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tokens an attacker could present, made from one valid token of the in-JVM OIDC test server: the same claims, one
 * thing wrong. Re-signed with that server's key (the classpath resource {@code privateKey.jwk} of
 * quarkus-test-oidc-server) where the signature must still be valid, so only the flaw under test makes it invalid.
 */
public final class ForgedTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private ForgedTokens() {
    }

    /** Name -> the Authorization header value to send (null: no header at all). Each must be answered 401. */
    public static Map<String, String> from(String validToken) {
        Map<String, String> forged = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        forged.put("no token", null);
        forged.put("not a JWT", "Bearer not-a-jwt");
        forged.put("Basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        forged.put("expired", bearer(resigned(validToken, c -> c.put("iat", now - 7200).put("exp", now - 3600))));
        forged.put("not yet valid", bearer(resigned(validToken, c -> c.put("nbf", now + 3600).put("iat", now + 3600))));
        forged.put("wrong issuer", bearer(resigned(validToken, c -> c.put("iss", "https://attacker.example/realms/geboortezorg"))));
        forged.put("wrong audience", bearer(resigned(validToken, c -> c.put("aud", "account"))));
        forged.put("no audience", bearer(resigned(validToken, c -> c.remove("aud"))));
        forged.put("bad signature (own RSA key)", bearer(signedWithOwnKey(validToken)));
        forged.put("tampered claims, old signature", bearer(tampered(validToken)));
        forged.put("alg none", bearer(algNone(validToken)));
        return forged;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The same token with its claims changed and signed again with the test server's key. */
    public static String resigned(String validToken, Consumer<ObjectNode> change) {
        String[] parts = validToken.split("\\.");
        ObjectNode claims = (ObjectNode) read(B64D.decode(parts[1]));
        change.accept(claims);
        String signingInput = parts[0] + "." + B64.encodeToString(write(claims));
        return signingInput + "." + B64.encodeToString(sign(signingInput, testServerKey()));
    }

    private static String signedWithOwnKey(String validToken) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String[] parts = validToken.split("\\.");
            String signingInput = parts[0] + "." + parts[1];
            return signingInput + "." + B64.encodeToString(sign(signingInput, generator.generateKeyPair().getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered(String validToken) {
        String[] parts = validToken.split("\\.");
        ObjectNode claims = (ObjectNode) read(B64D.decode(parts[1]));
        claims.put("ura", "00000999").put("bsn", "999993653").put("uzi", "900000999");
        return parts[0] + "." + B64.encodeToString(write(claims)) + "." + parts[2];
    }

    private static String algNone(String validToken) {
        String[] parts = validToken.split("\\.");
        ObjectNode header = (ObjectNode) read(B64D.decode(parts[0]));
        header.put("alg", "none");
        return B64.encodeToString(write(header)) + "." + parts[1] + ".";
    }

    private static byte[] sign(String signingInput, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey testServerKey() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("privateKey.jwk")) {
            if (in == null) {
                throw new IllegalStateException("privateKey.jwk (quarkus-test-oidc-server) is not on the test classpath");
            }
            JsonNode jwk = JSON.readTree(in);
            BigInteger n = new BigInteger(1, B64D.decode(jwk.get("n").asText()));
            BigInteger d = new BigInteger(1, B64D.decode(jwk.get("d").asText()));
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(n, d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
