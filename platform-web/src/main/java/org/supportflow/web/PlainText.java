package org.supportflow.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person wrote: no control characters (C0, DEL, C1) and no lone UTF-16 surrogates. A NUL is valid
 * JSON that PostgreSQL cannot store, so accepting one would fail later, past the point where the caller can be
 * told. Tabs and line breaks are allowed unless {@link #lineBreaks()} is false (ids, names).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters";

    boolean lineBreaks() default true;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<PlainText, String> {

        private boolean lineBreaks;

        @Override
        public void initialize(PlainText annotation) {
            lineBreaks = annotation.lineBreaks();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPlain(value, lineBreaks);
        }

        /** The rule itself, for code that validates by hand (the gateway's ingestion parser). */
        public static boolean isPlain(String value, boolean lineBreaksAllowed) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean allowedWhitespace = lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r');
                if (Character.isISOControl(c) && !allowedWhitespace) {
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
