package org.supportflow.nlu.entities;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.privacy.PiiMasker;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EntityExtractorTest {

    private final EntityExtractor extractor = new EntityExtractor(new PiiMasker());

    private List<EntityExtractor.Found> extract(String text) {
        return extractor.extract(text);
    }

    @Test
    void orderNumbers() {
        assertThat(extract("주문번호 2024112312345 배송 언제 와요?"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("order_number", "2024112312345"));
        assertThat(extract("Where is order ORD-20241123-0042?"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("order_number", "ORD-20241123-0042"));
        assertThat(extract("my order #558812 never came"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("order_number", "558812"));
        assertThat(extract("주문번호는 A-20241123 이에요")).extracting(EntityExtractor.Found::value)
                .containsExactly("A-20241123");
    }

    @Test
    void trackingNumbers() {
        assertThat(extract("송장번호 612345678901 조회가 안 돼요"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("tracking_number", "612345678901"));
        assertThat(extract("tracking number: 1Z999AA10123456784"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("tracking_number", "1Z999AA10123456784"));
    }

    @Test
    void dates() {
        assertThat(extract("2024-11-03에 주문했어요")).extracting(EntityExtractor.Found::value).containsExactly("2024-11-03");
        assertThat(extract("2024.3.5 결제")).extracting(EntityExtractor.Found::value).containsExactly("2024-03-05");
        assertThat(extract("11월 3일에 받았어요")).extracting(EntityExtractor.Found::value).containsExactly("--11-03");
        assertThat(extract("어제 주문했는데")).extracting(EntityExtractor.Found::value).containsExactly("yesterday");
        assertThat(extract("ordered on March 5th, 2024")).extracting(EntityExtractor.Found::value)
                .containsExactly("2024-03-05");
        assertThat(extract("delivered 5 Nov")).extracting(EntityExtractor.Found::value).containsExactly("--11-05");
        assertThat(extract("I ordered it last week")).extracting(EntityExtractor.Found::value)
                .containsExactly("last_week");
    }

    @Test
    void amounts() {
        assertThat(extract("35,000원 결제됐어요")).extracting(EntityExtractor.Found::value).containsExactly("35000 KRW");
        assertThat(extract("3만원 쿠폰")).extracting(EntityExtractor.Found::value).containsExactly("30000 KRW");
        assertThat(extract("3만 5천원이요")).extracting(EntityExtractor.Found::value).containsExactly("35000 KRW");
        assertThat(extract("₩12,500 charged")).extracting(EntityExtractor.Found::value).containsExactly("12500 KRW");
        assertThat(extract("I paid $49.99 twice")).extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("amount", "49.99 USD"));
        assertThat(extract("refund 20 dollars")).extracting(EntityExtractor.Found::value).containsExactly("20 USD");
    }

    @Test
    void personalValuesAreReportedMasked() {
        assertThat(extract("연락처 010-1234-5678, 메일 kim@example.com"))
                .extracting(EntityExtractor.Found::type, EntityExtractor.Found::value)
                .containsExactly(tuple("phone", "[PHONE]"), tuple("email", "[EMAIL]"));
    }

    @Test
    void cardAndResidentNumbersAreNeverOrderNumbersOrAmounts() {
        assertThat(extract("주문 4111111111111111 결제 건")).extracting(EntityExtractor.Found::type)
                .doesNotContain("order_number");
        assertThat(extract("주민번호 900101-1234567")).isEmpty();
    }

    @Test
    void entitiesComeInTextOrder() {
        assertThat(extract("어제 주문번호 123456789 건으로 35,000원 결제"))
                .extracting(EntityExtractor.Found::type).containsExactly("date", "order_number", "amount");
    }
}
