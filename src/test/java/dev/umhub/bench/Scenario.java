package dev.umhub.bench;

import java.time.Duration;

/**
 * One column of the result table: a load against umhub (or against the null hub, for the harness ceiling).
 *
 * @param kind        steady (load only), outage (a destination answers 503 for a while), ceiling (no umhub),
 *                    node-red (the steady load against Node-RED doing the same job), floor (umhub's HTTP front alone)
 * @param rate        open-loop events/s; 0 for the closed loop
 * @param outage      how long the destination is down (outage only)
 * @param outageAt    when, after the measured load starts, it goes down
 * @param outageOf    which destination goes down
 */
public record Scenario(String kind, double rate, int connections, Duration duration, Duration warmup,
                       Duration outage, Duration outageAt, String outageOf) {

    public static final String STEADY = "steady";
    public static final String OUTAGE = "outage";
    public static final String CEILING = "ceiling";
    /** umhub answering 202 from a route that does nothing else: what its HTTP front costs per request. */
    public static final String FLOOR = "floor";
    /** The same load against Node-RED with a hand-wired flow doing the same job: the peer of the same run. */
    public static final String NODE_RED = "node-red";
    /** The steady load with every purchase also going to Mixpanel and Slack: four destinations at once. */
    public static final String FAN_OUT = "fan-out";

    /** The destinations this scenario's events go to. */
    public java.util.List<String> destinations() {
        return FAN_OUT.equals(kind) ? Ledger.FAN_OUT : Ledger.DESTINATIONS;
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public boolean hasOutage() {
        return OUTAGE.equals(kind);
    }

    public String label() {
        String load = openLoop() ? "open " + Math.round(rate) + "/s" : "closed " + connections + " conn";
        return switch (kind) {
            case OUTAGE -> outageOf + " 503 " + outage.toSeconds() + "s, " + load;
            case NODE_RED -> "Node-RED " + NodeRedProcess.VERSION + ", " + load;
            case FAN_OUT -> "4 destinations, " + load;
            default -> kind + ", " + load;
        };
    }
}
