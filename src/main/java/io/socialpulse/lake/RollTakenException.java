package io.socialpulse.lake;

import io.socialpulse.stream.read.ReadAgainException;

/**
 * Another writer of the same shard committed a roll starting at the same record first. The roll
 * held here is dropped and the shard is read again from the checkpoint, which then follows the
 * other writer's manifest: every record stays in exactly one object.
 */
public final class RollTakenException extends ReadAgainException {

    RollTakenException(String stream, String shardId, String manifestKey) {
        super("stream " + stream + " shard " + shardId + ": another writer committed " + manifestKey
                + " first; reading again from the checkpoint");
    }
}
