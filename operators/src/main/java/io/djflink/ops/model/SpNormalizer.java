package io.djflink.ops.model;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * sentencepiece's normalizer: the input is consumed prefix by prefix, each prefix being a
 * user-defined symbol (kept as is), else the longest rule of the model's precompiled character
 * map (a Darts double-array trie over UTF-8 bytes whose values point into a table of
 * NUL-terminated replacements), else one character unchanged. Around that it drops leading,
 * trailing and repeated spaces ({@code remove_extra_whitespaces}), prepends one space
 * ({@code add_dummy_prefix}, appended instead with {@code treat_whitespace_as_suffix}) and writes
 * spaces as U+2581 ({@code escape_whitespaces}).
 */
final class SpNormalizer {

    /** U+2581, the visible space sentencepiece writes for ' '. */
    private static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81};
    private static final byte[] SPACE = {' '};

    /** A normalized text: {@code bytes[0, length)}. */
    static final class Output {
        byte[] bytes;
        int length;

        Output(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void append(byte[] src, int off, int len) {
            if (length + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
            }
            System.arraycopy(src, off, bytes, length, len);
            length += len;
        }

        boolean endsWith(byte[] suffix) {
            int k = suffix.length;
            return length >= k && Arrays.equals(bytes, length - k, length, suffix, 0, k);
        }
    }

    private final boolean addDummyPrefix;
    private final boolean removeExtraWhitespaces;
    private final boolean escapeWhitespaces;
    private final boolean whitespaceAsSuffix;
    /** Double-array units of the character map's trie; null without a character map. */
    private final int[] trie;
    /** The replacement strings the trie's values point into. */
    private final byte[] replacements;
    private final ByteTrie userDefined;
    /** Whether some user-defined symbol starts with the byte, to skip the lookup for all others. */
    private final boolean[] userDefinedFirst = new boolean[256];

    /** The prefix found by {@link #prefix}: {@code spArr[spOff, spOff+spLen)}, standing for {@code consumed} input bytes. */
    private static final class Prefix {
        byte[] arr;
        int off;
        int len;
        int consumed;
    }

    SpNormalizer(SentencePieceModel.Proto.Normalizer spec, boolean whitespaceAsSuffix, ByteTrie userDefined, Path file) {
        this.addDummyPrefix = spec.addDummyPrefix;
        this.removeExtraWhitespaces = spec.removeExtraWhitespaces;
        this.escapeWhitespaces = spec.escapeWhitespaces;
        this.whitespaceAsSuffix = whitespaceAsSuffix;
        this.userDefined = userDefined;
        if (userDefined != null) {
            for (int b = 0; b < 256; b++) {
                userDefinedFirst[b] = userDefined.child(ByteTrie.ROOT, (byte) b) >= 0;
            }
        }
        byte[] blob = spec.charsmap;
        if (blob.length == 0) {
            // sentencepiece normalizes with the precompiled map only; a model without one (e.g.
            // "identity") leaves characters as they are whatever its rule name says
            this.trie = null;
            this.replacements = null;
            return;
        }
        if (blob.length <= 4) {
            throw new IllegalArgumentException(file + ": the precompiled_charsmap of normalizer '" + spec.name + "' is truncated");
        }
        long trieSize = (blob[0] & 0xFFL) | (blob[1] & 0xFFL) << 8 | (blob[2] & 0xFFL) << 16 | (blob[3] & 0xFFL) << 24;
        if (trieSize >= blob.length - 4 || trieSize % 4 != 0) {
            throw new IllegalArgumentException(file + ": the precompiled_charsmap of normalizer '" + spec.name + "' is malformed");
        }
        int units = (int) (trieSize / 4);
        this.trie = new int[units];
        for (int i = 0; i < units; i++) {
            int o = 4 + i * 4;
            trie[i] = (blob[o] & 0xFF) | (blob[o + 1] & 0xFF) << 8 | (blob[o + 2] & 0xFF) << 16 | (blob[o + 3] & 0xFF) << 24;
        }
        this.replacements = Arrays.copyOfRange(blob, 4 + (int) trieSize, blob.length);
    }

    /** The longest user-defined symbol starting at {@code s[pos]} (within {@code s[0, end)}), as its length; 0 if none. */
    int userDefinedMatch(byte[] s, int pos, int end) {
        if (userDefined == null || !userDefinedFirst[s[pos] & 0xFF]) {
            return 0;
        }
        int best = 0;
        int node = ByteTrie.ROOT;
        for (int i = pos; i < end; i++) {
            node = userDefined.child(node, s[i]);
            if (node < 0) {
                break;
            }
            if (userDefined.value(node) >= 0) {
                best = i + 1 - pos;
            }
        }
        return best;
    }

    /** sentencepiece's {@code NormalizePrefix}: what the input at {@code pos} normalizes to. */
    private void prefix(byte[] in, int pos, Prefix p) {
        int n = in.length;
        int user = userDefinedMatch(in, pos, n);
        if (user > 0) {
            p.arr = in;
            p.off = pos;
            p.len = user;
            p.consumed = user;
            return;
        }
        if (trie != null) {
            // Darts-clone commonPrefixSearch, keeping the longest match
            int[] a = trie;
            int id = 0;
            int unit = a[0];
            id ^= offset(unit);
            int longest = 0;
            int value = 0;
            for (int i = pos; i < n; i++) {
                int c = in[i] & 0xFF;
                id ^= c;
                if (id < 0 || id >= a.length) {
                    break;
                }
                unit = a[id];
                if ((unit & 0x800000FF) != c) {
                    break;
                }
                id ^= offset(unit);
                if (((unit >>> 8) & 1) != 0) {
                    longest = i + 1 - pos;
                    value = a[id] & 0x7FFFFFFF;
                }
            }
            if (longest > 0) {
                int end = value;
                while (end < replacements.length && replacements[end] != 0) {
                    end++;
                }
                p.arr = replacements;
                p.off = value;
                p.len = end - value;
                p.consumed = longest;
                return;
            }
        }
        int len = Math.min(Utf8.charLength(in[pos]), n - pos);
        p.arr = in;
        p.off = pos;
        p.len = len;
        p.consumed = len;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    /** sentencepiece's {@code Normalize} of UTF-8 input. */
    Output normalize(byte[] in) {
        Output out = new Output(in.length + in.length / 4 + 4);
        int n = in.length;
        int pos = 0;
        Prefix p = new Prefix();
        if (removeExtraWhitespaces) {
            while (pos < n) {
                prefix(in, pos, p);
                if (!(p.len == 1 && p.arr[p.off] == ' ')) {
                    break;
                }
                pos += p.consumed;
            }
        }
        if (pos == n) {
            return out;
        }
        byte[] space = escapeWhitespaces ? SPACE_SYMBOL : SPACE;
        if (!whitespaceAsSuffix && addDummyPrefix) {
            out.append(space, 0, space.length);
        }
        boolean prevSpace = removeExtraWhitespaces;
        while (pos < n) {
            prefix(in, pos, p);
            int off = p.off;
            int len = p.len;
            if (prevSpace) {
                while (len > 0 && p.arr[off] == ' ') {
                    off++;
                    len--;
                }
            }
            if (len > 0) {
                byte[] arr = p.arr;
                int runStart = off;
                for (int k = off; k < off + len; k++) {
                    if (escapeWhitespaces && arr[k] == ' ') {
                        out.append(arr, runStart, k - runStart);
                        out.append(SPACE_SYMBOL, 0, 3);
                        runStart = k + 1;
                    }
                }
                out.append(arr, runStart, off + len - runStart);
                prevSpace = arr[off + len - 1] == ' ';
            }
            pos += p.consumed;
            if (!removeExtraWhitespaces) {
                prevSpace = false;
            }
        }
        if (removeExtraWhitespaces) {
            while (out.endsWith(space)) {
                out.length -= space.length;
            }
        }
        if (whitespaceAsSuffix && addDummyPrefix) {
            out.append(space, 0, space.length);
        }
        return out;
    }
}
