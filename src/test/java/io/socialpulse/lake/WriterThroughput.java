package io.socialpulse.lake;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

import io.socialpulse.post.PostCodec;
import io.socialpulse.store.ObjectStore;
import io.socialpulse.stream.read.StreamRecord;

import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The lake writer at full speed, for the lake benchmark: one shard's records handed to a
 * {@link ShardWriter} in reader-sized pages as fast as it takes them, rolls of {@code rollBytes}
 * written to the S3 emulator. Measures this process's CPU (the emulator's is its own).
 */
public final class WriterThroughput {

    /** What a run wrote and what it cost. */
    public record Result(long compressedBytes, long objects, double cpuSeconds, double seconds,
            double threadCpuSeconds) {
    }

    private WriterThroughput() {
    }

    public static Result run(S3AsyncClient s3, String bucket, List<StreamRecord> records, long rollBytes) {
        LakeStats stats = new LakeStats();
        ShardWriter writer = new ShardWriter(records.get(0).shardId(), new LakeLayout("bench", "bench"),
                new ObjectStore(s3, bucket), new RollPolicy(rollBytes, Duration.ofHours(1)), Clock.systemUTC(),
                PostCodec.mapper(), stats, new PostIdWindow(Duration.ofMinutes(15), 2_000_000));
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        writer.restart().await().indefinitely();
        for (int i = 0; i < records.size(); i += 1000) {
            writer.accept(records.subList(i, Math.min(records.size(), i + 1000))).await().indefinitely();
        }
        writer.flush("stop").await().indefinitely();
        return new Result(stats.bytes(), stats.objects(), (os.getProcessCpuTime() - cpu) / 1e9,
                (System.nanoTime() - start) / 1e9,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu) / 1e9);
    }
}
