package org.supportflow.benchmarks.load;

import java.util.BitSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Who sends what in each slot of a run, decided before the run (so the driver does no planning while it sends):
 * customers hold conversations of several messages, each message a think time after the previous one, while new
 * customers keep arriving. Slot {@code i} is the i-th message on the schedule.
 *
 * <p>Every new conversation takes the next customer of a shuffled population, so a run has as many distinct
 * customers as conversations, up to the population (after that customers come back for a new conversation). A
 * customer writes in one language throughout. A request for a person ends its conversation: the customer then
 * waits for an agent, which the driver does not play. Conversations still open when the run ends are cut short.
 *
 * @param customer  per slot, the customer's index in the population
 * @param korean    per slot, whether the message is Korean (else English)
 * @param handoff   per slot, whether it asks for a person
 * @param text      per slot, index into the language's everyday or handoff texts
 */
record ConversationPlan(int[] customer, BitSet korean, BitSet handoff, int[] text) {

    /**
     * @param population            customers to draw from
     * @param meanMessages          mean messages per conversation (lengths uniform in 1 .. 2 x mean - 1)
     * @param thinkSlots            mean slots between two messages of a conversation (think time x rate),
     *                              jittered uniformly by ±50%
     * @param everydayTexts         number of everyday texts per language (Korean, English)
     * @param handoffTexts          number of requests for a person per language (Korean, English)
     */
    record Shape(int population, int meanMessages, double thinkSlots, double koreanShare, double handoffShare,
                 int[] everydayTexts, int[] handoffTexts) {
        Shape {
            if (population <= 0 || meanMessages <= 0 || thinkSlots < 0) {
                throw new IllegalArgumentException("population and mean messages must be positive");
            }
        }
    }

    private static final class Conversation {
        final int customer;
        final boolean korean;
        int remaining;
        long dueSlot;

        Conversation(int customer, boolean korean, int remaining) {
            this.customer = customer;
            this.korean = korean;
            this.remaining = remaining;
        }
    }

    int size() {
        return customer.length;
    }

    static ConversationPlan of(int messages, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] population = shuffled(shape.population(), random);
        int[] customer = new int[messages];
        int[] text = new int[messages];
        BitSet korean = new BitSet(messages);
        BitSet handoff = new BitSet(messages);
        PriorityQueue<Conversation> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.dueSlot, b.dueSlot));
        int started = 0;
        for (int slot = 0; slot < messages; slot++) {
            Conversation conversation;
            if (!waiting.isEmpty() && waiting.peek().dueSlot <= slot) {
                conversation = waiting.poll();
            } else {
                conversation = new Conversation(population[started++ % population.length],
                        random.nextDouble() < shape.koreanShare(), 1 + random.nextInt(2 * shape.meanMessages() - 1));
            }
            int language = conversation.korean ? 0 : 1;
            boolean asksForPerson = random.nextDouble() < shape.handoffShare();
            customer[slot] = conversation.customer;
            korean.set(slot, conversation.korean);
            handoff.set(slot, asksForPerson);
            text[slot] = random.nextInt(asksForPerson ? shape.handoffTexts()[language] : shape.everydayTexts()[language]);
            if (--conversation.remaining > 0 && !asksForPerson) {
                conversation.dueSlot = slot + Math.max(1, Math.round(shape.thinkSlots() * (0.5 + random.nextDouble())));
                waiting.add(conversation);
            }
        }
        return new ConversationPlan(customer, korean, handoff, text);
    }

    private static int[] shuffled(int size, SplittableRandom random) {
        int[] values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
