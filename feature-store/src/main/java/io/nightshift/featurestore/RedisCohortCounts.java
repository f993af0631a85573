package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.nightshift.featurestore.Arguments.requireId;

/**
 * {@link CohortCounts} in Redis: a served answer is one MULTI/EXEC (its day's HyperLogLog with the
 * day's expiry, and the answer's cohort for its clicks); a click reads the answer's cohort and
 * adds to that day's clicked HyperLogLog; the console's read is one pipeline of PFCOUNTs.
 */
final class RedisCohortCounts implements CohortCounts {

    /** In a replay old answers are counted again at once: their cohort stays this long for the clicks that follow them. */
    private static final long REPLAY_ANSWER_MILLIS = 3_600_000;

    private final RedisConnection redis;
    private final Clock clock;

    RedisCohortCounts(RedisConnection redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void served(String cohort, String requestId, Instant servedAt) {
        if (!CohortCounts.countable(cohort)) {
            throw new IllegalArgumentException("cohort must match " + COHORT.pattern() + ", was '" + cohort + "'");
        }
        String id = requireId(requestId, "requestId");
        LocalDate day = LocalDate.ofInstant(servedAt, ZoneOffset.UTC);
        long dayExpiry = dayExpiry(day);
        long now = clock.millis();
        if (dayExpiry <= now) {
            return;
        }
        long answerExpiry = Math.max(servedAt.toEpochMilli() + RedisKeys.COHORT_ANSWER_TTL.toMillis(), now + REPLAY_ANSWER_MILLIS);
        String served = RedisKeys.cohortServed(cohort, day.toString());
        redis.call(jedis -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.pfadd(served, id);
                tx.pexpireAt(served, dayExpiry);
                tx.set(RedisKeys.cohortAnswer(id), day + "|" + cohort, SetParams.setParams().pxAt(answerExpiry));
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public boolean clicked(String requestId) {
        String id = requireId(requestId, "requestId");
        String answer = redis.call(jedis -> jedis.get(RedisKeys.cohortAnswer(id)));
        if (answer == null || answer.length() < 12 || answer.charAt(10) != '|') {
            return false;
        }
        LocalDate day = LocalDate.parse(answer.substring(0, 10));
        String clicked = RedisKeys.cohortClicked(answer.substring(11), day.toString());
        long dayExpiry = dayExpiry(day);
        redis.call(jedis -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.pfadd(clicked, id);
                tx.pexpireAt(clicked, dayExpiry);
                tx.exec();
            }
            return null;
        });
        return true;
    }

    @Override
    public Map<String, List<DayCount>> counts(Collection<String> cohorts, LocalDate today, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        return redis.call(jedis -> {
            Map<String, List<Response<Long>[]>> pending = new LinkedHashMap<>();
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String cohort : cohorts) {
                    List<Response<Long>[]> perDay = new ArrayList<>();
                    for (int back = 0; back < days; back++) {
                        String day = today.minusDays(back).toString();
                        @SuppressWarnings("unchecked")
                        Response<Long>[] pair = new Response[]{
                                pipeline.pfcount(RedisKeys.cohortServed(cohort, day)), pipeline.pfcount(RedisKeys.cohortClicked(cohort, day))};
                        perDay.add(pair);
                    }
                    pending.put(cohort, perDay);
                }
                pipeline.sync();
            }
            Map<String, List<DayCount>> counts = new LinkedHashMap<>();
            pending.forEach((cohort, perDay) -> {
                List<DayCount> list = new ArrayList<>();
                for (int back = 0; back < perDay.size(); back++) {
                    list.add(new DayCount(today.minusDays(back), perDay.get(back)[0].get(), perDay.get(back)[1].get()));
                }
                counts.put(cohort, List.copyOf(list));
            });
            return counts;
        });
    }

    /** A day's keys go {@link RedisKeys#COHORT_DAYS_TTL} after the day ends. */
    private static long dayExpiry(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(RedisKeys.COHORT_DAYS_TTL).toEpochMilli();
    }
}
