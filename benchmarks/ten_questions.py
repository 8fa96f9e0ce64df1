"""The ten everyday questions of issue 11: how much of each answer rests on comparable quality evidence.

Prints, for ``recommend --data-sensitivity public`` on each question, the reference benchmark, the
shortlisted options with and without a comparable score, whether a light and a generative option meet
on the reference benchmark, and the four figures of the issue's "Done when". Run:
``.venv/bin/python benchmarks/ten_questions.py``.
"""

from __future__ import annotations

from recommender.catalog import LIGHT_FAMILIES, load_catalog
from recommender.usecases.recommend import Query, recommend

FLOORS = (50, 80, 90)
"""Quality floors (--min-quality) checked on every question."""
QUESTIONS = (
    ("classification", "biomed", "en"), ("ner", "biomed", "en"), ("relation-extraction", "biomed", "en"),
    ("question-answering", "biomed", "en"), ("summarization", "biomed", "en"),
    ("sentence-similarity", "biomed", "en"), ("ner", "clinical", "en"), ("classification", "clinical", "en"),
    ("ner", "biomed", "fr"), ("classification", "general", "en"),
)


def main() -> None:
    from recommender.render.verdict import sentence

    catalog = load_catalog(local=False)
    shortlisted = scored = meeting = with_verdict = leaks = 0
    verdicts = []
    for task, domain, lang in QUESTIONS:
        r = recommend(Query(task=task, domain=domain, data_lang=lang, data_sensitivity="public"), catalog)
        short = [*r.shortlist, *r.compared]
        known = [o for o in short if o.quality.score is not None]
        shortlisted += len(short)
        scored += len(known)
        evidence = [o for o in (*r.ranked, *r.short_of_quality) if o.quality.score is not None]
        light = any(o.model.family in LIGHT_FAMILIES for o in evidence)
        generative = any(o.model.family not in LIGHT_FAMILIES for o in evidence)
        meeting += light and generative
        with_verdict += r.verdict is not None
        for floor in FLOORS:
            floored = recommend(Query(task=task, domain=domain, data_lang=lang, data_sensitivity="public",
                                      min_quality=floor), catalog)
            key = floored.reference.comparison_key if floored.reference else None
            leaks += sum(1 for o in floored.ranked if o.standing == "good-enough" and (
                o.quality.score is None or o.quality.score.score < floor or not o.quality.score.comparable
                or o.quality.score.comparison_key != key))
        print(f"{task} / {domain} / {lang}: reference {r.benchmark or 'none'}"
              f" ({r.reference.metric}, {r.reference.split}); shortlist {len(known)}/{len(short)} scored;"
              f" light and generative meet: {light and generative}")
        for o in short:
            q = o.quality.score
            print(f"    {o.rank or '-':>3} {o.model.name}, {o.used_as.label}: " + (f"{q.score:g}" if q else "unknown"))
        verdicts.append(sentence(r.verdict, r.workload.items))
        print(f"    verdict: {verdicts[-1]}")
    print()
    print(f"shortlisted options with a comparable score: {scored}/{shortlisted} = {100 * scored / shortlisted:.0f}%")
    print(f"questions where a light and a generative option meet on the reference benchmark: {meeting}/10")
    print(f"questions that open with a verdict: {with_verdict}/10")
    print(f"good-enough options a floor ({', '.join(map(str, FLOORS))}) lets through on an unknown, lower or "
          f"non-comparable score: {leaks}")


if __name__ == "__main__":
    main()
