package nl.inzage.bench;

import java.util.concurrent.TimeUnit;
import nl.inzage.gateway.decision.AccessRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Item 1 of issue 10: one decision in process, Inzage's core (projection lookups and
 * AccessDecider) against the same policy in jCasbin and Cedar, over the same fixed-seed workload.
 * The peers get their input prepared beforehand (flattened facts, entities), so only their
 * evaluation is measured; Inzage's lookups in its projections are measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionCoreBenchmark {

    public static final int REQUESTS = 1 << 16;

    @Param("100000")
    public int clients;

    @Param("1000")
    public int organisations;

    private Workload workload;
    private AccessRequest[] requests;
    private CasbinEngine casbin;
    private CasbinEngine.Prepared[] casbinInput;
    private CedarEngine cedar;
    private CedarEngine.Prepared[] cedarInput;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(clients, organisations, REQUESTS, 20261123L);
        requests = workload.requests;
        casbin = new CasbinEngine();
        cedar = new CedarEngine();
        casbinInput = new CasbinEngine.Prepared[REQUESTS];
        cedarInput = new CedarEngine.Prepared[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            Facts facts = workload.facts(requests[i]);
            casbinInput[i] = casbin.prepare(facts);
            cedarInput[i] = cedar.prepare(facts);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (REQUESTS - 1);
        return i;
    }

    @Benchmark
    public boolean inzage() {
        return workload.inzage(requests[index()]);
    }

    @Benchmark
    public boolean jcasbin() {
        return casbin.decide(casbinInput[index()]);
    }

    @Benchmark
    public boolean cedar() {
        return cedar.decide(cedarInput[index()]);
    }
}
