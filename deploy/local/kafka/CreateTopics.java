// Creates/updates the topics declared in deploy/local/topics.conf in one JVM (local development).
// Run by deploy/local/kafka.sh as a Java 17 single-file source program:
//   java -cp "$ROOT/.dev/kafka/libs/*" CreateTopics.java [--bootstrap-server host:port] topics.conf
// For each declared topic: create it when missing (replication factor 1); otherwise increase the
// partition count when it is lower than declared, set the declared configs and remove topic-level
// overrides that are not declared. Exit status 0 when everything matches the file afterwards.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {

    record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    public static void main(String[] args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap-server") && i + 1 < args.length) {
                bootstrap = args[++i];
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                usage("unexpected argument: " + args[i]);
            }
        }
        if (file == null) {
            usage("missing topics file");
        }
        List<TopicSpec> specs = parse(Path.of(file));

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "inzage-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");

        int failures = 0;
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();

            // 1. Create the missing topics in one request.
            List<NewTopic> toCreate = new ArrayList<>();
            for (TopicSpec s : specs) {
                if (!existing.contains(s.name())) {
                    toCreate.add(new NewTopic(s.name(), Optional.of(s.partitions()), Optional.of((short) 1))
                            .configs(s.configs()));
                }
            }
            List<TopicSpec> toUpdate = new ArrayList<>();
            Map<String, KafkaFuture<Void>> created = toCreate.isEmpty()
                    ? Map.of() : admin.createTopics(toCreate).values();
            for (TopicSpec s : specs) {
                KafkaFuture<Void> f = created.get(s.name());
                if (f == null) {
                    toUpdate.add(s);
                    continue;
                }
                try {
                    f.get();
                    System.out.printf("created   %-32s partitions=%d %s%n", s.name(), s.partitions(), s.configs());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        toUpdate.add(s); // raced with someone else: treat as existing
                    } else {
                        failures++;
                        System.err.printf("FAILED    %-32s create: %s%n", s.name(), e.getCause());
                    }
                }
            }
            if (toUpdate.isEmpty()) {
                System.exit(failures == 0 ? 0 : 1);
            }

            // 2. Existing topics: partitions and configs.
            List<String> names = toUpdate.stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
            Map<ConfigResource, TopicSpec> resources = new LinkedHashMap<>();
            for (TopicSpec s : toUpdate) {
                resources.put(new ConfigResource(ConfigResource.Type.TOPIC, s.name()), s);
            }
            Map<ConfigResource, Config> current = admin.describeConfigs(resources.keySet()).all().get();

            Map<String, NewPartitions> morePartitions = new HashMap<>();
            Map<ConfigResource, Collection<AlterConfigOp>> alterations = new LinkedHashMap<>();
            Map<String, List<String>> changes = new LinkedHashMap<>();
            for (var entry : resources.entrySet()) {
                TopicSpec s = entry.getValue();
                List<String> changed = changes.computeIfAbsent(s.name(), k -> new ArrayList<>());
                int have = descriptions.get(s.name()).partitions().size();
                if (have < s.partitions()) {
                    morePartitions.put(s.name(), NewPartitions.increaseTo(s.partitions()));
                    changed.add("partitions " + have + "->" + s.partitions());
                } else if (have > s.partitions()) {
                    System.err.printf("WARNING   %-32s has %d partitions, declared %d (cannot shrink; "
                            + "delete the topic to recreate it)%n", s.name(), have, s.partitions());
                }
                List<AlterConfigOp> ops = new ArrayList<>();
                Map<String, String> dynamic = new HashMap<>();
                for (ConfigEntry ce : current.get(entry.getKey()).entries()) {
                    if (ce.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                        dynamic.put(ce.name(), ce.value());
                    }
                }
                for (var c : s.configs().entrySet()) {
                    if (!c.getValue().equals(dynamic.get(c.getKey()))) {
                        ops.add(new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET));
                        changed.add(c.getKey() + "=" + c.getValue());
                    }
                }
                for (String name : dynamic.keySet()) {
                    if (!s.configs().containsKey(name)) {
                        ops.add(new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE));
                        changed.add("-" + name);
                    }
                }
                if (!ops.isEmpty()) {
                    alterations.put(entry.getKey(), ops);
                }
            }

            Map<String, KafkaFuture<Void>> partitionResults = morePartitions.isEmpty()
                    ? Map.of() : admin.createPartitions(morePartitions).values();
            Map<ConfigResource, KafkaFuture<Void>> alterResults = alterations.isEmpty()
                    ? Map.of() : admin.incrementalAlterConfigs(alterations).values();
            for (var entry : resources.entrySet()) {
                String name = entry.getValue().name();
                String error = null;
                try {
                    KafkaFuture<Void> p = partitionResults.get(name);
                    if (p != null) {
                        p.get();
                    }
                    KafkaFuture<Void> a = alterResults.get(entry.getKey());
                    if (a != null) {
                        a.get();
                    }
                } catch (ExecutionException e) {
                    error = String.valueOf(e.getCause());
                }
                if (error != null) {
                    failures++;
                    System.err.printf("FAILED    %-32s update %s: %s%n", name, changes.get(name), error);
                } else if (changes.get(name).isEmpty()) {
                    System.out.printf("unchanged %s%n", name);
                } else {
                    System.out.printf("updated   %-32s %s%n", name, changes.get(name));
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    static List<TopicSpec> parse(Path file) throws Exception {
        List<TopicSpec> specs = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2 || f.length > 3) {
                fail(file, lineNo, "expected `name partitions [config=value,...]`: " + raw);
            }
            int partitions;
            try {
                partitions = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                partitions = 0;
            }
            if (partitions < 1) {
                fail(file, lineNo, "partitions must be a positive integer: " + f[1]);
            }
            Map<String, String> configs = new LinkedHashMap<>();
            if (f.length == 3) {
                String last = null;
                for (String kv : f[2].split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq < 0 && last != null && !kv.isEmpty()) {
                        // a list value such as cleanup.policy=compact,delete
                        configs.put(last, configs.get(last) + "," + kv);
                        continue;
                    }
                    if (eq <= 0 || eq == kv.length() - 1) {
                        fail(file, lineNo, "expected config=value, got: " + kv);
                    }
                    last = kv.substring(0, eq);
                    configs.put(last, kv.substring(eq + 1));
                }
            }
            if (!seen.add(f[0])) {
                fail(file, lineNo, "topic declared twice: " + f[0]);
            }
            specs.add(new TopicSpec(f[0], partitions, configs));
        }
        return specs;
    }

    static void fail(Path file, int line, String msg) {
        System.err.println(file + ":" + line + ": " + msg);
        System.exit(2);
    }

    static void usage(String msg) {
        System.err.println(msg);
        System.err.println("usage: java -cp 'libs/*' CreateTopics.java [--bootstrap-server host:port] topics.conf");
        System.exit(2);
    }
}
