package org.supportflow.nlu.messaging;

/** Reactive-messaging channel names of nlu-service (topics are configured in application.properties). */
public final class Channels {

    /** {@code conversation.inbound}, group {@code nlu-service}. */
    public static final String INBOUND = "inbound";
    /** {@code conversation.classified}. */
    public static final String CLASSIFIED = "classified";
    /** {@code nlu.feedback}, group {@code nlu-service}. */
    public static final String FEEDBACK = "feedback";
    /** {@code customer.erasure}, group {@code nlu-service}. */
    public static final String ERASURE = "erasure";
    /** {@code nlu.domain}, a group per replica: the active domain. */
    public static final String DOMAIN_IN = "domain-in";
    /** {@code nlu.domain}: promotions and rollbacks. */
    public static final String DOMAIN_OUT = "domain-out";

    private Channels() {
    }
}
