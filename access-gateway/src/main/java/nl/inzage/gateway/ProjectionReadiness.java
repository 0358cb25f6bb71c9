package nl.inzage.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.gateway.projection.CatchUp;
import nl.inzage.gateway.projection.Freshness;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the projections hold everything that was on the topics at start, and only while
 * their freshness is confirmed: a replica that denies everything must not receive traffic.
 */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final CatchUp catchUp;
    private final Freshness freshness;

    public ProjectionReadiness(CatchUp catchUp, Freshness freshness) {
        this.catchUp = catchUp;
        this.freshness = freshness;
    }

    @Override
    public HealthCheckResponse call() {
        boolean caughtUp = catchUp.caughtUp();
        boolean stale = freshness.stale();
        return HealthCheckResponse.named("projections")
                .status(caughtUp && !stale)
                .withData("reason", !caughtUp ? "catching-up" : stale ? "stale" : "fresh")
                .withData("freshness-age-seconds", freshness.age().toSeconds())
                .withData("lagging-partitions", catchUp.lag().toString())
                .build();
    }
}
