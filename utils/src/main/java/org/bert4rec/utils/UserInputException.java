package org.bert4rec.utils;

/**
 * Bad input that the user can fix: a missing file, a wrong column, a mismatched config.
 *
 * <p>The message is one line that names the file, field or flag, says what was expected and what to do. The
 * launcher prints it without a stack trace and exits with status 1.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
