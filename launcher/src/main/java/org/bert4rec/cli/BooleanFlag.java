package org.bert4rec.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A real boolean for the seed's {@code --flag VALUE} options: the seed's argparse {@code type=bool} took any value,
 * {@code False} included, as true. Accepts true/false, 1/0, yes/no (any case); anything else is a usage error.
 */
public final class BooleanFlag implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw new TypeConversionException("expected true or false (also 1/0, yes/no), got '"
                    + value + "'");
        };
    }
}
