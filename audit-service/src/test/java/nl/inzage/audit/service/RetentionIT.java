package nl.inzage.audit.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.IngestFromNow;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.audit.repository.AuditRecordRepository.Purge;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.Test;

/**
 * The purge removes only records past retention, leaves a chain that verifies from the oldest kept
 * record (the anchor), and is itself logged. A profile of its own: Quarkus restarts and Flyway
 * cleans the test database, and the ingest skips what is already on the broker ({@link IngestFromNow}), so
 * the old records written here are the oldest in the chain.
 */
@QuarkusTest
@TestProfile(RetentionIT.SevenYears.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class RetentionIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    public static class SevenYears implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(IngestFromNow.overrides());
            overrides.put("inzage.audit.retention.years", "7");
            return overrides;
        }
    }

    @Inject
    RetentionService retention;

    @Inject
    AuditRecordRepository records;

    @Inject
    Pool pool;

    @Test
    void purgeRemovesOnlyRecordsPastRetentionKeepsTheChainVerifiableAndIsLogged() {
        Instant now = Instant.now();
        Instant eightYearsAgo = now.atOffset(ZoneOffset.UTC).minusYears(8).toInstant();
        Instant sixYearsAgo = now.atOffset(ZoneOffset.UTC).minusYears(6).toInstant();
        // The two old records in one append, next to each other: a record the ingest took from the shared test
        // broker between them would end the purgeable prefix early (seen once: 1 purged instead of 2).
        List<String> old = append(eightYearsAgo, 2);
        List<String> kept = List.of(append(sixYearsAgo, 1).get(0), append(now, 1).get(0));

        Purge purge = retention.purge(now).await().atMost(WAIT);

        assertThat(purge.purged()).isEqualTo(2);
        assertThat(old).noneMatch(this::stored);
        assertThat(kept).allMatch(this::stored);
        JsonPath verified = given().auth().oauth2(TestTokens.privacyOfficer("00000101")).get("/audit/verify")
                .then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("intact")).isTrue();
        assertThat(verified.getLong("anchorSeq")).isEqualTo(purge.anchorSeq());
        // The records after the anchor are checked: the two kept, the purge record, and whatever the
        // ingest took from the (shared) test broker meanwhile, which may still be growing.
        long afterAnchor = pool.preparedQuery("select count(*) from audit_record where seq > $1")
                .execute(Tuple.of(purge.anchorSeq())).await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(verified.getLong("checked")).isBetween(3L, afterAnchor);
        Row logged = pool.preparedQuery("select payload from audit_record where event_type = $1")
                .execute(Tuple.of(RetentionService.PURGED)).await().atMost(WAIT).iterator().next();
        assertThat(logged.getString("payload")).contains("\"purged\":2", "\"retentionYears\":7");

        Purge again = retention.purge(now).await().atMost(WAIT);
        assertThat(again.purged()).isZero();
    }

    @Test
    void theDatabaseRefusesAPurgeOfRecordsYoungerThanFiveYears() {
        Instant fourYearsAgo = OffsetDateTime.now(ZoneOffset.UTC).minusYears(4).toInstant();
        assertThatThrownBy(() -> pool.preparedQuery("select * from audit_purge($1)")
                .execute(Tuple.of(OffsetDateTime.ofInstant(fourYearsAgo, ZoneOffset.UTC))).await().atMost(WAIT))
                .hasMessageContaining("shorter than 5 years");
    }

    /** Appends {@code count} records received at {@code at}, next to each other in the chain; their event ids. */
    private List<String> append(Instant at, int count) {
        List<AuditRecord> appended = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new AuditRecord("retention-" + UUID.randomUUID(), EventTypes.ACCESS_DECIDED, at, "999993653",
                        "900000001", "verloskundige", "00000101", "00000201", "permit", false, "{}"))
                .toList();
        records.append(appended, at.truncatedTo(ChronoUnit.MILLIS)).await().atMost(WAIT);
        return appended.stream().map(AuditRecord::eventId).toList();
    }

    private boolean stored(String eventId) {
        return pool.preparedQuery("select 1 from audit_record where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(WAIT).size() == 1;
    }
}
