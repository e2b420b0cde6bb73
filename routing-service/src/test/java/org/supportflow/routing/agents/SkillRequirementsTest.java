package org.supportflow.routing.agents;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SkillRequirementsTest {

    private final SkillRequirements requirements = new SkillRequirements(true, "ko", Set.of("ko", "EN"),
            Map.of("payment_issue", "Billing"));

    @Test
    void theMessageLanguageIsRequired() {
        assertThat(requirements.requiredFor("en", "order_status")).containsExactly("en");
        assertThat(requirements.requiredFor("KO-kr", "order_status")).containsExactly("ko");
    }

    @Test
    void theDefaultLanguageWhenTheNluGivesNone() {
        assertThat(requirements.requiredFor(null, "complaint")).containsExactly("ko");
        assertThat(requirements.requiredFor(" ", "complaint")).containsExactly("ko");
    }

    @Test
    void aLanguageNobodyIsStaffedForNeedsTheDefaultLanguage() {
        assertThat(requirements.requiredFor("ja", "complaint")).containsExactly("ko");
    }

    @Test
    void intentSkillsAreAddedLowerCased() {
        assertThat(requirements.requiredFor("ko", "payment_issue")).containsExactlyInAnyOrder("ko", "billing");
    }

    @Test
    void languageCanBeLeftOut() {
        var anyLanguage = new SkillRequirements(false, "ko", Set.of("ko"), Map.of());

        assertThat(anyLanguage.requiredFor("en", "complaint")).isEmpty();
    }
}
