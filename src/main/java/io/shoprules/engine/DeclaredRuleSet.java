package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoprules.errors.InvalidInputException;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.type.FactField;
import org.kie.api.definition.type.FactType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A rule set whose fact and decision types are declared in its rule files, so that it needs no Java:
 * the engine reads its facts from JSON, checks them, stores them and turns its decisions into JSON
 * from the declarations' metadata. One version of the rule set, one set of generated classes.
 *
 * <p>The metadata (documented for operations in {@code rules/README.md}):
 * <ul>
 *   <li>on the one fact type: {@code @fact}; optionally {@code @group("skuId")}, the field whose equal
 *       values scheduled jobs evaluate together (rules that relate facts to each other);</li>
 *   <li>on its fields: {@code @id} (one or more: the stored fact's id, parts joined by {@code :}),
 *       {@code @required}, {@code @min(n)}, {@code @max(n)}, {@code @values("A, B")},
 *       {@code @pattern("regex")}; a default is the declaration's initial value ({@code = "NONE"});</li>
 *   <li>on a decision type: {@code @decision("TYPE")}, {@code @subject("field")} (or fields, joined as ids are), and optionally
 *       {@code @once("field, field, today")}: what makes the action of a job's decision unique, so
 *       that it is created once per those values ({@code today}: the shop-local day); once per
 *       subject and day when absent.</li>
 * </ul>
 */
public final class DeclaredRuleSet implements RuleSetDefinition {

    static final String FACT = "fact";
    static final String DECISION = "decision";
    private static final String TODAY = "today";
    /** Not {@code @key}: Drools reads that one itself, as the fields of a type's equality. */
    static final String ONCE = "once";
    private static final List<String> RESERVED = List.of("type", "subject", "rule");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String name;
    private final FactType factType;
    private final List<DeclaredField> fields;
    private final List<DeclaredField> idFields;
    private final DeclaredField groupField;
    private final Map<Class<?>, DecisionType> decisions;

    private DeclaredRuleSet(String name, FactType factType, List<DeclaredField> fields, DeclaredField groupField,
                            Map<Class<?>, DecisionType> decisions) {
        this.name = name;
        this.factType = factType;
        this.fields = fields;
        this.idFields = fields.stream().filter(DeclaredField::isId).toList();
        this.groupField = groupField;
        this.decisions = decisions;
    }

    /** A declared decision type: its name, subject field, key fields and all its fields in declared order. */
    private record DecisionType(String type, FactType declared, List<DeclaredField> fields, List<DeclaredField> subject,
                                List<DeclaredField> key, boolean perDay) {
    }

    /**
     * The declared rule set of a compiled knowledge base, or null when no type is declared {@code @fact}
     * (the rule set is typed in Java).
     *
     * @throws RuleSetRejectedException when the declarations' metadata is unusable
     */
    static DeclaredRuleSet of(String ruleSet, KieBase kieBase) {
        List<FactType> factTypes = new ArrayList<>();
        List<FactType> decisionTypes = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (FactType type : kiePackage.getFactTypes()) {
                Map<String, Object> meta = type.getMetaData() == null ? Map.of() : type.getMetaData();
                if (meta.containsKey(FACT)) {
                    factTypes.add(type);
                }
                if (meta.containsKey(DECISION)) {
                    decisionTypes.add(type);
                }
            }
        }
        if (factTypes.isEmpty()) {
            if (!decisionTypes.isEmpty()) {
                throw rejected(ruleSet, "types are declared @decision but none is declared @fact");
            }
            return null;
        }
        if (factTypes.size() > 1) {
            throw rejected(ruleSet, "one type may be declared @fact, found "
                    + factTypes.stream().map(FactType::getSimpleName).sorted().collect(Collectors.joining(", ")));
        }
        FactType factType = factTypes.get(0);
        List<String> errors = new ArrayList<>();
        List<DeclaredField> fields = fieldsOf(factType, true, errors);
        if (errors.isEmpty() && fields.stream().noneMatch(DeclaredField::isId)) {
            errors.add(factType.getSimpleName() + ": no field is marked @id");
        }
        DeclaredField group = null;
        String groupName = text(factType, "group");
        if (groupName != null) {
            group = field(fields, groupName);
            if (group == null) {
                errors.add(factType.getSimpleName() + ": @group names no field: " + groupName);
            }
        }
        Map<Class<?>, DecisionType> decisions = new HashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        for (FactType declared : decisionTypes) {
            DecisionType decision = decisionType(declared, errors);
            if (decision == null) {
                continue;
            }
            String clash = typeNames.put(decision.type(), declared.getSimpleName());
            if (clash != null) {
                errors.add("decision type " + decision.type() + " is declared twice: " + clash + " and " + declared.getSimpleName());
            }
            decisions.put(declared.getFactClass(), decision);
        }
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(ruleSet, errors.stream().map(error -> RuleFileError.of(null, error)).toList());
        }
        return new DeclaredRuleSet(ruleSet, factType, fields, group, decisions);
    }

    private static DecisionType decisionType(FactType declared, List<String> errors) {
        String where = declared.getSimpleName() + ": ";
        String type = text(declared, DECISION);
        if (type == null || type.isBlank()) {
            errors.add(where + "@decision needs the decision type, e.g. @decision(\"TIER_CHANGE\")");
            return null;
        }
        List<DeclaredField> fields = fieldsOf(declared, false, errors);
        fields.stream().filter(field -> RESERVED.contains(field.name())).forEach(field ->
                errors.add(where + "a decision's field may not be named " + field.name() + " (the engine sets it)"));
        String subjectNames = text(declared, "subject");
        List<DeclaredField> subject = new ArrayList<>();
        for (String subjectName : subjectNames == null ? new String[0] : subjectNames.split(",")) {
            DeclaredField named = field(fields, subjectName.trim());
            if (named == null) {
                subject.clear();
                break;
            }
            subject.add(named);
        }
        if (subject.isEmpty()) {
            errors.add(where + "@subject must name the field (or fields, as \"channel, date\") that hold the id of the"
                    + " fact the decision is about");
            return null;
        }
        List<DeclaredField> key = new ArrayList<>();
        boolean perDay = false;
        String keyText = text(declared, ONCE);
        if (keyText == null) {
            key.addAll(subject);
            perDay = true;
        } else {
            for (String part : keyText.split(",")) {
                String fieldName = part.trim();
                if (fieldName.equals(TODAY)) {
                    perDay = true;
                } else if (field(fields, fieldName) == null) {
                    errors.add(where + "@once names no field: " + fieldName);
                } else {
                    key.add(field(fields, fieldName));
                }
            }
        }
        return new DecisionType(type, declared, fields, subject, key, perDay);
    }

    private static List<DeclaredField> fieldsOf(FactType type, boolean ofFact, List<String> errors) {
        List<FactField> declared = new ArrayList<>(type.getFields());
        declared.sort(Comparator.comparingInt(FactField::getIndex));
        List<DeclaredField> fields = new ArrayList<>();
        for (FactField field : declared) {
            try {
                fields.add(DeclaredField.of(field, ofFact));
            } catch (IllegalArgumentException e) {
                errors.add(type.getSimpleName() + ": " + e.getMessage());
            }
        }
        return fields;
    }

    private static DeclaredField field(List<DeclaredField> fields, String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst().orElse(null);
    }

    private static String text(FactType type, String key) {
        Map<String, Object> meta = type.getMetaData();
        return meta == null || !meta.containsKey(key) ? null : Metadata.text(meta.get(key));
    }

    private static RuleSetRejectedException rejected(String ruleSet, String message) {
        return new RuleSetRejectedException(ruleSet, List.of(RuleFileError.of(null, message)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<?> factType() {
        return factType.getFactClass();
    }

    /** The declared name of the fact type, e.g. {@code Member}. */
    public String factTypeName() {
        return factType.getSimpleName();
    }

    /** The decision types, e.g. {@code TIER_CHANGE}, sorted. */
    public List<String> decisionTypes() {
        return decisions.values().stream().map(DecisionType::type).sorted().toList();
    }

    @Override
    public String factId(Object fact) {
        return joined(idFields, fact);
    }

    /** The values of {@code fields} joined by {@code :} (channel and date: {@code TMALL:2026-03-10}); null when one is missing. */
    private static String joined(List<DeclaredField> fields, Object instance) {
        List<String> parts = new ArrayList<>();
        for (DeclaredField field : fields) {
            Object value = field.get(instance);
            if (value == null) {
                return null;
            }
            parts.add(DeclaredField.json(value).asText());
        }
        return String.join(":", parts);
    }

    @Override
    public boolean scansInGroups() {
        return groupField != null;
    }

    /** The value of the {@code @group} field of {@code fact} as text, or null (no group, or none given). */
    public String groupValue(Object fact) {
        Object value = groupField == null ? null : groupField.get(fact);
        return value == null ? null : DeclaredField.json(value).asText();
    }

    @Override
    public String scanGroup(Object fact) {
        if (groupField == null) {
            return null;
        }
        Object value = groupField.get(fact);
        return value == null ? "fact:" + factId(fact) : groupField.name() + ":" + DeclaredField.json(value).asText();
    }

    /** The group a decision names by carrying the {@code @group} field (REVIEW_ALERT's skuId), else null. */
    @Override
    public String scanGroupOf(Decision decision) {
        if (groupField == null || !(decision instanceof DeclaredDecision declared)) {
            return null;
        }
        JsonNode value = declared.fields().get(groupField.name());
        return value == null || value.isNull() ? null : groupField.name() + ":" + value.asText();
    }

    /**
     * Reads {@code nodes} as the declared fact type and checks each field against its metadata.
     *
     * @throws InvalidInputException naming the first field in error, e.g. {@code facts[2].rating}
     */
    @Override
    public List<?> readFacts(FactReader reader, String field, List<JsonNode> nodes) {
        List<Object> facts = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            facts.add(read(nodes.get(i), field + "[" + i + "]"));
        }
        return facts;
    }

    @Override
    public Object readStoredFact(FactReader reader, String field, String payload) {
        return read(reader.tree(field, payload), field);
    }

    private Object read(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(at, "must be an object with the fields of " + factType.getSimpleName());
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String given = names.next();
            if (field(fields, given) == null) {
                throw new InvalidInputException(at + "." + given, "unknown field");
            }
        }
        Object fact;
        try {
            fact = factType.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule set " + name + ": " + factType.getName() + " cannot be made", e);
        }
        for (DeclaredField field : fields) {
            field.read(fact, node.get(field.name()), at + "." + field.name());
        }
        return fact;
    }

    /** The fact as JSON, every declared field in declared order; what is stored for it. */
    @Override
    public Object storedForm(Object fact) {
        ObjectNode json = NODES.objectNode();
        for (DeclaredField field : fields) {
            Object value = field.get(fact);
            if (value != null) {
                json.set(field.name(), DeclaredField.json(value));
            }
        }
        return json;
    }

    /** The decision a rule inserted, or null when {@code inserted} is not of a declared decision type. */
    Decision decisionOf(Object inserted) {
        DecisionType type = decisions.get(inserted.getClass());
        if (type == null) {
            return null;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (DeclaredField field : type.fields()) {
            Object value = field.get(inserted);
            // a field a rule left empty is left out, as "discountPercent or threshold + amount" reads
            if (value != null) {
                values.put(field.name(), DeclaredField.json(value));
            }
        }
        return new DeclaredDecision(type.type(), joined(type.subject(), inserted), values,
                type.key().stream().map(field -> DeclaredField.json(field.get(inserted)).asText()).toList(), type.perDay());
    }

    /**
     * The JSON Schema (draft 2020-12) of a decision request to this rule set: {@code now} and the
     * {@code facts}, with every decision type under {@code $defs} and {@code $defs/decision}.
     */
    public ObjectNode schema(String version) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "rule set " + name + ", version " + version);
        schema.put("description", "POST /api/rulesets/" + name + "/decisions takes an object of this schema;"
                + " PUT /api/facts/" + name + " takes {\"facts\": [...]}. The answer's decisions are described by $defs/decision.");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("now").put("type", "string").put("format", "date-time");
        ObjectNode facts = properties.putObject("facts");
        facts.put("type", "array");
        facts.putObject("items").put("$ref", "#/$defs/" + factType.getSimpleName());
        schema.putArray("required").add("facts");
        schema.put("additionalProperties", false);
        ObjectNode defs = schema.putObject("$defs");
        defs.set(factType.getSimpleName(), objectSchema(fields, null));
        ArrayNode oneOf = defs.putObject("decision").putArray("oneOf");
        decisions.values().stream().sorted(Comparator.comparing(DecisionType::type)).forEach(decision -> {
            defs.set(decision.declared().getSimpleName(), objectSchema(decision.fields(), decision.type()));
            oneOf.addObject().put("$ref", "#/$defs/" + decision.declared().getSimpleName());
        });
        return schema;
    }

    private static ObjectNode objectSchema(List<DeclaredField> fields, String decisionType) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        if (decisionType != null) {
            properties.putObject("type").put("const", decisionType);
            properties.putObject("subject").put("type", "string");
            properties.putObject("rule").put("type", "string");
            required.add("type").add("subject").add("rule");
        }
        for (DeclaredField field : fields) {
            properties.set(field.name(), field.schema());
            if (field.required()) {
                required.add(field.name());
            }
        }
        schema.set("required", required);
        if (decisionType == null) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    @Override
    public String toString() {
        return "declared rule set " + name + " (" + factType.getSimpleName() + "; "
                + decisions.values().stream().map(DecisionType::type).filter(Objects::nonNull).sorted().toList() + ")";
    }
}
