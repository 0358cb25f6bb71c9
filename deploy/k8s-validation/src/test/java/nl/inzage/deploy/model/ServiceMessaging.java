package nl.inzage.deploy.model;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a service reads and writes on Kafka, from its application.properties (the default profile only):
 * its messaging channels, and the producers it runs outside them, which declare their topic as
 * {@code inzage.<name>.topic} (the gateway's audit trail), and the partitions of the channels that are assigned
 * their partitions ({@code assign-seek}) instead of joining a consumer group.
 */
public record ServiceMessaging(List<String> writes, List<String> readsLiteral, List<Pattern> readsPattern,
        List<String> groups, Map<String, List<Integer>> assignedPartitions) {

    public static ServiceMessaging of(String service) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Repo.root().resolve(service + "/src/main/resources/application.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> writes = new ArrayList<>();
        List<String> literal = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        Map<String, List<Integer>> assigned = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String[] k = key.split("\\.");
            if ((key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) || key.matches("inzage\\.[a-z-]+\\.topic")) {
                writes.add(p.getProperty(key));
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String channel = k[3];
                if (Boolean.parseBoolean(p.getProperty("mp.messaging.incoming." + channel + ".pattern"))) {
                    patterns.add(Pattern.compile(p.getProperty(key)));
                } else {
                    literal.add(p.getProperty(key));
                }
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topics")) {
                // One channel over several topics, comma-separated.
                for (String topic : p.getProperty(key).split(",")) {
                    literal.add(topic.trim());
                }
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                groups.add(p.getProperty(key));
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".assign-seek")) {
                // partition:offset pieces (no topic: the channel's own)
                String topic = p.getProperty("mp.messaging.incoming." + k[3] + ".topic");
                List<Integer> partitions = new ArrayList<>();
                for (String piece : p.getProperty(key).split(",")) {
                    partitions.add(Integer.parseInt(piece.trim().split(":")[0]));
                }
                assigned.put(topic, partitions);
            }
        }
        return new ServiceMessaging(writes, literal, patterns, groups, assigned);
    }
}
