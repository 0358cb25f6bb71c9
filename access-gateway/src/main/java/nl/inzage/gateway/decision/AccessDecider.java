package nl.inzage.gateway.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import nl.inzage.contracts.ConsentOutcome;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.ConsentRules;

/**
 * The decision: a pure function of the request, the client's consent at the data holder, her
 * relationships, an emergency access if the practitioner holds one, the role matrix and the
 * moment. Permit only when all three rules hold: consent permits, the practitioner's organisation
 * has an active relationship, and the role may see the category. An emergency access stands in
 * for the relationship and for "no choice yet", never for a refusal, withdrawal or deny. Every
 * rule's finding is named with its basis.
 *
 * <p>The bases' texts are built only when someone reads them ({@link Finding#basis()}): most
 * decisions are answered with them, but the decision itself, and its cost, does not include them.
 */
public final class AccessDecider {

    private static final ConsentRules.Verdict NO_CONSENT_RECORDED = new ConsentRules.Verdict(ConsentOutcome.NO_CHOICE, null);
    private static final Finding NO_RELATIONSHIP = new Finding(Finding.RELATIONSHIP, Reason.NO_RELATIONSHIP,
            "no active relationship of the practitioner's organisation with the client");

    private final RoleCategoryMatrix matrix;
    private final ZoneId zone;
    /** The day of the last decision and the instants it spans in the zone: most decisions fall on the same day. */
    private volatile Day day = new Day(0, 0, null);

    private record Day(long fromSecond, long untilSecond, LocalDate date) {
    }

    public AccessDecider(RoleCategoryMatrix matrix, ZoneId zone) {
        this.matrix = matrix;
        this.zone = zone;
    }

    /**
     * @param consent   the client's consent at the data holder, null when there is none
     * @param emergency the practitioner's emergency access for this client, null when there is none
     */
    public Decision decide(AccessRequest request, ConsentState consent, Collection<RelationshipState> relationships,
            EmergencyAccess emergency, Instant now) {
        EmergencyAccess validEmergency = emergency != null && emergency.covers(request, now) ? emergency : null;
        Finding consentFinding = consentFinding(request, consent, validEmergency);
        RelationshipState relationship = activeRelationship(request, relationships, today(now));
        Finding relationshipFinding = relationshipFinding(relationship, validEmergency);
        Finding roleFinding = Finding.described(Finding.ROLE, matrix.evaluate(request.role(), request.dataCategory()),
                () -> "role " + request.role() + ", category " + request.dataCategory());

        boolean consentHolds = consentFinding.reason() == Reason.CONSENT_PERMIT || consentFinding.reason() == Reason.EMERGENCY_ACCESS;
        boolean relationshipHolds = relationshipFinding.reason() == Reason.RELATIONSHIP
                || relationshipFinding.reason() == Reason.EMERGENCY_ACCESS;
        boolean permit = consentHolds && relationshipHolds && roleFinding.reason() == Reason.ROLE_PERMITS_CATEGORY;
        boolean emergencyUsed = consentFinding.reason() == Reason.EMERGENCY_ACCESS
                || relationshipFinding.reason() == Reason.EMERGENCY_ACCESS;
        return new Decision(permit, List.of(consentFinding, relationshipFinding, roleFinding),
                consent == null ? List.of() : List.of(consent.versionedId()),
                relationship == null ? List.of() : List.of(relationship.versionedId()),
                emergencyUsed, null);
    }

    private static Finding consentFinding(AccessRequest request, ConsentState consent, EmergencyAccess emergency) {
        ConsentRules.Verdict verdict = consent == null
                ? NO_CONSENT_RECORDED
                : ConsentRules.verdict(consent.status(), consent.rules(), request.organizationUra(),
                        request.organizationType(), request.dataCategory());
        return switch (verdict.outcome()) {
            case PERMIT -> Finding.described(Finding.CONSENT, Reason.CONSENT_PERMIT,
                    () -> subject(request, consent) + ": " + describe(verdict.rule()));
            case DENY -> Finding.described(Finding.CONSENT, Reason.CONSENT_DENY,
                    () -> subject(request, consent) + ": " + describe(verdict.rule()));
            case NO_MATCHING_PERMIT -> Finding.described(Finding.CONSENT, Reason.CONSENT_NO_MATCHING_PERMIT,
                    () -> subject(request, consent) + ": no rule covers this organisation and category");
            case WITHDRAWN -> Finding.described(Finding.CONSENT, Reason.CONSENT_WITHDRAWN, () -> subject(request, consent));
            case REFUSED -> Finding.described(Finding.CONSENT, Reason.CONSENT_REFUSED, () -> subject(request, consent));
            case NO_CHOICE -> emergency == null
                    ? Finding.described(Finding.CONSENT, Reason.NO_CONSENT, () -> subject(request, consent))
                    : Finding.described(Finding.CONSENT, Reason.EMERGENCY_ACCESS,
                            () -> subject(request, consent) + "; " + describe(emergency));
        };
    }

    /** The date at {@code now} in the zone, without the zone rules' look-up for every decision (BENCHMARKS.md). */
    private LocalDate today(Instant now) {
        Day known = day;
        long second = now.getEpochSecond();
        if (second >= known.fromSecond() && second < known.untilSecond()) {
            return known.date();
        }
        LocalDate date = LocalDate.ofInstant(now, zone);
        day = new Day(date.atStartOfDay(zone).toEpochSecond(), date.plusDays(1).atStartOfDay(zone).toEpochSecond(), date);
        return date;
    }

    private static String subject(AccessRequest request, ConsentState consent) {
        return consent == null
                ? "no consent recorded at data holder " + request.dataHolderUra()
                : "Consent/" + consent.versionedId() + " (" + consent.status() + ")";
    }

    private static RelationshipState activeRelationship(AccessRequest request, Collection<RelationshipState> relationships,
            LocalDate today) {
        for (RelationshipState relationship : relationships) {
            if (relationship.organization().equals(request.organizationUra()) && relationship.activeOn(today)) {
                return relationship;
            }
        }
        return null;
    }

    private static Finding relationshipFinding(RelationshipState relationship, EmergencyAccess emergency) {
        if (relationship != null) {
            return Finding.described(Finding.RELATIONSHIP, Reason.RELATIONSHIP, () -> "Relationship/" + relationship.versionedId()
                    + " (" + relationship.kind() + " since " + relationship.start()
                    + (relationship.end() == null ? "" : " until " + relationship.end()) + ")");
        }
        if (emergency != null) {
            return Finding.described(Finding.RELATIONSHIP, Reason.EMERGENCY_ACCESS, () -> describe(emergency));
        }
        return NO_RELATIONSHIP;
    }

    private static String describe(ConsentRule rule) {
        StringBuilder text = new StringBuilder("rule ").append(rule.effect());
        text.append(rule.organization() != null ? " organization " + rule.organization()
                : rule.organizationType() != null ? " organization type " + rule.organizationType()
                : rule.providerCategory() != null ? " provider category " + rule.providerCategory()
                : " whole network");
        if (rule.dataCategories() != null && !rule.dataCategories().isEmpty()) {
            text.append(" for ").append(String.join(",", rule.dataCategories()));
        }
        return text.toString();
    }

    private static String describe(EmergencyAccess emergency) {
        return "EmergencyAccess/" + emergency.id() + " until " + emergency.expiresAt();
    }
}
