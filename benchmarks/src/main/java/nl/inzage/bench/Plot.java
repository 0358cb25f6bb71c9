package nl.inzage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG of latency against offered load for the gateway and its peers, from the load
 * generator's http-results.jsonl (single decisions only): p50 and p99 per target, log scale.
 *
 * <p>Usage: {@code Plot results.jsonl out.png}
 */
public final class Plot {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, XYSeries> series = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result = json.readTree(line);
            if (result.get("batch").asInt() != 0) {
                continue;
            }
            String target = result.get("target").asText();
            int rate = result.get("rate").asInt();
            series.computeIfAbsent(target + " p50", XYSeries::new).addOrUpdate(rate, Math.max(0.001, result.get("p50_us").asDouble() / 1000));
            series.computeIfAbsent(target + " p99", XYSeries::new).addOrUpdate(rate, Math.max(0.001, result.get("p99_us").asDouble() / 1000));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis latency = new LogAxis("latency (ms, from intended send time)");
        latency.setSmallestValue(0.01);
        NumberAxis load = new NumberAxis("offered load (decisions/s, open loop)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1f77b4), new Color(0x1f77b4), new Color(0xd62728), new Color(0xd62728),
                new Color(0x2ca02c), new Color(0x2ca02c)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colours[i % colours.length]);
            boolean p99 = data.getSeriesKey(i).toString().endsWith("p99");
            renderer.setSeriesStroke(i, p99 ? new BasicStroke(2f) : new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        XYPlot plot = new XYPlot(data, load, latency, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Decision latency against load (" + (args.length > 2 ? args[2] : "") + ")",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(new File(args[1]), chart, 900, 560);
        System.out.println("plot: " + args[1]);
    }
}
