package dev.umhub.support;

import java.util.Arrays;

/** Reads values out of a Prometheus text scrape (what {@code /actuator/prometheus} answers). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The values of every series of a metric that carries all the given labels ({@code name="value"}), in scrape
     * order; a metric without labels is one series.
     */
    public static double[] series(String scrape, String metric, String... labels) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
                .filter(l -> Arrays.stream(labels)
                        .allMatch(label -> l.contains(label + ",") || l.contains(label + "}")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).toArray();
    }
}
