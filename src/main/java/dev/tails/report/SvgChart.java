package dev.tails.report;

import java.util.List;
import java.util.Locale;

/** Small hand-written inline SVG charts: bars over dims and lines over layers; no script, no network. */
final class SvgChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int PAD = 40;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private SvgChart() {
    }

    /** One bar per index (e.g. per dim); the highlighted index is drawn red and labelled. */
    static String bars(String title, double[] values, int highlight) {
        double min = Math.min(0, java.util.Arrays.stream(values).min().orElse(0));
        double max = Math.max(0, java.util.Arrays.stream(values).max().orElse(1));
        double span = max == min ? 1 : max - min;
        double barWidth = (WIDTH - 2.0 * PAD) / values.length;
        StringBuilder svg = open(title);
        double zeroY = y(0, min, span);
        for (int i = 0; i < values.length; i++) {
            double top = y(values[i], min, span);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>",
                    PAD + i * barWidth, Math.min(top, zeroY), Math.max(barWidth, i == highlight ? 3 : 0.5),
                    Math.max(Math.abs(zeroY - top), 0.5), i == highlight ? COLOURS[1] : COLOURS[0]));
        }
        if (highlight >= 0 && highlight < values.length) {
            svg.append(text(PAD + highlight * barWidth + 4, y(values[highlight], min, span) + 12,
                    "dim " + highlight + ": " + fmt(values[highlight])));
        }
        axes(svg, min, max, "0", Integer.toString(values.length - 1));
        return svg.append("</svg>").toString();
    }

    /**
     * One line per series over layers 0..n-1, with a legend below the axis. fromZero: the y axis starts
     * at 0 (similarities, accuracies of 0..1); otherwise it spans the data, so scores that differ by a
     * point or two (evaluations) do not look flat.
     */
    static String lines(String title, List<String> names, List<double[]> series, boolean fromZero) {
        double min = series.stream().flatMapToDouble(java.util.Arrays::stream).filter(Double::isFinite).min().orElse(0);
        double max = series.stream().flatMapToDouble(java.util.Arrays::stream).filter(Double::isFinite).max().orElse(1);
        if (fromZero) {
            min = Math.min(min, 0);
        }
        double span = max == min ? 1 : max - min;
        StringBuilder svg = open(title);
        for (int k = 0; k < series.size(); k++) {
            double[] v = series.get(k);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    points.append(String.format(Locale.ROOT, "%.2f,%.2f ", x(i, v.length), y(v[i], min, span)));
                }
            }
            String colour = COLOURS[k % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points.toString().trim()).append("\"/>");
            int legendX = PAD + 120 + 180 * k;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>",
                    legendX, HEIGHT - 12, colour));
            svg.append(text(legendX + 18, HEIGHT - 6, names.get(k)));
        }
        axes(svg, min, max, "layer 0", "layer " + (series.getFirst().length - 1));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                        + "<title>%s</title>", WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)))
                .append(text(PAD, 16, title));
    }

    private static void axes(StringBuilder svg, double min, double max, String left, String right) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
                PAD, PAD - 10, PAD, HEIGHT - PAD));
        svg.append(text(2, PAD - 4, fmt(max))).append(text(2, HEIGHT - PAD, fmt(min)));
        svg.append(text(PAD, HEIGHT - PAD + 16, left)).append(text(WIDTH - PAD - 50, HEIGHT - PAD + 16, right));
    }

    private static double x(int i, int n) {
        return PAD + (n <= 1 ? 0 : (WIDTH - 2.0 * PAD) * i / (n - 1));
    }

    private static double y(double v, double min, double span) {
        return HEIGHT - PAD - (HEIGHT - 2.0 * PAD + 10) * (v - min) / span;
    }

    private static String text(double x, double y, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-family=\"sans-serif\">%s</text>",
                x, y, Html.escape(s));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v);
    }
}
