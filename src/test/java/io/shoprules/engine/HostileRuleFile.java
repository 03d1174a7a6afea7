package io.shoprules.engine;

/** A rule file that tries to reach outside the rule engine, and what its refusal must mention. */
record HostileRuleFile(String name, String drl, String refused) {

    /** A file of {@code header} whose one rule matches any {@code fact} and runs {@code java} in its consequence. */
    static HostileRuleFile consequence(String header, String fact, String name, String java, String refused) {
        return new HostileRuleFile(name, header + """
                rule "hostile"
                when
                    $s : %s()
                then
                    %s
                end
                """.formatted(fact, java), refused);
    }

    @Override
    public String toString() {
        return name;
    }
}
