package io.socialpulse.stream.read;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import io.socialpulse.config.KinesisConfig;

/** The reader's settings as plain values; {@code fanOut} is null for a polling reader. */
record ReaderSettings(String stream, Duration pollInterval, int maxRecords, Duration shardRefresh, FanOut fanOut) {

    /** Enhanced fan-out through the consumer {@code name}; {@code ownedByTask}: deregistered at a clean stop. */
    record FanOut(String name, boolean ownedByTask) {
    }

    /** A polling reader. */
    ReaderSettings(String stream, Duration pollInterval, int maxRecords, Duration shardRefresh) {
        this(stream, pollInterval, maxRecords, shardRefresh, null);
    }

    /** The settings of a task that runs the lake role ({@code lake}) or only the trends role. */
    static ReaderSettings of(KinesisConfig config, boolean lake) {
        KinesisConfig.Reader r = config.reader();
        FanOut fanOut = null;
        if (r.fanOut()) {
            fanOut = r.consumer().map(name -> new FanOut(name, !lake))
                    .orElseGet(() -> lake
                            ? new FanOut("social-pulse-lake", false)
                            : new FanOut(consumerName("social-pulse-trends-" + host()), true));
        }
        return new ReaderSettings(config.stream().orElseThrow(), r.pollInterval(), r.maxRecords(), r.shardRefresh(),
                fanOut);
    }

    /** What a consumer name may hold: letters, digits, {@code _ . -}, at most 128 characters. */
    static String consumerName(String wanted) {
        String name = wanted.replaceAll("[^A-Za-z0-9_.-]", "-");
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Long.toHexString(System.nanoTime());
        }
    }
}
