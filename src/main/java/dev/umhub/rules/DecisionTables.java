package dev.umhub.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.model.DRLOutput;
import org.drools.template.parser.DataListener;
import org.drools.template.parser.DecisionTableParseException;

/**
 * Decision tables ({@code rules/*.csv}, {@code rules/*.xlsx}, Drools' format: {@code RuleSet}, {@code Import},
 * {@code RuleTable ...}) turned into DRL before the build, so they compile, hot-reload and are checked
 * ({@link UnsafeConstructs}, {@link Ga4NameCheck}, {@link DispatchTargets}) exactly as DRL files are. A table that
 * cannot be read as one becomes an error naming the file and, when Drools says it, the cell: never an exception, so
 * a broken table refuses the version like a broken DRL file and the previous rules keep running.
 */
final class DecisionTables {

    /** Drools' table errors name cells: "in cell H11", "Data cell D12 ...", "in cells [B2, B3]". */
    private static final Pattern CELL = Pattern.compile("\\bcells?\\s+\\[?([A-Z]{1,3})(\\d+)\\b");

    /** The tables of a rules version as DRL, by the name each is compiled under, and the tables refused. */
    static final class Converted {
        private final Map<String, GeneratedDrl> generated;
        private final List<RuleMessage> errors;

        private Converted(Map<String, GeneratedDrl> generated, List<RuleMessage> errors) {
            this.generated = generated;
            this.errors = errors;
        }

        /** The generated DRL by the name it is compiled under ({@code plans.csv.drl}). */
        Map<String, String> sources() {
            Map<String, String> out = new TreeMap<>();
            generated.forEach((name, g) -> out.put(name, g.drl()));
            return out;
        }

        /** Why tables could not be turned into DRL (errors: the version is refused). */
        List<RuleMessage> errors() {
            return errors;
        }

        /** Messages about the generated DRL moved to their table's cells; other messages as they are. */
        List<RuleMessage> locate(Collection<RuleMessage> messages) {
            return messages.stream().map(m -> generated.containsKey(m.file()) ? generated.get(m.file()).locate(m) : m)
                    .toList();
        }

        List<DispatchTargets.Target> locateTargets(Collection<DispatchTargets.Target> targets) {
            return targets.stream()
                    .map(t -> generated.containsKey(t.file()) ? generated.get(t.file()).locate(t) : t).toList();
        }
    }

    private DecisionTables() {
    }

    /**
     * @param tables   the tables' bytes by file name
     * @param drlNames the DRL files' names, which the generated DRL's names must not take
     */
    static Converted convert(Map<String, byte[]> tables, Set<String> drlNames) {
        Map<String, GeneratedDrl> generated = new LinkedHashMap<>();
        List<RuleMessage> errors = new ArrayList<>();
        tables.forEach((file, bytes) -> {
            String name = file + ".drl";
            while (drlNames.contains(name) || generated.containsKey(name)) {
                name = "_" + name;
            }
            try {
                GeneratedDrl drl = convert(file, name, bytes);
                generated.put(name, drl);
                errors.addAll(drl.unfilledParameters());
            } catch (Exception | LinkageError e) {
                errors.add(error(file, e));
            }
        });
        return new Converted(generated, List.copyOf(errors));
    }

    /** One table as DRL; throws what Drools or POI throw for a table they cannot read. */
    static GeneratedDrl convert(String file, String name, byte[] bytes) throws Exception {
        DefaultRuleSheetListener rules = new DefaultRuleSheetListener();
        GeneratedDrl.Cells cells = new GeneratedDrl.Cells();
        List<DataListener> listeners = List.of(rules, cells);
        if (file.endsWith(".xlsx")) {
            parseXlsx(bytes, listeners);
        } else {
            parseCsv(bytes, listeners);
        }
        DRLOutput out = new DRLOutput();
        rules.getRuleSet().renderDRL(out);
        return new GeneratedDrl(file, name, out.getDRL(), cells.byRow);
    }

    /**
     * The first sheet of a workbook, read from its bytes through POI's zip entry source, which keeps POI's zip-bomb
     * limits (a rules file is operator input) without writing a temporary file.
     */
    private static void parseXlsx(byte[] bytes, List<DataListener> listeners) throws Exception {
        var zip = new ZipArchiveThresholdInputStream(new ZipArchiveInputStream(new ByteArrayInputStream(bytes)));
        OPCPackage pkg = OPCPackage.open(new ZipInputStreamZipEntrySource(zip));
        try {
            new ExcelParser(listeners).parseWorkbook(new XSSFWorkbook(pkg));
        } finally {
            pkg.revert(); // read only: closing would try to save it
        }
    }

    /**
     * A CSV table as UTF-8, line by line as Drools' {@code CsvParser} reads it (a cell ending in {@code ...} spans
     * from the previous one), which reads with the platform's charset instead.
     */
    private static void parseCsv(byte[] bytes, List<DataListener> listeners) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte order mark spreadsheet programs write
        }
        CsvLineParser lineParser = new CsvLineParser();
        listeners.forEach(l -> l.startSheet("csv"));
        List<String> lines = text.lines().toList();
        for (int row = 0; row < lines.size(); row++) {
            List<String> values = lineParser.parse(lines.get(row));
            for (DataListener l : listeners) {
                l.newRow(row, values.size());
            }
            int mergeStart = DataListener.NON_MERGED;
            for (int column = 0; column < values.size(); column++) {
                String value = values.get(column);
                if (value.endsWith("...")) {
                    mergeStart = mergeStart == DataListener.NON_MERGED ? column : mergeStart;
                    value = value.substring(0, value.length() - 3);
                } else {
                    mergeStart = DataListener.NON_MERGED;
                }
                for (DataListener l : listeners) {
                    l.newCell(row, column, value, mergeStart);
                }
            }
        }
        listeners.forEach(DataListener::finishSheet);
    }

    /** An error for a table that is no (valid) decision table, at the cell Drools names, if it names one. */
    static RuleMessage error(String file, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e instanceof DecisionTableParseException && e.getCause() != null && e.getCause().getMessage() != null) {
            why += " (" + e.getCause().getMessage().strip() + ")";
        }
        Matcher cell = CELL.matcher(why);
        if (cell.find()) {
            int row = Integer.parseInt(cell.group(2));
            return new RuleMessage("ERROR", file, row, GeneratedDrl.columnIndex(cell.group(1)),
                    "decision table, cell " + cell.group(1) + row + ": " + why);
        }
        String text;
        if (why.contains("No RuleTable")) {
            text = "not a decision table: " + why + " A table needs a \"RuleSet\" and \"Import\" row and a"
                    + " \"RuleTable <name>\" cell with its header rows (CONDITION/ACTION, fact types, code, labels)"
                    + " below it; see rules/plans.csv";
        } else if (e instanceof DecisionTableParseException) {
            text = "decision table: " + why;
        } else {
            text = "cannot be read as a decision table (" + (file.endsWith(".xlsx") ? "an .xlsx workbook" : "CSV")
                    + "): " + e.getClass().getSimpleName() + ": " + why;
        }
        return new RuleMessage("ERROR", file, 0, 0, text);
    }
}
