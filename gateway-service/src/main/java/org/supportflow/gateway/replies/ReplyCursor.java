package org.supportflow.gateway.replies;

import org.supportflow.web.ApiException;

/**
 * The polling cursor: opaque to channels, the sequence of the last reply they have seen. An absent cursor
 * means "from the start".
 */
public final class ReplyCursor {

    public static final long START = 0;

    private ReplyCursor() {
    }

    public static long parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        if (cursor.length() > 19 || !cursor.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("invalid_cursor", "after must be a cursor returned as 'next'");
        }
        return Long.parseLong(cursor);
    }

    public static String format(long sequence) {
        return Long.toString(sequence);
    }
}
