package nl.inzage.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RevisionWatermarkTest {

    @Test
    void advancesOverRevisionsInOrder() {
        RevisionWatermark watermark = new RevisionWatermark();
        for (long revision = 1; revision <= 200_000; revision++) {
            watermark.seen(revision);
        }
        assertThat(watermark.reached()).isEqualTo(200_000);
        assertThat(watermark.highest()).isEqualTo(200_000);
    }

    @Test
    void waitsAtAGapUntilItFills() {
        RevisionWatermark watermark = new RevisionWatermark();
        watermark.seen(3);
        watermark.seen(2);
        assertThat(watermark.reached()).isZero();
        assertThat(watermark.highest()).isEqualTo(3);
        watermark.seen(1);
        assertThat(watermark.reached()).isEqualTo(3);
    }

    @Test
    void aRevisionSeenAgainOrBelowTheWatermarkChangesNothing() {
        RevisionWatermark watermark = new RevisionWatermark();
        watermark.seen(1);
        watermark.seen(2);
        watermark.seen(4);
        watermark.seen(2);
        watermark.seen(4);
        watermark.seen(1);
        assertThat(watermark.reached()).isEqualTo(2);
        watermark.seen(3);
        assertThat(watermark.reached()).isEqualTo(4);
    }

    @Test
    void settleClosesGapsThatNeverFillAndKeepsWhatWasSeenAboveThem() {
        RevisionWatermark watermark = new RevisionWatermark();
        watermark.seen(1);
        watermark.seen(3);
        watermark.seen(4);
        watermark.seen(7);
        assertThat(watermark.reached()).isEqualTo(1);
        watermark.settle(2);
        assertThat(watermark.reached()).isEqualTo(4);
        watermark.settle(6);
        assertThat(watermark.reached()).isEqualTo(7);
        watermark.settle(5);
        assertThat(watermark.reached()).isEqualTo(7);
        watermark.seen(8);
        assertThat(watermark.reached()).isEqualTo(8);
    }

    @Test
    void settleFarAboveEverythingSeen() {
        RevisionWatermark watermark = new RevisionWatermark();
        watermark.seen(5);
        watermark.settle(3_000_000_000L);
        assertThat(watermark.reached()).isEqualTo(3_000_000_000L);
        watermark.seen(3_000_000_002L);
        watermark.seen(3_000_000_001L);
        assertThat(watermark.reached()).isEqualTo(3_000_000_002L);
    }

    @Test
    void revisionsBeyondTheWindowAreKeptUntilTheWatermarkComesNear() {
        RevisionWatermark watermark = new RevisionWatermark();
        long far = RevisionWatermark.WINDOW + 10;
        watermark.seen(far + 1);
        watermark.seen(far);
        watermark.seen(2);
        assertThat(watermark.reached()).isZero();
        watermark.settle(far - 1);
        assertThat(watermark.reached()).isEqualTo(far + 1);
        watermark.seen(far + 2);
        assertThat(watermark.reached()).isEqualTo(far + 2);
    }

    @Test
    void agreesWithASimpleModelOnShuffledPartitionsWithCompactionGaps() {
        Random random = new Random(20261204);
        int count = 300_000;
        // Three partitions, each in revision order, interleaved at random; every 97th revision compacted away.
        List<List<Long>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        boolean[] compacted = new boolean[count + 2];
        for (long revision = 1; revision <= count; revision++) {
            if (revision % 97 == 0) {
                compacted[(int) revision] = true;
            } else {
                partitions.get(random.nextInt(3)).add(revision);
            }
        }
        RevisionWatermark watermark = new RevisionWatermark();
        boolean[] seen = new boolean[count + 2];
        long expected = 0;
        int[] next = new int[3];
        int remaining = partitions.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int p = random.nextInt(3);
            if (next[p] == partitions.get(p).size()) {
                continue;
            }
            long revision = partitions.get(p).get(next[p]++);
            remaining--;
            watermark.seen(revision);
            seen[(int) revision] = true;
            while (expected + 1 <= count && seen[(int) (expected + 1)]) {
                expected++;
            }
            assertThat(watermark.reached()).isEqualTo(expected);
        }
        // The consumers are at the end: settle closes the compaction gaps.
        watermark.settle(count);
        assertThat(watermark.reached()).isEqualTo(count);
    }

    @Test
    void agreesWithASimpleModelOnAFullShuffle() {
        List<Long> revisions = new ArrayList<>();
        for (long revision = 1; revision <= 100_000; revision++) {
            revisions.add(revision);
        }
        Collections.shuffle(revisions, new Random(7));
        RevisionWatermark watermark = new RevisionWatermark();
        boolean[] seen = new boolean[100_002];
        long expected = 0;
        for (long revision : revisions) {
            watermark.seen(revision);
            seen[(int) revision] = true;
            while (seen[(int) (expected + 1)]) {
                expected++;
            }
            assertThat(watermark.reached()).isEqualTo(expected);
        }
        assertThat(watermark.reached()).isEqualTo(100_000);
    }

    @Test
    void awaitCompletesOnceTheRevisionIsReached() {
        RevisionWatermark watermark = new RevisionWatermark();
        CompletableFuture<Void> waiting = watermark.await(3).toCompletableFuture();
        watermark.seen(1);
        watermark.seen(3);
        assertThat(waiting).isNotDone();
        watermark.seen(2);
        assertThat(waiting).isDone();
        assertThat(watermark.await(2).toCompletableFuture()).isDone();
    }
}
