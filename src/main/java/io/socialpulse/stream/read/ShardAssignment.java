package io.socialpulse.stream.read;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Which shards this process reads when several processes split a stream. Without one, a reader
 * reads every shard. With one, it reads what {@link #assign} gives it, asked again every
 * {@link #every()}, stops a shard it is no longer given, and says when it has stopped one, so that
 * the shard is handed over only after its listeners' last commit.
 */
public interface ShardAssignment {

    /** Whether this process splits the stream with others. */
    boolean enabled();

    /** How often the assignment is asked again. */
    Duration every();

    /**
     * Of the shards listed, those this process reads from now on. A shard whose parents are still
     * listed is given only once they have been read to their end, by whichever process.
     */
    Uni<Set<String>> assign(List<Shard> listed);

    /** This process stopped reading {@code shardId} after its listeners' last commit; {@code ended}: to its end. */
    Uni<Void> finished(String shardId, boolean ended);

    /** This process stops: it holds nothing from now on, and takes nothing more. */
    Uni<Void> leave();
}
