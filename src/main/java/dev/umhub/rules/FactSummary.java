package dev.umhub.rules;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fact as an explanation shows it: its type and the fields that tell which one it is and why a rule may have
 * matched it (ids, statuses, amounts, the change's from and to), not the whole fact: an explanation is read by people
 * and kept with every event.
 */
final class FactSummary {

    /** Fields worth showing, whatever the fact type, in the order shown. */
    private static final List<String> KEY_FIELDS = List.of("type", "id", "origin", "test", "entity", "from", "to",
            "direction", "destination", "action", "reason", "name", "email", "status", "pricingType", "total",
            "amount", "currency", "billingPeriod", "country", "domain", "stage");
    private static final Set<String> KEYS = Set.copyOf(KEY_FIELDS);
    private static final Map<Class<?>, List<RecordComponent>> SHOWN = new ConcurrentHashMap<>();

    private FactSummary() {
    }

    static Map<String, Object> of(Object fact) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fact", fact.getClass().getSimpleName());
        for (RecordComponent c : SHOWN.computeIfAbsent(fact.getClass(), FactSummary::shownComponents)) {
            try {
                Object value = c.getAccessor().invoke(fact);
                if (value != null) {
                    out.put(c.getName(), value instanceof Number || value instanceof Boolean ? value : value.toString());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a field that cannot be read is left out of the explanation, the decision stands
            }
        }
        return out;
    }

    private static List<RecordComponent> shownComponents(Class<?> type) {
        if (!type.isRecord()) {
            return List.of(); // a type declared in DRL: its name says enough
        }
        return java.util.Arrays.stream(type.getRecordComponents()).filter(c -> KEYS.contains(c.getName()))
                .sorted(java.util.Comparator.comparingInt(c -> KEY_FIELDS.indexOf(c.getName()))).toList();
    }
}
