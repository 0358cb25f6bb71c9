package nl.inzage.consent;

import java.util.List;

/** One page of search results with the total number of matches. */
public record SearchPage(List<StoredConsent> consents, long total) {
}
