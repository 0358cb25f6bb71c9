package nl.inzage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.inzage.gateway.decision.AccessRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares like with like only if jCasbin and Cedar, given the same policy, decide
 * every request of the workload as the gateway's core does. Correctness, not timing.
 */
class EnginesAgreeTest {

    private static Workload workload;

    @BeforeAll
    static void workload() {
        workload = new Workload(5_000, 1_000, 2_000, Workload.SEED);
    }

    @Test
    void jcasbinAndCedarDecideEveryRequestAsTheGateway() {
        CasbinEngine casbin = new CasbinEngine();
        CedarEngine cedar = new CedarEngine();
        List<String> disagreements = new ArrayList<>();
        int permits = 0;
        for (AccessRequest request : workload.requests) {
            boolean inzage = workload.inzage(request);
            Facts facts = workload.facts(request);
            boolean byCasbin = casbin.decide(casbin.prepare(facts));
            boolean byCedar = cedar.decide(cedar.prepare(facts));
            if (byCasbin != inzage || byCedar != inzage) {
                disagreements.add(request + ": inzage " + inzage + ", jcasbin " + byCasbin + ", cedar " + byCedar);
            }
            permits += inzage ? 1 : 0;
        }
        assertThat(disagreements).as("requests decided differently").isEmpty();
        // A workload of only denies (or only permits) would make agreement meaningless.
        assertThat(permits).isBetween(workload.requests.length / 10, workload.requests.length * 9 / 10);
    }

    @Test
    void everyClientOfTheWorkloadHasABsnTheGatewayAccepts() {
        assertThat(workload.bsns).allMatch(nl.inzage.contracts.Identifiers::isValidBsn).doesNotHaveDuplicates();
    }

    @Test
    void theEnginesWouldSeeADifferenceInTheConsentRules() {
        // The same request before and after its consent's rules say otherwise: each engine follows.
        AccessRequest request = null;
        Facts facts = null;
        for (AccessRequest candidate : workload.requests) {
            if (workload.inzage(candidate)) {
                request = candidate;
                facts = workload.facts(candidate);
                break;
            }
        }
        assertThat(request).isNotNull();
        java.util.Set<String> denies = new java.util.HashSet<>(facts.denies());
        denies.add(Facts.requestKeys(request).get(0));
        Facts denied = new Facts(request, facts.status(), facts.permits(), denies, facts.activeOrgs());
        assertThat(new CasbinEngine().decide(new CasbinEngine().prepare(denied))).isFalse();
        CedarEngine cedar = new CedarEngine();
        assertThat(cedar.decide(cedar.prepare(denied))).isFalse();
        assertThat(cedar.decide(cedar.prepare(facts))).isTrue();
    }
}
