package nl.inzage.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import nl.inzage.audit.chain.BrokenLink;
import nl.inzage.audit.chain.ChainVerifier;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.audit.repository.AuditRecordRepository.Anchor;

/** Re-computes the hash chain over a range of the log and reports the first broken link. */
@ApplicationScoped
public class ChainService {

    static final int PAGE = 1000;

    private final AuditRecordRepository records;

    public ChainService(AuditRecordRepository records) {
        this.records = records;
    }

    /**
     * @param from first seq to check (clamped to the start of the chain), or null for the start
     * @param to   last seq to check, or null for the head
     */
    public Uni<Verification> verify(Long from, Long to) {
        return records.anchor().chain(anchor -> records.lastSeq().chain(last -> {
            long first = Math.max(from == null ? 0 : from, anchor.seq() + 1);
            long end = to == null ? last : Math.min(to, last);
            return start(anchor, first)
                    .map(previous -> new ChainVerifier(previous.hash(), previous.seq()))
                    .chain(verifier -> walk(verifier, first, end))
                    .map(result -> new Verification(result.broken().isEmpty(), first, end, result.checked(),
                            anchor.seq(), ChainVerifier.hex(anchor.hash()), result.broken().orElse(null)));
        }));
    }

    /** The hash the first record of the range must name: the anchor's, or the record just before. */
    private Uni<Anchor> start(Anchor anchor, long first) {
        if (first == anchor.seq() + 1) {
            return Uni.createFrom().item(anchor);
        }
        return records.recordBefore(first).map(before -> before
                .filter(b -> b.seq() > anchor.seq())
                .orElse(anchor));
    }

    private Uni<Walk> walk(ChainVerifier verifier, long next, long end) {
        if (next > end) {
            return Uni.createFrom().item(new Walk(Optional.empty(), verifier.checked()));
        }
        return records.chain(next, end, PAGE).chain(page -> {
            Optional<BrokenLink> broken = verifier.check(page);
            if (broken.isPresent() || page.size() < PAGE) {
                return Uni.createFrom().item(new Walk(broken, verifier.checked()));
            }
            return walk(verifier, page.get(page.size() - 1).stored().seq() + 1, end);
        });
    }

    private record Walk(Optional<BrokenLink> broken, long checked) {
    }

    /**
     * @param intact      every record in [from, to] is unchanged and linked to the one before
     * @param anchorSeq   the chain starts after this seq (records up to it were purged or predate the chain)
     * @param firstBroken null when intact
     */
    public record Verification(boolean intact, long from, long to, long checked, long anchorSeq, String anchorHash,
            BrokenLink firstBroken) {
    }
}
