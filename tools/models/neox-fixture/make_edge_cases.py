#!/usr/bin/env python3
"""Writes edge_cases.json: hand-written texts for the GPT-NeoX tokenizer fixture, each aimed at
one rule of the tokenizers library (added tokens, NFC, the byte-level pattern, BPE merges).
Kept as a script so the escapes stay readable; edge_cases.json is what gen.sh reads."""
import json
import sys

CASES = [
    # Data-Juicer's own test texts (token_num_filter, alphanumeric_filter)
    "Today is Sunday and it's a happy day!",
    "Do you need a cup of coffee?",
    "你好，请问你是谁",
    "Sur la plateforme MT4, plusieurs manières d'accéder à ces fonctionnalités sont conçues simultanément.",
    "欢迎来到阿里巴巴！",
    "This paper proposed a novel method on LLM pretraining.",
    "a=1\nb\nc=1+2+3+5\nd=6",
    "Today is Sund Sund Sund Sunda and it's a happy day!\nYou know",
    "a v s e e f g a qkc",
    "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►",
    "emoji表情测试下😊，😸31231\n",
    # empty and whitespace only
    "",
    " ",
    "  ",
    "\n",
    "\n\n\n",
    " " * 24,
    " " * 25,
    " " * 49,
    "\t\t\t",
    " \t \n \r\n ",
    # whitespace runs around words (added whitespace tokens, \s+(?!\S))
    "a  b   c    d     e",
    "x" + " " * 30 + "y",
    "def f(x):\n    return x\n\n\nclass A:\n        pass\n",
    "if True:\n\tprint('tab')\n\t\tprint('two')\n",
    "line one\r\nline two\r\n\r\nline four",
    "trailing spaces   ",
    "   leading spaces",
    "word \n\n word",
    # Unicode whitespace: White_Space chars and look-alikes that are not
    "a\u00a0b\u00a0\u00a0c",
    "a\u3000\u3000b\u3000c",
    "a\u0085b\u2028c\u2029d",
    "a\u2000\u2001\u200a\u202f\u205fb",
    "a\u200bb\u200b\u200bc\ufeffd\u180ee",
    "a\u001c\u001d\u001e\u001fb",
    # contractions and apostrophes
    "it's we're they've I'm we'll he'd don't",
    "IT'S WE'RE 'S 'T 'Re",
    "''s '' 's'tis rock'n'roll",
    "l’homme d’État it’s",
    # numbers
    "1234567890 3.14159 1,000,000 -42 +7",
    "١٢٣٤ ٥٦ ½ ¾ Ⅻ ⅷ ² ₃ 𝟘𝟙𝟚",
    # punctuation runs
    "!!! ??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((())) [[]] {{}}",
    "https://example.org/path?q=1&r=two#frag",
    "foo@example.com, <tag attr=\"v\">x</tag>",
    # special and added tokens written in the text
    "<|endoftext|>",
    "before<|endoftext|>after<|padding|>end",
    "<|endoftext|><|endoftext|>",
    "<|endoftext <|padding| |endoftext|>",
    "  <|endoftext|>  ",
    # NFC: combining sequences that compose, Hangul jamo, singletons
    "e\u0301 a\u0300 o\u0308 n\u0303",
    "\u1100\u1161\u11a8 \u1112\u1161\u11ab",
    "\u212b \u2126 \u00c5",
    "\u0344 \u0958 \ufb2c",
    # scripts
    "Привет, как дела? Всё хорошо.",
    "Γειά σου Κόσμε ΣΊΣΥΦΟΣ",
    "مرحبا بالعالم، كيف حالك؟",
    "שלום עולם",
    "नमस्ते दुनिया, आप कैसे हैं?",
    "สวัสดีชาวโลก",
    "こんにちは世界、カタカナとひらがな。",
    "안녕하세요 세계",
    "中文文本没有空格所以整段是一个词" * 8,
    "𝐀𝐁𝐂 𝓗𝓮𝓵𝓵𝓸 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    # emoji: ZWJ sequences, skin tones, flags, keycaps, variation selectors
    "👩‍👩‍👧‍👦 👍🏽 🇩🇪🇯🇵 1️⃣ ❤️ ☺︎",
    "😀😃😄😁😆😅🤣😂🙂🙃😉",
    # controls and private use
    "a\u0000b\u0007c\u001bd\u007fe",
    "\ue000\uf8ff\U000f0000",
    # long words (BPE over many bytes, not cached)
    "a" * 300,
    "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 40,
    "supercalifragilisticexpialidocious" * 5,
    "ab" * 200 + " " + "ba" * 200,
    # mixed
    "Mixed English und Deutsch — with ‘quotes’, “double quotes” and «guillemets».",
    "C++ std::vector<int> v{1,2,3}; // comment\n/* block */",
    "SELECT * FROM t WHERE x >= 10 AND y <> 'z';",
    "$$\\frac{a}{b} + \\sum_{i=0}^{n} x_i^2$$",
]

if __name__ == "__main__":
    json.dump(CASES, sys.stdout, ensure_ascii=True, indent=1)
    sys.stdout.write("\n")
