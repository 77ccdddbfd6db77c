package io.payrail.launcher.console;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of one long step ({@code placed 812/2000}, a bench phase, a chaos round): on a
 * terminal one line redrawn in place, in a log or a pipe a few whole lines (one per tenth of the
 * total, and one at least every ten seconds when there is no total or it moves slowly), so that a
 * CI log shows where a run was without thousands of fragments.
 *
 * <p>Other output while the step runs goes through {@link #message}, which keeps the redrawn line
 * below it.
 */
public final class Progress implements AutoCloseable {

  /** In a log: one line per this fraction of the total. */
  static final int LOG_STEPS = 10;

  /** In a log: a line at least this often while the count moves. */
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  /**
   * On a terminal: redraw at most this often; a redraw per record would cost more than it shows.
   */
  static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);

  private static final String CLEAR_LINE = "\r\033[K";
  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final String label;
  private final long total;

  private long done;
  private String detail = "";
  private long lastPrintNanos;
  private int lastStep;
  private boolean lineDrawn;
  private boolean lastStatePrinted = true;
  private boolean closed;

  Progress(PrintStream out, boolean terminal, LongSupplier nanoClock, String label, long total) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.label = label;
    this.total = total;
    this.lastPrintNanos = nanoClock.getAsLong();
  }

  /**
   * Progress on {@code out}, redrawn in place when {@code out} is this process's standard output
   * and that is a terminal.
   *
   * @param label what is counted, e.g. {@code placed}
   * @param total the count when done, or 0 when unknown
   */
  public static Progress on(PrintStream out, String label, long total) {
    return new Progress(
        out, out == System.out && Terminal.isInteractive(), System::nanoTime, label, total);
  }

  /** Whether this progress redraws one line in place. */
  public boolean isTerminal() {
    return terminal;
  }

  /** The count moved. */
  public void update(long count) {
    update(count, detail);
  }

  /**
   * The count moved, with a short note after it (a rate, the last window).
   *
   * @param note shown after the count; replaces the previous one
   */
  public synchronized void update(long count, String note) {
    if (closed) {
      return;
    }
    done = count;
    detail = note == null ? "" : note;
    lastStatePrinted = false;
    long now = nanoClock.getAsLong();
    if (terminal) {
      boolean finished = total > 0 && done >= total;
      if (finished || now - lastPrintNanos >= REDRAW_INTERVAL.toNanos()) {
        draw(now);
      }
      return;
    }
    int step = total > 0 ? (int) Math.min(LOG_STEPS, done * LOG_STEPS / total) : 0;
    if (step > lastStep || now - lastPrintNanos >= LOG_INTERVAL.toNanos()) {
      lastStep = Math.max(lastStep, step);
      out.println(line());
      lastPrintNanos = now;
      lastStatePrinted = true;
    }
  }

  /** A line of its own while the step runs (an event, a warning). */
  public synchronized void message(String message) {
    if (terminal && lineDrawn) {
      out.print(CLEAR_LINE);
      out.println(message);
      out.print(line());
      out.flush();
    } else {
      out.println(message);
    }
  }

  /** Ends the step: the last count stays visible, on a line of its own. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (terminal) {
      if (!lastStatePrinted || lineDrawn) {
        out.print(CLEAR_LINE);
        out.println(line());
        out.flush();
      }
    } else if (!lastStatePrinted) {
      out.println(line());
    }
  }

  private void draw(long now) {
    out.print(CLEAR_LINE);
    out.print(line());
    out.flush();
    lineDrawn = true;
    lastPrintNanos = now;
    lastStatePrinted = true;
  }

  /** {@code label done/total [bar] pct % note}, or {@code label done note} without a total. */
  String line() {
    StringBuilder line = new StringBuilder("  ").append(label).append(' ');
    if (total > 0) {
      long shown = Math.min(done, total);
      line.append(String.format(Locale.ROOT, "%,d/%,d", done, total));
      if (terminal) {
        int filled = (int) (shown * BAR_WIDTH / total);
        line.append(" [")
            .append("#".repeat(filled))
            .append(".".repeat(BAR_WIDTH - filled))
            .append(']');
      }
      line.append(String.format(Locale.ROOT, " %3d %%", shown * 100 / total));
    } else {
      line.append(String.format(Locale.ROOT, "%,d", done));
    }
    if (!detail.isEmpty()) {
      line.append("  ").append(detail);
    }
    return line.toString();
  }
}
