package dev.umhub.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** Compiles DRL text at run time into a KieBase (classic model), or reports the compiler's messages. */
final class RuleCompiler {

    private static final String RESOURCE_DIR = "src/main/resources/";

    /** Either a KieBase or the reasons there is none. */
    record Result(KieBase kieBase, List<String> ruleNames, List<RuleMessage> messages) {
        boolean accepted() {
            return kieBase != null;
        }
    }

    private RuleCompiler() {
    }

    /** @param sources DRL text by file name */
    static Result compile(Map<String, String> sources) {
        List<RuleMessage> unsafe = UnsafeConstructs.find(sources);
        if (!unsafe.isEmpty()) {
            return new Result(null, List.of(), unsafe); // refused before Drools spends a build on them
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // a fresh release id per build, so containers of earlier builds never get in the way
        var releaseId = ks.newReleaseId("dev.umhub", "rules", "build-" + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        sources.forEach((name, text) -> kfs.write(RESOURCE_DIR + name, text.getBytes(StandardCharsets.UTF_8)));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleMessage> messages = new ArrayList<>();
        for (Message m : builder.getResults().getMessages()) {
            String path = m.getPath() == null ? "" : m.getPath().replace(RESOURCE_DIR, "");
            messages.add(new RuleMessage(m.getLevel().name(), path, m.getLine(), m.getColumn(), m.getText().strip()));
        }
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            ks.getRepository().removeKieModule(releaseId);
            return new Result(null, List.of(), messages);
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        List<String> names = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        names.sort(String::compareTo);
        return new Result(kieBase, names, messages);
    }
}
