package org.bert4rec.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A real boolean for the seed's {@code --flag VALUE} options: the seed's argparse {@code type=bool} took any value,
 * {@code False} included, as true. {@code --flag} alone means true; a following (or {@code =}-attached) word true/false,
 * 1/0, yes/no or y/n (any case) sets it; anything else attached is a usage error.
 *
 * <p>A preprocessor rather than a converter, because picocli consumes the optional value of a boolean option only
 * when it reads "true" or "false", so {@code --is_train 0} would leave "0" unmatched: the word is rewritten to
 * true or false before picocli looks at it.
 */
public final class BooleanFlag implements IParameterPreprocessor {

    /** The value of a boolean word, or empty. */
    static Optional<Boolean> parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> Optional.of(true);
            case "false", "0", "no", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        if (args.isEmpty()) {
            return false;                                   // the flag alone: picocli applies fallbackValue true
        }
        Optional<Boolean> next = parse(args.peek());
        if (next.isPresent()) {
            args.pop();
            args.push(next.get().toString());               // picocli consumes "true" and "false" itself
        } else if (!" ".equals(info.get("separator"))) {    // --flag=value: the value must be a boolean word
            String name = argSpec.isOption() ? ((CommandLine.Model.OptionSpec) argSpec).longestName()
                    : argSpec.paramLabel();
            throw new CommandLine.ParameterException(commandSpec.commandLine(), name
                    + ": expected true or false (also 1/0, yes/no), got '" + args.peek() + "'");
        }
        return false;
    }
}
