package dev.umhub.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * Tells umhub's requests from the rest, on the decoded, normalised lookup path: the one Spring MVC and Camel route on
 * (so {@code /%61pi/events} and {@code /api;x/events} are the admin API here too, as they are to the controllers, and
 * under a host's {@code spring.mvc.servlet.path=/app}, {@code /app/api/events} is as well).
 */
public class UmhubPaths {

    /** Request attribute holding the request's {@link Zone}. */
    public static final String ZONE = UmhubPaths.class.getName() + ".zone";
    private static final String PATH = UmhubPaths.class.getName() + ".path";
    private static final String HEALTH = "/actuator/health";

    private final IntakePaths intake;
    private final String adminPath;
    private final String consolePath;
    private final boolean ownsServer;

    /**
     * @param adminPath  the admin API's path, or null when the admin API is off
     * @param ownsServer true when umhub is the whole application (standalone): every path is umhub's
     */
    public UmhubPaths(IntakePaths intake, String adminPath, boolean ownsServer) {
        this(intake, adminPath, null, ownsServer);
    }

    /** @param consolePath the console's path, or null when the console is off */
    public UmhubPaths(IntakePaths intake, String adminPath, String consolePath, boolean ownsServer) {
        this.intake = intake;
        this.adminPath = adminPath;
        this.consolePath = consolePath;
        this.ownsServer = ownsServer;
    }

    /** The path within the servlet's mapping: what handler mappings match, whatever the context or servlet path. */
    public String path(HttpServletRequest request) {
        if (request.getAttribute(PATH) instanceof String known) {
            return known;
        }
        // decoded, ';' parameters removed: UrlPathHelper's defaults, as Spring MVC uses them
        String path = UrlPathHelper.defaultInstance.getLookupPathForRequest(request);
        request.setAttribute(PATH, path);
        return path;
    }

    /** Health probes, which pass every gate: orchestrators must see umhub starting, stopping or refusing. */
    boolean isHealth(HttpServletRequest request) {
        String path = path(request);
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    public Zone zone(HttpServletRequest request) {
        Object known = request.getAttribute(ZONE);
        if (known instanceof Zone z) {
            return z;
        }
        Zone z = classify(path(request));
        request.setAttribute(ZONE, z);
        return z;
    }

    Zone classify(String path) {
        if (under(adminPath, path)) {
            return Zone.ADMIN;
        }
        if (under(consolePath, path)) {
            return Zone.CONSOLE;
        }
        if (intake.find(path).isPresent()) {
            return Zone.INTAKE;
        }
        return ownsServer ? Zone.OTHER : Zone.NONE;
    }

    private static boolean under(String root, String path) {
        return root != null && (path.equals(root) || path.startsWith(root + "/"));
    }

    public IntakePaths intake() {
        return intake;
    }
}
