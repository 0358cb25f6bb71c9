package nl.inzage.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the statement "at {@code createdAt} the head of the chain was record
 * {@code headSeq} with hash {@code headHash}" with HMAC-SHA256. Whoever holds the key (the
 * operator, kept outside the database) can prove the log was intact up to that head then.
 */
public final class CheckpointSigner {

    public static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final String keyId;

    public CheckpointSigner(String base64Key, String keyId) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inzage.audit.checkpoint.key must be base64", e);
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("inzage.audit.checkpoint.key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] sign(long headSeq, byte[] headHash, Instant createdAt) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(statement(headSeq, headHash, createdAt));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    public boolean verify(long headSeq, byte[] headHash, Instant createdAt, byte[] signature) {
        return MessageDigest.isEqual(sign(headSeq, headHash, createdAt), signature);
    }

    static byte[] statement(long headSeq, byte[] headHash, Instant createdAt) {
        return ("inzage-audit-checkpoint-v1|" + headSeq + "|" + ChainVerifier.hex(headHash) + "|"
                + ChainHasher.stored(createdAt)).getBytes(StandardCharsets.UTF_8);
    }
}
