package dev.shortlist.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A text input gives its text, or names an uploaded document: exactly one of the two. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TextOrDocument.Validator.class)
public @interface TextOrDocument {

    String message() default "give text or documentId";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What the constraint reads: a text, or a document id. */
    interface Given {

        String text();

        java.util.UUID documentId();
    }

    class Validator implements ConstraintValidator<TextOrDocument, Given> {

        @Override
        public boolean isValid(Given input, ConstraintValidatorContext context) {
            if (input == null || (input.text() == null) != (input.documentId() == null)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            String message = input.text() == null ? "must not be null (or give documentId)" : "give either text or documentId, not both";
            context.buildConstraintViolationWithTemplate(message).addPropertyNode("text").addConstraintViolation();
            return false;
        }
    }
}
