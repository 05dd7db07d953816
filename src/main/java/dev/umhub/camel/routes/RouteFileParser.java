package dev.umhub.camel.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Turns the text of one route file into Camel's route definitions, with Camel's own YAML DSL loader, and turns what
 * goes wrong into a message with a line: the YAML parser's mark, or for a route that parses but cannot be built (a
 * bean name typo), the line of the step Camel names.
 */
final class RouteFileParser {

    private static final Pattern FAILED_STEP = Pattern.compile(">>> (.+?) <<<");

    private RouteFileParser() {
    }

    static ParsedRoutes parse(CamelContext camel, String name, String text) throws RouteFileException {
        List<RouteDefinition> routes = new ArrayList<>();
        List<RouteConfigurationDefinition> configurations = new ArrayList<>();
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel)
                    .findRoutesBuilders(List.of(ResourceHelper.fromString("file:" + name, text)))) {
                if (builder instanceof RouteBuilder rb) {
                    routes.addAll(rb.configureRoutes(camel).getRoutes());
                }
                if (builder instanceof RouteConfigurationBuilder rcb) {
                    rcb.setCamelContext(camel);
                    rcb.configuration();
                    configurations.addAll(rcb.getRouteConfigurationCollection().getRouteConfigurations());
                }
            }
        } catch (Exception e) {
            throw new RouteFileException(message(e), yamlLine(e), e);
        }
        return new ParsedRoutes(routes, configurations);
    }

    /** The failure of building a parsed route, pointed at the step of the file it names where Camel says which. */
    static RouteFileException buildFailure(Exception e, ParsedRoutes parsed) {
        String message = message(e);
        Matcher step = FAILED_STEP.matcher(message);
        int line = 0;
        if (step.find()) {
            String failed = step.group(1);
            List<List<ProcessorDefinition<?>>> places = new ArrayList<>();
            parsed.routes().forEach(r -> places.add(r.getOutputs()));
            parsed.configurations().forEach(c -> places.add(new ArrayList<>(c.getOnExceptions())));
            for (List<ProcessorDefinition<?>> steps : places) {
                line = lineOf(steps, failed).orElse(0);
                if (line > 0) {
                    break;
                }
            }
        }
        return new RouteFileException(message, line, e);
    }

    private static Optional<Integer> lineOf(List<ProcessorDefinition<?>> steps, String described) {
        for (ProcessorDefinition<?> p : steps) {
            if (described.equals(p.toString()) && p.getLineNumber() >= 0) {
                return Optional.of(p.getLineNumber() + 1); // Camel keeps the YAML parser's 0-based line
            }
            Optional<Integer> inner = lineOf(p.getOutputs(), described);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static final Pattern CONFIGURATION = Pattern.compile("(?m)^\\s*-?\\s*routeConfiguration\\s*:");

    /** Whether a file defines route configurations (which routes of other files name). */
    static boolean definesConfigurations(String text) {
        return CONFIGURATION.matcher(text).find();
    }

    /** The line a route definition starts at, or 0. */
    static int line(OptionalIdentifiedDefinition<?> definition) {
        return definition.getLineNumber() < 0 ? 0 : definition.getLineNumber() + 1; // the YAML parser's 0-based line
    }

    private static int yamlLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYamlEngineException marked) {
                Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
                if (mark.isPresent()) {
                    return mark.get().getLine() + 1;
                }
            }
        }
        return 0;
    }

    /** The innermost useful message: Camel wraps the cause that names the problem. */
    static String message(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : " <- ").append(m.strip());
            }
        }
        String text = out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
