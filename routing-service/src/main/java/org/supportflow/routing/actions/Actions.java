package org.supportflow.routing.actions;

import org.jboss.logging.Logger;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.routing.decision.Verdict;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the active domain's actions for a message of a conversation the bot owns, inside routing's transaction
 * (under the conversation's row lock): the {@link FormMachine} decides, this class reads and writes the pending
 * form, calls the system and renders the answer.
 * <p>
 * The call happens inside the transaction: it is bounded by the action's timeout (capped by
 * {@code routing.actions.max-timeout}) and the circuit breaker, and holds one pooled connection and the
 * conversation's row lock that long, which only the same conversation's next message waits for. Moving it out
 * would need a second transaction and a re-check of the state for little gain at these timeouts. A transaction
 * routing a whole poll never makes the call: it asks with {@code mayCall=false} and routes a message that needs
 * one in a transaction of its own (see {@code MessageRouter#routeAll}).
 */
public final class Actions {

    private static final Logger LOG = Logger.getLogger(Actions.class);

    /**
     * What the bot does instead of the usual route, and what the action did ({@code step}, published with the
     * routed message). {@code callHeldBack}: nothing yet, the message needs a call the caller did not allow here
     * (see {@link #handle}); {@link #routesAsUsual()}: a form was abandoned and the message takes the usual route.
     */
    public record Outcome(String text, HandoffReason handoff, List<String> quickReplies, String language,
                          ActionStep step, boolean callHeldBack) {
        public Outcome {
            quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        }

        public Outcome(String text, HandoffReason handoff, String language, ActionStep step) {
            this(text, handoff, List.of(), language, step, false);
        }

        static Outcome heldBack() {
            return new Outcome(null, null, List.of(), null, null, true);
        }

        static Outcome usualRoute(ActionStep step) {
            return new Outcome(null, null, List.of(), null, step, false);
        }

        /** The message is routed as if no action existed (the step still says what happened to the form). */
        public boolean routesAsUsual() {
            return !callHeldBack && text == null && handoff == null;
        }

        /** A handoff, the text said before the handoff notice (may be null). */
        public boolean isHandoff() {
            return handoff != null;
        }
    }

    private final FormMachine machine = new FormMachine();
    private final FormStore forms;
    private final ActionCaller caller;
    private final ActionMetrics metrics;
    private final AtomicReference<ActionCatalog> catalog = new AtomicReference<>(ActionCatalog.empty());

    public Actions(FormStore forms, ActionCaller caller, ActionMetrics metrics) {
        this.forms = Objects.requireNonNull(forms);
        this.caller = Objects.requireNonNull(caller);
        this.metrics = Objects.requireNonNull(metrics);
    }

    /** The active domain's actions (from {@code nlu.domain}). */
    public void use(ActionCatalog actions) {
        catalog.set(Objects.requireNonNull(actions));
        for (String problem : actions.problems()) {
            LOG.warnf("domain action left out: %s", problem);
        }
        LOG.infof("%d domain action(s) in force", actions.all().size());
    }

    public ActionCatalog catalog() {
        return catalog.get();
    }

    /** The pending forms of the conversations a transaction holds locked, for {@link #handle}. */
    public PendingForms pendingForms(Collection<String> conversationIds) {
        return new PendingForms(forms, conversationIds);
    }

    /**
     * @param lockedForms the pending forms of the conversations the transaction holds locked
     *                    ({@link #pendingForms})
     * @param mayCall false inside a transaction shared by several messages: a message that needs the system
     *                is then answered {@link Outcome#callHeldBack()}, before anything of it is written, so that
     *                the caller can route it alone (the call holds its transaction open that long)
     * @return the bot's reply or handoff instead of the usual route; empty: route as usual
     */
    public Optional<Outcome> handle(Connection c, PendingForms lockedForms, String conversationId, NluResult nlu,
                                    Verdict verdict, boolean verifiedIdentity, String language, Instant now,
                                    boolean mayCall) throws SQLException {
        ActionCatalog actions = catalog.get();
        if (actions.all().isEmpty()) {
            return Optional.empty(); // a form left by an earlier domain is dropped once a domain with actions serves
        }
        Optional<PendingForm> pending = lockedForms.find(c, conversationId);
        FormMachine.Step step = machine.next(actions, pending, nlu, verdict, verifiedIdentity);
        if (!(step instanceof FormMachine.PassOn)) {
            language = pending.map(PendingForm::language).filter(Objects::nonNull).orElse(language);
        }
        switch (step) {
            case FormMachine.PassOn pass -> {
                if (!pass.abandoned()) {
                    return Optional.empty();
                }
                lockedForms.delete(c, conversationId);
                metrics.form(pass.abandonedAction(), "abandoned");
                return Optional.of(Outcome.usualRoute(ActionStep.abandoned(pass.abandonedAction())));
            }
            case FormMachine.NeedIdentity need -> {
                return Optional.of(new Outcome(need.action().answersIn(language).identity(), null, language,
                        ActionStep.identityRequired(need.action().name())));
            }
            case FormMachine.Ask ask -> {
                if (ask.attempts() == 0) {
                    metrics.form(ask.action().name(), "started");
                }
                lockedForms.save(c, conversationId, new PendingForm(ask.action().name(), ask.slot().name(),
                        ask.attempts(), language), now);
                return Optional.of(new Outcome(askText(ask.slot(), language), null, language,
                        ActionStep.asked(ask.action().name(), ask.slot().name(), ask.attempts())));
            }
            case FormMachine.GiveUp giveUp -> {
                lockedForms.delete(c, conversationId);
                metrics.form(giveUp.action().name(), "gave_up");
                return Optional.of(new Outcome(null, HandoffReason.SLOT_NOT_FILLED, language,
                        ActionStep.gaveUp(giveUp.action().name(),
                                pending.map(PendingForm::slot).orElse(null))));
            }
            case FormMachine.Call call -> {
                if (!mayCall) {
                    return Optional.of(Outcome.heldBack());
                }
                if (call.completedForm()) {
                    lockedForms.delete(c, conversationId);
                    metrics.form(call.action().name(), "completed");
                }
                long started = System.nanoTime();
                ActionCaller.Result result = caller.call(call.action(), call.slots());
                ActionStep called = ActionStep.called(call.action().name(), new TreeSet<>(call.slots().keySet())
                                .stream().toList(), call.completedForm(),
                        new ActionStep.Call(ActionCaller.outcomeOf(result), ActionCaller.statusOf(result),
                                Duration.ofNanos(System.nanoTime() - started).toMillis()));
                return Optional.of(answer(call.action(), result, language, called));
            }
        }
    }

    private static Outcome answer(ActionSpec action, ActionCaller.Result result, String language, ActionStep step) {
        ActionSpec.Answers texts = action.answersIn(language);
        String failed = texts.failed();
        return switch (result) {
            case ActionCaller.Ok ok -> new Outcome(AnswerTemplate.render(texts.ok(), ok.body())
                    .orElse(texts.missing() != null ? texts.missing() : failed), null, language, step);
            case ActionCaller.Status status -> texts.byStatus().containsKey(status.status())
                    ? new Outcome(texts.byStatus().get(status.status()), null, language, step)
                    : failure(action, failed, language, step);
            case ActionCaller.Failed f -> failure(action, failed, language, step);
        };
    }

    private static Outcome failure(ActionSpec action, String failed, String language, ActionStep step) {
        return action.onFailure() == ActionSpec.OnFailure.HANDOFF
                ? new Outcome(failed, HandoffReason.ACTION_FAILED, language, step)
                : new Outcome(failed, null, language, step);
    }

    private static String askText(ActionSpec.Slot slot, String language) {
        String text = slot.ask().get(language);
        return text != null ? text : slot.ask().get(new TreeSet<>(slot.ask().keySet()).first());
    }
}
