package org.supportflow.contracts.taxonomy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Kinds of customer channel (CONTRACT.md §1). */
public enum ChannelType {
    WEB, KAKAO, MESSENGER, SMS, EMAIL, GENERIC;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChannelType fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
