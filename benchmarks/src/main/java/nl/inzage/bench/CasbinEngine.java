package nl.inzage.bench;

import java.util.List;
import java.util.Set;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * The same policy in jCasbin (ABAC matcher over objects the caller passes, role matrix as policy
 * lines {@code p, role, category}). The matcher is the consent condition of {@link Facts}.
 */
public final class CasbinEngine {

    private static final String[] KEYS = {"r.act.k5", "r.act.k4", "r.act.k3", "r.act.k2", "r.act.k1", "r.act.k0"};

    private final Enforcer enforcer;

    /** The subject: the practitioner. */
    public record Subject(String role, String org) {
        public String getRole() {
            return role;
        }

        public String getOrg() {
            return org;
        }
    }

    /** The object: the client's consent at the data holder and her active relationships. */
    public record Resource(String status, Set<String> permits, Set<String> denies, Set<String> activeOrgs) {
        public String getStatus() {
            return status;
        }

        public Set<String> getPermits() {
            return permits;
        }

        public Set<String> getDenies() {
            return denies;
        }

        public Set<String> getActiveOrgs() {
            return activeOrgs;
        }
    }

    /** The action: read a category, with the request's six keys. */
    public record Action(String category, List<String> keys) {
        public String getCategory() {
            return category;
        }

        public String getK5() {
            return keys.get(0);
        }

        public String getK4() {
            return keys.get(1);
        }

        public String getK3() {
            return keys.get(2);
        }

        public String getK2() {
            return keys.get(3);
        }

        public String getK1() {
            return keys.get(4);
        }

        public String getK0() {
            return keys.get(5);
        }
    }

    /** A request prepared for jCasbin, outside the measurement. */
    public record Prepared(Subject subject, Resource resource, Action action) {
    }

    public CasbinEngine() {
        Model model = new Model();
        model.addDef("r", "r", "sub, obj, act");
        model.addDef("p", "p", "sub, act");
        model.addDef("e", "e", "some(where (p.eft == allow))");
        model.addDef("m", "m", matcher());
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        Workload.MATRIX.forEach((role, categories) -> categories.forEach(category -> enforcer.addPolicy(role, category)));
    }

    public static String matcher() {
        String consent = Facts.consentCondition(key -> "include(r.obj.permits, " + key + ")",
                key -> "include(r.obj.denies, " + key + ")", KEYS, "&&", "||", "!");
        return "r.sub.role == p.sub && r.act.category == p.act && r.obj.status == \"active\""
                + " && include(r.obj.activeOrgs, r.sub.org) && " + consent;
    }

    public Prepared prepare(Facts facts) {
        return new Prepared(new Subject(facts.request().role(), facts.request().organizationUra()),
                new Resource(facts.status(), facts.permits(), facts.denies(), facts.activeOrgs()),
                new Action(facts.request().dataCategory(), Facts.requestKeys(facts.request())));
    }

    public boolean decide(Prepared prepared) {
        return enforcer.enforce(prepared.subject(), prepared.resource(), prepared.action());
    }
}
