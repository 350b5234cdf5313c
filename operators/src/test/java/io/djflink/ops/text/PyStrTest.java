package io.djflink.ops.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins PyStr to CPython 3.11 (the sets below were printed by CPython over all code points). */
class PyStrTest {

    private static final int[] PYTHON_ISSPACE = {
        0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
        0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
        0x202f, 0x205f, 0x3000
    };

    private static final int[] PYTHON_LINE_BREAKS = {0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029};

    @Test
    void isSpaceMatchesPythonOverTheBmp() {
        List<Integer> got = new ArrayList<>();
        for (int cp = 0; cp < 0x10000; cp++) {
            if (PyStr.isSpace(cp)) {
                got.add(cp);
            }
        }
        assertThat(got).containsExactly(boxed(PYTHON_ISSPACE));
    }

    @Test
    void splitLinesBreaksOnPythonLineBoundariesOnly() {
        List<Integer> got = new ArrayList<>();
        for (int cp = 0; cp < 0x10000; cp++) {
            if (Character.isSurrogate((char) cp)) {
                continue;
            }
            if (PyStr.splitLines("a" + (char) cp + "b").size() == 2) {
                got.add(cp);
            }
        }
        assertThat(got).containsExactly(boxed(PYTHON_LINE_BREAKS));
    }

    @Test
    void splitLinesHasNoTrailingEmptyLineAndKeepsInnerOnes() {
        assertThat(PyStr.splitLines("")).isEmpty();
        assertThat(PyStr.splitLines("\n")).containsExactly("");
        assertThat(PyStr.splitLines("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(PyStr.splitLines("a\r\nb\rc")).containsExactly("a", "b", "c");
        assertThat(PyStr.splitLines("a\n\r")).containsExactly("a", "");
    }

    @Test
    void stripRemovesPythonWhitespaceAtBothEndsOnly() {
        assertThat(PyStr.strip("\u3000 a \u00A0b\u2029\n")).isEqualTo("a \u00A0b");
        assertThat(PyStr.strip("\u200Ba\u200B")).isEqualTo("\u200Ba\u200B");
        assertThat(PyStr.strip(" \t ")).isEmpty();
        String same = "abc";
        assertThat(PyStr.strip(same)).isSameAs(same);
    }

    private static Integer[] boxed(int[] a) {
        Integer[] out = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
