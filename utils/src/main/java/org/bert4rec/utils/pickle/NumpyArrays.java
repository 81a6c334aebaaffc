package org.bert4rec.utils.pickle;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets the numpy parts of a pickle: arrays ({@code _reconstruct} + BUILD state, or protocol 5's
 * {@code _frombuffer}), dtypes and scalars. Numeric dtypes i1..i8, u1..u8, f4, f8 and b1 in either byte order, and
 * object arrays, are supported; others (datetimes, strings of fixed width) are reported by name.
 */
public final class NumpyArrays {
    private NumpyArrays() {
    }

    /** True when {@code o} is a numpy array node this class can decode. */
    public static boolean isArray(Object o) {
        return o instanceof PythonObject p && (p.name().equals("_reconstruct") || p.name().equals("_frombuffer"));
    }

    /** Decodes a numpy array node. */
    public static NdArray decode(Object o) {
        if (!(o instanceof PythonObject p)) {
            throw new IllegalArgumentException("expected a numpy array, found " + describe(o));
        }
        if (p.name().equals("_frombuffer")) {
            // _frombuffer(buffer, dtype, shape, order)
            int[] shape = shape(p.arg(2));
            boolean fortran = "F".equals(p.arg(3));
            return new NdArray(shape, fortran, elements(bytes(p.arg(0)), dtype(p.arg(1))));
        }
        if (p.name().equals("_reconstruct")) {
            if (!(p.state() instanceof Object[] st)) {
                throw new IllegalArgumentException("numpy array without state");
            }
            // state: (version, shape, dtype, is_fortran, data) or without the version
            int base = st.length == 5 ? 1 : 0;
            int[] shape = shape(st[base]);
            DType dt = dtype(st[base + 1]);
            boolean fortran = Boolean.TRUE.equals(st[base + 2]);
            Object raw = st[base + 3];
            if (dt.kind == 'O') {
                if (!(raw instanceof List<?> list)) {
                    throw new IllegalArgumentException("object array without a list of values");
                }
                List<Object> vals = new ArrayList<>(list.size());
                for (Object v : list) {
                    vals.add(python(v));
                }
                return new NdArray(shape, fortran, vals);
            }
            return new NdArray(shape, fortran, elements(bytes(raw), dt));
        }
        throw new IllegalArgumentException("expected a numpy array, found " + p.global());
    }

    /**
     * Converts a value from an object array or a dict into plain Java: numpy scalars and Python ints become Long
     * (or Double / Boolean), lists are converted element-wise, numpy arrays become lists of their values.
     */
    public static Object python(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof PythonObject p) {
            if (p.name().equals("scalar")) {
                List<Object> one = elements(bytes(p.arg(1)), dtype(p.arg(0)));
                return one.get(0);
            }
            if (isArray(p)) {
                return decode(p).values();
            }
            return p;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(python(e));
            }
            return out;
        }
        if (v instanceof Object[] tuple) {
            List<Object> out = new ArrayList<>(tuple.length);
            for (Object e : tuple) {
                out.add(python(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, val) -> out.put(python(k), python(val)));
            return out;
        }
        return v;
    }

    /** A numpy dtype: kind ('i', 'u', 'f', 'b', 'O', ...), item size in bytes, and byte order. */
    record DType(char kind, int size, ByteOrder order) {
    }

    static DType dtype(Object o) {
        if (!(o instanceof PythonObject p) || !p.name().equals("dtype") || !(p.arg(0) instanceof String code)) {
            throw new IllegalArgumentException("expected a numpy dtype, found " + describe(o));
        }
        char kind = code.charAt(0);
        int size = code.length() > 1 ? Integer.parseInt(code.substring(1)) : 0;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (p.state() instanceof Object[] st && st.length > 1 && ">".equals(st[1])) {
            order = ByteOrder.BIG_ENDIAN;
        }
        return new DType(kind, size, order);
    }

    private static int[] shape(Object o) {
        if (o instanceof Object[] t) {
            int[] s = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                s[i] = ((Number) t[i]).intValue();
            }
            return s;
        }
        if (o instanceof Number n) {
            return new int[] {n.intValue()};
        }
        throw new IllegalArgumentException("expected a numpy shape, found " + describe(o));
    }

    /** Protocol 2 pickles raw bytes as a latin-1 str (numpy reads them with encoding='latin1'). */
    private static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new IllegalArgumentException("expected raw array bytes, found " + describe(o));
    }

    private static List<Object> elements(byte[] raw, DType dt) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(dt.order());
        int n = dt.size() == 0 ? 0 : raw.length / dt.size();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(switch (dt.kind()) {
                case 'i' -> switch (dt.size()) {
                    case 1 -> (long) b.get();
                    case 2 -> (long) b.getShort();
                    case 4 -> (long) b.getInt();
                    case 8 -> b.getLong();
                    default -> throw unsupported(dt);
                };
                case 'u' -> switch (dt.size()) {
                    case 1 -> (long) (b.get() & 0xff);
                    case 2 -> (long) (b.getShort() & 0xffff);
                    case 4 -> b.getInt() & 0xffffffffL;
                    case 8 -> b.getLong();
                    default -> throw unsupported(dt);
                };
                case 'f' -> switch (dt.size()) {
                    case 4 -> (double) b.getFloat();
                    case 8 -> b.getDouble();
                    default -> throw unsupported(dt);
                };
                case 'b' -> b.get() != 0;
                default -> throw unsupported(dt);
            });
        }
        return out;
    }

    private static IllegalArgumentException unsupported(DType dt) {
        return new IllegalArgumentException("numpy dtype " + dt.kind() + dt.size() + " is not supported");
    }

    static String describe(Object o) {
        return o == null ? "None" : o instanceof PythonObject p ? p.global() : o.getClass().getSimpleName();
    }
}
