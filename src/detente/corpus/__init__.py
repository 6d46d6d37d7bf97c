"""Across articles: what the store's records say together.

- :mod:`detente.corpus.happenings`: events from many articles that report
  one real-world event, merged into one ``happening`` (updated at every
  ingest).
- :mod:`detente.corpus.dyads`: per directed actor pair and period, counts by
  quad class and the sum and mean of the conflict-cooperation score.
"""
