package org.supportflow.analytics.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerKeysTest {

    @Test
    void keyIsStableHexAndDoesNotContainTheId() {
        CustomerKeys keys = new CustomerKeys("secret-one");
        String key = keys.keyOf("cust-42");
        assertThat(key).hasSize(64).matches("[0-9a-f]+").doesNotContain("cust-42");
        assertThat(keys.keyOf("cust-42")).isEqualTo(key);
        assertThat(keys.keyOf("cust-43")).isNotEqualTo(key);
    }

    @Test
    void keyDependsOnTheSecret() {
        assertThat(new CustomerKeys("secret-one").keyOf("cust-42"))
                .isNotEqualTo(new CustomerKeys("secret-two").keyOf("cust-42"));
    }

    @Test
    void noIdNoKey() {
        CustomerKeys keys = new CustomerKeys("secret-one");
        assertThat(keys.keyOf(null)).isNull();
        assertThat(keys.keyOf(" ")).isNull();
    }

    @Test
    void refusesABlankSecret() {
        assertThatThrownBy(() -> new CustomerKeys(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
