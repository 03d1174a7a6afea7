package io.shoprules.decisions;

import java.time.LocalDate;

/** How many decisions of one type were made on one day, as the database counts them. */
public record DecisionsPerDay(LocalDate day, String type, long count) {
}
