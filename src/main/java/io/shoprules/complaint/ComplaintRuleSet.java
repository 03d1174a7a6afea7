package io.shoprules.complaint;

import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code complaint} rule set decides compensation, refunds, escalations, SLA warnings and crisis
 * alerts. Its calendar file ({@code rules/complaint/business-hours.calendar}) becomes the
 * {@link BusinessCalendar} the SLA rules call as the global {@code businessHours}, built once per
 * version in the shop's time zone; a calendar that cannot be read rejects the version with file and
 * line. Without the file every hour counts (the calendar is open round the clock).
 */
@ApplicationScoped
public class ComplaintRuleSet implements RuleSetDefinition {

    public static final String NAME = "complaint";
    static final String CALENDAR_GLOBAL = "businessHours";

    private final ZoneId shopZone;
    /** How long before the last year the calendar's dated lines cover runs out the status says so. */
    private final int calendarNoticeDays;

    public ComplaintRuleSet(EngineConfig config,
                            @ConfigProperty(name = "shoprules.complaint.calendar-notice-days", defaultValue = "60")
                            int calendarNoticeDays) {
        this.shopZone = config.shop().zone();
        this.calendarNoticeDays = calendarNoticeDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> factType() {
        return Complaint.class;
    }

    @Override
    public String factId(Object fact) {
        return ((Complaint) fact).complaintId();
    }

    @Override
    public Map<String, Object> globals(RuleSetSource source) {
        List<RuleFileError> errors = new ArrayList<>();
        for (String file : source.files().keySet()) {
            // a misspelt calendar would otherwise be ignored, and the SLAs silently count every hour
            if (file.endsWith(BusinessCalendar.SUFFIX) && !file.equals(BusinessCalendar.FILE)) {
                errors.add(RuleFileError.of(file, "the SLAs read their business hours from " + BusinessCalendar.FILE
                        + " only; rename this file or remove it"));
            }
        }
        String text = source.text(BusinessCalendar.FILE);
        BusinessCalendar calendar = BusinessCalendar.roundTheClock(shopZone);
        if (text != null) {
            BusinessCalendar.Parsed parsed = BusinessCalendar.parse(BusinessCalendar.FILE, text, shopZone);
            errors.addAll(parsed.errors());
            calendar = parsed.calendar();
        }
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(NAME, errors);
        }
        return Map.of(CALENDAR_GLOBAL, calendar);
    }

    /**
     * Holidays are announced a year at a time, so a calendar that names them runs out at the end of
     * the last year it names: from then on the SLA clock counts public holidays as working days and
     * make-up days as rest days, and nothing else would say so.
     */
    @Override
    public List<String> notices(RuleSetSource source, Instant now) {
        String text = source.text(BusinessCalendar.FILE);
        if (text == null) {
            return List.of();
        }
        String runningOut = BusinessCalendar.parse(BusinessCalendar.FILE, text, shopZone).calendar()
                .runningOut(LocalDate.ofInstant(now, shopZone), calendarNoticeDays);
        return runningOut == null ? List.of() : List.of(BusinessCalendar.FILE + " " + runningOut);
    }

    /** A crisis is judged over one SKU's complaints: the scan must see them together. */
    @Override
    public boolean scansInGroups() {
        return true;
    }

    @Override
    public String scanGroup(Object fact) {
        Complaint complaint = (Complaint) fact;
        // complaints without a SKU never meet others in a rule: each is a group of its own
        return complaint.skuId() == null ? "complaint:" + complaint.complaintId() : "sku:" + complaint.skuId();
    }
}
