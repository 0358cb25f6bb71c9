package nl.inzage.deploy.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/local/topics.conf, the one topic list, read by the rules of its header (the same as
 * deploy/local/kafka/CreateTopics.java): `name partitions [config=value,...]`, `#` comments, and a
 * piece without `=` continuing the previous value (cleanup.policy=compact,delete).
 */
public final class TopicsConf {

    public record Topic(String name, int partitions, Map<String, String> configs) {
    }

    private TopicsConf() {
    }

    public static Path file() {
        return Repo.root().resolve("deploy/local/topics.conf");
    }

    public static List<Topic> read() {
        try {
            return parse(Files.readAllLines(file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Topic> parse(List<String> lines) {
        List<Topic> topics = new ArrayList<>();
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException("topics.conf: expected `name partitions [config=value,...]`: " + raw);
            }
            Map<String, String> configs = new LinkedHashMap<>();
            if (f.length == 3) {
                String last = null;
                for (String kv : f[2].split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq < 0 && last != null) {
                        configs.put(last, configs.get(last) + "," + kv);
                    } else if (eq > 0) {
                        last = kv.substring(0, eq);
                        configs.put(last, kv.substring(eq + 1));
                    } else {
                        throw new IllegalArgumentException("topics.conf: expected config=value, got: " + kv);
                    }
                }
            }
            topics.add(new Topic(f[0], Integer.parseInt(f[1]), configs));
        }
        return topics;
    }
}
