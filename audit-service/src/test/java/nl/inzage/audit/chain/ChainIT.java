package nl.inzage.audit.chain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.IngestFromNow;
import nl.inzage.audit.OwnerConnection;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner of the table (who can switch the append-only trigger off) changes, removes or inserts
 * a row; {@code GET /audit/verify} names the first broken link. Each test puts the row back and
 * sees the chain intact again, so the log stays whole for the other tests.
 */
@QuarkusTest
@TestProfile(IngestFromNow.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ChainIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OFFICER = TestTokens.privacyOfficer("00000101");

    @Inject
    Pool pool;

    @Inject
    AuditRecordRepository records;

    Connection owner;

    @BeforeEach
    void connect() throws Exception {
        owner = OwnerConnection.open();
    }

    @AfterEach
    void close() throws Exception {
        owner.close();
    }

    @Test
    void anUntouchedRangeIsIntact() {
        long a = append("a");
        long c = append("c");

        JsonPath report = verify(a, c);

        assertThat(report.getBoolean("intact")).isTrue();
        assertThat(report.getLong("checked")).isGreaterThanOrEqualTo(2);
        assertThat(report.getMap("firstBroken")).isNull();
    }

    @Test
    void aChangedRowIsTheFirstBrokenLink() throws Exception {
        long a = append("a");
        long b = append("b");
        long c = append("c");

        ownerUpdate("update audit_record set decision = 'deny' where seq = " + b);
        JsonPath tampered = verify(a, c);
        ownerUpdate("update audit_record set decision = 'permit' where seq = " + b);

        assertThat(tampered.getBoolean("intact")).isFalse();
        assertThat(tampered.getLong("firstBroken.seq")).isEqualTo(b);
        assertThat(tampered.getString("firstBroken.problem")).isEqualTo(BrokenLink.CONTENT_CHANGED);
        assertThat(verify(a, c).getBoolean("intact")).isTrue();
    }

    @Test
    void aRemovedRowBreaksTheLinkOfTheNextOne() throws Exception {
        long a = append("a");
        long b = append("b");
        long c = append("c");

        try (Statement s = owner.createStatement()) {
            s.execute("create temp table removed as select * from audit_record where seq = " + b);
        }
        ownerUpdate("delete from audit_record where seq = " + b);
        JsonPath tampered = verify(a, c);
        ownerUpdate("insert into audit_record select * from removed");

        assertThat(tampered.getBoolean("intact")).isFalse();
        assertThat(tampered.getLong("firstBroken.seq")).isEqualTo(c);
        assertThat(tampered.getString("firstBroken.problem")).isEqualTo(BrokenLink.LINK_BROKEN);
        assertThat(verify(a, c).getBoolean("intact")).isTrue();
    }

    @Test
    void aRowInsertedBetweenTwoOthersBreaksTheLinkAfterIt() throws Exception {
        long a = append("a");
        byte[] aHash = hashOf(a);
        long gap;
        try (Statement s = owner.createStatement(); ResultSet rs = s.executeQuery("select nextval('audit_record_seq_seq')")) {
            rs.next();
            gap = rs.getLong(1);
        }
        long c = append("c");
        // A forger who knows the algorithm: the inserted row links correctly to the one before it.
        AuditRecord forged = record("forged");
        Instant recordedAt = ChainHasher.stored(Instant.now());
        byte[] forgedHash = ChainHasher.hash(aHash, forged, recordedAt);
        try (PreparedStatement insert = owner.prepareStatement("""
                insert into audit_record (seq, event_id, event_type, occurred_at, recorded_at, patient_bsn,
                    practitioner_uzi, practitioner_role, organization_ura, data_holder_ura, decision, emergency,
                    payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, gap);
            insert.setString(2, forged.eventId());
            insert.setString(3, forged.eventType());
            insert.setObject(4, OffsetDateTime.ofInstant(ChainHasher.stored(forged.occurredAt()), ZoneOffset.UTC));
            insert.setObject(5, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
            insert.setString(6, forged.patientBsn());
            insert.setString(7, forged.practitionerUzi());
            insert.setString(8, forged.practitionerRole());
            insert.setString(9, forged.organizationUra());
            insert.setString(10, forged.dataHolderUra());
            insert.setString(11, forged.decision());
            insert.setBoolean(12, forged.emergency());
            insert.setString(13, forged.payload());
            insert.setBytes(14, aHash);
            insert.setBytes(15, forgedHash);
            insert.executeUpdate();
        }
        JsonPath tampered = verify(a, c);
        ownerUpdate("delete from audit_record where seq = " + gap);

        assertThat(tampered.getBoolean("intact")).isFalse();
        assertThat(tampered.getLong("firstBroken.seq")).isEqualTo(c);
        assertThat(tampered.getString("firstBroken.problem")).isEqualTo(BrokenLink.LINK_BROKEN);
        assertThat(verify(a, c).getBoolean("intact")).isTrue();
    }

    @Test
    void theWholeChainVerifiesWithoutARangeAndByRecordingTime() {
        append("x");
        given().auth().oauth2(OFFICER).get("/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
        JsonPath today = given().auth().oauth2(OFFICER)
                .queryParam("from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(today.getBoolean("intact")).isTrue();
        assertThat(today.getLong("checked")).isPositive();
    }

    @Test
    void aSignedCheckpointOfTheHeadVerifies() {
        long head = append("head");

        JsonPath created = given().auth().oauth2(OFFICER).post("/audit/checkpoints")
                .then().statusCode(201).extract().jsonPath();

        assertThat(created.getLong("headSeq")).isGreaterThanOrEqualTo(head);
        assertThat(created.getBoolean("signatureValid")).isTrue();
        assertThat(created.getBoolean("headIntact")).isTrue();
        assertThat(created.getString("algorithm")).isEqualTo("HmacSHA256");
        List<Long> listed = given().auth().oauth2(OFFICER).get("/audit/checkpoints")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertThat(listed).contains(created.getLong("id"));
    }

    @Test
    void aCheckpointShowsTheRemovalOfTheNewestRecordWhichNoChainLinkCan() throws Exception {
        append("tail");
        JsonPath created = given().auth().oauth2(OFFICER).post("/audit/checkpoints")
                .then().statusCode(201).extract().jsonPath();
        long head = created.getLong("headSeq");

        try (Statement s = owner.createStatement()) {
            s.execute("create temp table tail as select * from audit_record where seq = " + head);
        }
        ownerUpdate("delete from audit_record where seq = " + head);
        boolean intactWithoutTail = checkpoint(created.getLong("id")).getBoolean("headIntact");
        boolean signatureWithoutTail = checkpoint(created.getLong("id")).getBoolean("signatureValid");
        ownerUpdate("insert into audit_record select * from tail");

        assertThat(intactWithoutTail).isFalse();
        assertThat(signatureWithoutTail).isTrue();
        assertThat(checkpoint(created.getLong("id")).getBoolean("headIntact")).isTrue();
    }

    private JsonPath checkpoint(long id) {
        JsonPath all = given().auth().oauth2(OFFICER).queryParam("limit", 500).get("/audit/checkpoints")
                .then().statusCode(200).extract().jsonPath();
        List<Long> ids = all.getList("id", Long.class);
        return all.setRootPath("[" + ids.indexOf(id) + "]");
    }

    @Test
    void verifyIsForPrivacyOfficersOnlyAndRefusesABadRange() {
        given().auth().oauth2(TestTokens.client("999993653")).get("/audit/verify").then().statusCode(403);
        given().get("/audit/verify").then().statusCode(401);
        given().auth().oauth2(OFFICER).queryParam("from", "last tuesday").get("/audit/verify")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private JsonPath verify(long from, long to) {
        return given().auth().oauth2(OFFICER).queryParam("from", from).queryParam("to", to)
                .get("/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private long append(String name) {
        AuditRecord record = record(name);
        records.append(List.of(record), Instant.now()).await().atMost(WAIT);
        Row row = pool.preparedQuery("select seq from audit_record where event_id = $1").execute(Tuple.of(record.eventId()))
                .await().atMost(WAIT).iterator().next();
        return row.getLong("seq");
    }

    private byte[] hashOf(long seq) {
        return pool.preparedQuery("select hash from audit_record where seq = $1").execute(Tuple.of(seq))
                .await().atMost(WAIT).iterator().next().getBuffer("hash").getBytes();
    }

    private static AuditRecord record(String name) {
        return new AuditRecord(name + "-" + UUID.randomUUID(), EventTypes.ACCESS_DECIDED, Instant.now(), "999993653",
                "900000001", "verloskundige", "00000101", "00000201", "permit", false, "{\"name\":\"" + name + "\"}");
    }

    /** As the owner: switch the append-only trigger off for one statement, as an insider could. */
    private void ownerUpdate(String sql) throws Exception {
        try (Statement s = owner.createStatement()) {
            s.execute("alter table audit_record disable trigger audit_record_no_update_or_delete");
            try {
                s.execute(sql);
            } finally {
                s.execute("alter table audit_record enable trigger audit_record_no_update_or_delete");
            }
        }
    }
}
