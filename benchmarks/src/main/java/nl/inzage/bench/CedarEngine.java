package nl.inzage.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The same policy in Cedar (cedar-java, native evaluator over JNI): one permit for consent and
 * relationship, one forbid unless the role may see the category. The caller hands Cedar the
 * flattened {@link Facts} as entities and the request keys as context.
 */
public final class CedarEngine {

    private static final EntityTypeName PRACTITIONER = EntityTypeName.parse("Practitioner").orElseThrow();
    private static final EntityTypeName CONSENT = EntityTypeName.parse("Consent").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
    private static final String[] KEYS = {"context.k5", "context.k4", "context.k3", "context.k2", "context.k1", "context.k0"};

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;

    /** A request prepared for Cedar: built once per workload request, outside the measurement. */
    public record Prepared(AuthorizationRequest request, Set<Entity> entities) {
    }

    public CedarEngine() {
        try {
            policies = PolicySet.parsePolicies(policyText());
            // Parsed once on the native side, not for every request.
            policies.cache();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String policyText() {
        String consent = Facts.consentCondition(key -> "resource.permits.contains(" + key + ")",
                key -> "resource.denies.contains(" + key + ")", KEYS, "&&", "||", "!");
        String roles = Workload.MATRIX.entrySet().stream()
                .map(entry -> "(principal.role == \"" + entry.getKey() + "\" && ["
                        + entry.getValue().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "))
                        + "].contains(context.category))")
                .collect(Collectors.joining("\n    || "));
        return "permit (principal, action == Action::\"read\", resource)\nwhen {\n  resource.status == \"active\"\n"
                + "  && resource.activeOrgs.contains(principal.org)\n  && " + consent + "\n};\n"
                + "forbid (principal, action, resource)\nunless {\n    " + roles + "\n};\n";
    }

    public Prepared prepare(Facts facts) {
        EntityUID principal = new EntityUID(PRACTITIONER, facts.request().practitionerUzi());
        EntityUID resource = new EntityUID(CONSENT, facts.request().patientBsn() + "/" + facts.request().dataHolderUra());
        Map<String, Value> principalAttributes = new HashMap<>();
        principalAttributes.put("org", new PrimString(facts.request().organizationUra()));
        principalAttributes.put("role", new PrimString(facts.request().role()));
        Map<String, Value> resourceAttributes = new HashMap<>();
        resourceAttributes.put("status", new PrimString(facts.status()));
        resourceAttributes.put("permits", set(facts.permits()));
        resourceAttributes.put("denies", set(facts.denies()));
        resourceAttributes.put("activeOrgs", set(facts.activeOrgs()));
        Map<String, Value> context = new HashMap<>();
        context.put("category", new PrimString(facts.request().dataCategory()));
        List<String> keys = Facts.requestKeys(facts.request());
        for (int i = 0; i < keys.size(); i++) {
            context.put("k" + (5 - i), new PrimString(keys.get(i)));
        }
        AuthorizationRequest request = new AuthorizationRequest(principal, new EntityUID(ACTION, "read"), resource, context);
        return new Prepared(request, Set.of(new Entity(principal, principalAttributes, Set.of()),
                new Entity(resource, resourceAttributes, Set.of())));
    }

    public boolean decide(Prepared prepared) {
        try {
            AuthorizationResponse response = engine.isAuthorized(prepared.request(), policies, prepared.entities());
            return response.success.orElseThrow(() -> new IllegalStateException("Cedar failed: " + response.errors))
                    .isAllowed();
        } catch (com.cedarpolicy.model.exception.AuthException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CedarList set(Set<String> values) {
        List<Value> list = new ArrayList<>();
        for (String value : values) {
            list.add(new PrimString(value));
        }
        return new CedarList(list);
    }
}
