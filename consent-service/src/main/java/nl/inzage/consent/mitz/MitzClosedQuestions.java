package nl.inzage.consent.mitz;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import nl.inzage.consent.StoredConsent;

/**
 * Asks Mitz the closed question for the gateway (which meets "no choice yet" at a data holder that
 * uses Mitz). Answers are reused for a short while; a permit is stored as a Mitz-origin consent so
 * it reaches the gateway's projection through {@code consent.events}. Mitz away (timeout, error,
 * open breaker) fails with {@link MitzUnavailable}: the gateway then denies.
 */
@ApplicationScoped
public class MitzClosedQuestions {

    /** The answer, and for a permit the consent version it was stored as. */
    public record Result(MitzClient.Answer answer, StoredConsent consent) {
    }

    private record Cached(Result result, Instant until) {
    }

    private final MitzClient mitz;
    private final MitzResources resources;
    private final MitzNotificationService store;
    private final MitzConfig config;
    private final ConcurrentHashMap<ClosedQuestion, Cached> answers = new ConcurrentHashMap<>();

    public MitzClosedQuestions(MitzClient mitz, MitzResources resources, MitzNotificationService store, MitzConfig config) {
        this.mitz = mitz;
        this.resources = resources;
        this.store = store;
        this.config = config;
    }

    public Uni<Result> ask(ClosedQuestion question) {
        if (!config.holderUsesMitz(question.dataHolderUra())) {
            return Uni.createFrom().failure(new MitzUnavailable("data holder " + question.dataHolderUra() + " does not use Mitz here"));
        }
        Instant now = Instant.now();
        Cached cached = answers.get(question);
        if (cached != null && cached.until().isAfter(now)) {
            return Uni.createFrom().item(cached.result());
        }
        return mitz.ask(resources.closedQuestion(question))
                .chain(answer -> answer == MitzClient.Answer.PERMIT
                        ? store.storePermit(question, now).map(stored -> new Result(answer, stored))
                        : Uni.createFrom().item(new Result(answer, null)))
                .invoke(result -> {
                    if (answers.size() > 10_000) {
                        answers.clear();
                    }
                    answers.put(question, new Cached(result, now.plus(config.answerTtl())));
                });
    }
}
