"""The vocabulary offered while typing: dictionary terms, titles and the corpus's frequent words."""

import math
import re
from collections import Counter

from portal.ground import pinyin
from search import analysis

MAX_TITLE_CHARS = 40
FREQUENT_WORDS = 3000


def clean_prefix(text):
    """The typed prefix, normalised; ('pinyin', letters) for Latin input, ('text', norm) otherwise."""
    norm = " ".join(analysis.normalize((text or "")[:50]).split())
    letters = re.sub(r"[\s'’]", "", norm)
    if letters and re.fullmatch(r"[a-z]+", letters):
        return "pinyin", letters
    return "text", norm


class Vocabulary:
    """Collects suggestion candidates with weights; duplicates keep the highest weight."""

    def __init__(self):
        self.weights = {}
        self.sources = {}
        self.df = Counter()

    def add(self, text, weight, source):
        text = " ".join((text or "").split())
        if not text or len(text) > MAX_TITLE_CHARS or not analysis.has_han(text):
            return
        if weight > self.weights.get(text, 0):
            self.weights[text] = weight
            self.sources[text] = source

    def add_terms(self):
        """Dictionary terms and synonyms (popular ones weigh most)."""
        from search.models import SearchTerm

        for term in SearchTerm.objects.all():
            self.add(term.term, 80 if term.show_as_popular else 50, "term")
            for synonym in term.synonym_list():
                self.add(synonym, 30, "term")

    def add_document(self, prepared, body_tokens):
        """A document's title, and its body's words for the frequency count."""
        self.add(prepared.title, 10 * prepared.boost, "title")
        self.df.update({t for t in body_tokens.split() if len(t) >= 2 and analysis.has_han(t)})

    def add_frequent_words(self):
        for word, count in self.df.most_common(FREQUENT_WORDS):
            if count >= 2:
                self.add(word, 5 + math.log(count), "word")

    def rows(self):
        """(text, text_norm, pinyin, initials, weight, source) for every candidate."""
        for text, weight in self.weights.items():
            full, initials = pinyin.keys(text)
            yield text, analysis.normalize(text), full[:400], initials[:120], weight, self.sources[text]
