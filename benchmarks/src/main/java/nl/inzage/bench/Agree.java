package nl.inzage.bench;

import nl.inzage.gateway.decision.AccessRequest;

/**
 * Before the decision-core measurement: do jCasbin and Cedar decide every request of the full
 * benchmark workload as the gateway's core does? Prints the count and exits 1 on any difference
 * (EnginesAgreeTest checks the same on a smaller workload in mvn verify).
 *
 * <p>Usage: {@code Agree clients organisations [requests]} (default every request of the workload)
 */
public final class Agree {

    public static void main(String[] args) {
        Workload workload = new Workload(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                DecisionCoreBenchmark.REQUESTS, Workload.SEED);
        CasbinEngine casbin = new CasbinEngine();
        CedarEngine cedar = new CedarEngine();
        int permits = 0;
        int differ = 0;
        int checked = args.length > 2 ? Math.min(Integer.parseInt(args[2]), workload.requests.length) : workload.requests.length;
        for (int i = 0; i < checked; i++) {
            AccessRequest request = workload.requests[i];
            boolean inzage = workload.inzage(request);
            Facts facts = workload.facts(request);
            boolean agree = casbin.decide(casbin.prepare(facts)) == inzage && cedar.decide(cedar.prepare(facts)) == inzage;
            if (!agree && differ++ < 5) {
                System.out.println("differ: " + request);
            }
            permits += inzage ? 1 : 0;
        }
        System.out.printf("agreement: %,d requests, %,d permits (%.1f%%), %d decided differently by jCasbin or Cedar%n",
                checked, permits, 100.0 * permits / checked, differ);
        System.exit(differ == 0 ? 0 : 1);
    }
}
