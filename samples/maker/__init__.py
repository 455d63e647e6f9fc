"""The sample-report generator behind ``samples/make_samples.py``, one job per module.

``data`` (the made-up content), ``numbers`` (each criterion's numbers, planted errors, tallies),
``render`` (the document, the tracker, reportlab's parts), ``layouts`` (the three layouts as PDF
stories), and the degradations: ``garble`` (legacy OCR text), ``legacy`` (TCVN3/VNI font PDFs),
``scan`` (rasterised, skewed, noisy scans). ``samples/make_samples.py`` composes them and writes
each document's truth file.
"""
