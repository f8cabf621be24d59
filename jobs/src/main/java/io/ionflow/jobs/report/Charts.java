package io.ionflow.jobs.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/** XChart helpers shared by the figures: one look, colour scales, and rendering to PNG and SVG bytes. */
final class Charts {
    static {
        headless();
    }

    private Charts() {}

    static final int WIDTH = 960;
    static final int HEIGHT = 620;

    /** Must run before any AWT class decides whether a display exists (XChart renders off-screen). */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** An XY chart with the report's look: white background, grid, legend outside on the right. */
    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(WIDTH, HEIGHT);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        Styler s = c.getStyler();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBorderColor(new Color(0x88, 0x88, 0x88));
        c.getStyler().setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendBorderColor(Color.WHITE);
        c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setMarkerSize(7);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setLocale(Locale.ROOT);
        c.getStyler().setYAxisDecimalPattern("0.####");
        s.setAntiAlias(true);
        return c;
    }

    /** A line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, BasicStroke style, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, style.getDashArray(), 0f));
        return s;
    }

    /** Markers (with optional error bars in y), no line. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y, double[] yErr, Color color, Marker marker) {
        XYSeries s = yErr == null ? c.addSeries(name, x, y) : c.addSeries(name, x, y, yErr);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setLineColor(color);
        return s;
    }

    static byte[] png(XYChart c) throws IOException {
        return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    }

    static byte[] svg(XYChart c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------ colours, styles

    /** Plasma colour map truncated before its pale yellow end (readable on white): cold = dark blue, hot = orange. */
    private static final int[] PLASMA = {0x0d0887, 0x5302a3, 0x8b0aa5, 0xb83289, 0xdb5c68, 0xf48849, 0xfdb32f};

    /** Colour of a temperature in [tMin, tMax]; grey when unknown. */
    static Color temperatureColor(double t, double tMin, double tMax) {
        if (!Double.isFinite(t)) return Color.GRAY;
        double u = tMax > tMin ? (t - tMin) / (tMax - tMin) : 0.5;
        u = Math.max(0, Math.min(1, u)) * (PLASMA.length - 1);
        int i = Math.min((int) Math.floor(u), PLASMA.length - 2);
        double f = u - i;
        Color a = new Color(PLASMA[i]);
        Color b = new Color(PLASMA[i + 1]);
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static final Color[] CATEGORICAL = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
            new Color(0x7f7f7f), new Color(0xbcbd22)};

    /** The i-th categorical colour (vacancy fractions, models). */
    static Color category(int i) {
        return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
    }

    private static final BasicStroke[] DASHES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

    /** The i-th line style (vacancy fractions in curve figures). */
    static BasicStroke dash(int i) {
        return DASHES[Math.floorMod(i, DASHES.length)];
    }

    static String dashName(int i) {
        return new String[] {"solid", "dashed", "dotted", "dash-dot"}[Math.floorMod(i, DASHES.length)];
    }

    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    // ------------------------------------------------------------------------------------------ file names

    /** Safe in a file name. */
    static String slug(String s) {
        String out = s.replaceAll("[^A-Za-z0-9_-]", "_");
        return out.isEmpty() ? "_" : out;
    }
}
