"""Review: a person confirms, dismisses and corrects what a batch found, and signs documents off.

``decisions`` applies the stored decisions to records (no web code; the exports use it);
``app`` is the local web app behind ``tieuchi review``; ``templates/`` are shared with the
static HTML report.
"""
