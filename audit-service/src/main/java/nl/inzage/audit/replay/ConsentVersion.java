package nl.inzage.audit.replay;

import java.time.Instant;
import java.util.List;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;

/** One consent version as the replay used it. */
public record ConsentVersion(String consentId, long version, long revision, Instant recordedAt, String status,
        String custodianUra, List<ConsentRule> rules) {

    static ConsentVersion of(ConsentChanged c) {
        return new ConsentVersion(c.consentId(), c.version(), c.revision(), c.recordedAt(), c.status(), c.custodianUra(),
                c.rules() == null ? List.of() : c.rules());
    }
}
