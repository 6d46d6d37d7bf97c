"""Version numbers that go into every run's provenance."""

__version__ = "0.1.0"

# The version of detente's rules and shipped data as a whole. Each stage also
# carries its own version (see ``Stage.version``); bump this when a change to
# any rule or table can change an output record, so that stored records can be
# traced to the rules that made them.
RULES_VERSION = "2026.11.1"
