package io.shoprules.jobs;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A Quartz scheduler on the service's own database (the tables of migration V13), clustered:
 * instances on one database share the triggers, each fire goes to one of them, and the fires an
 * instance had under way when it stopped checking in are recovered by another.
 */
final class ClusteredScheduler {

    private static final String DATA_SOURCE = "shoprules";

    private ClusteredScheduler() {
    }

    /** A scheduler, not yet started, whose jobs are made by {@code jobs}. */
    static Scheduler start(DataSource dataSource, String databaseKind, String instanceName, Duration checkin,
                           JobFactory jobs) throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public void initialize() {
            }
        });
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "shop-rules");
        properties.setProperty("org.quartz.scheduler.instanceId", instanceName);
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.threadsInheritContextClassLoaderOfInitializer", "true");
        properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        // one thread per job that may run at once here; scans are bounded by the database anyway
        properties.setProperty("org.quartz.threadPool.threadCount", "4");
        properties.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", "postgresql".equals(databaseKind)
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkin.toMillis()));
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.setJobFactory(jobs);
        return scheduler;
    }
}
