package io.shoprules.listing;

import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code listing} rule set checks listing copy for banned terms and certificates for expiry.
 * Its term lists ({@code rules/listing/*.terms}) become the {@link TermMatcher} the rules call as
 * the global {@code terms}, and its category lists ({@code *.categories}) the
 * {@link MedicalCategories} they call as {@code medicalCategories}, both built once per version; a
 * list that cannot be read rejects the version.
 */
@ApplicationScoped
public class ListingRuleSet implements RuleSetDefinition {

    public static final String NAME = "listing";
    static final String MATCHER_GLOBAL = "terms";
    static final String CATEGORIES_GLOBAL = "medicalCategories";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> factType() {
        return Listing.class;
    }

    @Override
    public String factId(Object fact) {
        return ((Listing) fact).listingId();
    }

    @Override
    public Map<String, Object> globals(RuleSetSource source) {
        TermLists.Parsed parsed = TermLists.parse(filesEndingIn(source, TermLists.SUFFIX));
        TermMatcher.Built built = TermMatcher.build(parsed.terms());
        MedicalCategories.Parsed categories = MedicalCategories.parse(filesEndingIn(source, MedicalCategories.SUFFIX));
        List<RuleFileError> errors = new ArrayList<>(parsed.errors());
        errors.addAll(built.errors());
        errors.addAll(categories.errors());
        if (!errors.isEmpty()) {
            throw new RuleSetRejectedException(NAME, errors);
        }
        return Map.of(MATCHER_GLOBAL, built.matcher(), CATEGORIES_GLOBAL, categories.categories());
    }

    private static Map<String, String> filesEndingIn(RuleSetSource source, String suffix) {
        Map<String, String> lists = new TreeMap<>();
        source.files().keySet().stream()
                .filter(file -> file.endsWith(suffix))
                .forEach(file -> lists.put(file, source.text(file)));
        return lists;
    }
}
