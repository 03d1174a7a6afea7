package io.shoprules.listing;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Figure 5: checking 2,000-character listings against 10,000 terms with the listing matcher
 * (folding, allowed phrases, offsets, longest overlap: everything the rule set uses) against a
 * naive loop of {@code indexOf} per term over the raw text, in the same run. The shipped term lists
 * are topped up with random 2–4 character terms to 10,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TermCheckBenchmark {

    public static final int TERMS = 10_000;
    public static final int TEXT_LENGTH = 2_000;
    static final int TEXTS = 16;

    private TermMatcher matcher;
    private List<String> terms;
    private List<String> texts;

    @Setup
    public void build() throws IOException {
        Random random = new Random(20261124L);
        Map<String, String> files = new TreeMap<>();
        Path dir = Path.of(System.getProperty("rules.dir", "../rules"), "listing");
        try (Stream<Path> lists = Files.list(dir)) {
            for (Path file : lists.filter(f -> f.toString().endsWith(TermLists.SUFFIX)).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        List<ListedTerm> entries = new ArrayList<>(TermLists.parse(files).terms());
        Set<String> banned = new LinkedHashSet<>();
        entries.stream().filter(e -> !e.allowed()).forEach(e -> banned.add(e.term()));
        while (banned.size() < TERMS) {
            String term = randomChinese(random, 2 + random.nextInt(3));
            if (banned.add(term)) {
                entries.add(new ListedTerm(term, TermCategory.PLATFORM_TERM, Severity.WARN, null, "generated", banned.size()));
            }
        }
        TermMatcher.Built built = TermMatcher.build(entries);
        matcher = built.matcher();
        terms = List.copyOf(banned);
        List<String> bannedList = new ArrayList<>(banned);
        texts = new ArrayList<>();
        for (int t = 0; t < TEXTS; t++) {
            StringBuilder text = new StringBuilder(TEXT_LENGTH + 16);
            while (text.length() < TEXT_LENGTH) {
                int pick = random.nextInt(20);
                if (pick == 0) {
                    text.append(bannedList.get(random.nextInt(bannedList.size())));   // a listed term
                } else if (pick == 1) {
                    text.append("，").append("保温杯 500ml ");                         // punctuation, Latin, digits
                } else {
                    text.append(randomChinese(random, 1 + random.nextInt(4)));
                }
            }
            texts.add(text.substring(0, TEXT_LENGTH));
        }
    }

    private static String randomChinese(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
        }
        return out.toString();
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void matcher(Blackhole blackhole) {
        for (String text : texts) {
            blackhole.consume(matcher.find(text));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public void naiveIndexOf(Blackhole blackhole) {
        for (String text : texts) {
            int found = 0;
            for (String term : terms) {
                for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
                    found++;
                }
            }
            blackhole.consume(found);
        }
    }
}
