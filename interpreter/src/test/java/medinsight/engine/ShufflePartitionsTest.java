package medinsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Shuffle partitions sized to the loaded rows: one per million, at least one, at most Spark's parallelism. */
class ShufflePartitionsTest {
  @Test
  void onePartitionPerMillionRowsUpToTheCeiling() {
    assertEquals(1, DrugData.shufflePartitionsFor(0, 4));
    assertEquals(1, DrugData.shufflePartitionsFor(57_498, 4), "the bundled data");
    assertEquals(1, DrugData.shufflePartitionsFor(DrugData.ROWS_PER_SHUFFLE_PARTITION, 4));
    assertEquals(2, DrugData.shufflePartitionsFor(DrugData.ROWS_PER_SHUFFLE_PARTITION + 1, 4));
    assertEquals(2, DrugData.shufflePartitionsFor(5_230_466, 2), "SF100 on two cores");
    assertEquals(6, DrugData.shufflePartitionsFor(5_230_466, 16), "SF100 on a cluster of 16 cores");
    assertEquals(16, DrugData.shufflePartitionsFor(52_000_000, 16), "SF1000 on a cluster of 16 cores");
    assertEquals(1, DrugData.shufflePartitionsFor(5_230_466, 0));
  }
}
