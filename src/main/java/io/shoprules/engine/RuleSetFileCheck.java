package io.shoprules.engine;

/**
 * A feature's check of a data file any rule set may hold (for example {@code actions.yaml}), run
 * whenever a version is compiled or checked: a draft with a broken file is rejected like a rule that
 * does not compile, so what serves never reads a file it cannot understand. Features register one as
 * a CDI bean; the engine knows none by name.
 */
public interface RuleSetFileCheck {

    /**
     * Checks the files of {@code source} this check is about; does nothing when there are none.
     *
     * @throws RuleSetRejectedException naming file, line and column of what is wrong
     */
    void check(RuleSetSource source);
}
