"""Across articles: what the store's records say together.

- :mod:`detente.corpus.dyads`: per directed actor pair and period, counts by
  quad class and the sum and mean of the conflict-cooperation score.
"""
