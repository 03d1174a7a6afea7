package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The decisions made in an experiment get a table of their own, {@code experiment_decision}, and
 * {@code decision_log} loses its experiment index.
 *
 * <p>Why: every decision paid one B-tree insert into {@code decision_log_experiment}, and most belong
 * to no experiment. V16 made that index partial on PostgreSQL; H2 has no partial indexes, and there
 * the entry (null, null) cost each logged row about a fifth of its write: a listing check logs a row
 * per term found, twenty for a long copy. Now only a decision of an experiment writes a second row,
 * here, and the results and the outcomes' look-up read this table. The experiment columns of
 * {@code decision_log} stay, written as before, so the log still says who decided what.
 *
 * <p>Java rather than SQL: the rows already logged are copied over with ids of their own, and the
 * sequence then starts after them, which portable SQL cannot compute.
 */
public class V17__ExperimentDecisionsOfTheirOwn extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table experiment_decision (
                        id                 bigint       not null primary key,
                        rule_set           varchar(64)  not null,
                        experiment         varchar(64)  not null,
                        variant            varchar(16)  not null,
                        experiment_subject varchar(128),
                        type               varchar(64)  not null,
                        decided_at         timestamp with time zone not null
                    )""");
            statement.execute("create index experiment_decision_subject"
                    + " on experiment_decision (experiment, experiment_subject)");
            statement.execute("""
                    insert into experiment_decision (id, rule_set, experiment, variant, experiment_subject, type, decided_at)
                    select id, rule_set, experiment, variant, experiment_subject, type, decided_at
                    from decision_log where experiment is not null""");
            long next = 1;
            try (ResultSet highest = statement.executeQuery("select max(id) from experiment_decision")) {
                if (highest.next()) {
                    next = highest.getLong(1) + 1;
                }
            }
            statement.execute("create sequence experiment_decision_seq start with " + next + " increment by 1");
            statement.execute("drop index decision_log_experiment");
        }
    }
}
