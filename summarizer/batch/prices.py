"""Token prices, from options, the environment or the config file, and what a usage costs at them."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from typing import Any

from ..config import default_config_file
from ..errors import ConfigurationError
from ..ledger import Usage

__all__ = ["Prices"]

# Price settings: environment variable -> `[batch]` key of the config file.
PRICE_ENV = {
    "SUMMARIZER_PRICE_INPUT": "price_input",
    "SUMMARIZER_PRICE_OUTPUT": "price_output",
    "SUMMARIZER_BATCH_DISCOUNT": "batch_discount",
}


def _config_batch_table() -> dict[str, Any]:
    path = default_config_file()
    if not path.is_file():
        return {}
    try:
        return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("batch", {}))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read config file {path}: {exc}") from exc


@dataclass(frozen=True)
class Prices:
    """USD per million tokens, and the price factor of calls answered through the Batch API."""

    input_per_mtok: float | None = None
    output_per_mtok: float | None = None
    batch_discount: float = 0.5

    @property
    def known(self) -> bool:
        return self.input_per_mtok is not None or self.output_per_mtok is not None

    def cost(self, usage: Usage, batch_usage: Usage | None = None) -> float:
        """Cost of `usage`, of which `batch_usage` was answered by the Batch API."""
        def price(u: Usage) -> float:
            return (u.prompt_tokens * (self.input_per_mtok or 0.0) + u.completion_tokens * (self.output_per_mtok or 0.0)) / 1e6

        batch = price(batch_usage) if batch_usage else 0.0
        return price(usage) - batch + batch * self.batch_discount

    @classmethod
    def load(cls, *, input_per_mtok: float | None = None, output_per_mtok: float | None = None,
             batch_discount: float | None = None) -> Prices:
        """Prices from arguments, else the environment, else the config file's `[batch]` table."""
        values: dict[str, Any] = _config_batch_table()
        values = {k: values[k] for k in PRICE_ENV.values() if k in values}
        for var, key in PRICE_ENV.items():
            if os.environ.get(var):
                values[key] = os.environ[var]
        given = {"price_input": input_per_mtok, "price_output": output_per_mtok, "batch_discount": batch_discount}
        values.update({k: v for k, v in given.items() if v is not None})
        try:
            parsed = {k: float(v) for k, v in values.items()}
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"invalid price setting: {exc}") from None
        if any(v < 0 for v in parsed.values()):
            raise ConfigurationError("prices and the batch discount cannot be negative")
        return cls(parsed.get("price_input"), parsed.get("price_output"), parsed.get("batch_discount", 0.5))
