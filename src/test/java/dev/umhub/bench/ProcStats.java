package dev.umhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process and the machine, from /proc: CPU time (for "umhub used 1.4 cores"), resident
 * memory and its high-water mark (VmHWM, the peak RSS the kernel kept for us), and the machine's busy time (other
 * builds on a shared machine show up there).
 */
public final class ProcStats {

    /** USER_HZ: the unit of CPU times in /proc; 100 on every Linux this runs on (see {@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** CPU seconds (user + system) the process has used so far. */
    public static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    private static double cpuSeconds(Path statFile) {
        return cpuSeconds(read(statFile));
    }

    /** From the text of a stat file. */
    private static double cpuSeconds(String stat) {
        // the command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
    }

    /** A thread's name, with its numbers folded ({@code http-nio-8080-exec-3} is {@code http-nio-#-exec-#}), and CPU. */
    public record ThreadCpu(String name, double seconds) {
    }

    /** CPU seconds (user + system) each of the process's live threads has used so far, by thread id. */
    public static java.util.Map<String, ThreadCpu> threadCpu(long pid) {
        java.util.Map<String, ThreadCpu> byId = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat")); // one read: name (field 2) and CPU
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).trim()
                            .replaceAll("[0-9]+", "#");
                    byId.put(task.getFileName().toString(), new ThreadCpu(name, cpuSeconds(stat)));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended: no threads
        }
        return byId;
    }

    /**
     * Two readings of {@link #threadCpu} as one: each thread's later reading, or its earlier one when it ended in
     * between (Spring's task threads end after a minute idle, as during a long drain).
     */
    public static java.util.Map<String, ThreadCpu> latest(java.util.Map<String, ThreadCpu> earlier,
                                                          java.util.Map<String, ThreadCpu> later) {
        java.util.Map<String, ThreadCpu> merged = new java.util.HashMap<>(earlier);
        merged.putAll(later);
        return merged;
    }

    /**
     * CPU seconds each kind of thread (by folded name) used between two readings of {@link #threadCpu}: where the
     * work went, stage by stage. Threads that ended in between are not counted (their time is lost to this view).
     */
    public static java.util.Map<String, Double> threadCpuBetween(java.util.Map<String, ThreadCpu> before,
                                                                 java.util.Map<String, ThreadCpu> after) {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        after.forEach((id, now) -> {
            ThreadCpu then = before.get(id);
            double start = then != null && then.name().equals(now.name()) ? then.seconds() : 0;
            byName.merge(now.name(), now.seconds() - start, Double::sum);
        });
        return byName;
    }

    /** A field of /proc/PID/status in kB, e.g. VmHWM or VmRSS; -1 when missing. */
    public static long statusKb(long pid, String field) {
        for (String line : read(Path.of("/proc", String.valueOf(pid), "status")).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** The machine's CPU time so far, in ticks: {busy, total}. */
    public static long[] machineTicks() {
        String[] f = read(Path.of("/proc/stat")).split("\n")[0].trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** A one-line description of the machine: cores, memory, CPU model. */
    public static String machine() {
        String model = "unknown CPU";
        for (String line : read(Path.of("/proc/cpuinfo")).split("\n")) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKb = 0;
        for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(memKb / 1024.0 / 1024.0)
                + " GiB, " + model + ", Java " + Runtime.version();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + " (bench/run needs Linux /proc)", e);
        }
    }
}
