package dev.umhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.parser.RuleSheetParserUtil;

/**
 * The DRL Drools generated from one decision table, with the table's cells, so whatever is found in that DRL (a
 * compiler error, an unsafe construct, a GA4 name GA4 drops, an unknown destination) points at the cell an operator
 * edits rather than at a line of DRL they never see. Drools heads each generated rule with
 * {@code // rule values at A12, header at A5}, which gives the row; the cell is the one of that row whose value
 * the line carries.
 */
final class GeneratedDrl {

    private static final Pattern RULE_VALUES =
            Pattern.compile("^\\s*// rule values at ([A-Z]+)(\\d+)(?:, header at [A-Z]+(\\d+))?");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Drools names a rule without a NAME column {@code <RuleTable name>_<row>}. */
    private static final Pattern ROW_IN_NAME = Pattern.compile("_(\\d+)$");

    /** The code of a column is this many rows below the RuleTable cell (then come the labels, then the rules). */
    private static final int CODE_ROW = 3;
    /** What Drools quotes of the DRL it could not compile when it gives no line. */
    private static final List<Pattern> QUOTED_CODE = List.of(
            Pattern.compile("Unable to Analyse Expression (.+?):?\\s*$", Pattern.MULTILINE),
            Pattern.compile("\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.}]"));
    private static final Pattern GENERATED_POSITION = Pattern.compile("\\s*\\[Line: \\d+, Column: \\d+]");
    /** A parameter of a column's code that no cell value filled. */
    private static final Pattern UNFILLED = Pattern.compile("\\$(param|\\d+)\\b");

    /**
     * One generated rule: its lines (from 1, the heading comment included), the row and column of its first cell,
     * the row of its table's RuleTable cell (0 when unknown) and its name.
     */
    private record Block(int firstLine, int lastLine, int row, int column, int tableRow, String rule) {
    }

    /**
     * A place in the table.
     *
     * @param row      the row as the spreadsheet shows it, from 1; 0 when unknown
     * @param column   the column, from 0 for A
     * @param rule     the generated rule's name, or null
     * @param codeCell the cell of the column's code ({@code $param}), or null
     * @param line     the line of the generated DRL, from 1; 0 when unknown
     */
    record Place(int row, int column, String rule, String codeCell, int line) {
        String cell() {
            return RuleSheetParserUtil.rc2name(row - 1, column);
        }
    }

    private final String table;
    private final String name;
    private final String drl;
    private final List<String> lines;
    /** Row (from 1) to column (from 0) to value. */
    private final Map<Integer, Map<Integer, String>> cells;
    private final List<Block> blocks;

    /**
     * @param table the table's file name
     * @param name  the name the DRL is compiled under
     * @param cells non-empty cells by row (from 1) and column (from 0)
     */
    GeneratedDrl(String table, String name, String drl, Map<Integer, Map<Integer, String>> cells) {
        this.table = table;
        this.name = name;
        this.drl = drl;
        this.lines = drl.lines().toList();
        this.cells = cells;
        this.blocks = blocks(lines);
    }

    String drl() {
        return drl;
    }

    /** A message about a line of the generated DRL, moved to the table's cell; other files' messages as they are. */
    RuleMessage locate(RuleMessage m) {
        if (!name.equals(m.file())) {
            return m;
        }
        Place p = place(m.line(), m.text());
        String lineText = lineText(p.line());
        StringBuilder text = new StringBuilder();
        if (p.row() > 0) {
            text.append("cell ").append(p.cell());
            if (p.rule() != null) {
                text.append(" (rule \"").append(p.rule()).append('"');
                if (p.codeCell() != null) {
                    text.append("; the column's code is in ").append(p.codeCell());
                }
                text.append(')');
            }
            text.append(": ");
        }
        text.append(GENERATED_POSITION.matcher(m.text()).replaceAll("")); // lines of DRL the operator never sees
        if (lineText != null) {
            text.append(" [generated DRL: ").append(lineText.strip()).append(']');
        }
        return new RuleMessage(m.level(), table, p.row(), p.column(), text.toString());
    }

    /** A destination named on a line of the generated DRL, moved to the table's cell. */
    DispatchTargets.Target locate(DispatchTargets.Target t) {
        if (!name.equals(t.file())) {
            return t;
        }
        Place at = place(t.line(), null);
        Place action = place(t.actionLine(), null);
        return new DispatchTargets.Target(t.destination(), t.action(), table, at.row(), at.column(), action.row(),
                action.column());
    }

    /**
     * Where a line (from 1) of the generated DRL comes from: the row of the rule it is in (or, in the package, import
     * and function lines above the rules, of the cell it carries), and the cell of that row whose value the line
     * carries, else the row's first cell. {@code text} names the rule when the line is unknown.
     */
    Place place(int line, String text) {
        if (lineText(line) == null && text != null) {
            line = lineOfQuotedCode(text);
        }
        int at = line;
        Block block = blocks.stream().filter(b -> at >= b.firstLine() && at <= b.lastLine()).findFirst()
                .orElseGet(() -> text == null ? null : blocks.stream()
                        .filter(b -> text.contains("'" + b.rule() + "'") || text.contains("\"" + b.rule() + "\""))
                        .findFirst().orElse(null));
        String lineText = lineText(line);
        if (block != null) {
            int column = bestColumn(cells.getOrDefault(block.row(), Map.of()), lineText);
            return new Place(block.row(), column >= 0 ? column : block.column(), block.rule(),
                    column >= 0 && block.tableRow() > 0 ? codeCell(block.tableRow() + CODE_ROW, column) : null,
                    lineText == null ? 0 : line);
        }
        // above the rules (package, imports, functions): the cell the line or the message quotes most of
        String quoted = (lineText == null ? "" : lineText) + "\n" + (text == null ? "" : text);
        int bestRow = 0;
        int bestColumn = 0;
        int bestScore = 0;
        for (var row : cells.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                int score = score(cell.getValue(), quoted);
                if (score > bestScore) {
                    bestScore = score;
                    bestRow = row.getKey();
                    bestColumn = cell.getKey();
                }
            }
        }
        return new Place(bestRow, bestColumn, null, null, lineText == null ? 0 : line);
    }

    /** The first line (from 1) carrying code the message quotes, or 0. */
    private int lineOfQuotedCode(String text) {
        for (Pattern p : QUOTED_CODE) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                String code = m.group(1).strip();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(code)) {
                        return i + 1;
                    }
                }
            }
        }
        return 0;
    }

    /** The cell holding a column's code, when there is one. */
    private String codeCell(int row, int column) {
        return cells.getOrDefault(row, Map.of()).containsKey(column)
                ? RuleSheetParserUtil.rc2name(row - 1, column) : null;
    }

    /**
     * Errors for the parameters of a column's code that a rule's cell left unfilled ({@code "ga4"} in a cell for
     * {@code new Dispatch("$1", "$2")}): Drools leaves {@code $2} in the DRL, which may well compile.
     */
    List<RuleMessage> unfilledParameters() {
        List<RuleMessage> out = new ArrayList<>();
        for (Block b : blocks) {
            for (int line = b.firstLine() + 1; line <= b.lastLine(); line++) {
                Matcher m = UNFILLED.matcher(lines.get(line - 1));
                if (m.find() && !RULE.matcher(lines.get(line - 1)).find()) { // not in the rule's name
                    out.add(locate(new RuleMessage("ERROR", name, line, m.start(), "the cell gives fewer values"
                            + " than its column's code takes (" + m.group() + " is left unfilled; separate values"
                            + " with commas)")));
                    break;
                }
            }
        }
        return out;
    }

    private String lineText(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    }

    /** The column of the row's cell the line carries most of, or -1. */
    private static int bestColumn(Map<Integer, String> row, String lineText) {
        int best = -1;
        int bestScore = 0;
        for (var cell : row.entrySet()) {
            int score = score(cell.getValue(), lineText);
            if (score > bestScore) {
                bestScore = score;
                best = cell.getKey();
            }
        }
        return best;
    }

    /**
     * How much of a cell a generated line carries: the length of the cell's comma-separated parts found in it (a cell
     * of {@code $1, $2} parameters is split at commas; a plain value is one part).
     */
    private static int score(String value, String lineText) {
        if (lineText == null) {
            return 0;
        }
        int score = 0;
        for (String part : value.split(",")) {
            String p = part.strip();
            if (!p.isEmpty() && lineText.contains(p)) {
                score += p.length();
            }
        }
        return score;
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> out = new ArrayList<>();
        int start = -1;
        int row = 0;
        int column = 0;
        int tableRow = 0;
        String rule = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher values = RULE_VALUES.matcher(line);
            Matcher head = RULE.matcher(line);
            if (values.find()) {
                start = i + 1;
                column = columnIndex(values.group(1));
                row = Integer.parseInt(values.group(2));
                tableRow = values.group(3) == null ? 0 : Integer.parseInt(values.group(3));
            } else if (head.find()) {
                rule = head.group(1);
                if (start < 0) {
                    start = i + 1;
                    Matcher n = ROW_IN_NAME.matcher(rule);
                    row = n.find() ? Integer.parseInt(n.group(1)) : 0;
                    column = 0;
                    tableRow = 0;
                }
            } else if (line.strip().equals("end") && start > 0 && rule != null) {
                out.add(new Block(start, i + 1, row, column, tableRow, rule));
                start = -1;
                rule = null;
            }
        }
        return out;
    }

    /** {@code A} is 0, {@code Z} 25, {@code AA} 26. */
    static int columnIndex(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    /** Cells by row (from 1) and column (from 0), as the parser calls them (row and column from 0). */
    static final class Cells implements org.drools.template.parser.DataListener {
        final Map<Integer, Map<Integer, String>> byRow = new TreeMap<>();

        @Override
        public void startSheet(String name) {
        }

        @Override
        public void finishSheet() {
        }

        @Override
        public void newRow(int rowNumber, int columns) {
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (value != null && !value.isBlank()) {
                byRow.computeIfAbsent(row + 1, r -> new TreeMap<>()).put(column, value);
            }
        }
    }
}
