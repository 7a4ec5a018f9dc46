package io.liandong.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Counts login attempts per remote address in periods (20 a minute by default), so that nobody
 * can guess passwords or tokens faster than that from one address. Only attempts that do not
 * succeed use up an address's allowance: a form login is counted when it arrives, before its
 * password is tried (so attempts in flight count), and given back once it has succeeded
 * ({@link #succeeded}); machine clients count only failed credentials, so a busy integration is
 * never slowed down by its own successful calls, nor by the console's successful logins. The
 * count lives in the database ({@link LoginAttempts}), one for every node of a center: spreading
 * guesses over the nodes gains nothing.
 *
 * <p>A machine client's request with good credentials writes nothing, and reads its address's row
 * at most once a second ({@link #RECHECK_MILLIS}): an address found with no failed attempts is
 * taken as clean for that long. So a node that counted none of an address's failures itself may
 * let one request from it try its credentials up to a second after other nodes used up its
 * period; any failure it counts itself is checked against the shared count at once. Once an
 * address has used up its period, this node remembers that until the period ends and refuses it
 * without asking the database again, unless a login it let through succeeds in the meantime.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_REMEMBERED_ADDRESSES = 10_000;
    /** How long an address found with no failed attempts is taken as clean without reading again. */
    static final long RECHECK_MILLIS = 1000;

    private final Clock clock;
    private final LoginAttempts attempts;
    private final int maxAttempts;
    private final long periodMillis;
    /** Addresses this node has refused, and when their period ends: a hint that saves the database. */
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();
    /** Addresses found with no attempts counted, and until when that is trusted without a read. */
    private final Map<String, Long> cleanUntil = new ConcurrentHashMap<>();

    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    LoginThrottle(Clock clock, IdentityProperties properties, LoginAttempts attempts) {
        this.clock = clock;
        this.attempts = attempts;
        this.maxAttempts = properties.loginThrottle().maxAttempts();
        this.periodMillis = properties.loginThrottle().per().toMillis();
    }

    /**
     * Whether an attempt may go ahead and, when not, how long to wait; {@code windowStart} is when
     * the period the attempt was counted in began (epoch milliseconds), which {@link #succeeded}
     * needs to give it back.
     */
    record Verdict(boolean allowed, Duration retryAfter, long windowStart) {}

    /** The shared count cannot be read or written: the database is unavailable. */
    static final class CountUnavailable extends RuntimeException {

        CountUnavailable(String address, RuntimeException cause) {
            super("cannot count the login attempts of " + address + " in the database: " + cause.getMessage(), cause);
        }
    }

    /** Counts an attempt and answers whether it may go ahead. */
    Verdict attempt(String address) {
        return count(address);
    }

    /** Answers whether attempts from {@code address} may go ahead, without counting one. */
    Verdict check(String address) {
        long now = clock.millis();
        Verdict remembered = remembered(address, now);
        if (remembered != null) {
            return remembered;
        }
        Long clean = cleanUntil.get(address);
        if (clean != null && now < clean) {
            return new Verdict(true, Duration.ofMillis(periodMillis), now);
        }
        LoginAttempts.Count count = read(address, now);
        if (count.attempts() == 0) {
            remember(cleanUntil, address, now + RECHECK_MILLIS, now);
        }
        if (count.attempts() < maxAttempts) {
            return new Verdict(true, retryAfter(count.windowStart(), now), count.windowStart());
        }
        return refuse(address, count.windowStart(), now);
    }

    /** Counts a failed attempt (a wrong Basic password or an unknown token). */
    void failed(String address) {
        count(address);
    }

    /**
     * Gives back the attempt of {@code address} counted by {@link #attempt} in the period that
     * began at {@code windowStart}, now that it has succeeded: a successful login uses up no
     * allowance. An attempt of a period that has ended since is not given back to the next one.
     * Never fails the login: when the count cannot be written, the attempt stays counted.
     */
    void succeeded(String address, long windowStart) {
        refusedUntil.remove(address);
        try {
            attempts.giveBack(address, windowStart);
        } catch (DataAccessException | TransactionException e) {
            log.warn("Could not give back the successful login attempt of {}: {}", address, e.getMessage());
        }
    }

    private Verdict count(String address) {
        long now = clock.millis();
        Verdict remembered = remembered(address, now);
        if (remembered != null) {
            return remembered;
        }
        cleanUntil.remove(address);
        LoginAttempts.Count count = add(address, now);
        if (count.attempts() <= maxAttempts) {
            return new Verdict(true, retryAfter(count.windowStart(), now), count.windowStart());
        }
        return refuse(address, count.windowStart(), now);
    }

    /** This node's earlier refusal of {@code address}, while its period lasts; otherwise null. */
    private @Nullable Verdict remembered(String address, long now) {
        Long until = refusedUntil.get(address);
        if (until == null || until <= now) {
            return null;
        }
        return new Verdict(false, retryAfter(until - periodMillis, now), until - periodMillis);
    }

    private Verdict refuse(String address, long windowStart, long now) {
        long until = windowStart + periodMillis;
        Long before = remember(refusedUntil, address, until, now);
        if (before == null || before != until) {
            log.warn(
                    "Throttling logins from {}: more than {} attempts within {} ms",
                    address,
                    maxAttempts,
                    periodMillis);
        }
        return new Verdict(false, retryAfter(windowStart, now), windowStart);
    }

    /** Puts {@code address} into a bounded map of this node's hints; answers what it held before. */
    private static @Nullable Long remember(Map<String, Long> hints, String address, long until, long now) {
        if (hints.size() >= MAX_REMEMBERED_ADDRESSES) {
            hints.values().removeIf(end -> end <= now);
            if (hints.size() >= MAX_REMEMBERED_ADDRESSES) {
                hints.clear();
            }
        }
        return hints.put(address, until);
    }

    private Duration retryAfter(long windowStart, long now) {
        return Duration.ofMillis(Math.max(1000, windowStart + periodMillis - now));
    }

    private LoginAttempts.Count read(String address, long now) {
        try {
            return attempts.current(address, now, periodMillis);
        } catch (DataAccessException | TransactionException e) {
            throw new CountUnavailable(address, e);
        }
    }

    private LoginAttempts.Count add(String address, long now) {
        try {
            forgetEndedPeriods(now);
            return attempts.add(address, now, periodMillis);
        } catch (DataAccessException | TransactionException e) {
            throw new CountUnavailable(address, e);
        }
    }

    /** At most once a period per node, and only when counting, deletes the rows of ended periods. */
    private void forgetEndedPeriods(long now) {
        long last = lastSweep.get();
        if (last != Long.MIN_VALUE && now - last < periodMillis) {
            return;
        }
        if (lastSweep.compareAndSet(last, now)) {
            int deleted = attempts.forgetEnded(now, periodMillis);
            log.debug("Deleted {} login counts of ended periods", deleted);
        }
    }
}
