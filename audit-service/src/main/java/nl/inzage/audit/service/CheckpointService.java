package nl.inzage.audit.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.inzage.audit.chain.ChainHasher;
import nl.inzage.audit.chain.ChainVerifier;
import nl.inzage.audit.chain.CheckpointSigner;
import nl.inzage.audit.config.AuditConfig;
import nl.inzage.audit.repository.CheckpointRepository;
import nl.inzage.audit.repository.CheckpointRepository.Checkpoint;
import org.jboss.logging.Logger;

/** Signs the chain head periodically and checks stored checkpoints against the key and the log. */
@ApplicationScoped
public class CheckpointService {

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);

    private final CheckpointRepository checkpoints;
    private final CheckpointSigner signer;

    public CheckpointService(CheckpointRepository checkpoints, AuditConfig config) {
        this.checkpoints = checkpoints;
        this.signer = new CheckpointSigner(config.checkpoint().key(), config.checkpoint().keyId());
    }

    @Scheduled(every = "${inzage.audit.checkpoint.every}", delayed = "${inzage.audit.checkpoint.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return create()
                .invoke(c -> c.ifPresent(cp -> LOG.infof("Signed checkpoint %d of the chain head at seq %d", cp.id(), cp.headSeq())))
                .onFailure().invoke(e -> LOG.warnf("Signing a checkpoint failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Signs the current head; empty when the chain has no record yet. */
    public Uni<Optional<Checkpoint>> create() {
        Instant now = ChainHasher.stored(Instant.now());
        return checkpoints.head().chain(head -> head.isEmpty()
                ? Uni.createFrom().item(Optional.<Checkpoint>empty())
                : checkpoints.insert(new Checkpoint(null, now, head.get().seq(), head.get().hash(), signer.keyId(),
                        CheckpointSigner.ALGORITHM, signer.sign(head.get().seq(), head.get().hash(), now))).map(Optional::of));
    }

    /** The newest checkpoints, each checked: signature valid under our key, and the head record unchanged. */
    public Uni<List<CheckedCheckpoint>> latest(int limit) {
        return checkpoints.latest(limit).chain(list -> list.isEmpty()
                ? Uni.createFrom().item(List.<CheckedCheckpoint>of())
                : Uni.join().all(list.stream().map(this::check).toList()).andFailFast());
    }

    private Uni<CheckedCheckpoint> check(Checkpoint c) {
        boolean signatureValid = signer.keyId().equals(c.keyId())
                && signer.verify(c.headSeq(), c.headHash(), c.createdAt(), c.signature());
        return checkpoints.hashAt(c.headSeq()).map(now -> new CheckedCheckpoint(c.id(), c.createdAt(), c.headSeq(),
                ChainVerifier.hex(c.headHash()), c.keyId(), c.algorithm(), ChainVerifier.hex(c.signature()),
                signatureValid, now.map(h -> Arrays.equals(h, c.headHash())).orElse(false)));
    }

    /**
     * @param signatureValid the signature matches the statement under the configured key
     * @param headIntact     the record at headSeq is still there with that hash (with /audit/verify up to
     *                       headSeq, this proves the log up to the checkpoint is as it was then)
     */
    public record CheckedCheckpoint(long id, Instant createdAt, long headSeq, String headHash, String keyId,
            String algorithm, String signature, boolean signatureValid, boolean headIntact) {
    }
}
