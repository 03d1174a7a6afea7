package io.shoprules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoprules.errors.InvalidInputException;
import org.kie.api.definition.type.FactField;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One field of a type a rule file declares, with the metadata the engine reads from it:
 * {@code @id}, {@code @required}, {@code @min(n)}, {@code @max(n)}, {@code @values("A, B")},
 * {@code @pattern("regex")}. It reads the field's JSON value into the declared Java type, checks the
 * metadata's constraints, and writes the value back as JSON.
 */
final class DeclaredField {

    /** {@code MM-DD}, e.g. a birthday; 02-29 is a valid one. */
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Field types a fact may have: what JSON can carry without a nested type. */
    private static final List<Class<?>> FACT_TYPES = List.of(String.class, int.class, Integer.class, long.class, Long.class,
            BigDecimal.class, boolean.class, Boolean.class, LocalDate.class, OffsetDateTime.class, Instant.class, MonthDay.class);

    private final FactField field;
    private final boolean id;
    private final boolean required;
    private final BigDecimal min;
    private final BigDecimal max;
    private final List<String> values;
    private final Pattern pattern;

    private DeclaredField(FactField field, boolean id, boolean required, BigDecimal min, BigDecimal max,
                          List<String> values, Pattern pattern) {
        this.field = field;
        this.id = id;
        this.required = required;
        this.min = min;
        this.max = max;
        this.values = values;
        this.pattern = pattern;
    }

    /**
     * Reads a field's metadata.
     *
     * @param ofFact whether the field belongs to the fact type (only a fact's fields are read from JSON)
     * @throws IllegalArgumentException with a message for operations when the metadata is unusable
     */
    static DeclaredField of(FactField field, boolean ofFact) {
        Map<String, Object> meta = field.getMetaData() == null ? Map.of() : field.getMetaData();
        Class<?> type = field.getType();
        if (ofFact && !FACT_TYPES.contains(type)) {
            throw new IllegalArgumentException("field " + field.getName() + " has type " + type.getSimpleName()
                    + ", which a fact cannot be read into; use String, int, long, BigDecimal, boolean, LocalDate,"
                    + " OffsetDateTime, Instant or MonthDay");
        }
        BigDecimal min = number(field, meta, "min");
        BigDecimal max = number(field, meta, "max");
        if ((min != null || max != null) && !isNumber(type)) {
            throw new IllegalArgumentException("field " + field.getName() + ": @min and @max need a number type");
        }
        List<String> values = null;
        if (meta.containsKey("values")) {
            if (type != String.class) {
                throw new IllegalArgumentException("field " + field.getName() + ": @values needs type String");
            }
            values = Arrays.stream(Metadata.text(meta.get("values")).split(",")).map(String::trim)
                    .filter(value -> !value.isEmpty()).toList();
        }
        Pattern pattern = null;
        if (meta.containsKey("pattern")) {
            if (type != String.class) {
                throw new IllegalArgumentException("field " + field.getName() + ": @pattern needs type String");
            }
            pattern = Pattern.compile(Metadata.text(meta.get("pattern")));
        }
        boolean id = meta.containsKey("id");
        return new DeclaredField(field, id, id || meta.containsKey("required"), min, max, values, pattern);
    }

    private static BigDecimal number(FactField field, Map<String, Object> meta, String key) {
        if (!meta.containsKey(key)) {
            return null;
        }
        try {
            return new BigDecimal(Metadata.text(meta.get(key)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field " + field.getName() + ": @" + key + " must be a number");
        }
    }

    private static boolean isNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigDecimal.class;
    }

    String name() {
        return field.getName();
    }

    boolean isId() {
        return id;
    }

    boolean required() {
        return required;
    }

    Object get(Object instance) {
        return field.get(instance);
    }

    /**
     * Sets the field of {@code instance} from {@code node}; a missing or null value keeps the
     * declared default, unless the field is required.
     *
     * @param at the field's path in the request, e.g. {@code facts[2].rating}
     */
    void read(Object instance, JsonNode node, String at) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInputException(at, "is required");
            }
            return;
        }
        Object value = convert(node, at);
        check(value, at);
        field.set(instance, value);
    }

    private Object convert(JsonNode node, String at) {
        Class<?> type = field.getType();
        if (type == String.class) {
            if (!node.isTextual()) {
                throw new InvalidInputException(at, "must be a string");
            }
            if (node.asText().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
                throw new InvalidInputException(at, "must not contain control characters");
            }
            return node.asText();
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!node.isBoolean()) {
                throw new InvalidInputException(at, "must be true or false");
            }
            return node.booleanValue();
        }
        if (type == int.class || type == Integer.class) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new InvalidInputException(at, "must be a whole number (32 bits)");
            }
            return node.intValue();
        }
        if (type == long.class || type == Long.class) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new InvalidInputException(at, "must be a whole number (64 bits)");
            }
            return node.longValue();
        }
        if (type == BigDecimal.class) {
            if (!node.isNumber()) {
                throw new InvalidInputException(at, "must be a number");
            }
            return node.decimalValue();
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(at, "must be a string: " + format(type));
        }
        String text = node.asText();
        try {
            Temporal time;
            if (type == LocalDate.class) {
                time = LocalDate.parse(text);
            } else if (type == OffsetDateTime.class) {
                time = OffsetDateTime.parse(text);
            } else if (type == Instant.class) {
                time = OffsetDateTime.parse(text).toInstant();
            } else {
                return MonthDay.parse(text, MONTH_DAY);
            }
            if (!TimeRange.contains(time)) {
                throw new InvalidInputException(at, TimeRange.OUT_OF_RANGE);
            }
            return time;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(at, "must be " + format(type));
        }
    }

    private static String format(Class<?> type) {
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == MonthDay.class) {
            return "a month and day (MM-DD)";
        }
        return "an ISO-8601 time with offset";
    }

    private void check(Object value, String at) {
        if (min != null || max != null) {
            BigDecimal number = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
            if (min != null && number.compareTo(min) < 0) {
                throw new InvalidInputException(at, "must be greater than or equal to " + min.toPlainString());
            }
            if (max != null && number.compareTo(max) > 0) {
                throw new InvalidInputException(at, "must be less than or equal to " + max.toPlainString());
            }
        }
        if (values != null && !values.contains(value)) {
            throw new InvalidInputException(at, "must be one of " + String.join(", ", values));
        }
        if (pattern != null && !pattern.matcher((String) value).matches()) {
            throw new InvalidInputException(at, "must match " + pattern.pattern());
        }
    }

    /** The field's value as JSON: times and dates as ISO-8601 text, numbers as numbers. */
    static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(new BigDecimal(number.toString()));
        }
        if (value instanceof OffsetDateTime time) {
            // with its seconds always: OffsetDateTime.toString leaves out ":00"
            return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
        if (value instanceof MonthDay monthDay) {
            return NODES.textNode(monthDay.format(MONTH_DAY));
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode array = NODES.arrayNode();
            collection.forEach(element -> array.add(json(element)));
            return array;
        }
        if (value instanceof Enum<?> constant) {
            return NODES.textNode(constant.name());
        }
        // java.time values: their toString is ISO-8601
        return NODES.textNode(value.toString());
    }

    /** The field as a JSON Schema (draft 2020-12) property. */
    ObjectNode schema() {
        ObjectNode schema = NODES.objectNode();
        Class<?> type = field.getType();
        if (type == String.class) {
            schema.put("type", "string");
        } else if (type == boolean.class || type == Boolean.class) {
            schema.put("type", "boolean");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            schema.put("type", "integer");
        } else if (type == BigDecimal.class || Number.class.isAssignableFrom(type) || type == double.class) {
            schema.put("type", "number");
        } else if (type == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (type == OffsetDateTime.class || type == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type == MonthDay.class) {
            schema.put("type", "string").put("pattern", "^[0-9]{2}-[0-9]{2}$");
        } else if (Collection.class.isAssignableFrom(type)) {
            schema.put("type", "array");
        }
        if (min != null) {
            schema.put("minimum", min);
        }
        if (max != null) {
            schema.put("maximum", max);
        }
        if (values != null) {
            ArrayNode allowed = schema.putArray("enum");
            values.forEach(allowed::add);
        }
        if (pattern != null) {
            schema.put("pattern", pattern.pattern());
        }
        return schema;
    }
}
