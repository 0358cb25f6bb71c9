package nl.inzage.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.inzage.consent.SearchPage;
import nl.inzage.consent.StoredConsent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;

/** Search and history Bundles of stored consent versions. */
@ApplicationScoped
public class FhirBundles {

    private final FhirContext fhir;

    public FhirBundles(FhirContext fhir) {
        this.fhir = fhir;
    }

    /**
     * @param selfQuery the query string of this page (without {@code _offset}), to build the paging links
     */
    public String searchset(SearchPage page, String base, String selfQuery, int count, int offset) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal((int) page.total());
        String prefix = base + "/fhir/Consent?" + (selfQuery.isEmpty() ? "" : selfQuery + "&");
        bundle.addLink().setRelation("self").setUrl(prefix + "_count=" + count + "&_offset=" + offset);
        if (count > 0 && offset + count < page.total()) {
            bundle.addLink().setRelation("next").setUrl(prefix + "_count=" + count + "&_offset=" + (offset + count));
        }
        if (count > 0 && offset > 0) {
            bundle.addLink().setRelation("previous").setUrl(prefix + "_count=" + count + "&_offset=" + Math.max(0, offset - count));
        }
        IParser parser = FhirContextProducer.jsonParser(fhir);
        for (StoredConsent stored : page.consents()) {
            bundle.addEntry()
                    .setFullUrl(base + "/fhir/Consent/" + stored.id())
                    .setResource(parser.parseResource(Consent.class, stored.resource()))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return parser.encodeResourceToString(bundle);
    }

    /** Newest first, as FHIR's instance history. */
    public String history(List<StoredConsent> versions, String base) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.setTotal(versions.size());
        IParser parser = FhirContextProducer.jsonParser(fhir);
        for (StoredConsent stored : versions) {
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/fhir/Consent/" + stored.id())
                    .setResource(parser.parseResource(Consent.class, stored.resource()));
            entry.getRequest()
                    .setMethod(stored.version() == 1 ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
                    .setUrl(stored.version() == 1 ? "Consent" : "Consent/" + stored.id());
            entry.getResponse()
                    .setStatus(stored.version() == 1 ? "201 Created" : "200 OK")
                    .setEtag("W/\"" + stored.version() + "\"");
        }
        return parser.encodeResourceToString(bundle);
    }
}
