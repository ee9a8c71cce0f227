"""Links across notices: the same task followed from one edition of a notice to the next.

A stage of its own, after every file is converted: a link needs two notices,
so it cannot be computed file by file as the other datasets are. It reads the
datasets the build has just written (:mod:`pipeline.links.dataset`), finds the
notices that are editions of one series (:mod:`pipeline.links.series`) and
aligns their tasks (:mod:`pipeline.links.align`).
"""
