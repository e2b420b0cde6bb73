package org.supportflow.web.jdbc;

/** A database operation that failed for good (after retries where retrying makes sense). */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
