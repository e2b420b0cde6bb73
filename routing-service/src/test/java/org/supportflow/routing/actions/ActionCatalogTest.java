package org.supportflow.routing.actions;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ActionCatalogTest {

    @Test
    void theShopBundleDeclaresItsTwoActions() {
        ActionCatalog catalog = ShopActions.catalog();

        assertThat(catalog.problems()).isEmpty();
        ActionSpec status = catalog.forIntent("order_status").orElseThrow();
        assertThat(status.name()).isEqualTo("order_status_lookup");
        assertThat(status.system()).isEqualTo("shop-orders");
        assertThat(status.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(status.identity()).isEqualTo(ActionSpec.Identity.NONE);
        assertThat(status.slots()).singleElement().satisfies(s -> {
            assertThat(s.pattern().matcher("20261201-77812").matches()).isTrue();
            assertThat(s.ask()).containsKeys("ko", "en");
        });
        assertThat(status.answersIn("en").byStatus()).containsKey(404);
        ActionSpec cancel = catalog.forIntent("order_cancel").orElseThrow();
        assertThat(cancel.identity()).isEqualTo(ActionSpec.Identity.VERIFIED);
        assertThat(cancel.answersIn("ko").byStatus()).containsKeys(404, 409);
        assertThat(catalog.forIntent("shipping_info")).isEmpty();
    }

    @Test
    void aBrokenActionIsLeftOutWithItsReasonAndTheOthersServe() {
        ActionCatalog catalog = ActionCatalog.parse("""
                {"intents": [
                  {"name": "a", "action": {"name": "ok_one", "system": "s", "path": "/x/{n}",
                     "slots": [{"name": "n", "pattern": "\\\\d+", "ask": {"en": "Which?"}}],
                     "answers": {"en": {"ok": "{v}", "failed": "down"}}}},
                  {"name": "b", "action": {"name": "bad", "system": "s", "path": "https://evil.example/x",
                     "answers": {"en": {"ok": "{v}", "failed": "down"}}}},
                  {"name": "c", "action": {"name": "bad_regex", "system": "s", "path": "/y",
                     "slots": [{"name": "n", "pattern": "(", "ask": {"en": "?"}}],
                     "answers": {"en": {"ok": "{v}", "failed": "down"}}}}
                ]}""");

        assertThat(catalog.all()).extracting(ActionSpec::name).containsExactly("ok_one");
        assertThat(catalog.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("/intents/1/action: path"))
                .anySatisfy(p -> assertThat(p).contains("not a regular expression"));
    }
}
