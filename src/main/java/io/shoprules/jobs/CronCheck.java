package io.shoprules.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Checks a job's cron expression the way quarkus-scheduler reads it (Quartz syntax), so a typo in
 * configuration stops start-up with the property's name instead of surfacing later or never.
 */
public final class CronCheck {

    /** The value that switches a job's schedule off (as {@code @Scheduled} understands it). */
    public static final String OFF = "off";

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronCheck() {
    }

    /**
     * @param property the configuration key the value came from, for the message
     * @return the expression, trimmed
     * @throws InvalidCronException naming the property and what is wrong
     */
    public static String check(String property, String cron) {
        if (cron == null || cron.isBlank()) {
            throw new InvalidCronException(property + " is empty: give a Quartz cron expression such as '0 0 2 * * ?', or 'off'");
        }
        String trimmed = cron.trim();
        if (isOff(trimmed)) {
            return OFF;
        }
        try {
            QUARTZ.parse(trimmed).validate();
            return trimmed;
        } catch (IllegalArgumentException e) {
            throw new InvalidCronException(property + "='" + trimmed + "' is not a valid Quartz cron expression ("
                    + e.getMessage() + "); expected six or seven fields, e.g. '0 0 2 * * ?' for 02:00 every day, or 'off'");
        }
    }

    public static boolean isOff(String cron) {
        return cron.equalsIgnoreCase(OFF) || cron.equalsIgnoreCase("disabled");
    }
}
