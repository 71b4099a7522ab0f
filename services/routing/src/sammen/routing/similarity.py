"""Similar ideas, in pure Python: TF-IDF over normalised Danish tokens, cosine similarity.

Danish compounds and inflections ("legepladsen", "legepladser") must still meet, so tokens are
folded (æ→ae, ø→oe, å→aa), stop words dropped and common suffixes stripped (a light stemmer in
the spirit of Snowball's Danish one, which is enough for short idea texts).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

STOPWORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "mod",
        "disse",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ved",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
        "kan",
        "få",
        "gerne",
        "rigtig",
        "lidt",
        "mere",
        "bare",
        "så",
        "helt",
        "kommune",
        "kommunen",
        "gentofte",
        "idé",
        "ideen",
        "idéen",
        "ide",
        "forslag",
    ]
)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})
_SUFFIXES = tuple(
    sorted(
        [
            "erendes",
            "erende",
            "hedens",
            "ethed",
            "erede",
            "heden",
            "heder",
            "endes",
            "ernes",
            "erens",
            "erets",
            "ered",
            "ende",
            "erne",
            "eren",
            "erer",
            "heds",
            "enes",
            "eret",
            "hed",
            "ene",
            "ens",
            "ers",
            "ets",
            "en",
            "er",
            "es",
            "et",
            "e",
            "s",
        ],
        key=len,
        reverse=True,
    )
)
_WORD = re.compile(r"[a-zæøåéü0-9]+")
MIN_STEM = 3


def _strip_suffix(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def stem(word: str) -> str:
    """Strip the longest known suffix, twice (compounds end in a genitive -s: "legeplads|en"),
    while a stem of at least three letters remains."""
    word = _strip_suffix(_strip_suffix(word))
    # Doubled final consonants ("bygg", "legg") meet their single form.
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiouy":
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return [stem(w).translate(_FOLD) for w in words if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class Match:
    key: str
    score: float


def _weights(counts: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    vector = {term: (1 + math.log(n)) * idf.get(term, 0.0) for term, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def similar(
    query: str, corpus: Mapping[str, str], limit: int = 5, threshold: float = 0.1
) -> list[Match]:
    """The documents of `corpus` (key → text) most like `query`, best first, above `threshold`."""
    documents = {key: Counter(tokens(text)) for key, text in corpus.items()}
    query_counts = Counter(tokens(query))
    total = len(documents) + 1  # the query counts as a document, so idf stays finite
    frequency: Counter[str] = Counter()
    for counts in (*documents.values(), query_counts):
        frequency.update(counts.keys())
    idf = {term: math.log(total / n) + 1 for term, n in frequency.items()}
    query_vector = _weights(query_counts, idf)
    matches = []
    for key, counts in documents.items():
        vector = _weights(counts, idf)
        score = sum(w * vector.get(term, 0.0) for term, w in query_vector.items())
        if score >= threshold:
            matches.append(Match(key, round(score, 4)))
    matches.sort(key=lambda m: (-m.score, m.key))
    return matches[:limit]


def corpus_text(parts: Iterable[str | None]) -> str:
    return " ".join(part for part in parts if part)
