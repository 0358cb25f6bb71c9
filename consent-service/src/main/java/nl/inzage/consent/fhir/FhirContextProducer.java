package nl.inzage.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one FhirContext of the service: expensive to create, thread-safe to share. */
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return newContext();
    }

    /** A context configured as the service's own; for tests that need no container. */
    public static FhirContext newContext() {
        FhirContext context = FhirContext.forR4();
        // Unknown elements and malformed values are the sender's mistake: refuse, do not guess.
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    /** A parser is cheap but not thread-safe: one per use. */
    public static IParser jsonParser(FhirContext context) {
        return context.newJsonParser();
    }
}
