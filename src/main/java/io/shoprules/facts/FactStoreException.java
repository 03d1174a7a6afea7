package io.shoprules.facts;

/** The fact table could not be read or written (a database fault, not bad input). */
public class FactStoreException extends RuntimeException {

    public FactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
