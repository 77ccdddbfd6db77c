package io.payrail.launcher.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: each phase's windows as a line (warm-up grey, measured blue) and the stage
 * ladder as bars against the pipeline's rate, in inline SVG: no script, no network at view time.
 */
final class BenchCharts {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 160;
  private static final int LEFT = 90;
  private static final int BOTTOM = 24;
  private static final String MEASURED = "#2b6cb0";
  private static final String WARMUP = "#a0aec0";

  private BenchCharts() {}

  static String html(BenchReport report, String jsonLine) {
    StringBuilder body = new StringBuilder();
    body.append("<h2>Windows</h2>\n<p>Each point is one window's rate; grey points are warm-up,")
        .append(" blue ones measured. Warm-up ends when the last windows agree within the")
        .append(" tolerance, or at the cap.</p>\n");
    for (PhaseResult phase : report.phases()) {
      body.append(windows(phase));
    }
    if (!report.ladder().isEmpty()) {
      body.append("<h2>Stage ladder</h2>\n<p>Each stage alone with its input waiting, in orders")
          .append(" per second; the line is the whole pipeline's rate.</p>\n")
          .append(ladder(report.ladder(), report.pipelineRate()));
    }
    return """
        <!doctype html><html><head><meta charset="utf-8"><title>Payrail bench</title>
        <style>body{font-family:sans-serif;max-width:760px;margin:2em auto}
        svg{display:block;margin:0 0 1.5em}pre{white-space:pre-wrap;font-size:12px}</style>
        </head><body>
        <h1>Payrail bench: %s layout</h1>
        %s
        <h2>Figures</h2><pre>%s</pre>
        <h2>JSON</h2><pre>%s</pre>
        </body></html>
        """
        .formatted(
            escape(report.options().layout().toString()),
            body,
            escape(report.table()),
            escape(jsonLine));
  }

  /** One phase's windows: rate over time. */
  static String windows(PhaseResult phase) {
    List<Window> windows = phase.windows();
    if (windows.isEmpty()) {
      return "";
    }
    double end =
        windows.get(windows.size() - 1).startSeconds() + windows.get(windows.size() - 1).seconds();
    double max = windows.stream().mapToDouble(Window::rate).max().orElse(1);
    max = Math.max(max, phase.rate()) * 1.1;
    if (max <= 0) {
      max = 1;
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<h3>%s: %,.0f %s/s (%s)</h3>%n<svg width='%d' height='%d' font-size='11'>%n",
            escape(phase.phase()),
            phase.rate(),
            escape(phase.unit()),
            phase.quality(),
            WIDTH,
            HEIGHT));
    axes(svg, max, end, phase.unit());
    StringBuilder line = new StringBuilder();
    for (Window window : windows) {
      double x = x(window.startSeconds() + window.seconds(), end);
      double y = y(window.rate(), max);
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%,.0f %s/s at %.0f s</title>"
                  + "</circle>%n",
              x,
              y,
              window.measured() ? MEASURED : WARMUP,
              window.rate(),
              escape(phase.unit()),
              window.startSeconds() + window.seconds()));
    }
    svg.append(
        String.format(
            "<polyline points='%s' fill='none' stroke='%s' stroke-width='1'/>%n",
            line.toString().trim(), WARMUP));
    double rateY = y(phase.rate(), max);
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='%s' stroke-dasharray='4 3'/>%n",
            LEFT,
            rateY,
            WIDTH,
            rateY,
            MEASURED));
    return svg.append("</svg>\n").toString();
  }

  /** The ladder as horizontal bars, with the pipeline's rate as a line across them. */
  static String ladder(List<StageLadder.StageResult> stages, double pipelineRate) {
    double max =
        Math.max(
                pipelineRate,
                stages.stream()
                    .mapToDouble(StageLadder.StageResult::ordersPerSecond)
                    .max()
                    .orElse(1))
            * 1.15;
    int rowHeight = 26;
    int height = stages.size() * rowHeight + BOTTOM;
    int barWidth = WIDTH - LEFT - 10;
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT, "<svg width='%d' height='%d' font-size='12'>%n", WIDTH, height));
    for (int i = 0; i < stages.size(); i++) {
      StageLadder.StageResult stage = stages.get(i);
      int y = i * rowHeight;
      double width = stage.ordersPerSecond() / max * barWidth;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='0' y='%d'>%s</text><rect x='%d' y='%d' width='%.1f' height='18'"
                  + " fill='%s'/><text x='%.1f' y='%d'>%,.0f/s%s</text>%n",
              y + 14,
              escape(stage.stage().name()),
              LEFT,
              y + 2,
              width,
              StageLadder.ORDER_PATH.contains(stage.stage().name()) ? MEASURED : WARMUP,
              LEFT + width + 4,
              y + 14,
              stage.ordersPerSecond(),
              stage.measured().phase().quality().equals("steady")
                  ? ""
                  : " (" + stage.measured().phase().quality() + ")"));
    }
    double x = LEFT + pipelineRate / max * barWidth;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1='%.1f' y1='0' x2='%.1f' y2='%d' stroke='#c53030' stroke-width='2'/>"
                + "<text x='%.1f' y='%d' fill='#c53030'>pipeline %,.0f/s</text>%n",
            x,
            x,
            height - BOTTOM,
            x + 4,
            height - 6,
            pipelineRate));
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, double max, double end, String unit) {
    int bottom = HEIGHT - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1='%d' y1='4' x2='%d' y2='%d' stroke='#333'/>"
                + "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>%n"
                + "<text x='0' y='12'>%,.0f/s</text><text x='0' y='%d'>0</text>"
                + "<text x='%d' y='%d' text-anchor='end'>%.0f s</text>%n",
            LEFT,
            LEFT,
            bottom,
            LEFT,
            bottom,
            WIDTH,
            bottom,
            max,
            bottom,
            WIDTH - 2,
            HEIGHT - 6,
            end));
  }

  private static double x(double seconds, double end) {
    return LEFT + seconds / Math.max(end, 1) * (WIDTH - LEFT - 8);
  }

  private static double y(double rate, double max) {
    return 4 + (1 - rate / max) * (HEIGHT - BOTTOM - 4);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
