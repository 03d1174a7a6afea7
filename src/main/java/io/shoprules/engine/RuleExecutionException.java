package io.shoprules.engine;

/** A rule failed while it ran (for example a consequence threw on unexpected data). */
public class RuleExecutionException extends RuntimeException {

    public RuleExecutionException(String ruleSet, String version, Throwable cause) {
        super("rule set " + ruleSet + " (" + version + ") failed while evaluating: " + rootMessage(cause), cause);
    }

    protected RuleExecutionException(String message) {
        super(message);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
