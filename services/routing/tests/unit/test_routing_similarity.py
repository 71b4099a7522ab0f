"""Similar ideas in Danish."""

from sammen.routing.similarity import similar, stem, tokens


def test_inflections_meet_their_stem():
    assert stem("legepladsen") == stem("legepladser") == stem("legeplads")
    assert stem("bøgerne")[:3] == "bøg"


def test_stop_words_are_dropped_and_letters_folded():
    assert tokens("Vi vil gerne have en bænk ved søen") == ["baenk", "soeen"]


CORPUS = {
    "a": "Ny legeplads i parken. Børnene mangler en legeplads med gynger i Bernstorffsparken.",
    "b": "Bytte-reol på biblioteket, hvor naboer bytter bøger og spil.",
    "c": "Fællesspisning for seniorer i medborgerhuset hver torsdag.",
}


def test_the_most_similar_idea_comes_first():
    [best, *_rest] = similar("Legepladsen i Bernstorffsparken trænger til nye gynger", CORPUS)
    assert best.key == "a"
    assert best.score > 0.3


def test_unrelated_ideas_are_not_suggested():
    assert similar("Cykelsti langs Lyngbyvej", CORPUS) == []


def test_an_empty_corpus_or_query_gives_nothing():
    assert similar("Legeplads", {}) == []
    assert similar("og i det", CORPUS) == []
