// Prints "topic<TAB>key" for every record on every topic of a broker, from the beginning up to the
// end offsets seen at start (local development: the smoke test's check that no key is a BSN).
// Run by deploy/local/kafka.sh keys as a Java 17 single-file source program:
//   java -cp "$ROOT/.dev/kafka/libs/*" RecordKeys.java [--bootstrap-server host:port]
// Reads without a consumer group (assigned partitions, nothing committed). Exit status 0 when every
// partition was read to its end offset within two minutes.

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class RecordKeys {

    public static void main(String[] args) {
        String bootstrap = "127.0.0.1:9092";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--bootstrap-server")) {
                bootstrap = args[i + 1];
            }
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(Duration.ofSeconds(30)).entrySet()) {
                for (PartitionInfo partition : topic.getValue()) {
                    partitions.add(new TopicPartition(topic.getKey(), partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(partitions));
            remaining.entrySet().removeIf(end -> end.getValue() == 0 || consumer.position(end.getKey()) >= end.getValue());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    System.out.println(record.topic() + "\t" + key.replace('\t', ' ').replace('\n', ' '));
                }
                remaining.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
            if (!remaining.isEmpty()) {
                System.err.println("RecordKeys: not read to the end within 2 minutes: " + remaining.keySet());
                System.exit(1);
            }
        }
    }
}
