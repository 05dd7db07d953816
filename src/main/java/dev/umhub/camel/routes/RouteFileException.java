package dev.umhub.camel.routes;

/** A route file (or a file that goes with it, such as its mapping) that could not be parsed or built, with where. */
public final class RouteFileException extends Exception {

    private final String file;
    private final int line;

    public RouteFileException(String message, int line, Throwable cause) {
        this(null, message, line, cause);
    }

    /** @param file the file at fault when it is not the route file itself (its mapping), else null */
    public RouteFileException(String file, String message, int line, Throwable cause) {
        super(message, cause, false, false);
        this.file = file;
        this.line = line;
    }

    /** The file at fault when it is not the route file itself, or null. */
    public String file() {
        return file;
    }

    /** 1-based line in the file, or 0 when unknown. */
    public int line() {
        return line;
    }
}
