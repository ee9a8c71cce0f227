"""The layout stage shared by every fixed-layout reader (PDF, OFD, OCR):
positioned glyphs and ruling segments (:mod:`extractors.layout.page`) in,
the document model's paragraphs and tables out."""
