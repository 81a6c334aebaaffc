package org.bert4rec.utils.pickle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * A Python object rebuilt from a pickle without running Python: the global it was made by ({@code module.name}),
 * the arguments it was called with (REDUCE / NEWOBJ) and the state it was given (BUILD).
 *
 * <p>The unpickler finds {@code __setstate__} by the exact class of the state, hence one overload per type a
 * pickle can carry.
 */
public final class PythonObject {
    private final String module;
    private final String name;
    private final Object[] args;
    private Object state;

    public PythonObject(String module, String name, Object[] args) {
        this.module = module;
        this.name = name;
        this.args = args;
    }

    /** {@code module.name}, e.g. {@code numpy.core.multiarray._reconstruct}. */
    public String global() {
        return module + "." + name;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public Object[] args() {
        return args;
    }

    /** Argument {@code i}, or null when there are fewer. */
    public Object arg(int i) {
        return i < args.length ? args[i] : null;
    }

    /** The BUILD state, or null when none was given. */
    public Object state() {
        return state;
    }

    public void __setstate__(HashMap<?, ?> s) {
        state = s;
    }

    public void __setstate__(Object[] s) {
        state = s;
    }

    public void __setstate__(ArrayList<?> s) {
        state = s;
    }

    public void __setstate__(HashSet<?> s) {
        state = s;
    }

    public void __setstate__(String s) {
        state = s;
    }

    public void __setstate__(byte[] s) {
        state = s;
    }

    public void __setstate__(Integer s) {
        state = s;
    }

    public void __setstate__(Long s) {
        state = s;
    }

    public void __setstate__(Boolean s) {
        state = s;
    }

    /** For code that walks the tree generically. */
    public List<Object> children() {
        List<Object> c = new ArrayList<>(List.of(args));
        if (state != null) {
            c.add(state);
        }
        return c;
    }

    @Override
    public String toString() {
        return global() + "(" + args.length + " args)";
    }
}
