package io.payrail.acquirer.simulated;

import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulated acquirer's fault switch: while a window is open, a share of its charges go
 * unanswered, half of them because the request never arrived (nothing charged) and half because the
 * answer was lost after the acquirer charged or declined. The client sees a timeout either way, so
 * the payment is UNKNOWN until the processor's reconciler asks the acquirer by the charge's
 * idempotency key ({@link SimulatedCharges#lookup}, which a window leaves alone).
 *
 * <p>The window lives in the acquirer's own table ({@code simulated_acquirer_faults}), not in a
 * processor's memory or configuration: every instance of every processor, and every incarnation of
 * one, talks to the same acquirer, and a window opened by {@code ./payrail chaos} (or by hand, in
 * SQL) reaches all of them without a restart or an endpoint of theirs. It closes by itself at its
 * end time (the database's clock), so a run that dies leaves no acquirer faulty for good. Each
 * process reads the switch at most once per {@code check-interval}.
 *
 * <p>Which calls a window affects is decided by the idempotency key, so a call repeated with the
 * same key in the same window fails the same way, as it would at an acquirer that is down for it.
 */
public final class AcquirerFaults {

  /** What happens to one call. */
  public enum Fault {
    /** Answered as usual. */
    NONE,
    /** The request never arrives: nothing is done, the client times out. */
    LOST_REQUEST,
    /** The acquirer does what was asked, its answer is lost: the client times out. */
    LOST_ANSWER
  }

  /**
   * An open window.
   *
   * @param fraction the share of idempotency keys it affects, 0 to 1
   * @param remaining how long it stays open
   */
  public record Window(double fraction, Duration remaining) {}

  private static final int ROW = 1;

  private static final String OPEN =
      """
      REPLACE INTO simulated_acquirer_faults (id, fraction, opened_at, open_until)
      VALUES (:id, :fraction, UTC_TIMESTAMP(3), TIMESTAMPADD(MICROSECOND, :micros, UTC_TIMESTAMP(3)))
      """;

  private static final String CURRENT =
      """
      SELECT fraction, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), open_until) AS remaining
        FROM simulated_acquirer_faults
       WHERE id = :id AND open_until > UTC_TIMESTAMP(3)
      """;

  private final JdbcClient jdbc;
  private final long checkIntervalNanos;
  private volatile Reading reading;

  /**
   * @param jdbc the acquirer's database
   * @param checkInterval how long a reading of the switch is used before it is read again
   */
  public AcquirerFaults(JdbcClient jdbc, Duration checkInterval) {
    this.jdbc = jdbc;
    this.checkIntervalNanos = checkInterval.toNanos();
  }

  /**
   * Opens a window on the acquirer behind {@code dataSource}, replacing any open one.
   *
   * @param length how long it stays open
   * @param fraction the share of idempotency keys it affects, above 0 and at most 1
   */
  public static void open(DataSource dataSource, Duration length, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be above 0 and at most 1: " + fraction);
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a window must have a length: " + length);
    }
    JdbcClient.create(dataSource)
        .sql(OPEN)
        .param("id", ROW)
        .param("fraction", fraction)
        .param("micros", length.toNanos() / 1_000)
        .update();
  }

  /** Closes the window of the acquirer behind {@code dataSource} now, if one is open. */
  public static void close(DataSource dataSource) {
    JdbcClient.create(dataSource)
        .sql("DELETE FROM simulated_acquirer_faults WHERE id = :id")
        .param("id", ROW)
        .update();
  }

  /** The window open now on the acquirer behind {@code dataSource}, if any. */
  public static Optional<Window> current(DataSource dataSource) {
    return read(JdbcClient.create(dataSource));
  }

  /**
   * What happens to a call with this idempotency key now. An exception means the switch could not
   * be read (the acquirer's database is away), as the call itself would have failed.
   */
  public Fault faultFor(String idempotencyKey) {
    Reading current = reading;
    long now = System.nanoTime();
    if (current == null || now - current.readAt() >= checkIntervalNanos) {
      Optional<Window> window = read(jdbc);
      current =
          new Reading(
              now,
              window.map(Window::fraction).orElse(0.0),
              window.map(open -> now + open.remaining().toNanos()).orElse(now));
      reading = current;
    }
    if (current.fraction() == 0 || now - current.openUntil() >= 0) {
      return Fault.NONE;
    }
    return decide(idempotencyKey, current.fraction());
  }

  /**
   * The fault of a key in a window affecting {@code fraction} of keys: a fixed point of the key in
   * [0, 1) says whether, one more bit of it which of the two.
   */
  static Fault decide(String idempotencyKey, double fraction) {
    long mixed = mix(idempotencyKey.hashCode());
    double point = (mixed >>> 11) * 0x1.0p-53;
    if (point >= fraction) {
      return Fault.NONE;
    }
    return (mixed & 1) == 0 ? Fault.LOST_REQUEST : Fault.LOST_ANSWER;
  }

  /** SplitMix64's finalizer: spreads a String hash over all 64 bits. */
  private static long mix(long value) {
    long z = value * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Optional<Window> read(JdbcClient jdbc) {
    return jdbc.sql(CURRENT)
        .param("id", ROW)
        .query(
            (rs, n) ->
                new Window(
                    rs.getDouble("fraction"), Duration.ofNanos(rs.getLong("remaining") * 1_000)))
        .optional();
  }

  /** One reading of the switch: when, the window's fraction (0: none) and its end. */
  private record Reading(long readAt, double fraction, long openUntil) {}
}
