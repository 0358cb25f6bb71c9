package nl.inzage.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Names and types of organisations for the pages, from {@link WebConfig#organizations()}. */
@ApplicationScoped
public class Organizations {

    private final Map<String, WebConfig.Organization> known;

    public Organizations(WebConfig config) {
        this.known = config.organizations();
    }

    public Map<String, WebConfig.Organization> all() {
        return known;
    }

    public String name(String ura) {
        WebConfig.Organization organization = known.get(ura);
        return organization == null ? "Organisatie " + ura : organization.name();
    }

    public String type(String ura) {
        WebConfig.Organization organization = known.get(ura);
        return organization == null ? null : organization.type();
    }

    /** "Ziekenhuis Rivierenland (ziekenhuis)". */
    public String describe(String ura) {
        String type = type(ura);
        return type == null ? name(ura) : name(ura) + " (" + Labels.organizationType(type).toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
