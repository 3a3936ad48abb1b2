"""Bilingual (Arabic + English) summaries and event records from Arabic news, validated and grounded."""

from .config import Settings
from .errors import (
    ConfigurationError,
    ContextExceeded,
    InputError,
    LLMError,
    OutputTruncated,
    SummarizerError,
    TransportError,
    ValidationFailed,
)
from .models import SCHEMA_VERSION, ArticleSummary, Event, Evidence, Provenance
from .pipeline import Summarizer, asummarize, summarize

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "ConfigurationError",
    "ContextExceeded",
    "Event",
    "Evidence",
    "InputError",
    "LLMError",
    "OutputTruncated",
    "Provenance",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "TransportError",
    "ValidationFailed",
    "asummarize",
    "summarize",
]
