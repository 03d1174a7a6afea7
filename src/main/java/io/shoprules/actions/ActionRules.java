package io.shoprules.actions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A rule set's {@code actions.yaml}: per decision type, what becomes of the actions jobs make of it
 * (docs/actions.md). A rule set without the file keeps today's behaviour for every type.
 *
 * <pre>
 * RESTOCK:
 *   once: EPISODE
 * GMV_DROP:
 *   once: EPISODE
 *   episodeOf: channel        # fields the episode is about; the subject when not given
 * CART_REMINDER:
 *   customer: customerId
 *   priority: 50
 *   recheck: true
 *   expiresAt: payBy
 *   coupon: {amount: couponAmount, expiresAt: payBy}
 * COMPENSATION:
 *   coupon: {amount: couponAmount, validDays: 30}
 *   approval: {amount: couponAmount, above: 50}
 * </pre>
 */
public final class ActionRules {

    public static final String FILE = "actions.yaml";

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> SETTINGS = Set.of("once", "episodeOf", "customer", "priority", "recheck", "expiresAt", "coupon", "approval");
    private static final Set<String> COUPON_SETTINGS = Set.of("amount", "expiresAt", "validDays", "customer");
    private static final Set<String> APPROVAL_SETTINGS = Set.of("amount", "above");
    private static final int MAX_PRIORITY = 1000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final ActionRules NONE = new ActionRules(Map.of());

    private final Map<String, ActionRule> byType;

    private ActionRules(Map<String, ActionRule> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static ActionRules none() {
        return NONE;
    }

    /** The rule for decisions of {@code type}; {@link ActionRule#plain} when the file says nothing. */
    public ActionRule of(String type) {
        ActionRule rule = byType.get(type);
        return rule != null ? rule : ActionRule.plain(type);
    }

    public Map<String, ActionRule> all() {
        return byType;
    }

    /**
     * Reads the file of {@code source}; {@link #none()} when it has none.
     *
     * @throws RuleSetRejectedException naming the line of what is wrong
     */
    public static ActionRules of(RuleSetSource source) {
        if (!source.fileNames().contains(FILE)) {
            return NONE;
        }
        List<RuleFileError> errors = new ArrayList<>();
        Map<String, ActionRule> rules = new LinkedHashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(source.text(FILE))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NONE;
            }
            if (first != JsonToken.START_OBJECT) {
                errors.add(error(parser.currentLocation(), "the file is a mapping of decision types (RESTOCK: ...) to their settings"));
            } else {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String type = parser.currentName();
                    JsonLocation at = parser.currentLocation();
                    Map<String, JsonLocation> settingAt = new HashMap<>();
                    JsonNode settings = settings(parser, settingAt);
                    if (!TYPE.matcher(type).matches()) {
                        errors.add(error(at, "'" + type + "' is not a decision type (capitals, digits and _, like CART_REMINDER)"));
                    } else if (rules.containsKey(type)) {
                        errors.add(error(at, type + " is given twice"));
                    } else {
                        ActionRule rule = rule(type, settings, at, settingAt, errors);
                        if (rule != null) {
                            rules.put(type, rule);
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            errors.add(error(e.getLocation(), "not readable as YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(RuleFileError.of(FILE, "not readable: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(source.name(), errors);
        }
        return new ActionRules(rules);
    }

    /** The value after a type, as a tree, noting where each of its settings is written. */
    private static JsonNode settings(JsonParser parser, Map<String, JsonLocation> settingAt) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return parser.readValueAsTree();
        }
        ObjectNode settings = YAML.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            settingAt.putIfAbsent(name, parser.currentLocation());
            parser.nextToken();
            settings.set(name, parser.readValueAsTree());
        }
        return settings;
    }

    private static ActionRule rule(String type, JsonNode settings, JsonLocation typeAt, Map<String, JsonLocation> settingAt,
                                   List<RuleFileError> errors) {
        Function<String, JsonLocation> at = name -> settingAt.getOrDefault(name, typeAt);
        if (settings == null || !settings.isObject()) {
            errors.add(error(typeAt, type + ": its settings are a mapping (once, customer, priority, recheck, expiresAt, coupon, approval)"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SETTINGS.contains(name)) {
                errors.add(error(settingAt.getOrDefault(name, typeAt), type + ": unknown setting '" + name + "' (known: "
                        + String.join(", ", SETTINGS.stream().sorted().toList()) + ")"));
            }
        }
        ActionRule.Once once = null;
        if (settings.has("once")) {
            String text = settings.get("once").asText();
            try {
                once = ActionRule.Once.valueOf(text);
            } catch (IllegalArgumentException e) {
                errors.add(error(at.apply("once"), type + ".once: '" + text + "' is neither EPISODE nor DAY"));
            }
        }
        List<String> episodeOf = List.of();
        if (settings.has("episodeOf")) {
            JsonNode value = settings.get("episodeOf");
            List<String> names = new ArrayList<>();
            if (value.isTextual()) {
                for (String name : value.asText().split(",")) {
                    names.add(name.strip());
                }
            }
            if (names.isEmpty() || names.stream().anyMatch(name -> !FIELD.matcher(name).matches())) {
                errors.add(error(at.apply("episodeOf"), type + ".episodeOf: fields of the decision, separated by commas, like skuId, complaintType"));
            } else if (once != ActionRule.Once.EPISODE) {
                errors.add(error(at.apply("episodeOf"), type + ".episodeOf: only with once: EPISODE"));
            } else {
                episodeOf = List.copyOf(names);
            }
        }
        String customer = field(type, "customer", settings.get("customer"), at.apply("customer"), errors);
        int priority = 0;
        if (settings.has("priority")) {
            JsonNode value = settings.get("priority");
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > MAX_PRIORITY) {
                errors.add(error(at.apply("priority"), type + ".priority: a whole number from 0 to " + MAX_PRIORITY));
            } else {
                priority = value.asInt();
            }
        }
        boolean recheck = false;
        if (settings.has("recheck")) {
            if (!settings.get("recheck").isBoolean()) {
                errors.add(error(at.apply("recheck"), type + ".recheck: true or false"));
            } else {
                recheck = settings.get("recheck").asBoolean();
            }
        }
        String expiresAt = field(type, "expiresAt", settings.get("expiresAt"), at.apply("expiresAt"), errors);
        ActionRule.Coupon coupon = null;
        if (settings.has("coupon")) {
            JsonNode node = settings.get("coupon");
            if (!node.isObject()) {
                errors.add(error(at.apply("coupon"), type + ".coupon: a mapping with amount and expiresAt or validDays"));
            } else {
                unknown(type + ".coupon", node, COUPON_SETTINGS, at.apply("coupon"), errors);
                String amount = required(type + ".coupon", "amount", node, at.apply("coupon"), errors);
                String couponExpiresAt = field(type + ".coupon", "expiresAt", node.get("expiresAt"), at.apply("coupon"), errors);
                Integer validDays = null;
                if (node.has("validDays")) {
                    JsonNode days = node.get("validDays");
                    if (!days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 3660) {
                        errors.add(error(at.apply("coupon"), type + ".coupon.validDays: a whole number of days from 1 to 3660"));
                    } else {
                        validDays = days.asInt();
                    }
                }
                if ((couponExpiresAt == null) == (validDays == null)) {
                    errors.add(error(at.apply("coupon"), type + ".coupon: give either expiresAt (a field of the decision) or validDays"));
                }
                String couponCustomer = field(type + ".coupon", "customer", node.get("customer"), at.apply("coupon"), errors);
                coupon = new ActionRule.Coupon(amount, couponExpiresAt, validDays, couponCustomer);
            }
        }
        ActionRule.Approval approval = null;
        if (settings.has("approval")) {
            JsonNode node = settings.get("approval");
            if (!node.isObject()) {
                errors.add(error(at.apply("approval"), type + ".approval: a mapping with amount and above"));
            } else {
                unknown(type + ".approval", node, APPROVAL_SETTINGS, at.apply("approval"), errors);
                String amount = required(type + ".approval", "amount", node, at.apply("approval"), errors);
                JsonNode above = node.get("above");
                if (above == null || !above.isNumber() || above.decimalValue().signum() < 0) {
                    errors.add(error(at.apply("approval"), type + ".approval.above: an amount in yuan, 0 or more"));
                } else {
                    approval = new ActionRule.Approval(amount, above.decimalValue());
                }
            }
        }
        return errors.size() > before ? null
                : new ActionRule(type, once, episodeOf, customer, priority, recheck, expiresAt, coupon, approval);
    }

    private static void unknown(String where, JsonNode node, Set<String> known, JsonLocation at, List<RuleFileError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(error(at, where + ": unknown setting '" + name + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static String required(String where, String name, JsonNode node, JsonLocation at, List<RuleFileError> errors) {
        if (!node.has(name)) {
            errors.add(error(at, where + "." + name + " is required"));
            return null;
        }
        return field(where, name, node.get(name), at, errors);
    }

    private static String field(String where, String name, JsonNode value, JsonLocation at, List<RuleFileError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !FIELD.matcher(value.asText()).matches()) {
            errors.add(error(at, where + "." + name + ": the name of a field of the decision, like customerId"));
            return null;
        }
        return value.asText();
    }

    private static RuleFileError error(JsonLocation at, String message) {
        if (at == null || at.getLineNr() < 1) {
            return RuleFileError.of(FILE, message);
        }
        return new RuleFileError(FILE, at.getLineNr(), at.getColumnNr() > 0 ? at.getColumnNr() : null, message);
    }

}
