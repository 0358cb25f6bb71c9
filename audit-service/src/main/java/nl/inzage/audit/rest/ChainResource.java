package nl.inzage.audit.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.inzage.audit.AsciiNumbers;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.audit.service.ChainService;
import nl.inzage.audit.service.ChainService.Verification;
import nl.inzage.audit.service.CheckpointService;
import nl.inzage.audit.service.CheckpointService.CheckedCheckpoint;
import nl.inzage.contracts.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Is the log intact? {@code GET /audit/verify} and the signed checkpoints. For the privacy officer
 * of any organisation: the answers hold seqs, event ids and hashes, no personal data.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class ChainResource {

    private final ChainService chain;
    private final CheckpointService checkpoints;
    private final AuditRecordRepository records;

    public ChainResource(ChainService chain, CheckpointService checkpoints, AuditRecordRepository records) {
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.records = records;
    }

    /**
     * Re-computes the chain over a range. {@code from} and {@code to} are each either a log position
     * (seq, inclusive, ASCII digits, 1 to the head) or an ISO-8601 date-time with offset or a date on the
     * recording time ({@code from} inclusive, {@code to} exclusive); both optional (default: the whole chain).
     */
    @GET
    @Path("/verify")
    public Uni<Verification> verify(@RestQuery String from, @RestQuery String to) {
        return Uni.combine().all().unis(position("from", from, false), position("to", to, true)).asTuple()
                .chain(range -> chain.verify(range.getItem1().orElse(null), range.getItem2().orElse(null)));
    }

    @GET
    @Path("/checkpoints")
    public Uni<List<CheckedCheckpoint>> checkpoints(@RestQuery String limit) {
        long n = limit == null ? 20 : AsciiNumbers.parse(limit);
        if (n < 1 || n > 500) {
            throw AuditProblem.badRequest("limit must be a whole number (ASCII digits) between 1 and 500.");
        }
        return checkpoints.latest((int) n);
    }

    /** Signs the current head now (besides the periodic ones). */
    @POST
    @Path("/checkpoints")
    public Uni<Response> checkpoint() {
        return checkpoints.create().chain(created -> created.isEmpty()
                ? Uni.createFrom().failure(new AuditProblem(409, "Empty log", "The chain has no record to sign yet."))
                : checkpoints.latest(1).map(list -> Response.status(201).entity(list.get(0)).build()));
    }

    /**
     * A log position is ASCII digits naming a seq from 1 to the head; anything past the head is refused rather than
     * clamped, so a typo is not answered "intact" over an empty range. Seqs at or below the anchor (purged) are
     * clamped by {@link ChainService}: they existed, and the answer names the anchor.
     */
    private Uni<Optional<Long>> position(String name, String value, boolean exclusiveTime) {
        if (value == null || value.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (AsciiNumbers.isDigits(value)) {
            long seq = AsciiNumbers.parse(value);
            return records.lastSeq().map(last -> {
                if (seq < 1 || seq > last) {
                    throw AuditProblem.badRequest(name + " must be a log position from 1 to the head of the log ("
                            + last + "), or a date-time.");
                }
                return Optional.of(seq);
            });
        }
        Instant at = QueryParameters.instant(name, value);
        return records.firstSeqRecordedFrom(at).map(seq -> Optional.of(exclusiveTime ? seq - 1 : seq));
    }
}
