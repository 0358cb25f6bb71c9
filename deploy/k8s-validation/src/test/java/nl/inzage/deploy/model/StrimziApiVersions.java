package nl.inzage.deploy.model;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.strimzi.crdgenerator.annotations.PresentInVersions;

/**
 * Strimzi's model classes carry every property of every API version it serves. This finds the
 * properties a document sets that do not exist in the version it declares (for example the
 * v1beta2 {@code operation} of an ACL rule in a kafka.strimzi.io/v1 KafkaUser), from the
 * {@code @PresentInVersions} Strimzi puts on them.
 */
public final class StrimziApiVersions {

    private static final List<String> ORDER = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");
    private static final ObjectMapper INTROSPECTION = new ObjectMapper();

    private StrimziApiVersions() {
    }

    /** JSON paths of the fields in {@code node} that {@code version} does not have; {@code typed} is the parsed node. */
    public static List<String> absentIn(String version, JsonNode node, Object typed) {
        List<String> absent = new ArrayList<>();
        walk(version, node, typed, "", absent);
        return absent;
    }

    private static void walk(String version, JsonNode node, Object typed, String path, List<String> absent) {
        if (typed == null || node == null) {
            return;
        }
        if (node.isArray() && typed instanceof List<?> list) {
            for (int i = 0; i < node.size() && i < list.size(); i++) {
                walk(version, node.get(i), list.get(i), path + "[" + i + "]", absent);
            }
            return;
        }
        if (!node.isObject() || typed instanceof Map || !typed.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        if (!presentIn(version, typed.getClass())) {
            absent.add(path + " (" + typed.getClass().getSimpleName() + ")");
        }
        List<BeanPropertyDefinition> properties = INTROSPECTION.getSerializationConfig()
                .introspect(INTROSPECTION.constructType(typed.getClass())).findProperties();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            for (BeanPropertyDefinition property : properties) {
                if (!property.getName().equals(name)) {
                    continue;
                }
                for (AnnotatedMember member : new AnnotatedMember[] { property.getGetter(), property.getSetter(), property.getField() }) {
                    if (member != null && !presentIn(version, member.getAnnotated())) {
                        absent.add(path + "." + name);
                    }
                }
                if (property.getGetter() != null) {
                    walk(version, node.get(name), property.getGetter().getValue(typed), path + "." + name, absent);
                }
            }
        }
    }

    private static boolean presentIn(String version, AnnotatedElement element) {
        PresentInVersions present = element == null ? null : element.getAnnotation(PresentInVersions.class);
        return present == null || covers(present.value(), version);
    }

    /** Strimzi's version ranges: "v1beta2", "v1beta2+", "v1alpha1-v1beta2", or a comma-separated list of those. */
    static boolean covers(String ranges, String version) {
        int v = ORDER.indexOf(version);
        for (String range : ranges.split(",")) {
            String r = range.strip();
            if (r.endsWith("+")) {
                if (v >= ORDER.indexOf(r.substring(0, r.length() - 1))) {
                    return true;
                }
            } else if (r.contains("-")) {
                String[] ends = r.split("-");
                if (v >= ORDER.indexOf(ends[0]) && v <= ORDER.indexOf(ends[1])) {
                    return true;
                }
            } else if (r.equals(version)) {
                return true;
            }
        }
        return false;
    }
}
