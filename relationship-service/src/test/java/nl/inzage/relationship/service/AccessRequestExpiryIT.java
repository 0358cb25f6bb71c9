package nl.inzage.relationship.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.TestTokens;
import org.junit.jupiter.api.Test;

/** The expiry of access requests, run with a "today" of the test's choosing, against the real database. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessRequestExpiryIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final String GATEWAY = TestTokens.service("access-gateway");

    @Inject
    AccessRequestExpiry expiry;

    @Inject
    Pool pool;

    @Test
    void accessRequestPastItsEndIsEndedAsANewVersionByTheServiceAndPublished() throws Throwable {
        String id = accessRequest(Fixtures.freshBsn());

        List<StoredRelationship> ended = VertxContextSupport.subscribeAndAwait(() -> expiry.expire(TODAY.plusMonths(12).plusDays(1)));

        assertThat(ended).extracting(StoredRelationship::id).contains(id);
        given().auth().oauth2(GATEWAY).get("/relationships/" + id)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("status", equalTo("ended"))
                .body("end", equalTo(TODAY.plusMonths(12).toString()));
        Row version = versionRow(id, 2);
        assertThat(version.getString("actor_type")).isEqualTo("service");
        assertThat(version.getString("actor_id")).isEqualTo("relationship-service");
        assertThat(outboxEvents(id)).as("one event per version, through the outbox").isEqualTo(2);
    }

    @Test
    void accessRequestStillInForceAndOtherKindsAreLeftAlone() throws Throwable {
        String bsn = Fixtures.freshBsn();
        String inForce = accessRequest(bsn);
        String pastReplacement = given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/json")
                .body(Fixtures.registration(bsn, "00000101", "replacement", TODAY.minusDays(30).toString(), TODAY.minusDays(1).toString()))
                .post("/relationships")
                .then().statusCode(201).extract().path("id");

        List<StoredRelationship> ended = VertxContextSupport.subscribeAndAwait(() -> expiry.expire(TODAY.plusMonths(12)));

        assertThat(ended).extracting(StoredRelationship::id).doesNotContain(inForce, pastReplacement);
        assertThat(versionCount(inForce)).isEqualTo(1);
        assertThat(versionCount(pastReplacement)).isEqualTo(1);
    }

    @Test
    void twoRunsAtOnceEndEachRelationshipExactlyOnce() throws Exception {
        List<String> mine = IntStream.range(0, 12).mapToObj(i -> accessRequest(Fixtures.freshBsn())).toList();
        LocalDate later = TODAY.plusMonths(13);
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<StoredRelationship>> run = () -> {
            start.await();
            try {
                return VertxContextSupport.subscribeAndAwait(() -> expiry.expire(later));
            } catch (Throwable failure) {
                throw new IllegalStateException(failure);
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<String> endedIds = new ArrayList<>();
        try {
            Future<List<StoredRelationship>> first = threads.submit(run);
            Future<List<StoredRelationship>> second = threads.submit(run);
            start.countDown();
            first.get().forEach(stored -> endedIds.add(stored.id()));
            second.get().forEach(stored -> endedIds.add(stored.id()));
        } finally {
            threads.shutdownNow();
        }

        assertThat(endedIds).doesNotHaveDuplicates().containsAll(mine);
        for (String id : mine) {
            assertThat(versionCount(id)).as("versions of %s", id).isEqualTo(2);
            assertThat(versionRow(id, 2).getString("status")).isEqualTo("ended");
            assertThat(outboxEvents(id)).isEqualTo(2);
        }
    }

    @Test
    void requestAfterTheEndPassedEndsTheOldOneAndCreatesANewOne() {
        String bsn = Fixtures.freshBsn();
        String old = accessRequest(bsn);
        // As if asked thirteen months ago and not yet taken by the expiry job.
        pool.preparedQuery("update relationship set start_date = $2, end_date = $3 where id = $1")
                .execute(Tuple.of(old, TODAY.minusMonths(13), TODAY.minusMonths(1))).await().indefinitely();

        String renewed = given().auth().oauth2(GATEWAY).contentType("application/json")
                .body("{\"patient\": \"" + bsn + "\", \"organization\": \"00000101\", \"organizationType\": \"G3\","
                        + " \"practitioner\": \"900000101\", \"reason\": \"Second pregnancy\"}")
                .post("/relationships/access-requests")
                .then().statusCode(201)
                .body("start", equalTo(TODAY.toString()))
                .extract().path("id");

        assertThat(renewed).isNotEqualTo(old);
        given().auth().oauth2(GATEWAY).get("/relationships/" + old)
                .then().statusCode(200).body("status", equalTo("ended")).body("version", equalTo(2));
    }

    private static String accessRequest(String bsn) {
        return given().auth().oauth2(GATEWAY).contentType("application/json")
                .body("{\"patient\": \"" + bsn + "\", \"organization\": \"00000101\", \"organizationType\": \"G3\","
                        + " \"practitioner\": \"900000101\", \"reason\": \"Client came in for a check-up\"}")
                .post("/relationships/access-requests")
                .then().statusCode(201)
                .extract().path("id");
    }

    private Row versionRow(String id, int version) {
        return pool.preparedQuery("select * from relationship_version where relationship_id = $1 and version = $2")
                .execute(Tuple.of(id, version)).await().indefinitely().iterator().next();
    }

    private long versionCount(String id) {
        return pool.preparedQuery("select count(*) from relationship_version where relationship_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private long outboxEvents(String id) {
        return pool.preparedQuery("select count(*) from outbox_event where message_key = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
