package io.socialpulse.stream.publish;

import java.util.List;

/** Where records go once Kinesis has taken them, or once they are given up. */
interface Outcomes {

    /** A record given up, and the reason a user reads in its dead letter. */
    record Rejection(OutgoingRecord record, String reason) {
    }

    void accepted(List<OutgoingRecord> records);

    void rejected(OutgoingRecord record, String reason);
}
