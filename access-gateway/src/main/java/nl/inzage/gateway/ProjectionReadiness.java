package nl.inzage.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.gateway.projection.CatchUp;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the projections hold everything that was on the topics at start. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    private final CatchUp catchUp;

    public ProjectionReadiness(CatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("projections")
                .status(catchUp.caughtUp())
                .withData("lagging-partitions", catchUp.lag().toString())
                .build();
    }
}
