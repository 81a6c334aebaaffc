package org.bert4rec.utils;

/**
 * A command-line flag whose value is outside its range (a batch size of 0, a probability of 2): a usage error, so
 * the launcher exits with status 2 as it does for a flag it cannot parse, and points at {@code --help}. The check
 * lives beside the option it guards (the options records), where picocli's parser cannot see it.
 */
public class FlagValueException extends UserInputException {
    public FlagValueException(String message) {
        super(message);
    }
}
