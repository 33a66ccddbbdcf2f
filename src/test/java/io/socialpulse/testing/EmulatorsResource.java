package io.socialpulse.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the emulators: a fresh stream and bucket per test class, AWS credentials
 * for the SDK's default chain, short rolls and ticks so tests see results in seconds. Arguments:
 * {@code shards} (default 1) and any setting to override.
 */
public class EmulatorsResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        Emulators emulators = Emulators.get();
        System.setProperty("aws.accessKeyId", Emulators.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Emulators.SECRET_KEY);
        System.setProperty("aws.region", Emulators.REGION.id());
        int shards = Integer.parseInt(args.getOrDefault("shards", "1"));
        Map<String, String> config = new HashMap<>();
        config.put("kinesis.stream", emulators.createStream("test", shards));
        config.put("kinesis.endpoint", emulators.kinesisEndpoint().toString());
        config.put("kinesis.reader.poll-interval", "300ms");
        config.put("lake.bucket", emulators.createBucket("lake"));
        config.put("s3.endpoint", emulators.s3Endpoint().toString());
        config.put("s3.path-style", "true");
        config.put("lake.roll-age", "2s");
        config.put("trends.tick", "500ms");
        config.put("sources.enabled", "none");
        if (args.containsKey("replay.posts")) {
            // A replay file of known posts, named after the stream so the test can rebuild the same list.
            String stream = config.get("kinesis.stream");
            Path file = Emulators.projectRoot().resolve("target/test-data/" + stream + ".ndjson");
            TestPosts.writeNdjson(file, TestPosts.make(stream, Integer.parseInt(args.get("replay.posts")),
                    args.getOrDefault("replay.dominant", "dominant")));
            config.put("sources.enabled", "replay");
            config.put("sources.replay.files", file.toString());
        }
        args.forEach((key, value) -> {
            if (!key.equals("shards") && !key.startsWith("replay.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public void stop() {
        // The emulators are shared by every test of this JVM and stop when it exits.
    }
}
