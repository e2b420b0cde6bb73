package org.supportflow.contracts.taxonomy;

/** Agent presence (CONTRACT.md §2). Only ONLINE agents receive new conversations. */
public enum AgentStatus {
    ONLINE, AWAY, OFFLINE
}
