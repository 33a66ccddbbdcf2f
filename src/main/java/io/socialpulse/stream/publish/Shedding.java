package io.socialpulse.stream.publish;

import io.socialpulse.post.Post;
import io.socialpulse.post.PostCodec;
import io.socialpulse.post.PostFormatException;

/**
 * What gives way when a post is over the stream's record limit: the platform's raw payload, which
 * only serves re-mapping later. The normalized post (text, author, entities, metrics) always stays.
 */
final class Shedding {

    private Shedding() {
    }

    /** Drops the raw payload of an oversized record; true if it fits {@code limit} afterwards. */
    static boolean fit(OutgoingRecord record, int limit) {
        if (record.shed) {
            return record.size() <= limit;
        }
        Post post;
        try {
            post = PostCodec.decode(record.data());
        } catch (PostFormatException e) {
            return false;
        }
        if (post.raw() == null) {
            return false;
        }
        record.replaceData(PostCodec.encode(post.withoutRaw()));
        return record.size() <= limit;
    }
}
