"""Term faithfulness of the English: the news-term lexicon's checks, measured on any output (issue 15).

Each English text of an output (the headline and each key point) is read against its own Arabic:

* `term_carry_en` (micro): of the lexicon terms in the Arabic texts (outside known names), the share
  whose English carries an accepted form ("bus" for حافلة): target 0.95 or more;
* `term_support_en` (micro): of the English texts, the share with no term the Arabic lacks ("17
  helicopters" for 17 حافلة is one that has): target 1.0, i.e. no English text inventing a term;
* `name_support_en` (micro): of the English texts, the share naming no body, country or division
  the article never names ("the United States" for الروس): target 1.0;
* `points_dropped` (cost): points the pipeline dropped (`provenance.rejected`), in either stage.

Known names are left to the name metrics, as the pipeline leaves them to the name checks; the
scorer builds `KnownNames` from the built-in data only, as `FaithfulnessScorer` does. Words of a
person's name after a title are not terms here either (the pipeline's `Romanizer.name_words`).
"""

from __future__ import annotations

from typing import ClassVar

from ..english_checks import TermCheck
from ..gazetteer import Gazetteer
from ..glossary import Glossary
from ..names import KnownNames
from ..romanize import Romanizer
from ..terms import TermLexicon
from .case import Case, Metric, Score

__all__ = ["TermScorer"]


class TermScorer:
    """Lexicon terms carried into the English, English terms the Arabic lacks, names the article
    lacks, points dropped."""

    metrics: ClassVar[tuple[Metric, ...]] = (
        Metric("term_carry_en", "lexicon terms of the Arabic headline and key points carried into their English "
               "(micro)", group="terms", label="term carry", average="micro"),
        Metric("term_support_en", "English headline and key points with no lexicon term the Arabic lacks (micro)",
               group="terms", label="term support", average="micro"),
        Metric("name_support_en", "English headline and key points naming no body, country or division the "
               "article never names (micro)", group="terms", label="name support", average="micro"),
        Metric("points_dropped", "points dropped by the pipeline, or kept without English (provenance.rejected)",
               kind="cost",
               group="terms", label="dropped"),
    )

    def __init__(self, lexicon: TermLexicon | None = None) -> None:
        self.lexicon = lexicon or TermLexicon.default()
        self.romanizer = Romanizer(self.lexicon)

    def evaluate(self, case: Case) -> list[Score]:
        output = case.output
        assert output is not None
        known = KnownNames(case.source_text, Glossary.default(), Gazetteer.default())
        pairs = [(t.ar, t.en) for t in (output.headline, *output.key_points) if t.en is not None]
        terms = carried = supported = named = 0
        missed: list[str] = []
        invented: list[str] = []
        foreign: list[str] = []
        for arabic, english in pairs:
            hints = known.hints(arabic)
            check = TermCheck(
                self.lexicon, arabic, tuple((s, e) for s, e, _ in known.occurrences(arabic)),
                tuple(f for _, forms in hints for f in forms), romanizer=self.romanizer,
            )
            found = {m.term.id: m for m in check.terms}
            lacking = {m.term.id for m in self.lexicon.missing_in_english(arabic, english, skip=check.skip)}
            terms += len(found)
            carried += len(found.keys() - lacking)
            # in the text's order, not a set's (which changes with the hash seed from run to run)
            missed += [m.text for t, m in found.items() if t in lacking]
            hits = check.unsupported(english)
            supported += not hits
            invented += [h.text for h in hits]
            strangers = known.foreign_names(english)
            named += not strangers
            foreign += strangers
        rejected = output.provenance.rejected
        dropped = sum(1 for r in rejected if r.startswith(("translate_en: dropped point", "summarize_ar: points: dropped"))
                      or (r.startswith("translate_en: point") and "kept without English" in r))
        return [
            Score("term_carry_en", carried / terms if terms else None,
                  f"{carried}/{terms} terms carried" + (f"; missing: {', '.join(missed[:8])}" if missed else ""),
                  (carried, terms)),
            # an output none of whose English passed its checks has no English text to read here
            Score("term_support_en", supported / len(pairs) if pairs else None,
                  f"{supported}/{len(pairs)} English texts without an invented term"
                  + (f"; invented: {', '.join(invented[:8])}" if invented else ""), (supported, len(pairs))),
            Score("name_support_en", named / len(pairs) if pairs else None,
                  f"{named}/{len(pairs)} English texts naming no one the article does not"
                  + (f"; not in the article: {', '.join(foreign[:8])}" if foreign else ""), (named, len(pairs))),
            Score("points_dropped", float(dropped), f"{dropped} points dropped"),
        ]
