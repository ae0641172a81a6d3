"""How the conversation tells a follow-up from a new question, on the tuning sets.

    QA_INDEX_DIR=/tmp/qa-index python bench/follow_ups.py

Three figures, each through `qa.conversation.Conversation` as the chat asks:
- the tuning follow-ups (after their earlier questions): right case first, fact in the answer;
- every standalone tuning question asked after another one about another case: how often it is
  taken for a follow-up (it should not be), and its right case first;
- the off-topic tuning questions asked after a question: how often they are taken for a
  follow-up, and how often something is found for them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_answer import EVAL, TUNING, open_searcher  # noqa: E402

from qa.conversation import Conversation  # noqa: E402
from qa.evaluation import contains, is_expected, load_questions  # noqa: E402

OFFSET = 37  # the earlier question of a standalone one: another question, far down the list


def main() -> None:
    searcher = open_searcher()
    follow_ups, alone = [], []
    for name in TUNING:
        path = EVAL / f"{name}.jsonl"
        for q in load_questions(path) if path.exists() else []:
            if q.answer:
                (follow_ups if q.previous else alone).append(q)

    def ask(earlier: list[str], question: str):
        conversation = Conversation(searcher)
        for text in earlier:
            conversation.ask(text)
        return conversation.ask(question)

    followed = [(q, ask(q.previous, q.question)) for q in follow_ups]
    report = {
        "follow_ups": len(followed),
        "follow_ups_case_first": _share(
            bool(a.hits) and is_expected(a.hits[0], q) for q, a in followed
        ),
        "follow_ups_fact_in_answer": _share(
            a.found and contains(a.text, q.answer) for q, a in followed
        ),
    }
    earlier = alone[OFFSET:] + alone[:OFFSET]  # each one's earlier question, far down the list
    pairs = [
        (before, q)
        for before, q in zip(earlier, alone, strict=True)
        if (before.meeting_date, before.case_number) != (q.meeting_date, q.case_number)
    ]
    asked = [(q, ask([before.question], q.question)) for before, q in pairs]
    report |= {
        "new_questions": len(asked),
        "new_questions_taken_for_follow_ups": sum(a.context is not None for _, a in asked),
        "new_questions_case_first": _share(
            bool(a.hits) and is_expected(a.hits[0], q) for q, a in asked
        ),
    }
    off_topic = []
    for path in sorted(EVAL.glob("off_topic_tune*.txt")) + [EVAL / "off_topic_en_tune.txt"]:
        off_topic += [line.strip() for line in path.read_text().splitlines() if line.strip()]
    answered = [
        ask([alone[(n * 7) % len(alone)].question], text) for n, text in enumerate(off_topic)
    ]
    report |= {
        "off_topic": len(answered),
        "off_topic_taken_for_follow_ups": sum(a.context is not None for a in answered),
        "off_topic_found": sum(a.found for a in answered),
    }
    print(json.dumps(report, indent=2))


def _share(flags) -> float:
    flags = list(flags)
    return round(sum(flags) / len(flags), 4) if flags else 0.0


if __name__ == "__main__":
    main()
