package nl.inzage.relationship.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.Today;
import org.jboss.logging.Logger;

/** Runs {@link AccessRequestExpiry} on a schedule ({@code inzage.relationship.expiry-every}) for today's date. */
@ApplicationScoped
public class AccessRequestExpiryJob {

    private static final Logger LOG = Logger.getLogger(AccessRequestExpiryJob.class);

    private final AccessRequestExpiry expiry;
    private final Today today;

    public AccessRequestExpiryJob(AccessRequestExpiry expiry, Today today) {
        this.expiry = expiry;
        this.today = today;
    }

    @Scheduled(identity = "access-request-expiry", every = "${inzage.relationship.expiry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() throws Throwable {
        // A fresh duplicated Vert.x context: what Hibernate Reactive needs off a request.
        List<StoredRelationship> ended = VertxContextSupport.subscribeAndAwait(() -> expiry.expire(today.date()));
        if (!ended.isEmpty()) {
            LOG.infof("access-request expiry: %d relationship(s) ended", ended.size());
        }
    }
}
