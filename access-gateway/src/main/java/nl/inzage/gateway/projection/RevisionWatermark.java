package nl.inzage.gateway.projection;

import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The store revision up to which a projection has applied every change. Revisions are gap-free
 * in the writer's commit order, but the topic has several partitions, so they may arrive out of
 * order: the watermark advances only over a contiguous run. Compaction leaves gaps that never
 * fill; {@link Freshness} closes them with {@link #settle} once the consumers are confirmed to be
 * at the end of the topic. Callers can wait, without blocking a thread, until a revision is reached.
 */
public final class RevisionWatermark {

    private record Waiter(long revision, CompletableFuture<Void> future) {
    }

    private final TreeSet<Long> ahead = new TreeSet<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.revision(), b.revision()));
    private volatile long reached;
    private volatile long highest;

    /** Called for every applied event. */
    public void seen(long revision) {
        synchronized (this) {
            if (revision > highest) {
                highest = revision;
            }
            if (revision == reached + 1) {
                reached = revision;
                while (!ahead.isEmpty() && ahead.first() <= reached + 1) {
                    reached = Math.max(reached, ahead.pollFirst());
                }
            } else if (revision > reached) {
                ahead.add(revision);
            }
        }
        release();
    }

    /** Everything up to {@code revision} is known to be applied (or compacted away): close the gaps below it. */
    public void settle(long revision) {
        synchronized (this) {
            if (revision > reached) {
                reached = revision;
                ahead.headSet(revision, true).clear();
                while (!ahead.isEmpty() && ahead.first() <= reached + 1) {
                    reached = Math.max(reached, ahead.pollFirst());
                }
            }
        }
        release();
    }

    /** The revision up to which every change is applied: what decisions are made at. */
    public long reached() {
        return reached;
    }

    /** The highest revision applied, possibly with gaps below it. */
    public long highest() {
        return highest;
    }

    /** Completes once the projection has reached {@code revision}; cancel it to stop waiting. */
    public CompletionStage<Void> await(long revision) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (this) {
            if (revision > reached) {
                waiters.removeIf(waiter -> waiter.future().isDone());
                waiters.add(new Waiter(revision, future));
                return future;
            }
        }
        future.complete(null);
        return future;
    }

    private void release() {
        long now = reached;
        java.util.List<CompletableFuture<Void>> due = new java.util.ArrayList<>();
        synchronized (this) {
            while (!waiters.isEmpty() && waiters.peek().revision() <= now) {
                due.add(waiters.poll().future());
            }
        }
        due.forEach(future -> future.complete(null));
    }
}
