package nl.inzage.gateway.projection;

import java.util.BitSet;
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
 *
 * <p>The revisions seen above the watermark are bits of a window starting just above it (one bit
 * per revision: a gap under a million events holds 128 KiB, where a set of boxed revisions held
 * tens of bytes per revision); the rare revision beyond the window goes to a sorted set.
 */
public final class RevisionWatermark {

    private record Waiter(long revision, CompletableFuture<Void> future) {
    }

    /** Bits per window: revisions further above the window's start than this wait in {@link #distant}. */
    static final long WINDOW = 1L << 30;
    /** Once the watermark has moved this far into the window, the window is moved up to it. */
    private static final long MOVE_AFTER = 1L << 16;

    /** Bit {@code i}: revision {@code base + i} was seen. */
    private BitSet ahead = new BitSet();
    /** Where the window starts; never above {@code reached + 1}. */
    private long base = 1;
    private final TreeSet<Long> distant = new TreeSet<>();
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.revision(), b.revision()));
    private volatile long reached;
    private volatile long highest;

    /** Called for every applied event. */
    public void seen(long revision) {
        synchronized (this) {
            if (revision > highest) {
                highest = revision;
            }
            if (revision > reached) {
                if (revision - base >= WINDOW) {
                    move();
                }
                if (revision - base >= WINDOW) {
                    distant.add(revision);
                } else {
                    ahead.set((int) (revision - base));
                }
                advance();
            }
        }
        release();
    }

    /** Everything up to {@code revision} is known to be applied (or compacted away): close the gaps below it. */
    public void settle(long revision) {
        synchronized (this) {
            if (revision > reached) {
                reached = revision;
                distant.headSet(revision, true).clear();
                advance();
            }
        }
        release();
    }

    /** Moves the watermark over every revision seen right above it. */
    private void advance() {
        while (true) {
            if (reached + 1 - base >= WINDOW) {
                move();
            }
            int next = ahead.nextClearBit((int) (reached + 1 - base));
            reached = base + next - 1;
            if (distant.isEmpty() || distant.first() > reached + 1) {
                break;
            }
            reached = Math.max(reached, distant.pollFirst());
        }
        if (reached + 1 - base >= MOVE_AFTER) {
            move();
        }
    }

    /** Starts the window right above the watermark, taking in the distant revisions that now fit. */
    private void move() {
        long offset = reached + 1 - base;
        if (offset <= 0) {
            return;
        }
        ahead = offset >= ahead.length() ? new BitSet() : ahead.get((int) offset, ahead.length());
        base = reached + 1;
        while (!distant.isEmpty() && distant.first() - base < WINDOW) {
            ahead.set((int) (distant.pollFirst() - base));
        }
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
