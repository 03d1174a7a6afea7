package io.shoprules.decisions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the writer cuts what queued up into transactions. */
class BackgroundWriterTest {

    @Test
    void aBacklogLongerThanABatchGoesInFullBatchesAndTheRestInOneWakeUp() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        BackgroundWriter<Integer> writer = new BackgroundWriter<>("test-writer", 100, 2, 10, new BackgroundWriter.Sink<>() {
            @Override
            public void writeAll(List<Integer> batch) {
                batches.add(List.copyOf(batch));
            }

            @Override
            public void setAside(Integer entry, String reason) {
                throw new AssertionError("nothing is refused here");
            }
        });
        for (int i = 1; i <= 5; i++) {
            writer.offer(i);
        }
        writer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (batches.stream().mapToInt(List::size).sum() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        writer.stop();
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), batches);
        assertEquals(0, writer.queued());
    }
}
