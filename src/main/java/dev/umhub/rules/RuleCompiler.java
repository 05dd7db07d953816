package dev.umhub.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles the rule files at run time into a KieBase (classic model), or reports why not: the compiler's messages and
 * umhub's own checks, at the file, line and column (for a decision table: row and cell) they are about.
 */
final class RuleCompiler {

    private static final String RESOURCE_DIR = "src/main/resources/";

    /**
     * Either a KieBase or the reasons there is none; with the destinations the files name (tables placed at their
     * cells), so rules sending to a destination that does not exist can be reported, and what keeps its sessions from
     * being cleared between decisions ({@link SessionClearing}).
     */
    record Result(KieBase kieBase, List<String> ruleNames, List<RuleMessage> messages,
                  List<DispatchTargets.Target> targets, List<String> clearingObstacles) {
        boolean accepted() {
            return kieBase != null;
        }
    }

    private RuleCompiler() {
    }

    /**
     * Compiles the rule files: the DRL files and the decision tables, turned into DRL first (scenario tests are not
     * rules). Refused before Drools spends a build on them: tables that are no decision tables, unsafe constructs,
     * GA4 event names GA4 would drop. Messages about a table's generated DRL point at the table's cells.
     */
    static Result compile(RuleFiles files) {
        Map<String, String> drl = files.drl();
        DecisionTables.Converted tables = DecisionTables.convert(files.decisionTables(), drl.keySet());
        Map<String, String> sources = new TreeMap<>(drl);
        sources.putAll(tables.sources());
        List<RuleMessage> refused = new ArrayList<>(tables.errors());
        refused.addAll(tables.locate(UnsafeConstructs.find(sources)));
        List<DispatchTargets.Target> targets = DispatchTargets.find(sources);
        refused.addAll(tables.locate(Ga4NameCheck.refused(targets)));
        if (!refused.isEmpty()) {
            return new Result(null, List.of(), refused, List.of(), List.of());
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // a fresh release id per build, so containers of earlier builds never get in the way
        var releaseId = ks.newReleaseId("dev.umhub", "rules", "build-" + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        sources.forEach((name, text) -> kfs.write(RESOURCE_DIR + name, text.getBytes(StandardCharsets.UTF_8)));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleMessage> found = new ArrayList<>();
        for (Message m : builder.getResults().getMessages()) {
            String path = m.getPath() == null ? "" : m.getPath().replace(RESOURCE_DIR, "");
            found.add(new RuleMessage(m.getLevel().name(), path, m.getLine(), m.getColumn(), m.getText().strip()));
        }
        List<RuleMessage> messages = tables.locate(found);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            ks.getRepository().removeKieModule(releaseId);
            return new Result(null, List.of(), messages, List.of(), List.of());
        }
        KieBase kieBase;
        try {
            kieBase = ks.newKieContainer(releaseId).getKieBase();
        } catch (RuntimeException notRunnable) {
            // rules that compile but need what the KieBase does not run, as a window (stream mode): no file or line
            List<RuleMessage> refusedByDrools = new ArrayList<>(messages);
            refusedByDrools.add(new RuleMessage("ERROR", "", 0, 0, String.valueOf(notRunnable.getMessage())));
            return new Result(null, List.of(), refusedByDrools, List.of(), List.of());
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
        List<String> names = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        names.sort(String::compareTo);
        return new Result(kieBase, names, messages, tables.locateTargets(targets),
                SessionClearing.obstacles(kieBase, sources));
    }
}
