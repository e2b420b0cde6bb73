package org.supportflow.contracts.taxonomy;

/** Ticket and queue priority, lowest first (CONTRACT.md §2). */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public boolean isAtLeast(Priority other) {
        return compareTo(other) >= 0;
    }

    public static Priority max(Priority a, Priority b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
