package io.socialpulse.stream.read;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Every shard of a stream, open and closed, through as many ListShards pages as it takes. */
final class ShardList {

    private ShardList() {
    }

    static Uni<List<Shard>> of(KinesisAsyncClient client, String stream) {
        return page(client, stream, null, new ArrayList<>());
    }

    private static Uni<List<Shard>> page(KinesisAsyncClient client, String stream, String token, List<Shard> into) {
        ListShardsRequest request = token == null
                ? ListShardsRequest.builder().streamName(stream).build()
                : ListShardsRequest.builder().nextToken(token).build();
        return Uni.createFrom().completionStage(() -> client.listShards(request))
                .chain((ListShardsResponse response) -> {
                    into.addAll(response.shards());
                    return response.nextToken() == null
                            ? Uni.createFrom().item(into)
                            : page(client, stream, response.nextToken(), into);
                });
    }
}
