package io.shoprules.jobs;

/** A job's cron expression in configuration cannot be read; the service refuses to start. */
public class InvalidCronException extends RuntimeException {

    public InvalidCronException(String message) {
        super(message);
    }
}
