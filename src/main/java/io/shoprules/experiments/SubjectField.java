package io.shoprules.experiments;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.shoprules.errors.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * The fact field that says who is in an experiment (a cart's {@code customerId}), read the way the
 * facts' JSON names it. The accessor is found once per experiment, not per fact.
 */
final class SubjectField {

    private final String name;
    /** Null for facts read as maps or JSON trees, where the field is looked up by name. */
    private final AnnotatedMember accessor;

    private SubjectField(String name, AnnotatedMember accessor) {
        this.name = name;
        this.accessor = accessor;
    }

    /**
     * The field {@code name} of facts of {@code factType}.
     *
     * @throws InvalidInputException naming {@code subjectField} when the facts have no such field
     */
    static SubjectField of(ObjectMapper json, Class<?> factType, String name) {
        if (Map.class.isAssignableFrom(factType) || JsonNode.class.isAssignableFrom(factType)) {
            return new SubjectField(name, null);
        }
        BeanDescription description = json.getSerializationConfig().introspect(json.constructType(factType));
        List<BeanPropertyDefinition> properties = description.findProperties();
        for (BeanPropertyDefinition property : properties) {
            if (property.getName().equals(name) && property.getAccessor() != null) {
                AnnotatedMember accessor = property.getAccessor();
                accessor.fixAccess(true);
                return new SubjectField(name, accessor);
            }
        }
        throw new InvalidInputException("subjectField", "the facts have no field '" + name + "'; they have "
                + String.join(", ", properties.stream().map(BeanPropertyDefinition::getName).sorted().toList()));
    }

    String name() {
        return name;
    }

    /** The field's value as text; null when the fact has none. */
    String valueOf(Object fact) {
        Object value;
        if (accessor != null) {
            value = accessor.getValue(fact);
        } else if (fact instanceof Map<?, ?> map) {
            value = map.get(name);
        } else if (fact instanceof JsonNode node) {
            JsonNode field = node.get(name);
            value = field == null || field.isNull() ? null : field.asText();
        } else {
            value = null;
        }
        return value == null ? null : value.toString();
    }
}
