package io.djflink.ops.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runs Python regular expressions (as Data-Juicer writes them for the {@code regex} module, in its
 * default re-compatible mode) on {@code java.util.regex}.
 *
 * <p>{@link #compile} translates a Python pattern into an equivalent Java pattern: Unicode-aware
 * {@code \w \d \s \b} (Java's {@code UNICODE_CHARACTER_CLASS} is the Unicode "word" definition
 * the {@code regex} module uses), only {@code \n} as line terminator, inline flags (which hold to the
 * end of their group in both engines), named groups, Python-only literals ({@code [} and {@code &&}
 * inside a class, a {@code {} that is not a quantifier, {@code {,n}}), {@code \Z}, {@code \v},
 * octal escapes and verbose-mode comments. Constructs Java cannot express (conditionals, branch
 * reset, recursion) are refused.
 *
 * <p>{@link #replacement} parses a Python replacement template ({@code \1}, {@code \g<name>},
 * {@code \g<0>}, escapes) once, so substitution never re-parses it and a {@code $} in the template
 * is plain text.
 */
public final class PyRegex {

    private PyRegex() {}

    /** A translated pattern plus the Python group names, which the replacement template needs. */
    public static final class Compiled {
        private final Pattern pattern;
        private final Map<String, Integer> groupNames;
        private final int groupCount;

        Compiled(Pattern pattern, Map<String, Integer> groupNames, int groupCount) {
            this.pattern = pattern;
            this.groupNames = groupNames;
            this.groupCount = groupCount;
        }

        public Pattern pattern() {
            return pattern;
        }

        public int groupCount() {
            return groupCount;
        }

        /** The group number of a Python named group, or {@code null}. */
        public Integer group(String name) {
            return groupNames.get(name);
        }
    }

    /**
     * Data-Juicer accepts a pattern written as a Python raw-string literal ({@code r'...'} or
     * {@code r"..."}) in a recipe and uses what is between the quotes.
     */
    public static String unwrapRawLiteral(String pattern) {
        if (pattern.length() > 2
                && ((pattern.startsWith("r'") && pattern.endsWith("'"))
                        || (pattern.startsWith("r\"") && pattern.endsWith("\"")))) {
            return pattern.substring(2, pattern.length() - 1);
        }
        return pattern;
    }

    /**
     * Compiles a Python pattern as {@code regex.compile(pattern, flags=DOTALL if dotAll)} would
     * match.
     *
     * @throws IllegalArgumentException with Python-like wording when the pattern is invalid or uses
     *     a construct that has no Java equivalent
     */
    public static Compiled compile(String pyPattern, boolean dotAll) {
        Translator t = new Translator(pyPattern);
        String javaPattern = t.translate();
        int flags = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
        if (dotAll) {
            flags |= Pattern.DOTALL;
        }
        Pattern p;
        try {
            p = Pattern.compile(javaPattern, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription());
        }
        return new Compiled(p, t.names, t.groups);
    }

    /** A parsed Python replacement template. */
    public static final class Replacement {
        /** Literal text parts, with {@code null} where a group goes. */
        private final String[] literals;
        private final int[] groups;
        private final String constant;

        Replacement(List<String> literals, List<Integer> groups) {
            this.literals = literals.toArray(new String[0]);
            this.groups = groups.stream().mapToInt(Integer::intValue).toArray();
            boolean literalOnly = groups.stream().allMatch(g -> g < 0);
            this.constant = literalOnly ? String.join("", literals) : null;
        }

        /** The highest group number the template refers to, or -1. */
        public int maxGroup() {
            int max = -1;
            for (int g : groups) {
                max = Math.max(max, g);
            }
            return max;
        }

        /** The template's text when it references no group, else {@code null}. */
        String constant() {
            return constant;
        }

        void appendTo(StringBuilder sb, Matcher m, String text) {
            if (constant != null) {
                sb.append(constant);
                return;
            }
            for (int i = 0; i < literals.length; i++) {
                if (groups[i] < 0) {
                    sb.append(literals[i]);
                } else {
                    // An unmatched group contributes nothing, as in Python 3.5+.
                    int s = m.start(groups[i]);
                    if (s >= 0) {
                        sb.append(text, s, m.end(groups[i]));
                    }
                }
            }
        }
    }

    /**
     * Parses a Python replacement template against {@code compiled}'s groups.
     *
     * @throws IllegalArgumentException on a bad escape or a reference to a group that does not
     *     exist
     */
    public static Replacement replacement(String repl, Compiled compiled) {
        List<String> lits = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int n = repl.length();
        int i = 0;
        while (i < n) {
            char c = repl.charAt(i);
            if (c != '\\') {
                lit.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw new IllegalArgumentException("bad escape (end of pattern) at position " + i);
            }
            char e = repl.charAt(i + 1);
            int group = -1;
            if (e == 'g') {
                int close = repl.indexOf('>', i + 2);
                if (i + 2 >= n || repl.charAt(i + 2) != '<' || close < 0) {
                    throw new IllegalArgumentException("missing group name at position " + (i + 2));
                }
                String name = repl.substring(i + 3, close);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("missing group name at position " + (i + 3));
                }
                if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    group = parseGroupNumber(name, compiled);
                } else {
                    Integer g = compiled.group(name);
                    if (g == null) {
                        throw new IllegalArgumentException("unknown group name '" + name + "' in replacement");
                    }
                    group = g;
                }
                i = close + 1;
            } else if (e == '0') {
                int j = i + 2;
                int v = 0;
                while (j < n && j < i + 4 && isOctal(repl.charAt(j))) {
                    v = v * 8 + (repl.charAt(j) - '0');
                    j++;
                }
                lit.append((char) v);
                i = j;
            } else if (e >= '1' && e <= '9') {
                if (i + 3 < n && isOctal(e) && isOctal(repl.charAt(i + 2)) && isOctal(repl.charAt(i + 3))) {
                    int v = Integer.parseInt(repl.substring(i + 1, i + 4), 8);
                    if (v > 0377) {
                        throw new IllegalArgumentException("octal escape value \\" + repl.substring(i + 1, i + 4) + " outside of range 0-0o377");
                    }
                    lit.append((char) v);
                    i += 4;
                } else {
                    int j = i + 2;
                    if (j < n && Character.isDigit(repl.charAt(j)) && repl.charAt(j) < 128) {
                        j++;
                    }
                    group = parseGroupNumber(repl.substring(i + 1, j), compiled);
                    i = j;
                }
            } else {
                String simple = simpleEscape(e);
                if (simple != null) {
                    lit.append(simple);
                    i += 2;
                } else if (e == 'x' || e == 'u' || e == 'U') {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int cp = hex(repl, i + 2, len);
                    if (cp < 0) {
                        throw new IllegalArgumentException("incomplete escape \\" + e + " at position " + i);
                    }
                    lit.appendCodePoint(cp);
                    i += 2 + len;
                } else if (e == 'N') {
                    int close = repl.indexOf('}', i);
                    if (i + 2 >= n || repl.charAt(i + 2) != '{' || close < 0) {
                        throw new IllegalArgumentException("missing { after \\N at position " + i);
                    }
                    lit.appendCodePoint(namedChar(repl.substring(i + 3, close)));
                    i = close + 1;
                } else if (e < 128 && Character.isLetter(e)) {
                    throw new IllegalArgumentException("bad escape \\" + e + " at position " + i);
                } else {
                    // Python keeps an unknown non-letter escape as written, backslash included.
                    lit.append('\\').append(e);
                    i += 2;
                }
            }
            if (group >= 0) {
                lits.add(lit.toString());
                groups.add(-1);
                lit.setLength(0);
                lits.add(null);
                groups.add(group);
            }
        }
        lits.add(lit.toString());
        groups.add(-1);
        return new Replacement(lits, groups);
    }

    /**
     * Python's {@code re.sub(pattern, repl, text)}: replaces every match; returns {@code text}
     * itself (same instance) when nothing matched.
     */
    public static String sub(Pattern pattern, Replacement repl, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        boolean found = m.find();
        while (found) {
            int s = m.start();
            if (s > 0 && s < text.length() && Character.isLowSurrogate(text.charAt(s))
                    && Character.isHighSurrogate(text.charAt(s - 1))) {
                // Java steps one char past an empty match, which can land inside a surrogate pair;
                // Python steps one code point, so resume after the pair.
                found = m.find(s + 1);
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, s);
            repl.appendTo(sb, m, text);
            last = m.end();
            found = m.find();
        }
        if (sb == null) {
            return text;
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** Java's {@code \\s} under the flags {@link #compile} uses, per BMP char (no other code point is whitespace). */
    private static final boolean[] SPACE = new boolean[0x10000];

    static {
        Pattern ws = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
        for (int c = 0; c < SPACE.length; c++) {
            SPACE[c] = !Character.isSurrogate((char) c) && ws.matcher(String.valueOf((char) c)).matches();
        }
    }

    /**
     * {@link #sub(Pattern, Replacement, String)} for a pattern whose matches never contain
     * whitespace ({@code \\s}) and always contain one of {@code triggers}: the matcher runs only on
     * the whitespace-free runs that hold a trigger, with transparent bounds so {@code \\b} and
     * lookaround still see the neighbours. Same result, without trying every position of the text.
     */
    public static String sub(Pattern pattern, Replacement repl, String text, String triggers) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder sb = null;
        int last = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && SPACE[text.charAt(i)]) {
                i++;
            }
            int start = i;
            boolean triggered = false;
            while (i < n) {
                char c = text.charAt(i);
                if (SPACE[c]) {
                    break;
                }
                if (!triggered && triggers.indexOf(c) >= 0) {
                    triggered = true;
                }
                i++;
            }
            if (!triggered) {
                continue;
            }
            m.region(start, i);
            while (m.find()) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, last, m.start());
                repl.appendTo(sb, m, text);
                last = m.end();
            }
        }
        if (sb == null) {
            return text;
        }
        sb.append(text, last, n);
        return sb.toString();
    }

    private static int parseGroupNumber(String digits, Compiled compiled) {
        int g;
        try {
            g = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid group reference " + digits);
        }
        if (g > compiled.groupCount()) {
            throw new IllegalArgumentException("invalid group reference " + digits);
        }
        return g;
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /** The escapes Python templates and patterns share for control characters. */
    private static String simpleEscape(char e) {
        switch (e) {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'f': return "\f";
            case 'v': return "\u000B";
            case 'a': return "\u0007";
            case 'b': return "\b";
            case '\\': return "\\";
            default: return null;
        }
    }

    private static int hex(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + len; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0 || s.charAt(k) > 127) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v <= Character.MAX_CODE_POINT ? v : -1;
    }

    private static int namedChar(String name) {
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("undefined character name '" + name + "'");
        }
    }

    /** One left-to-right pass over a Python pattern, emitting the Java pattern. */
    private static final class Translator {
        private final String src;
        private boolean verbose;
        private final StringBuilder out;
        /** Verbose state to restore at each open group's ')'. */
        private final java.util.ArrayDeque<Boolean> verboseStack = new java.util.ArrayDeque<>();
        private final Map<String, Integer> names = new HashMap<>();
        private int groups;
        private int pos;

        Translator(String src) {
            this.src = src;
            this.out = new StringBuilder(src.length() + 16);
        }

        String translate() {
            int n = src.length();
            while (pos < n) {
                int cp = src.codePointAt(pos);
                if (verbose && (cp == '#' || isVerboseSpace(cp))) {
                    if (cp == '#') {
                        int nl = src.indexOf('\n', pos);
                        pos = nl < 0 ? n : nl + 1;
                    } else {
                        pos++;
                    }
                    continue;
                }
                switch (cp) {
                    case '\\':
                        escape(false);
                        break;
                    case '[':
                        charClass();
                        break;
                    case '(': {
                        boolean saved = verbose;
                        if (group()) {
                            verboseStack.push(saved);
                        }
                        break;
                    }
                    case ')':
                        if (!verboseStack.isEmpty()) {
                            verbose = verboseStack.pop();
                        }
                        out.append(')');
                        pos++;
                        break;
                    case '{':
                        brace();
                        break;
                    case '}':
                        out.append("\\}");
                        pos++;
                        break;
                    default:
                        out.appendCodePoint(cp);
                        pos += Character.charCount(cp);
                }
            }
            return out.toString();
        }

        private static boolean isVerboseSpace(int cp) {
            return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == '\f';
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException(msg + " at position " + pos);
        }

        /** Translates the escape at {@code pos}; {@code inClass} changes what some letters mean. */
        private void escape(boolean inClass) {
            int n = src.length();
            if (pos + 1 >= n) {
                throw error("bad escape (end of pattern)");
            }
            int e = src.codePointAt(pos + 1);
            if (e >= '0' && e <= '9') {
                digitEscape(inClass);
                return;
            }
            switch (e) {
                case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
                case 'n': case 't': case 'r': case 'f': case 'a':
                    out.append('\\').append((char) e);
                    pos += 2;
                    return;
                case 'v':
                    // Java's \v is a whitespace class; Python's is the single VT character.
                    out.append("\\x0B");
                    pos += 2;
                    return;
                case 'b':
                    out.append(inClass ? "\\x08" : "\\b");
                    pos += 2;
                    return;
                case 'A': case 'B': case 'G':
                    if (inClass) {
                        throw error("bad escape \\" + (char) e);
                    }
                    out.append('\\').append((char) e);
                    pos += 2;
                    return;
                case 'Z':
                    if (inClass) {
                        throw error("bad escape \\Z");
                    }
                    // Python's \Z is the very end; Java's \Z would also match before a final \n.
                    out.append("\\z");
                    pos += 2;
                    return;
                case 'x': case 'u': case 'U': {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int v = hex(src, pos + 2, len);
                    if (v < 0) {
                        throw error("incomplete escape \\" + (char) e);
                    }
                    appendLiteral(v);
                    pos += 2 + len;
                    return;
                }
                case 'N': {
                    int close = src.indexOf('}', pos);
                    if (pos + 2 >= n || src.charAt(pos + 2) != '{' || close < 0) {
                        throw error("missing { after \\N");
                    }
                    appendLiteral(namedChar(src.substring(pos + 3, close)));
                    pos = close + 1;
                    return;
                }
                case 'p': case 'P':
                    property((char) e);
                    return;
                case 'X':
                    out.append("\\X");
                    pos += 2;
                    return;
                default:
                    if (e < 128 && Character.isLetter(e)) {
                        throw error("bad escape \\" + (char) e);
                    }
                    out.append('\\').appendCodePoint(e);
                    pos += 1 + Character.charCount(e);
            }
        }

        /** {@code \0}, {@code \ooo} (octal) or a group back-reference {@code \1}..{@code \99}. */
        private void digitEscape(boolean inClass) {
            int n = src.length();
            int start = pos + 1;
            char d0 = src.charAt(start);
            boolean threeOctal = start + 2 < n && isOctal(d0) && isOctal(src.charAt(start + 1))
                    && isOctal(src.charAt(start + 2));
            if (d0 == '0' || inClass || threeOctal) {
                int j = start;
                int v = 0;
                while (j < n && j < start + 3 && isOctal(src.charAt(j))) {
                    v = v * 8 + (src.charAt(j) - '0');
                    j++;
                }
                if (j == start) {
                    throw error("bad escape \\" + d0);
                }
                if (v > 0377) {
                    throw error("octal escape value outside of range 0-0o377");
                }
                appendLiteral(v);
                pos = j;
                return;
            }
            int j = start + 1;
            if (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
                j++;
            }
            int g = Integer.parseInt(src.substring(start, j));
            if (g > groups) {
                throw error("invalid group reference " + g);
            }
            // Bracketed so that a digit after the reference is never read as part of it.
            out.append("(?:\\").append(g).append(')');
            pos = j;
        }

        /**
         * {@code \p{Name}}: the regex module accepts a bare script, block or property name where
         * Java wants an {@code Is}/{@code In} prefix, so the first spelling Java knows is used.
         */
        private void property(char e) {
            int n = src.length();
            if (pos + 2 >= n || src.charAt(pos + 2) != '{') {
                out.append('\\').append(e);
                pos += 2;
                return;
            }
            int close = src.indexOf('}', pos);
            if (close < 0) {
                throw error("missing }");
            }
            String name = src.substring(pos + 3, close);
            String[] candidates;
            int eq = name.indexOf('=') >= 0 ? name.indexOf('=') : name.indexOf(':');
            if (eq >= 0) {
                candidates = new String[] {name.substring(0, eq).trim().toLowerCase() + "=" + name.substring(eq + 1).trim()};
            } else {
                candidates = new String[] {name, "Is" + name, "In" + name};
            }
            for (String c : candidates) {
                String javaClass = "\\" + e + "{" + c + "}";
                try {
                    Pattern.compile(javaClass);
                } catch (PatternSyntaxException ex) {
                    continue;
                }
                out.append(javaClass);
                pos = close + 1;
                return;
            }
            throw error("unknown property \\" + e + "{" + name + "}");
        }

        private void appendLiteral(int cp) {
            out.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }

        private void charClass() {
            int n = src.length();
            out.append('[');
            pos++;
            if (pos < n && src.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            // A ']' right after the opening (or after '^') is a literal in Python.
            if (pos < n && src.charAt(pos) == ']') {
                out.append("\\]");
                pos++;
            }
            while (pos < n) {
                int cp = src.codePointAt(pos);
                switch (cp) {
                    case ']':
                        out.append(']');
                        pos++;
                        return;
                    case '\\':
                        escape(true);
                        continue;
                    case '[': case '&': case '#':
                        // Literal in Python; '[' nests, "&&" intersects and '#' may comment in Java.
                        out.append('\\').append((char) cp);
                        pos++;
                        continue;
                    default:
                        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                            appendLiteral(cp);
                        } else {
                            out.appendCodePoint(cp);
                        }
                        pos += Character.charCount(cp);
                }
            }
            throw new IllegalArgumentException("unterminated character set");
        }

        /** Translates a group opening or a group-like item; true when a group was opened. */
        private boolean group() {
            int n = src.length();
            if (pos + 1 >= n || src.charAt(pos + 1) != '?') {
                groups++;
                out.append('(');
                pos++;
                return true;
            }
            int q = pos + 2;
            if (q >= n) {
                throw error("unexpected end of pattern");
            }
            char c = src.charAt(q);
            if (c == 'P' && q + 1 < n && src.charAt(q + 1) == '<') {
                namedGroup(q + 2);
                return true;
            } else if (c == '<' && q + 1 < n && src.charAt(q + 1) != '=' && src.charAt(q + 1) != '!') {
                namedGroup(q + 1);
                return true;
            } else if (c == 'P' && q + 1 < n && src.charAt(q + 1) == '=') {
                int close = src.indexOf(')', q);
                if (close < 0) {
                    throw error("missing ), unterminated name");
                }
                String name = src.substring(q + 2, close);
                Integer g = names.get(name);
                if (g == null) {
                    throw error("unknown group name '" + name + "'");
                }
                out.append("(?:\\").append(g).append(')');
                pos = close + 1;
                return false;
            } else if (c == '#') {
                int close = src.indexOf(')', q);
                if (close < 0) {
                    throw error("missing ), unterminated comment");
                }
                pos = close + 1;
                return false;
            } else if (c == ':' || c == '=' || c == '!' || c == '>') {
                out.append("(?").append(c);
                pos = q + 1;
                return true;
            } else if (c == '<') {
                if (q + 1 >= n) {
                    throw error("unexpected end of pattern");
                }
                out.append("(?<").append(src.charAt(q + 1));
                pos = q + 2;
                return true;
            } else if (isFlag(c) || c == '-') {
                return flags(q);
            } else {
                throw error("unsupported group construct (?" + c + " (no Java equivalent)");
            }
        }

        private void namedGroup(int nameStart) {
            int close = src.indexOf('>', nameStart);
            if (close < 0) {
                throw error("missing >, unterminated name");
            }
            String name = src.substring(nameStart, close);
            if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))
                    || !name.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                throw error("bad character in group name '" + name + "'");
            }
            if (names.containsKey(name)) {
                throw error("redefinition of group name '" + name + "'");
            }
            groups++;
            names.put(name, groups);
            // A plain group keeps the numbering and avoids Java's stricter group-name syntax.
            out.append('(');
            pos = close + 1;
        }

        private static boolean isFlag(char c) {
            return "aiLmsux".indexOf(c) >= 0;
        }

        /**
         * Inline flags. As in Java, {@code (?i)} holds from where it stands to the end of the
         * enclosing group and {@code (?i-s:...)} inside its own group; verbose mode is handled here
         * rather than by Java, whose comment mode also drops spaces inside classes.
         */
        private boolean flags(int q) {
            int n = src.length();
            StringBuilder on = new StringBuilder();
            StringBuilder off = new StringBuilder();
            boolean neg = false;
            int j = q;
            while (j < n && (isFlag(src.charAt(j)) || src.charAt(j) == '-')) {
                char f = src.charAt(j);
                if (f == '-') {
                    if (neg) {
                        throw error("bad inline flags");
                    }
                    neg = true;
                } else if (f == 'L') {
                    throw error("bad inline flags: cannot use 'L' flag with a str pattern");
                } else {
                    (neg ? off : on).append(f);
                }
                j++;
            }
            if (j >= n) {
                throw error("missing -, : or )");
            }
            char end = src.charAt(j);
            if (end != ':' && end != ')') {
                throw error("missing -, : or )");
            }
            if (on.indexOf("x") >= 0) {
                verbose = true;
            } else if (off.indexOf("x") >= 0) {
                verbose = false;
            }
            String jOn = javaFlags(on);
            // ASCII-only matching is Java's Unicode classes and case folding switched off.
            String jOff = javaFlags(off) + (on.indexOf("a") >= 0 ? "Uu" : "");
            boolean opens = end == ':';
            if (opens || !jOn.isEmpty() || !jOff.isEmpty()) {
                out.append("(?").append(jOn);
                if (!jOff.isEmpty()) {
                    out.append('-').append(jOff);
                }
                out.append(end);
            }
            pos = j + 1;
            return opens;
        }

        private String javaFlags(CharSequence py) {
            StringBuilder j = new StringBuilder();
            for (int k = 0; k < py.length(); k++) {
                switch (py.charAt(k)) {
                    case 'i': j.append('i'); break;
                    case 'm': j.append('m'); break;
                    case 's': j.append('s'); break;
                    default:
                        // 'u' is the default for str patterns; 'x' is handled by the scanner.
                }
            }
            return j.toString();
        }

        /** A Python quantifier {@code {m}}, {@code {m,}}, {@code {,n}}, {@code {m,n}}, else a literal brace. */
        private void brace() {
            int n = src.length();
            int j = pos + 1;
            int minStart = j;
            while (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
                j++;
            }
            String min = src.substring(minStart, j);
            String max = null;
            boolean comma = false;
            if (j < n && src.charAt(j) == ',') {
                comma = true;
                int maxStart = ++j;
                while (j < n && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
                    j++;
                }
                max = src.substring(maxStart, j);
            }
            boolean quantifier = j < n && src.charAt(j) == '}' && (!min.isEmpty() || comma);
            if (!quantifier) {
                out.append("\\{");
                pos++;
                return;
            }
            out.append('{').append(min.isEmpty() ? "0" : min);
            if (comma) {
                out.append(',').append(max);
            }
            out.append('}');
            pos = j + 1;
        }
    }
}
