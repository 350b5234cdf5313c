package io.djflink.state;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/** The retention ({@code dedup_ttl}) of what streaming dedup remembers, as Flink state TTL. */
final class DedupStateTtl {

    private DedupStateTtl() {}

    /**
     * Lets entries of {@code desc} expire {@code ttl} after they were written, by processing time
     * (the only time Flink's state TTL knows); expired entries are never read. Null: no expiry.
     */
    static <D extends StateDescriptor<?, ?>> D expireAfter(D desc, Duration ttl) {
        if (ttl != null) {
            desc.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                    .updateTtlOnCreateAndWrite()
                    .neverReturnExpired()
                    .build());
        }
        return desc;
    }
}
