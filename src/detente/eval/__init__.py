"""Scorers that measure detente against hand-annotated gold files.

Each scorer reads a gold file, runs the pipeline over its texts and returns
typed scores; the tests pin floors on them, and the numbers in the closing
notes of each issue come from here.
"""
