package nl.inzage.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import nl.inzage.contracts.CloudEventHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The CloudEvents headers of a JSON record the gateway publishes (audit records, emergency accesses). */
public final class CloudEventRecordHeaders {

    private CloudEventRecordHeaders() {
    }

    public static RecordHeaders of(String id, String type, String source, Instant time, String subject) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(id));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TIME, bytes(time.toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
