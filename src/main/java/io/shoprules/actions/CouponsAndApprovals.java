package io.shoprules.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoprules.coupons.Coupons;
import io.shoprules.coupons.NewCoupon;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.NotFoundException;
import io.shoprules.errors.RuleSetUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * What a new action's {@code coupon:} and {@code approval:} settings in {@code actions.yaml} make of it
 * (docs/coupons.md): a coupon-bearing action gets a code of its own, carried in its payload as
 * {@code coupon: {code, amount, expiresAt}}; an action whose amount is above the approval cap starts
 * as {@link ActionStatus#PENDING_APPROVAL}. The fields named in the file are read from the decision's
 * JSON (the payload), so this works for decisions typed in Java and declared in DRL alike.
 */
@ApplicationScoped
public class CouponsAndApprovals {

    private static final Logger LOG = Logger.getLogger(CouponsAndApprovals.class);

    private final RuleSets ruleSets;
    private final ActionRulesFile actionRules;
    private final Coupons coupons;
    private final ObjectMapper json;

    public CouponsAndApprovals(RuleSets ruleSets, ActionRulesFile actionRules, Coupons coupons, ObjectMapper json) {
        this.ruleSets = ruleSets;
        this.actionRules = actionRules;
        this.coupons = coupons;
        this.json = json;
    }

    /**
     * How {@code action} starts: its payload (with its coupon's code when it carries one) and its status.
     *
     * @param coupon the coupon to issue once the action has its id ({@link #issue}), or null
     */
    public record Planned(String payload, ActionStatus status, NewCoupon coupon) {
    }

    /** Plans {@code action} as its rule set's serving {@code actions.yaml} says; {@code now} is its creation. */
    public Planned plan(NewAction action, OffsetDateTime now) {
        ActionRule rule = ruleOf(action);
        if (rule.coupon() == null && rule.approval() == null) {
            return new Planned(action.payload(), ActionStatus.PENDING, null);
        }
        ObjectNode payload = read(action);
        if (payload == null) {
            return new Planned(action.payload(), ActionStatus.PENDING, null);
        }
        ActionStatus status = ActionStatus.PENDING;
        if (rule.approval() != null) {
            BigDecimal amount = amount(payload, rule.approval().amountField());
            if (amount != null && amount.compareTo(rule.approval().above()) > 0) {
                status = ActionStatus.PENDING_APPROVAL;
            }
        }
        NewCoupon coupon = rule.coupon() == null ? null : coupon(action, rule, payload, now, status == ActionStatus.PENDING_APPROVAL);
        if (coupon == null) {
            return new Planned(action.payload(), status, null);
        }
        ObjectNode carried = payload.putObject("coupon");
        carried.put("code", coupon.code());
        carried.put("amount", coupon.amount());
        carried.put("expiresAt", coupon.expiresAt().toString());
        return new Planned(write(payload), status, coupon);
    }

    /** Voids the coupon of an action stopped before delivery (none: nothing happens). */
    public void voidCoupon(long actionId, String reason) {
        coupons.voidFor(actionId, reason == null ? "the action was stopped before delivery" : reason);
    }

    /** Issues the planned coupon of the action that now has {@code actionId}, in its transaction. */
    public void issue(Planned planned, long actionId) {
        if (planned.coupon() != null) {
            NewCoupon coupon = planned.coupon();
            coupons.issue(new NewCoupon(coupon.code(), actionId, coupon.idempotencyKey(), coupon.ruleSet(), coupon.type(),
                    coupon.subject(), coupon.customerId(), coupon.amount(), coupon.expiresAt(), coupon.awaitsApproval()));
        }
    }

    /** A decision without an amount (a reminder without a coupon) carries no coupon. */
    private NewCoupon coupon(NewAction action, ActionRule rule, ObjectNode payload, OffsetDateTime now, boolean awaitsApproval) {
        ActionRule.Coupon settings = rule.coupon();
        BigDecimal amount = amount(payload, settings.amountField());
        if (amount == null || amount.signum() <= 0) {
            return null;
        }
        OffsetDateTime expiresAt;
        if (settings.expiresAtField() != null) {
            expiresAt = time(payload, settings.expiresAtField());
            if (expiresAt == null) {
                LOG.warnf("rule set %s, %s %s: no coupon, its decision has no time in field %s (actions.yaml)",
                        action.ruleSet(), action.type(), action.subject(), settings.expiresAtField());
                return null;
            }
        } else {
            expiresAt = now.plus(Duration.ofDays(settings.validDays()));
        }
        // the database keeps microseconds: the payload says what the coupon table says
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        String customerField = settings.customerField() != null ? settings.customerField() : rule.customerField();
        String customer = customerField == null ? null : text(payload, customerField);
        return new NewCoupon(coupons.newCode(), 0, action.idempotencyKey(), action.ruleSet(), action.type(),
                action.subject(), customer, amount, expiresAt, awaitsApproval);
    }

    private ActionRule ruleOf(NewAction action) {
        try {
            return actionRules.of(ruleSets.serving(action.ruleSet())).of(action.type());
        } catch (NotFoundException | RuleSetUnavailableException e) {
            // an action of a rule set no longer served keeps the plain rule
            return ActionRule.plain(action.type());
        }
    }

    private ObjectNode read(NewAction action) {
        try {
            return json.readTree(action.payload()) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(ObjectNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an action's payload could not be written as JSON", e);
        }
    }

    private static BigDecimal amount(ObjectNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return value.isTextual() ? new BigDecimal(value.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime time(ObjectNode payload, String field) {
        String text = text(payload, field);
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(ObjectNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
