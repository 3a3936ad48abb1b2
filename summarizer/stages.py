"""Running one stage of the pipeline: its prompt, the model call, salvage when re-asks run out, its cost.

Every stage is a Jinja template in `prompts/` and a response model in `summarizer.responses`;
`StageRunner.run` renders the one, asks the model for the other (the backend re-asks on
validation errors), and records what the stage cost on a ledger of its own, nested in the
article's ledger (so a failure can say what the whole article cost).
"""

from __future__ import annotations

import time
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import LLMError, OutputTruncated, ValidationFailed
from .grounding import Source
from .ledger import Ledger, booking, current_ledger
from .llm import Backend
from .local_model import QWEN_CODER_1_5B
from .models import StageRun
from .prompts import Prompts
from .salvage import Repairs, salvage

__all__ = ["PACKAGED_MODEL_REASKS", "MAX_TOKENS", "REASKS", "TEMPLATES", "StageRunner"]

T = TypeVar("T", bound=BaseModel)

# Output budgets per stage: generous for the schema's own length limits, so a stop on
# max_tokens means a runaway, not a normal answer.
MAX_TOKENS = {"summarize_ar": 1400, "events": 1800, "translate_en": 400}
# Re-asks per stage where fewer than the settings' `max_retries`. The events reply is salvaged
# sentence by sentence (`salvage.event_choices_salvage`) and repaired by code: on the recorded news
# run the re-ask took half of each article's time and its reply validated on 1 of 11 articles;
# replayed without it, 23 articles kept their points and English and their events scored a little
# better (docs/reliability.md).
REASKS = {"events": 0}
# The packaged 1.5B model's, in process or served by an endpoint (the measured model, by its file
# name): its summarize_ar re-ask never passed (replayed on the 36 news articles,
# 2026-12-02: re-asked on 26, valid after the re-ask on none, the points salvaged from the re-ask's
# reply in every case). Salvaged from the first reply instead, 34 articles came out the same, the
# two others no worse (points 111 -> 112, points with an English 62 -> 62), for 0.67 fewer calls and
# 8 % fewer tokens an article. Another model is still re-asked: a larger one can use the message.
PACKAGED_MODEL_REASKS = {**REASKS, "summarize_ar": 0}
# Every template the stages render, for the provenance hashes (and so the batch cache keys).
TEMPLATES = ("system.j2", "_article.j2", *(f"{stage}.j2" for stage in MAX_TOKENS))


class StageRunner:
    """One article's pass through the stages, collecting what each stage cost and what code rejected."""

    def __init__(
        self, prompts: Prompts, backend: Backend, article_id: str, source: Source, render: dict[str, Any]
    ) -> None:
        self.prompts = prompts
        self.backend = backend
        self.article_id = article_id
        self.source = source
        self.render = render  # what every stage's template is given
        # The article's ledger; it books on the caller's open ledger too (a batch's article).
        self.spent = Ledger(parent=current_ledger())
        self.stages: list[StageRun] = []
        self.rejected: list[str] = []

    def _reasks(self, stage: str) -> int | None:
        """The stage's own re-ask limit for this backend's model (None: the settings')."""
        limits = PACKAGED_MODEL_REASKS if self.backend.model == QWEN_CODER_1_5B.file_name else REASKS
        return limits.get(stage)

    @property
    def max_retries(self) -> int:
        """Re-asks a stage may make after a validation failure (the settings')."""
        return self.backend.settings.max_retries

    async def run(
        self,
        name: str,
        model: type[T],
        *,
        extra: dict[str, Any] | None = None,
        salvage_lists: tuple[str, ...] = (),
        repair: Repairs | None = None,
        fallback: T | None = None,
        reasks: int | None = None,
        **context: Any,
    ) -> T:
        """Stage `name`: a validated `model`; when re-asks run out (or the reply is cut at max_tokens),
        the valid part of the last reply (`salvage_lists` with `repair`; what was dropped, replaced or
        added goes to `rejected`); when nothing valid is left, `fallback` if the stage has one (an
        empty but valid answer, also reported); else a typed error with the article's cost. `reasks`:
        re-asks in the conversation for this call instead of the stage's (`REASKS`, `PACKAGED_MODEL_REASKS`),
        at most the settings'."""
        messages = self.prompts.messages(name, **self.render, **(extra or {}))
        context = {"source": self.source, **context}
        started = time.perf_counter()
        ledger = Ledger(parent=self.spent)
        try:
            with booking(ledger):
                return await self.backend.complete(
                    model, messages, context=context, max_tokens=MAX_TOKENS[name], stage=name,
                    article_id=self.article_id, max_retries=self._reasks(name) if reasks is None else reasks,
                )
        except LLMError as error:
            # The caller (a batch's budget, a failure record) needs what the article cost, not the stage.
            error.usage, error.attempts = self.spent.usage, self.spent.calls
            if not isinstance(error, ValidationFailed | OutputTruncated):
                raise
            failure = error
            try:
                if not salvage_lists:
                    raise ValueError("the stage has nothing to salvage")
                kept, rejected = salvage(
                    model, failure.last_attempt, context, salvage_lists, repair,
                    truncated=isinstance(failure, OutputTruncated),
                )
            except (ValueError, ValidationError):
                if fallback is None:
                    raise failure from None
                kept, rejected = fallback, [f"nothing valid was left of the reply ({failure.message[:300]})"]
            self.rejected += [f"{name}: {r}" for r in rejected]
            return kept
        finally:
            self.stages.append(
                StageRun(
                    stage=name,
                    calls=ledger.calls,
                    retries=ledger.retries,
                    transport_retries=ledger.transport_retries,
                    usage=ledger.usage,
                    seconds=round(time.perf_counter() - started, 3),
                )
            )
