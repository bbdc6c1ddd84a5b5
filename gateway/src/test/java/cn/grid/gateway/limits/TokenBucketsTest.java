package cn.grid.gateway.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The buckets on a hand-moved clock: no test here waits for time to pass. */
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;

    @Test
    void aFullBucketLetsItsSizeThroughThenRefusesWithTheWaitUntilTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.parse("3/3S"), 100, ticker);
        assertThat(buckets.take("a").remaining()).isEqualTo(2);
        assertThat(buckets.take("a").remaining()).isEqualTo(1);
        TokenBuckets.Decision third = buckets.take("a");
        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();

        TokenBuckets.Decision refused = buckets.take("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(TokenBuckets.Decision.seconds(refused.resetNanos())).isEqualTo(3);
        // another key has a bucket of its own
        assertThat(buckets.take("b").allowed()).isTrue();

        // one interval later, one token is back, and only one
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isFalse();
    }

    @Test
    void aRefusedRequestCostsNothing() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.parse("1/10S"), 100, ticker);
        assertThat(buckets.take("a").allowed()).isTrue();
        for (int i = 0; i < 50; i++) {
            assertThat(buckets.take("a").allowed()).isFalse();
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(buckets.take("a").allowed()).isTrue();
    }

    @Test
    void idleKeysExpireAndTheMapIsBounded() {
        TokenBuckets buckets = new TokenBuckets(RateLimit.parse("5/1S"), 1000, ticker);
        for (int i = 0; i < 500; i++) {
            buckets.take("address-" + i);
        }
        assertThat(buckets.size()).isEqualTo(500);
        // idle for a whole period: each bucket would be full again, so it is dropped
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(buckets.size()).isZero();

        TokenBuckets small = new TokenBuckets(RateLimit.parse("5/1H"), 100, ticker);
        for (int i = 0; i < 10_000; i++) {
            small.take("address-" + i);
        }
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void limitsAreWrittenRequestsSlashPeriod() {
        assertThat(RateLimit.parse("1000/10S")).isEqualTo(new RateLimit(1000, Duration.ofSeconds(10)));
        assertThat(RateLimit.parse("50000/1s")).isEqualTo(new RateLimit(50000, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse("10/500ms")).isEqualTo(new RateLimit(10, Duration.ofMillis(500)));
        assertThat(RateLimit.parse("3/PT1H")).isEqualTo(new RateLimit(3, Duration.ofHours(1)));
        assertThatThrownBy(() -> RateLimit.parse("1000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.parse("0/1S")).isInstanceOf(IllegalArgumentException.class);
    }
}
