package nl.inzage.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AuditRecord;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.RelationshipChanged;
import org.junit.jupiter.api.Test;

class LawfulnessReplayTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final LawfulnessReplay REPLAY = new LawfulnessReplay(
            Map.of("verloskundige", List.of("pregnancy"), "jgz", List.of("newborn")), ZoneId.of("Europe/Amsterdam"));

    @Test
    void permitRightWhenConsentRelationshipAndRoleHold() {
        Explanation e = REPLAY.explain(access("verloskundige", "permit"), details(), List.of(consent(1, "active", -60)),
                List.of(relationship("active", LocalDate.parse("2025-02-01"), null)));
        assertThat(e.expectedDecision()).isEqualTo("permit");
        assertThat(e.decisionWasRight()).isTrue();
    }

    @Test
    void roleOutsideTheMatrixMakesAPermitWrong() {
        Explanation e = REPLAY.explain(access("jgz", "permit"), details(), List.of(consent(1, "active", -60)),
                List.of(relationship("active", LocalDate.parse("2025-02-01"), null)));
        assertThat(e.role().permitted()).isFalse();
        assertThat(e.decisionWasRight()).isFalse();
    }

    @Test
    void relationshipEndedBeforeThatDayMakesAPermitWrong() {
        Explanation e = REPLAY.explain(access("verloskundige", "permit"), details(), List.of(consent(1, "active", -60)),
                List.of(relationship("active", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-02-28"))));
        assertThat(e.relationshipActive()).isFalse();
        assertThat(e.expectedDecision()).isEqualTo("deny");
    }

    @Test
    void consentVersionRecordedAfterTheEventIsNotInForce() {
        Explanation e = REPLAY.explain(access("verloskundige", "deny"), details(),
                List.of(consent(1, "inactive", -60), consent(2, "active", 60)),
                List.of(relationship("active", LocalDate.parse("2025-02-01"), null)));
        assertThat(e.consentInForce().version()).isEqualTo(1);
        assertThat(e.consentOutcome()).isEqualTo("withdrawn");
        assertThat(e.decisionWasRight()).isTrue();
    }

    private static AuditRecord access(String role, String decision) {
        return new AuditRecord("e", EventTypes.ACCESS_DECIDED, AT, "999993653", "900000101", role, "00000101",
                "00000201", decision, false, "{}");
    }

    private static AccessDetails details() {
        return new AccessDetails(null, "G3", "pregnancy", "read", null, List.of(), "TREAT", null, List.of(), List.of(),
                null, null);
    }

    private static ConsentChanged consent(long version, String status, long secondsFromEvent) {
        return new ConsentChanged("c" + version, "c", version, version, AT.plusSeconds(secondsFromEvent),
                new Actor("source-system", "s", "00000201"), "source-system", status, "999993653", "00000201",
                List.of(new ConsentRule(ConsentRule.PERMIT, null, null, null, List.of())), "{}");
    }

    private static RelationshipChanged relationship(String status, LocalDate start, LocalDate end) {
        return new RelationshipChanged("r", "r", 1, 1, AT.minusSeconds(3600), new Actor("source-system", "s", "00000101"),
                "999993653", "00000101", "G3", "900000101", "treatment", status, start, end, "intake");
    }
}
