package dev.shortlist.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A text input gives its text, or names an uploaded document (or, where allowed, a stored posting): exactly one. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TextOrDocument.Validator.class)
public @interface TextOrDocument {

    String message() default "give text, documentId or postingId";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What the constraint reads: a text, or a document id. */
    interface Given {

        String text();

        java.util.UUID documentId();

        /** A stored posting's id; only job descriptions have one. */
        default java.util.UUID postingId() {
            return null;
        }
    }

    class Validator implements ConstraintValidator<TextOrDocument, Given> {

        @Override
        public boolean isValid(Given input, ConstraintValidatorContext context) {
            int given = (input == null ? 1 : 0) + (input != null && input.text() != null ? 1 : 0)
                    + (input != null && input.documentId() != null ? 1 : 0) + (input != null && input.postingId() != null ? 1 : 0);
            if (given == 1) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            String message = given == 0 ? "must not be null (or give documentId)" : "give only one of text, documentId and postingId";
            context.buildConstraintViolationWithTemplate(message).addPropertyNode("text").addConstraintViolation();
            return false;
        }
    }
}
