package nl.inzage.gateway.decision;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one rule said about a request, and on what basis (which consent rule, which relationship,
 * which emergency access), so the caller and the audit log can see why.
 *
 * <p>The basis text is only needed when a decision is answered with its findings; the decision
 * core names it by a supplier and the text is built on first use ({@link #basis()}), with the same
 * wording. Equality and {@code toString} are those of a record of the three values.
 */
public final class Finding {

    public static final String CONSENT = "consent";
    public static final String RELATIONSHIP = "relationship";
    public static final String ROLE = "role";
    public static final String GATEWAY = "gateway";

    private final String rule;
    private final Reason reason;
    private final Supplier<String> describe;
    /** The text once built; a race only builds the same text twice. */
    private String basis;

    /**
     * @param rule  {@code consent}, {@code relationship}, {@code role} or {@code gateway} (fail-closed states)
     * @param basis human-readable basis, never a BSN
     */
    public Finding(String rule, Reason reason, String basis) {
        this.rule = rule;
        this.reason = reason;
        this.basis = basis;
        this.describe = null;
    }

    private Finding(String rule, Reason reason, Supplier<String> describe) {
        this.rule = rule;
        this.reason = reason;
        this.describe = describe;
    }

    /** A finding whose basis text is built when it is first asked for. */
    static Finding described(String rule, Reason reason, Supplier<String> basis) {
        return new Finding(rule, reason, basis);
    }

    public String rule() {
        return rule;
    }

    public Reason reason() {
        return reason;
    }

    /** Human-readable basis, never a BSN. */
    public String basis() {
        String text = basis;
        if (text == null && describe != null) {
            text = describe.get();
            basis = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Finding that && Objects.equals(rule, that.rule) && reason == that.reason
                && Objects.equals(basis(), that.basis());
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, reason, basis());
    }

    @Override
    public String toString() {
        return "Finding[rule=" + rule + ", reason=" + reason + ", basis=" + basis() + "]";
    }
}
