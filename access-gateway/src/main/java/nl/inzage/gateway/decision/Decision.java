package nl.inzage.gateway.decision;

import java.util.List;

/**
 * The answer with its reasons and the versions it rests on.
 *
 * @param consentIds      consent versions used ({@code id/_history/v})
 * @param relationshipIds relationship versions used
 */
public record Decision(boolean permit, List<Reason> reasons, List<String> consentIds, List<String> relationshipIds) {

    public static Decision deny(Reason reason) {
        return new Decision(false, List.of(reason), List.of(), List.of());
    }

    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }
}
