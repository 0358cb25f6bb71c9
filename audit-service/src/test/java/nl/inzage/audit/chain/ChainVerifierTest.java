package nl.inzage.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @Test
    void aChainAsWrittenVerifies() {
        List<ChainedRecord> chain = chain(4);

        ChainVerifier verifier = new ChainVerifier(ChainHasher.GENESIS, 0);

        assertThat(verifier.check(chain)).isEmpty();
        assertThat(verifier.checked()).isEqualTo(4);
        assertThat(verifier.expectedPrevious()).isEqualTo(chain.get(3).hash());
    }

    @Test
    void changedContentIsReportedAtThatRecord() {
        List<ChainedRecord> chain = chain(3);
        ChainedRecord b = chain.get(1);
        AuditRecord r = b.stored().record();
        chain.set(1, new ChainedRecord(new StoredAuditRecord(2, b.stored().recordedAt(), new AuditRecord(r.eventId(),
                r.eventType(), r.occurredAt(), r.patientBsn(), r.practitionerUzi(), r.practitionerRole(),
                r.organizationUra(), r.dataHolderUra(), "deny", r.emergency(), r.payload())), b.prevHash(), b.hash()));

        assertThat(new ChainVerifier(ChainHasher.GENESIS, 0).check(chain))
                .hasValueSatisfying(broken -> {
                    assertThat(broken.seq()).isEqualTo(2);
                    assertThat(broken.problem()).isEqualTo(BrokenLink.CONTENT_CHANGED);
                });
    }

    @Test
    void aRemovedRecordIsReportedAtTheNextOne() {
        List<ChainedRecord> chain = chain(3);
        chain.remove(1);

        assertThat(new ChainVerifier(ChainHasher.GENESIS, 0).check(chain))
                .hasValueSatisfying(broken -> {
                    assertThat(broken.seq()).isEqualTo(3);
                    assertThat(broken.problem()).isEqualTo(BrokenLink.LINK_BROKEN);
                });
    }

    @Test
    void canonicalFormSeparatesFieldsUnambiguously() {
        AuditRecord one = record(1, "ab", "c");
        AuditRecord other = record(1, "a", "bc");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, one, AT)).isNotEqualTo(ChainHasher.hash(ChainHasher.GENESIS, other, AT));
    }

    @Test
    void hashIgnoresPrecisionPostgresqlDoesNotKeep() {
        AuditRecord r = record(1, "x", "y");
        assertThat(ChainHasher.hash(ChainHasher.GENESIS, r, AT))
                .isEqualTo(ChainHasher.hash(ChainHasher.GENESIS, r, ChainHasher.stored(AT)));
    }

    @Test
    void checkpointSignatureHoldsOnlyForItsStatementAndKey() {
        CheckpointSigner signer = new CheckpointSigner("bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1zZWNyZXQtIQ==", "k1");
        CheckpointSigner other = new CheckpointSigner("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktb3RoZXI=", "k2");
        byte[] head = ChainHasher.hash(ChainHasher.GENESIS, record(1, "x", "y"), AT);
        byte[] signature = signer.sign(5, head, AT);

        assertThat(signer.verify(5, head, AT, signature)).isTrue();
        assertThat(signer.verify(6, head, AT, signature)).isFalse();
        assertThat(signer.verify(5, ChainHasher.GENESIS, AT, signature)).isFalse();
        assertThat(other.verify(5, head, AT, signature)).isFalse();
    }

    private static List<ChainedRecord> chain(int n) {
        List<ChainedRecord> chain = new ArrayList<>();
        byte[] previous = ChainHasher.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = record(i, "permit", "{}");
            byte[] hash = ChainHasher.hash(previous, r, AT);
            chain.add(new ChainedRecord(new StoredAuditRecord(i, ChainHasher.stored(AT), r), previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static AuditRecord record(int i, String decision, String payload) {
        return new AuditRecord("e-" + i, EventTypes.ACCESS_DECIDED, AT, "999993653", "900000001", "verloskundige",
                "00000101", "00000201", decision, false, payload);
    }
}
