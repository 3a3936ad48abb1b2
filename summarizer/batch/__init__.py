"""Batch regeneration at archive scale: cached, resumable, bounded, budgeted, with progress.

`run_batch(inputs, BatchOptions(out=...))` (and the `summarizer batch` command) summarises every
article of a folder of `.txt` files, a glob, or a JSONL file of `{"id", "text", "published"?}`
records (`inputs`), and writes one `ArticleSummary` JSON per line to `out` in input order.

- **Store**: every result and failure goes to an SQLite store (`summarizer.store`), by default
  next to the output (`results.jsonl` -> `results.jsonl.sqlite`), so the cache travels and is
  deleted with the output it produced. A row answers a later run when the article's text,
  publication date and the run's *fingerprint* are unchanged (`keys`): the fingerprint hashes the
  output schema version, every prompt template, the JSON Schemas requested from the model,
  provider, model (and the embedded model's sha256), request form and generation parameters
  (temperature, seed, max_tokens per stage). Re-running an unchanged batch makes no model
  call; changing one template re-runs every article (every stage renders the shared
  templates); `force` re-runs all; recorded failures are skipped unless `retry_failed`.
  An article whose exact text was already summarised under another id is copied, not re-run.
- **Crash safety**: each finished article is committed on its own before the next is counted;
  a SIGKILL loses only the articles in flight, and the same command resumes. The output files
  are rewritten atomically from the store at the end of each run, one line per article id (`export`).
- **Backpressure**: at most `concurrency` articles in flight (a semaphore), inputs are read
  lazily, and 429/5xx/timeouts are retried by the backend's transport (tenacity, honouring
  Retry-After) under every call.
- **Budget**: `max_tokens` and/or `max_cost` stop launching new articles once the spend so far
  plus the expected spend of the articles in flight reaches the budget; the articles in flight
  finish, so the overshoot is at most what they cost (`budget`). The spend is what the LLM layer
  booked on each article's ledger (`summarizer.ledger`). Cost = prompt tokens x input price +
  completion tokens x output price, prices in USD per million tokens from options, the
  environment (`SUMMARIZER_PRICE_INPUT`, `SUMMARIZER_PRICE_OUTPUT`, `SUMMARIZER_BATCH_DISCOUNT`)
  or the config file's `[batch]` table (`price_input`, `price_output`, `batch_discount`);
  calls answered by the Batch API are priced at `batch_discount` (default 0.5) of that (`prices`).
- **Stopping**: `stop()` (SIGINT in the CLI) stops launching, lets the requests in flight
  finish, still exports everything finished, and says how to resume; a second `stop(hard=True)`
  (second Ctrl-C) cancels the articles in flight.
- **Scale-out**: `via="openai-batch"` sends the first attempt of every stage call through the
  provider's Batch API (`api`), in rounds, and anything that fails there (invalid reply, error
  line, expired batch) through the normal live path.
"""

from .inputs import ArticleInput, count_inputs, iter_inputs
from .keys import cache_key, fingerprint
from .options import BatchOptions, BatchReport, default_db_path
from .prices import Prices
from .run import BatchRun, run_batch

__all__ = [
    "ArticleInput",
    "BatchOptions",
    "BatchReport",
    "BatchRun",
    "Prices",
    "cache_key",
    "count_inputs",
    "default_db_path",
    "fingerprint",
    "iter_inputs",
    "run_batch",
]
