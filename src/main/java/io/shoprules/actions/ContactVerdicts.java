package io.shoprules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoprules.engine.DeclaredDecision;
import io.shoprules.engine.FactReader;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.UnknownRuleSetException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Asks the {@code contact} rule set (rules/contact) about one customer-facing message: SEND, SUPPRESS
 * (over a cap) or HOLD (quiet hours). The numbers live there, not here.
 */
@ApplicationScoped
public class ContactVerdicts {

    /** The rule set holding the contact caps and quiet hours. */
    public static final String RULE_SET = "contact";

    private static final Logger LOG = Logger.getLogger(ContactVerdicts.class);

    private final RuleSets ruleSets;
    private final FactReader reader;
    private final ObjectMapper json;

    public ContactVerdicts(RuleSets ruleSets, FactReader reader, ObjectMapper json) {
        this.ruleSets = ruleSets;
        this.reader = reader;
        this.json = json;
    }

    public enum Kind { SEND, SUPPRESS, HOLD }

    /**
     * @param reason for SUPPRESS, the cap (DAILY_CAP, WEEKLY_CAP)
     * @param until  for HOLD, the shop-local time the message may go
     * @param version the contact rule set's version that said so, or null without one
     */
    public record Verdict(Kind kind, String reason, LocalTime until, String version) {
    }

    /** The candidate, with what its customer has been sent in the shop-local day and week. */
    public record Message(long actionId, String customer, String type, int priority, long sentToday, long sentThisWeek) {
    }

    /**
     * The verdict on {@code message} at {@code now}: the most restrictive decision about it (HOLD over
     * SUPPRESS over SEND). Without a contact rule set, or when its rules say nothing, SEND.
     */
    public Verdict judge(Message message, Now now) {
        RuleSetDefinition definition;
        try {
            definition = ruleSets.definition(RULE_SET);
        } catch (UnknownRuleSetException none) {
            LOG.debugf("no %s rule set: action %d goes out without caps or quiet hours", RULE_SET, message.actionId());
            return new Verdict(Kind.SEND, null, null, null);
        }
        ObjectNode fact = json.createObjectNode()
                .put("actionId", String.valueOf(message.actionId()))
                .put("customerId", message.customer())
                .put("type", message.type())
                .put("priority", message.priority())
                .put("sentToday", message.sentToday())
                .put("sentThisWeek", message.sentThisWeek());
        List<?> facts = definition.readFacts(reader, "message", List.of(fact));
        var evaluation = ruleSets.evaluate(RULE_SET, now, facts);
        Verdict verdict = null;
        for (RuleDecision decision : evaluation.decisions()) {
            if (!String.valueOf(message.actionId()).equals(decision.subject())) {
                continue;
            }
            Verdict said = verdictOf(decision, evaluation.version());
            if (said != null && (verdict == null || said.kind().ordinal() > verdict.kind().ordinal())) {
                verdict = said;
            }
        }
        if (verdict == null) {
            LOG.warnf("%s version %s decided nothing about action %d; it goes out", RULE_SET, evaluation.version(),
                    message.actionId());
            return new Verdict(Kind.SEND, null, null, evaluation.version());
        }
        return verdict;
    }

    private static Verdict verdictOf(RuleDecision decision, String version) {
        Map<String, JsonNode> fields = decision.decision() instanceof DeclaredDecision declared
                ? declared.jsonFields() : Map.of();
        switch (decision.type()) {
            case "SEND":
                return new Verdict(Kind.SEND, null, null, version);
            case "SUPPRESS":
                return new Verdict(Kind.SUPPRESS, text(fields, "reason", "CAP"), null, version);
            case "HOLD":
                try {
                    return new Verdict(Kind.HOLD, null, LocalTime.parse(text(fields, "until", "")), version);
                } catch (DateTimeParseException e) {
                    LOG.warnf("%s version %s: HOLD without a readable 'until'; ignored", RULE_SET, version);
                    return null;
                }
            default:
                return null;
        }
    }

    private static String text(Map<String, JsonNode> fields, String name, String otherwise) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? otherwise : value.asText();
    }
}
