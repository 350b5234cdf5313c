package io.djflink.ops.general;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

class PyValuesTest {

    @Test
    void parseFloatAcceptsWhatPythonFloatAccepts() {
        assertThat(PyValues.parseFloat("13.5")).isEqualTo(13.5);
        assertThat(PyValues.parseFloat(" -1_000\n")).isEqualTo(-1000.0);
        assertThat(PyValues.parseFloat("1.")).isEqualTo(1.0);
        assertThat(PyValues.parseFloat(".5e1")).isEqualTo(5.0);
        assertThat(PyValues.parseFloat("1E+2")).isEqualTo(100.0);
        assertThat(PyValues.parseFloat("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PyValues.parseFloat("nan")).isNaN();
        assertThat(PyValues.parseFloat("\u0661\u0662")).isEqualTo(12.0); // Arabic-Indic digits
    }

    @Test
    void parseFloatRefusesWhatPythonFloatRefuses() {
        for (String bad : new String[] {"", " ", "abc", "1__0", "_1", "1_", "1e", "e5", ".", "0x10", "1d", "1f", "1.5.2", "infinit"}) {
            assertThat(PyValues.parseFloat(bad)).as("'%s'", bad).isNull();
        }
    }

    @Test
    void pyEqualsComparesNumbersByValueAndBooleansAsOneAndZero() {
        assertThat(PyValues.pyEquals(IntNode.valueOf(50), DoubleNode.valueOf(50.0))).isTrue();
        assertThat(PyValues.pyEquals(BooleanNode.TRUE, IntNode.valueOf(1))).isTrue();
        assertThat(PyValues.pyEquals(IntNode.valueOf(2), DoubleNode.valueOf(2.5))).isFalse();
    }
}
