package org.supportflow.routing.flow;

import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a unit of routing work publishes once its transaction has committed: the routed message,
 * the replies to the customer, and agent assignments (in that order).
 */
public record Effects(List<RoutedMessageEvent> routed, List<OutboundMessageEvent> outbound,
                      List<AgentAssignmentEvent> assignments) {

    public Effects {
        routed = List.copyOf(routed);
        outbound = List.copyOf(outbound);
        assignments = List.copyOf(assignments);
    }

    public static Effects none() {
        return new Effects(List.of(), List.of(), List.of());
    }

    public static Effects ofAssignments(List<AgentAssignmentEvent> assignments) {
        return new Effects(List.of(), List.of(), assignments);
    }

    /** The effects of several units of work, in their order (one copy, however many there are). */
    public static Effects concat(List<Effects> all) {
        List<RoutedMessageEvent> r = new ArrayList<>();
        List<OutboundMessageEvent> o = new ArrayList<>();
        List<AgentAssignmentEvent> a = new ArrayList<>();
        for (Effects effects : all) {
            r.addAll(effects.routed);
            o.addAll(effects.outbound);
            a.addAll(effects.assignments);
        }
        return new Effects(r, o, a);
    }

    public Effects plus(Effects other) {
        List<RoutedMessageEvent> r = new ArrayList<>(routed);
        r.addAll(other.routed);
        List<OutboundMessageEvent> o = new ArrayList<>(outbound);
        o.addAll(other.outbound);
        List<AgentAssignmentEvent> a = new ArrayList<>(assignments);
        a.addAll(other.assignments);
        return new Effects(r, o, a);
    }

    public boolean isEmpty() {
        return routed.isEmpty() && outbound.isEmpty() && assignments.isEmpty();
    }
}
