package nl.inzage.gateway.decision;

import java.util.List;
import nl.inzage.contracts.ConsentRule;

/** The gateway's view of one consent version, as the projection holds it. */
public record ConsentState(String consentId, long version, long revision, String status, boolean fromMitz,
        List<ConsentRule> rules) {

    public String versionedId() {
        return consentId + "/_history/" + version;
    }
}
