package io.shoprules.console;

import io.shoprules.decisions.DecisionsPerDay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Chart.js data for a stacked bar chart of decisions per day, one data set per decision type. */
public record DecisionChart(List<String> labels, List<DataSet> datasets) {

    public record DataSet(String label, List<Long> data) {
    }

    static DecisionChart of(List<DecisionsPerDay> counts) {
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<String, Map<LocalDate, Long>> byType = new TreeMap<>();
        for (DecisionsPerDay count : counts) {
            days.add(count.day());
            byType.computeIfAbsent(count.type(), t -> new TreeMap<>()).merge(count.day(), count.count(), Long::sum);
        }
        List<DataSet> sets = new ArrayList<>();
        byType.forEach((type, perDay) -> sets.add(new DataSet(type,
                days.stream().map(day -> perDay.getOrDefault(day, 0L)).toList())));
        return new DecisionChart(days.stream().map(LocalDate::toString).toList(), sets);
    }
}
