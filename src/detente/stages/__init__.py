"""The pipeline's stages, one module each, in the order they run:

0. ``normalize`` — the stored text (run when an Article is created)
1. ``language``  — language identification; non-English articles stop here
2. ``annotate``  — spaCy: tokens, tags, parse, sentences
3. ``entities``  — named-entity mentions

Each module's docstring says what the stage reads and what it adds.
"""
