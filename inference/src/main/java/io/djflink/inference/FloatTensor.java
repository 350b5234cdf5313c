package io.djflink.inference;

import java.util.Arrays;

/**
 * One sample's tensor without the batch dimension: row-major {@code data} of {@code shape}.
 *
 * @param data the values, row-major
 * @param shape the dimensions; their product is {@code data.length}
 */
public record FloatTensor(float[] data, long[] shape) {

    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape has a negative dimension: " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, data has " + data.length);
        }
    }

    /** The value at the given indices (one per dimension). */
    public float get(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("need " + shape.length + " indices");
        }
        long flat = 0;
        for (int i = 0; i < shape.length; i++) {
            flat = flat * shape[i] + index[i];
        }
        return data[(int) flat];
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
