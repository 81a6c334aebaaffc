package org.bert4rec.utils.pickle;

import java.util.ArrayList;
import java.util.List;

/**
 * A numpy array read from a pickle: its shape, memory order and elements as Java values (Long for integers,
 * Double for floats, Boolean, or the converted Python objects of an object array).
 *
 * @param shape   numpy shape
 * @param fortran true when the elements are stored column-major
 * @param values  every element in storage order
 */
public record NdArray(int[] shape, boolean fortran, List<Object> values) {

    /** Number of rows of a 2-D array ({@code shape[0]}), or 1 for a 1-D array. */
    public int rows() {
        return shape.length == 2 ? shape[0] : 1;
    }

    /** Number of columns of a 2-D array ({@code shape[1]}), or the length of a 1-D array. */
    public int cols() {
        return shape.length == 2 ? shape[1] : shape.length == 1 ? shape[0] : 1;
    }

    /** Row {@code r} of a 2-D array (or the whole 1-D array for r = 0), honouring the storage order. */
    public List<Object> row(int r) {
        int rows = rows();
        int cols = cols();
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException("row " + r + " of " + rows);
        }
        List<Object> out = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            out.add(values.get(fortran ? c * rows + r : r * cols + c));
        }
        return out;
    }
}
