package nl.inzage.consent.mitz;

/** Mitz did not answer in time, answered with an error, or the circuit breaker is open. */
public class MitzUnavailable extends RuntimeException {

    public MitzUnavailable(String message) {
        super(message, null, false, false);
    }
}
