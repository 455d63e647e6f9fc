"""Stage 2: Document → report record (criteria, tallies, header), matched to the catalog."""

from extractors.catalog import Catalog, Criterion, Framework, Target, load_catalog
from extractors.extract import extract
from extractors.record import CriterionRecord, FindingRecord, ReportRecord

__all__ = ["Catalog", "Criterion", "CriterionRecord", "FindingRecord", "Framework", "ReportRecord", "Target",
           "extract", "load_catalog"]
