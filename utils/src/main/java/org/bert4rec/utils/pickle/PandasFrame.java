package org.bert4rec.utils.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pandas DataFrame read from a pickle, as columns of Java values (see {@link NumpyArrays#python}).
 *
 * <p>Reads the layouts pandas 1.x and 2.x pickle: {@code DataFrame} with state {@code _mgr} =
 * {@code BlockManager(blocks, axes)} built by REDUCE, whose blocks are {@code _unpickle_block(values, placement,
 * ndim)}; and the older BUILD state {@code (axes, values, items, {"0.14.1": {"axes", "blocks"}})}.
 */
public final class PandasFrame {
    private final Map<String, List<Object>> columns;
    private final int rows;

    private PandasFrame(Map<String, List<Object>> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** True when {@code o} is an unpickled DataFrame. */
    public static boolean isFrame(Object o) {
        return o instanceof PythonObject p && p.global().equals("pandas.core.frame.DataFrame");
    }

    /** Decodes an unpickled DataFrame; a layout this reader does not know is an IllegalArgumentException. */
    public static PandasFrame decode(Object o) {
        if (!isFrame(o)) {
            throw new IllegalArgumentException("expected a pandas DataFrame, found " + NumpyArrays.describe(o));
        }
        Object st = ((PythonObject) o).state();
        Object mgr = st instanceof Map<?, ?> m ? (m.containsKey("_mgr") ? m.get("_mgr") : m.get("_data")) : null;
        if (!(mgr instanceof PythonObject manager)) {
            throw new IllegalArgumentException("DataFrame without a block manager");
        }
        List<?> axes;
        List<Object[]> blocks = new ArrayList<>(); // (values, placement)
        if (manager.args().length >= 2 && manager.arg(0) instanceof Object[] blockTuple) {
            axes = (List<?>) manager.arg(1);
            for (Object b : blockTuple) {
                PythonObject block = (PythonObject) b;
                blocks.add(new Object[] {block.arg(0), block.arg(1)});
            }
        } else if (manager.state() instanceof Object[] legacy && legacy.length >= 4
                && legacy[3] instanceof Map<?, ?> extra && extra.get("0.14.1") instanceof Map<?, ?> v) {
            axes = (List<?>) v.get("axes");
            for (Object b : (List<?>) v.get("blocks")) {
                Map<?, ?> block = (Map<?, ?>) b;
                blocks.add(new Object[] {block.get("values"), block.get("mgr_locs")});
            }
        } else {
            throw new IllegalArgumentException("unknown pandas block manager layout");
        }
        List<String> names = indexLabels(axes.get(0));
        int rows = indexLength(axes.get(1));
        Map<Integer, List<Object>> byPosition = new java.util.HashMap<>();
        for (Object[] b : blocks) {
            NdArray values = NumpyArrays.decode(b[0]);
            int[] positions = placement(b[1], values.rows());
            for (int r = 0; r < positions.length; r++) {
                List<Object> col = values.shape().length == 1 ? values.values() : values.row(r);
                byPosition.put(positions[r], col);
            }
        }
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            List<Object> col = byPosition.get(i);
            if (col == null) {
                throw new IllegalArgumentException("column " + names.get(i) + " has no data block");
            }
            cols.put(names.get(i), Collections.unmodifiableList(col));
        }
        return new PandasFrame(cols, rows);
    }

    /** Column names in frame order. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** The values of a column, or null when there is no such column. */
    public List<Object> column(String name) {
        return columns.get(name);
    }

    public int rowCount() {
        return rows;
    }

    private static List<String> indexLabels(Object index) {
        Object data = indexState(index).get("data");
        List<String> out = new ArrayList<>();
        if (data != null) {
            for (Object v : NumpyArrays.decode(data).values()) {
                out.add(String.valueOf(v));
            }
            return out;
        }
        int n = indexLength(index);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf(i));
        }
        return out;
    }

    private static int indexLength(Object index) {
        Map<?, ?> st = indexState(index);
        if (st.get("data") != null) {
            return NumpyArrays.decode(st.get("data")).values().size();
        }
        long start = ((Number) NumpyArrays.python(st.get("start"))).longValue();
        long stop = ((Number) NumpyArrays.python(st.get("stop"))).longValue();
        long step = ((Number) NumpyArrays.python(st.get("step"))).longValue();
        return (int) Math.max(0, (stop - start + step - Long.signum(step)) / step);
    }

    private static Map<?, ?> indexState(Object index) {
        if (index instanceof PythonObject p && p.name().equals("_new_Index") && p.arg(1) instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("unknown pandas index layout " + NumpyArrays.describe(index));
    }

    private static int[] placement(Object p, int count) {
        if (p instanceof PythonObject po && po.name().equals("BlockPlacement")) {
            p = po.arg(0);
        }
        if (p instanceof PythonObject slice && slice.name().equals("slice")) {
            long start = slice.arg(0) == null ? 0 : ((Number) slice.arg(0)).longValue();
            long step = slice.arg(2) == null ? 1 : ((Number) slice.arg(2)).longValue();
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = (int) (start + i * step);
            }
            return out;
        }
        if (NumpyArrays.isArray(p)) {
            List<Object> v = NumpyArrays.decode(p).values();
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) v.get(i)).intValue();
            }
            return out;
        }
        throw new IllegalArgumentException("unknown pandas block placement " + NumpyArrays.describe(p));
    }
}
