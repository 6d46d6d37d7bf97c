"""The ``detente`` command: a thin layer over the Python API.

Exit codes:

- 0: all inputs processed;
- 1: some inputs failed (their error records are in the output or the store);
- 2: a usage or set-up error (a bad option or setting, an input path that
  does not exist, a model that is not installed, a store that cannot be
  opened or was written by a newer detente);
- 5: the store stayed locked by another process (an ingest, a server) for
  longer than the ``lock_timeout`` setting; try again when it has finished.

Commands that only read a store (everything but ``ingest`` and ``serve``)
never create one. Options that take one of a fixed set of values accept
them in any case and list them when given another; whole-number options
stop at SQLite's largest integer.
"""

from __future__ import annotations

import csv
import difflib
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import api, exports
from .about import RULES_VERSION, __version__
from .article import Article
from .corpus.dyads import PERIODS
from .errors import ConfigError, DetenteError, StoreLockedError
from .kb.entries import TYPES as ACTOR_TYPES
from .readers import Source, expand
from .records import ActorRecord, ErrorRecord, MentionRecord, QuoteRecord
from .settings import Settings, parse_date_setting
from .stages.events import plover_types
from .stages.stances import issues as issue_lexicon
from .store import MAX_INT, TABLES, Store
from .store.queries import check_search

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 5
KINDS = list(TABLES)
# Each worker loads its own copy of the model (about 300 MB): 256 of them
# need some 77 GB, more than any machine detente runs on has, so a larger
# number is a typo, refused before it starts a storm of processes.
MAX_WORKERS = 256
UNDATED = "undated"  # shown for an article or a happening without a date


if TYPE_CHECKING:
    from .corpus.dataset_queries import DatasetSource

    _ChoiceBase = click.Choice[str]
else:  # click < 8.2's Choice is not generic
    _ChoiceBase = click.Choice


class Choice(_ChoiceBase):
    """One of a fixed set of values, in any case; a wrong one is a usage
    error that lists them and suggests the closest."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__(list(choices), case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            # click lists the values case-folded ('consult'); show them as
            # they are written (CONSULT), with the closest first.
            known = [str(c) for c in self.choices]
            close = _close(str(value), known)
            self.fail(f"{value!r} is not one of {', '.join(known)}."
                      + (f" Did you mean {' or '.join(close)}?" if close else ""), param, ctx)


def _close(value: str, known: Sequence[str]) -> list[str]:
    """Known values that look like ``value`` (a typo, another case)."""
    by_fold = {k.casefold(): k for k in known}
    return [by_fold[m] for m in difflib.get_close_matches(value.casefold(), list(by_fold), n=3, cutoff=0.6)]


def _count(low: int = 1) -> click.IntRange:
    """A whole number from ``low`` to SQLite's largest integer."""
    return click.IntRange(low, MAX_INT)


def _default_model() -> str:
    """The model the packaged defaults name (what runs with no --model)."""
    try:
        return Settings.load(env={}).model
    except ConfigError:
        return Settings.model


class _Group(click.Group):
    """The detente group: an error detente raised on purpose that a command
    did not report itself ends as a message and an exit code, never a
    traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DetenteError as exc:
            _fail(exc)


class Context:
    def __init__(self, config: str | None, model: str | None, kb: tuple[str, ...], quiet: bool,
                 verbose: int) -> None:
        self.config, self.model, self.kb, self.quiet, self.verbose = config, model, kb, quiet, verbose

    def settings(self, **overrides: Any) -> Settings:
        if self.kb:
            overrides["kb"] = self.kb
        return Settings.load(self.config, model=self.model, **overrides)

    def progress(self) -> bool:
        return not self.quiet and sys.stderr.isatty()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente", message=f"%(prog)s %(version)s (rules {RULES_VERSION})")
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML settings file.")
@click.option("--model", help=f"The spaCy pipeline to use (default: {_default_model()}).")
@click.option("--kb", multiple=True, type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="An actor dictionary (YAML, CSV or PETRARCH) over the built-in one; repeatable.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", count=True, help="Log more (-v: info, -vv: debug).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, model: str | None, kb: tuple[str, ...], quiet: bool,
        verbose: int) -> None:
    """detente turns news articles into records of international politics:
    who met, demanded, rejected or threatened whom, when, where, and who said
    what, each with its evidence in the text."""
    level = logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # trafilatura warns about every page it cannot extract; detente reports
    # those itself as error records, with advice.
    logging.getLogger("trafilatura").setLevel(max(level, logging.ERROR))
    ctx.obj = Context(config, model, kb, quiet, verbose)


published_option = click.option(
    "--published", metavar="YYYY-MM-DD",
    help="Publication date for inputs that give none of their own.",
)

workers_option = click.option(
    "--workers", type=click.IntRange(1, MAX_WORKERS), metavar="N",
    help=f"Processes that run the pipeline (default: 1; at most {MAX_WORKERS}).",
)


dataset_option = click.option(
    "--dataset", type=click.Path(file_okay=False, exists=True), metavar="DIR",
    help="Read the Parquet dataset that extract --output wrote instead of a store (needs DuckDB: the "
         "duckdb extra).",
)


def scale_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--engine, --scheduler and --partition-kb (see "Corpus scale" in the README)."""
    for option in reversed([
        click.option("--engine", type=Choice(["serial", "dask"]), default="serial", show_default=True,
                     help="Run the pipeline in this process (serial) or on Dask workers, by partitions "
                          "written to a Parquet dataset."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="With --engine dask: an existing Dask scheduler (tcp://host:8786) instead of "
                          "a local cluster of --workers processes."),
        click.option("--partition-kb", type=_count(), metavar="KB",
                     help="Input per partition, in KiB (default: 8192); a larger JSON Lines file is "
                          "cut into ranges of about this size."),
    ]):
        command = option(command)
    return command


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@published_option
@click.option("--no-text", is_flag=True, help="Leave article texts out of the output.")
@click.option("--no-happenings", is_flag=True,
              help="Leave out the happenings (the inputs' events merged across articles) printed last.")
@workers_option
@click.option("--output", type=click.Path(file_okay=False), metavar="DIR",
              help="Write a Parquet dataset to DIR (one folder per record kind, by month) instead of "
                   "printing; a rerun skips the partitions already written.")
@scale_options
@click.pass_obj
def extract(obj: Context, inputs: tuple[str, ...], fmt: str, published: str | None, no_text: bool,
            no_happenings: bool, workers: int | None, output: str | None, engine: str, scheduler: str | None,
            partition_kb: int | None) -> None:
    """Print records for INPUTS (files, folders, - for stdin); no store needed."""
    settings = _settings(obj, published=published, workers=workers)
    if output is None and (engine != "serial" or scheduler or partition_kb):
        raise click.UsageError("--engine dask, --scheduler and --partition-kb write a Parquet dataset: "
                               "add --output DIR")
    if output is not None:
        from . import scale

        run = scale.extract_dataset(inputs, output, settings, engine=engine, workers=workers or 1,
                                    scheduler=scheduler, with_text=not no_text, happenings=not no_happenings,
                                    partition_bytes=_partition_bytes(partition_kb),
                                    progress=scale.Progress(None if obj.quiet else sys.stderr))
        for error in run.failed:
            _report_error(obj, error)
        sys.exit(EXIT_INPUT_ERRORS if run.failed or run.counts.get("error") else EXIT_OK)
    failed = False
    out = sys.stdout
    first = True
    if fmt == "json":
        out.write("[")
    for record in api.extract(_sources(obj, inputs), settings, with_text=not no_text,
                              happenings=not no_happenings):
        if isinstance(record, ErrorRecord):
            failed = True
            _report_error(obj, record)
        line = json.dumps(record.to_dict(), ensure_ascii=False)
        if fmt == "json":
            out.write(("\n" if first else ",\n") + line)
        else:
            out.write(line + "\n")
            out.flush()
        first = False
    if fmt == "json":
        out.write("\n]\n")
    sys.exit(EXIT_INPUT_ERRORS if failed else EXIT_OK)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False), help="The store (default: detente.db).")
@published_option
@workers_option
@click.option("--output", type=click.Path(file_okay=False), metavar="DIR",
              help="With --engine dask: the Parquet dataset the workers write, merged into the store "
                   "(default: the store's name with .parquet); a rerun skips its finished partitions.")
@scale_options
@click.pass_obj
def ingest(obj: Context, inputs: tuple[str, ...], db: str | None, published: str | None,
           workers: int | None, output: str | None, engine: str, scheduler: str | None,
           partition_kb: int | None) -> None:
    """Extract records from INPUTS and store them in the SQLite store. A
    Parquet dataset folder that extract --output wrote is stored as records."""
    settings = _settings(obj, published=published, db=db, workers=workers)
    # A mistyped path must not leave an empty store behind: check first.
    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}; check the path "
                               f"(nothing was read or stored)")
    started = time.perf_counter()
    added = _Summary()

    def seen(outcome: api.Outcome) -> None:
        if outcome.article is not None and outcome.duplicate_of is None:
            added.add(outcome.article)
        for error in outcome.errors if outcome.duplicate_of is None else []:
            _report_error(obj, error)

    from . import scale

    datasets = [name for name in inputs if scale.is_dataset(name)]
    if (output or scheduler or partition_kb) and engine != "dask":
        raise click.UsageError("--output, --scheduler and --partition-kb go with --engine dask")
    if datasets and len(datasets) < len(inputs):
        raise click.UsageError(f"{', '.join(datasets)}: a Parquet dataset is ingested on its own, not "
                               "with other inputs; run one ingest for it and one for the rest")
    command = "ingest " + " ".join(inputs)
    with _open_store(settings, create=True) as store:
        try:
            if datasets:
                report = scale.ingest_dataset(datasets[0], store, settings, command=command, on_outcome=seen)
                for name in datasets[1:]:
                    more = scale.ingest_dataset(name, store, settings, command=command, on_outcome=seen)
                    report.added, report.unchanged = report.added + more.added, report.unchanged + more.unchanged
                    report.records.update(more.records)
                    report.errors.extend(more.errors)
                    report.run_id, report.happenings = more.run_id, more.happenings
            elif engine == "dask":
                report = scale.ingest(inputs, store, settings, output=output, workers=workers or 1,
                                      scheduler=scheduler, partition_bytes=_partition_bytes(partition_kb),
                                      progress=scale.Progress(None if obj.quiet else sys.stderr),
                                      command=command, on_outcome=seen)
            else:
                report = api.ingest(_sources(obj, inputs), store, settings, on_outcome=seen, command=command)
        except DetenteError as exc:
            _fail(exc)
        if not obj.quiet:
            _print_summary(store, report, added, time.perf_counter() - started)
    sys.exit(EXIT_OK if report.ok else EXIT_INPUT_ERRORS)


@cli.command()
@click.option("--format", "fmt", type=Choice(exports.FORMATS), default="jsonl", show_default=True)
@click.option("--kind", type=Choice(KINDS),
              help="One record kind (needed for csv and parquet; plover: event or happening).")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@click.option("--no-text", is_flag=True, help="Leave article texts (and PLOVER's evidence text) out.")
@dataset_option
@click.pass_obj
def export(obj: Context, fmt: str, kind: str | None, db: str | None, output: str | None, no_text: bool,
           dataset: str | None) -> None:
    """Write stored records as JSON Lines, CSV or Parquet, or as PLOVER,
    GDELT, GEXF, GraphML or kepler.gl files (see "Exports" in the README)."""
    settings = _settings(obj, db=db)
    if fmt in ("csv", "parquet") and kind is None:
        raise click.UsageError(f"{fmt} holds one record kind: add --kind (one of {', '.join(KINDS)})")
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is a binary format: add --output FILE.parquet")
    if fmt == "plover" and kind not in (None, "event", "happening"):
        raise click.UsageError("plover exports events (--kind event, the default) or happenings (--kind happening)")
    if fmt in exports.HAPPENING_FORMATS and kind not in (None, "happening"):
        raise click.UsageError(f"{fmt} is made from happenings: leave --kind out")
    if _from_dataset(db, dataset):
        from .corpus.dataset_queries import DatasetLookup

        with _open_dataset(obj, dataset) as source:
            try:
                _export(source, DatasetLookup(source), fmt, kind, output, with_text=not no_text)
            except DetenteError as exc:
                _fail(exc)
        return
    with _open_store(settings) as store:
        try:
            _export(store, exports.StoreLookup(store), fmt, kind, output, with_text=not no_text)
        except DetenteError as exc:
            _fail(exc)


def _export(source: exports.Records, lookup: exports.Lookup, fmt: str, kind: str | None, output: str | None, *,
            with_text: bool) -> None:
    """One export of a store's or a dataset's records (the same writers)."""
    if fmt == "parquet":
        exports.write_parquet(source, output or "", kind or "", with_text=with_text)
        return
    with _output(output) as out:
        if fmt == "jsonl":
            exports.write_jsonl(source, out, [kind] if kind else KINDS, with_text=with_text)
        elif fmt == "csv":
            exports.write_csv(source, out, kind or "", with_text=with_text)
        elif fmt == "plover":
            exports.write_plover(source, out, kind or "event", with_text=with_text, lookup=lookup)
        elif fmt == "gdelt":
            exports.write_gdelt(source, out, lookup=lookup)
        elif fmt == "kepler":
            exports.write_kepler(source, out)
        else:
            exports.write_network(source, out, fmt, lookup=lookup)

@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def stats(obj: Context, db: str | None, fmt: str) -> None:
    """Counts of what the store holds."""
    settings = _settings(obj, db=db)
    with _open_store(settings) as store:
        data = store.stats()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"store {data['store']} (schema {data['schema_version']}, {data['runs']} runs)")
    for kind, n in data["records"].items():
        click.echo(f"  {kind + 's':<12} {n:>8,}")
    first, last = data["published"]["first"], data["published"]["last"]
    if first:
        click.echo(f"published      {first} .. {last}")
    if data["languages"]:
        click.echo("languages      " + ", ".join(f"{_line(k)} {v}" for k, v in data["languages"].items()))
    if data["errors"]:
        click.echo("errors         " + ", ".join(f"{_line(k)} {v}" for k, v in data["errors"].items()))


@cli.command()
@click.argument("query")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("--limit", type=_count(), default=20, show_default=True)
@click.pass_obj
def search(obj: Context, query: str, db: str | None, limit: int) -> None:
    """Full-text search over stored articles (SQLite FTS5 syntax)."""
    settings = _settings(obj, db=db)
    with _open_store(settings) as store:
        try:
            check_search(query, settings.search_max_chars, settings.search_max_terms)
            hits = store.search(query, limit)
        except DetenteError as exc:
            raise click.UsageError(str(exc)) from exc
    if not hits:
        _none_match(obj, "articles", {"the search": query})
    for hit in hits:
        click.echo(f"{hit['id']}  {hit['published'] or UNDATED:10}  {_line(hit['title'] or '(no title)')}")
        click.echo(f"    {_line(hit['snippet'])}")


@cli.command()
@click.argument("query", required=False)
@click.option("--type", "kind", type=Choice(ACTOR_TYPES),
              help="Only actors of this type.")
@click.option("--code", help="Only actors with this code (RUS, NATO, ...).")
@click.option("--articles", is_flag=True, help="List every article each matching actor appears in.")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=_count(), default=50, show_default=True)
@click.pass_obj
def actors(obj: Context, query: str | None, kind: str | None, code: str | None, articles: bool,
           db: str | None, fmt: str, limit: int) -> None:
    """Actors across the store, one identity each. QUERY matches a name, an
    alias seen in any article, or a code (% is a wildcard)."""
    settings = _settings(obj, db=db)
    with _open_store(settings) as store:
        found = store.actors(query, type=kind, code=code, limit=limit)
        seen = {a["key"]: store.appearances(a["key"]) for a in found} if articles else {}
    if not found:
        _none_match(obj, "actors", {"the query": query, "--type": kind, "--code": code})
    if fmt == "json":
        for actor in found:
            if articles:
                actor["appearances"] = [
                    {**{k: v for k, v in a.items() if k != "actor"}, "actor": a["actor"].to_dict()}
                    for a in seen[actor["key"]]]
            click.echo(json.dumps(actor, ensure_ascii=False))
        return
    for actor in found:
        others = [_line(a) for a in actor["aliases"] if a != actor["name"]][:6]
        click.echo(f"{_line(actor['name'])}  [{actor['type']}, {_line(actor['code'] or 'no code')}]  "
                   f"{actor['articles']} article(s), {actor['mentions']} mention(s)"
                   + (f"; also: {', '.join(others)}" if others else ""))
        for hit in seen.get(actor["key"], []):
            record = hit["actor"]
            click.echo(f"    {hit['published'] or UNDATED:10}  {hit['article_id']}  "
                       f"{_line((hit['title'] or '')[:50])}"
                       + (f"  ({_line(record.role)})" if record.role else ""))


@cli.command()
@click.argument("speaker", required=False)
@click.option("--code", help="Only quotes whose speaker has this code (RUS, NATO, ...).")
@click.option("--direct/--reported", default=None,
              help="Only words in quote marks, or only reported speech (default: both).")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=_count(), default=50, show_default=True)
@click.pass_obj
def quotes(obj: Context, speaker: str | None, code: str | None, direct: bool | None, db: str | None,
           fmt: str, limit: int) -> None:
    """Who said what: quotes across the store. SPEAKER matches a speaker's
    name or any name seen for the same actor (% is a wildcard)."""
    settings = _settings(obj, db=db)
    with _open_store(settings) as store:
        found = store.quotes(speaker, code=code, direct=direct, limit=limit)
    if not found:
        _none_match(obj, "quotes", {"the speaker": speaker, "--code": code,
                                    "--direct" if direct else "--reported": direct is not None})
    for hit in found:
        quote = hit["quote"]
        if fmt == "json":
            click.echo(json.dumps({**{k: v for k, v in hit.items() if k != "quote"},
                                   "quote": quote.to_dict()}, ensure_ascii=False))
            continue
        who = quote.speaker
        name = (who.name or f"unnamed {who.role or 'speaker'}") if who else "unknown speaker"
        tags = ", ".join(x for x in ((who.role, who.code) if who else ()) if x)
        words = " ".join(quote.text.split())
        shown = f"“{words}”" if quote.direct is True else f"({'mixed' if quote.direct else 'reported'}) {words}"
        click.echo(f"{hit['published'] or UNDATED:10}  {_line(name)}" + (f" ({_line(tags)})" if tags else "")
                   + f", {_line(quote.cue or 'no cue')}: {_line(shown)}")


@cli.command()
@click.option("--actor", help="Only pairs with this code on either side (RUS, NATO, ...).")
@click.option("--counterpart", help="With --actor: only the pairs between the two codes, both ways.")
@click.option("--period", type=Choice(PERIODS), default="week", show_default=True)
@click.option("--events", "per_event", is_flag=True,
              help="Count every reported event, not happenings (events merged across articles).")
@click.option("--all-statuses", is_flag=True,
              help="Count scheduled (and, with --events, hypothetical and negated) ones too "
                   "(default: what happened).")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@dataset_option
@click.option("--format", "fmt", type=Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.pass_obj
def dyads(obj: Context, actor: str | None, counterpart: str | None, period: str, per_event: bool,
          all_statuses: bool, db: str | None, dataset: str | None, fmt: str) -> None:
    """Actor-pair series: per directed pair and period, happenings (or
    events) by quad class and the sum and mean of their
    conflict-cooperation score."""
    from .corpus.dyads import dyad_series

    settings = _settings(obj, db=db)
    statuses = ("occurred", "ongoing", "scheduled", "hypothetical", "negated") if all_statuses else \
        ("occurred", "ongoing")
    asked: dict[str, Any] = {"actor": actor, "counterpart": counterpart, "period": period, "statuses": statuses,
                             "unit": "event" if per_event else "happening"}
    if _from_dataset(db, dataset):
        with _open_dataset(obj, dataset) as source:
            series = source.dyad_series(**asked)
    else:
        with _open_store(settings) as store:
            series = dyad_series(store, **asked)
    rows = series.to_dicts()
    if not rows:
        _none_match(obj, "actor pairs", {"--actor": actor, "--counterpart": counterpart,
                                         "--events": per_event, "--all-statuses": all_statuses})
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["source"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            mean = "-" if row["score_mean"] is None else f"{row['score_mean']:+.2f}"
            click.echo(f"{_line(row['source']):>6} -> {_line(row['target']):<6} {row['period']:<10} N={row['n']:<3} "
                       f"q1-4={row['q1']}/{row['q2']}/{row['q3']}/{row['q4']}  sum={row['score_sum']:+.1f} "
                       f"mean={mean}")
        if series.too_coarse:
            click.echo(f"({series.too_coarse} {'event' if per_event else 'happening'}(s) dated too coarsely "
                       f"for {period}ly series left out)")
        if series.undated:
            click.echo(f"({series.undated} {'event' if per_event else 'happening'}(s) {UNDATED} left out: their "
                       "articles have no publication date; ingest them with --published YYYY-MM-DD)")


@cli.command()
@click.option("--actor", help="Only happenings with this code among their actors or recipients.")
@click.option("--type", "type_", type=Choice(plover_types()), metavar="TYPE",
              help="Only this PLOVER type (CONSULT, REJECT, ...; in any case).")
@click.option("--min-articles", type=_count(), default=1, show_default=True,
              help="Only happenings reported by at least this many articles.")
@click.option("--rebuild", is_flag=True,
              help="Forget every happening and merge all stored events again (after a rules change).")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@dataset_option
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=_count(), default=50, show_default=True)
@click.pass_obj
def happenings(obj: Context, actor: str | None, type_: str | None, min_articles: int, rebuild: bool,
               db: str | None, dataset: str | None, fmt: str, limit: int) -> None:
    """Happenings: events merged across the articles that report them, with
    how many mentions, articles and sources report each."""
    from .corpus.happenings import rebuild_happenings

    settings = _settings(obj, db=db)
    source: Store | DatasetSource
    if _from_dataset(db, dataset):
        if rebuild:
            raise click.UsageError("--rebuild merges a store's events again; a dataset's happenings are merged "
                                   "by extract --output: rerun it into a new folder")
        source = _open_dataset(obj, dataset)
    else:
        source = _open_store(settings)
    with source as store:
        if rebuild and isinstance(store, Store):
            done = rebuild_happenings(store)
            if not obj.quiet:
                click.echo(f"rebuilt: {done.events} event(s) into {done.created} happening(s)", err=True)
        found = store.happenings(actor=actor, type=type_, min_articles=min_articles, limit=limit)
        if not found:
            _none_match(obj, "happenings", {"--actor": actor, "--type": type_,
                                            "--min-articles": min_articles if min_articles > 1 else None},
                        _stored(store.value_counts("happening", "type"), "happenings", "of type") if type_ else "")
    for record in found:
        if fmt == "json":
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
            continue
        who = _line(", ".join(r.code or r.name or "?" for r in record.actor) or "?")
        whom = _line(", ".join(r.code or r.name or "?" for r in record.recipient))
        where = _line(record.location.name if record.location else "-")
        click.echo(f"{record.date or UNDATED:<10} {record.type:<9} {who}{' -> ' + whom if whom else ''}"
                   f"  at {where}  [{record.status}; {record.num_articles} article(s), "
                   f"{record.num_sources} source(s), {record.num_mentions} mention(s); "
                   f"confidence {record.confidence:.2f}]  {record.id}")


@cli.command()
@click.option("--issue", type=Choice(sorted(issue_lexicon())), metavar="ISSUE",
              help="Only this issue (a slug: nato-enlargement, arms-control, ...).")
@click.option("--actor", help="Only stances of this actor (a code: RUS, NATO, ...; or a name).")
@click.option("--period", type=Choice(PERIODS), default="month", show_default=True)
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="The store (default: detente.db).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def stances(obj: Context, issue: str | None, actor: str | None, period: str, db: str | None, fmt: str) -> None:
    """The tug-of-war per issue: who demands, rejects, offers, supports or
    opposes what, and how that changes from period to period."""
    from .corpus.stances import tug_of_war

    settings = _settings(obj, db=db)
    with _open_store(settings) as store:
        summaries = tug_of_war(store, issue=issue, actor=actor, period=period)
        if not summaries:
            _none_match(obj, "stances", {"--issue": issue, "--actor": actor},
                        _stored(store.value_counts("stance", "issue"), "stances", "on") if issue else "")
    for summary in summaries:
        if fmt == "json":
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
            continue
        click.echo(f"{summary.issue} ({summary.label or 'no label'}): {summary.n} stance(s)")
        for position, sides in summary.positions.items():
            who = ", ".join(f"{_line(s.actor)} {s.n}" + (f" [{s.first}..{s.last}]" if s.first and s.first != s.last
                                                         else f" [{s.first}]" if s.first else "") for s in sides)
            click.echo(f"  {position:<8} {who}")
        by_period: dict[str, list[str]] = {}
        for moment in summary.timeline:
            by_period.setdefault(moment.period, []).append(f"{_line(moment.actor)} {moment.position} {moment.n}")
        for when, parts in by_period.items():
            click.echo(f"    {when:<10} " + "; ".join(parts))


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False), help="The store (default: detente.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="DETENTE_TOKEN", metavar="TOKEN",
              help="Accept articles on POST /api/articles with 'Authorization: Bearer TOKEN' "
                   "(or set DETENTE_TOKEN); without it the server is read-only.")
@click.option("--max-body", type=_count(), metavar="BYTES",
              help="Largest request body (default: the max_input_bytes setting).")
@click.pass_obj
def serve(obj: Context, db: str | None, host: str, port: int, token: str | None,
          max_body: int | None) -> None:
    """Serve the HTTP API and the web page over the store (see "HTTP API"
    in the README)."""
    settings = _settings(obj, db=db)
    try:
        from .web import create_app, run
    except ImportError as exc:
        _fail(ConfigError(f"detente serve needs the web extra ({exc.name} is missing): "
                          "pip install 'detente[web]'"))
    try:
        app = create_app(settings.db, token=token, settings=settings, max_body=max_body)
        with Store(settings.db, lock_timeout=settings.lock_timeout) as store:
            articles = store.stats()["records"]["article"]
    except DetenteError as exc:
        _fail(exc)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"detente {__version__}: serving {settings.db} ({articles} article(s)) on "
               f"http://{shown}:{port}/ (API under /api/, described in /openapi.json)")
    click.echo("ingestion is on: POST /api/articles with 'Authorization: Bearer <token>'" if token
               else "read-only: start with --token (or DETENTE_TOKEN) to accept POST /api/articles")
    if not _loopback(host):
        click.echo(f"warning: {host} is not a loopback address, so other machines can reach the "
                   "server; it has no TLS, so put it behind an HTTPS proxy", err=True)
        if "*" not in settings.allowed_hosts:
            click.echo(f"note: requests are answered only when their Host header is one of "
                       f"{', '.join(settings.allowed_hosts)}; add the names clients use to the "
                       "allowed_hosts setting", err=True)
    run(app, host=host, port=port, log_level="warning" if obj.quiet else "info")


def _loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cli.command(name="eval")
@click.argument("what", type=Choice(["actors", "quotes", "times", "meantime", "places", "events",
                                     "happenings", "stances"]))
@click.argument("path", required=False)
@click.option("--misses", is_flag=True, help="Also list every miss and wrong value.")
@click.option("--baseline", is_flag=True,
              help="Score the baseline instead of detente: textacy for quotes (the eval extra), "
                   "spaCy entities + dateparser for meantime, an exact-key merge for happenings.")
@click.pass_obj
def evaluate(obj: Context, what: str, path: str | None, misses: bool, baseline: bool) -> None:
    """Score detente against a gold set: a hand-annotated file (actors,
    quotes, times, places, stances; default: the one in tests/fixtures), a corpus
    written for detente (happenings: tests/fixtures/corpus) or a shared
    development set (meantime, events; default: ../shared/data). Prints
    the scores as JSON."""
    from .eval import actors as ev_actors
    from .eval import events as ev_events
    from .eval import happenings as ev_happenings
    from .eval import places as ev_places
    from .eval import quotes as ev_quotes
    from .eval import stances as ev_stances
    from .eval import times as ev_times

    settings = _settings(obj)
    fixtures = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
    runs: dict[str, Callable[[str | None], Any]] = {
        "actors": lambda p: ev_actors.score_actors(p or fixtures / "actors" / "gold.jsonl", settings),
        "quotes": lambda p: ev_quotes.score_quotes(p, settings) if p else ev_quotes.score_default_sets(settings),
        "times": lambda p: ev_times.score_expressions(p or ev_times.DEFAULT_SET, settings),
        "meantime": lambda p: ev_times.score_meantime(p or ev_times.DEFAULT_MEANTIME, settings),
        "places": lambda p: ev_places.score_places(p, settings) if p else ev_places.score_default_sets(settings),
        "events": lambda p: ev_events.score_events(p, settings) if p else ev_events.EventReport(settings),
        "happenings": lambda p: ev_happenings.score_happenings(p or ev_happenings.DEFAULT, settings),
        "stances": lambda p: ev_stances.score_stances(p or ev_stances.DEFAULT_SET, settings),
    }
    if baseline:
        baselines: dict[str, Callable[[str | None], Any]] = {
            "quotes": lambda p: ev_quotes.score_textacy(p or ev_quotes.DEFAULT_GOLD, settings),
            "meantime": lambda p: ev_times.dateparser_baseline(p or ev_times.DEFAULT_MEANTIME, settings),
            "happenings": lambda p: ev_happenings.score_happenings(p or ev_happenings.DEFAULT, settings,
                                                                   baseline=True),
        }
        if what not in baselines:
            raise click.UsageError(f"there is a baseline for {' and '.join(baselines)}, not for {what}")
        runs = baselines
    try:
        scores = runs[what](path)
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"cannot score {what}: {exc}") from exc
    click.echo(json.dumps(scores.summary(), ensure_ascii=False))
    if misses:
        for line in scores.misses:
            click.echo(line)


@cli.command(name="train")
@click.argument("what", type=Choice(["events"]))
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write the model (default: the packaged kb/data/event_model.json).")
@click.pass_obj
def train_cmd(obj: Context, what: str, out: str | None) -> None:
    """Retrain a learned part from the labelled data in the repository's
    training/ folder and ../shared/data (the `train` extra: scikit-learn).
    The same data and seed give the same model."""
    from .stages.event_model import MODEL_FILE
    from .training import events as tr_events

    try:
        model = tr_events.train(_settings(obj), Path(out) if out else MODEL_FILE)
    except (OSError, ImportError) as exc:
        raise click.UsageError(f"cannot train {what}: {exc}") from exc
    click.echo(json.dumps(model["meta"], ensure_ascii=False))


# -- helpers -----------------------------------------------------------------------


def main() -> None:
    cli(prog_name="detente")


def _settings(obj: Context, **overrides: Any) -> Settings:
    try:
        if overrides.get("published") is not None:
            overrides["published"] = parse_date_setting(overrides["published"])
        return obj.settings(**overrides)
    except ConfigError as exc:
        _fail(exc)


def _fail(exc: Exception) -> NoReturn:
    click.echo(f"detente: {exc}", err=True)
    sys.exit(EXIT_LOCKED if isinstance(exc, StoreLockedError) else EXIT_USAGE)


def _open_store(settings: Settings, *, create: bool = False) -> Store:
    """The store of ``settings``; only ``ingest`` creates one (``create``)."""
    try:
        return Store(settings.db, create=create, lock_timeout=settings.lock_timeout)
    except DetenteError as exc:
        _fail(exc)


def _from_dataset(db: str | None, dataset: str | None) -> bool:
    """True when a command reads a Parquet dataset (--dataset), not a store."""
    if db is not None and dataset is not None:
        raise click.UsageError("--db and --dataset name two sources: give one (a store or a Parquet dataset)")
    return dataset is not None


def _open_dataset(obj: Context, path: str | None) -> DatasetSource:
    """The Parquet dataset at ``path`` for reading; what it lacks (unfinished,
    written for a store) is said on stderr."""
    from .corpus.dataset_queries import DatasetSource

    try:
        source = DatasetSource(path or "")
    except DetenteError as exc:
        _fail(exc)
    if not obj.quiet:
        for warning in source.warnings:
            click.echo(f"warning: {warning}", err=True)
    return source


def _line(value: object) -> str:
    """A stored value on one line of a table: line breaks and other control
    characters (an alias stored with a newline, a terminal escape in a
    title) are shown escaped, as \\n and \\x1b."""
    return str(value).translate(_ESCAPES)


# Every C0 and C1 control character and the Unicode line and paragraph
# separators (what str.splitlines splits on, and what a terminal acts on).
_ESCAPES = {
    c: repr(chr(c))[1:-1] for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
}


def _none_match(obj: Context, what: str, filters: dict[str, Any], hint: str = "") -> None:
    """Say on stderr that a query found nothing (stdout stays empty, so
    pipes and JSON readers are not disturbed)."""
    if obj.quiet:
        return
    given = " ".join(f"{k} {_line(v)}" if v is not True else k for k, v in filters.items()
                     if v not in (None, False, ""))
    said = f"no {what} match {given}" if given else f"the store has no {what}"
    click.echo(said + (f"; {hint}" if hint else ""), err=True)


def _stored(values: Counter[str], what: str, how: str) -> str:
    """A hint listing what the store does hold, most frequent first:
    "the store holds happenings of type CONSULT (3), REJECT (1)"."""
    if not values:
        return f"the store holds no {what}"
    shown = ", ".join(f"{_line(k)} ({n})" for k, n in values.most_common(8))
    return f"the store holds {what} {how} {shown}" + (" ..." if len(values) > 8 else "")


def _sources(obj: Context, inputs: tuple[str, ...]) -> Iterator[Source | ErrorRecord]:
    """The inputs one source at a time, with a progress bar on a terminal."""
    sources = list(expand(inputs))
    if not obj.progress() or len(sources) < 2:
        yield from sources
        return
    with click.progressbar(sources, label="reading", file=sys.stderr,
                           item_show_func=lambda s: getattr(s, "ref", None)) as bar:
        yield from bar


def _partition_bytes(kb: int | None) -> int:
    from .scale import DEFAULT_PARTITION_BYTES

    return DEFAULT_PARTITION_BYTES if kb is None else kb * 1024


def _report_error(obj: Context, error: ErrorRecord) -> None:
    click.echo(f"error: {error.ref}: {error.reason}", err=True)


class _output:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self.stream: Any = None

    def __enter__(self) -> Any:
        self.stream = (open(self.path, "w", encoding="utf-8", newline="") if self.path
                       else sys.stdout)
        return self.stream

    def __exit__(self, *exc: Any) -> None:
        if self.path:
            self.stream.close()


class _Summary:
    """What ingest's closing summary says about the articles it added,
    gathered as they go by: counts and the first lines, never the articles
    (keeping them, parse and all, made memory grow with the corpus)."""

    SHOWN = 20     # articles listed
    PEOPLE = 8     # people named

    def __init__(self) -> None:
        self.count = 0
        self.lines: list[str] = []
        self.undated = 0
        self.labels: Counter[str] = Counter()
        # The first PEOPLE names, each with its latest record's role and code.
        self.people: dict[str, tuple[str | None, str | None]] = {}
        self.more_people = False
        self.said: Counter[str] = Counter()

    def add(self, article: Article) -> None:
        self.count += 1
        if self.count <= self.SHOWN:
            counts = Counter(record.kind for record in article.records)
            what = ", ".join(f"{n} {k}s" for k, n in sorted(counts.items())) or "no records"
            title = _line((article.title or article.ref)[:60])
            self.lines.append(f"  {article.published or UNDATED:10}  {article.language or '??'}  {title:<60}  {what}")
        if not article.published:
            self.undated += 1
        for r in article.records:
            if isinstance(r, MentionRecord):
                self.labels[r.label] += 1
            elif isinstance(r, ActorRecord) and r.type == "person":
                if r.name in self.people or len(self.people) < self.PEOPLE:
                    self.people[r.name] = (r.role, r.code)
                else:
                    self.more_people = True
            elif isinstance(r, QuoteRecord):
                self.said[r.speaker.name or f"unnamed {r.speaker.code}" if r.speaker else "unknown speaker"] += 1


def _print_summary(store: Store, report: api.IngestReport, added: _Summary, seconds: float) -> None:
    click.echo(f"detente {__version__} (rules {RULES_VERSION}) stored into {store.path}, run {report.run_id}, "
               f"in {seconds:.1f} s:")
    click.echo(f"  {report.added} new article(s), {report.unchanged} already stored, "
               f"{len(report.errors)} error(s)")
    for line in added.lines:
        click.echo(line)
    if added.count > added.SHOWN:
        click.echo(f"  ... and {added.count - added.SHOWN} more")
    if added.undated:
        click.echo(f"  {added.undated} article(s) {UNDATED}: no publication date was found, so relative dates "
                   "('on Monday') stay unresolved; give one with --published YYYY-MM-DD "
                   "(or a 'published' field in JSON input)")
    for kind, n in sorted(report.records.items()):
        click.echo(f"  {n:>6} {kind} records")
    if added.labels:
        labels = added.labels.most_common(6)
        click.echo("  entities by type: " + ", ".join(f"{label} {n}" for label, n in labels))
    if added.people:
        click.echo("  people: " + _line("; ".join(
            f"{name} ({', '.join(x for x in (role, code) if x)})" if role or code else name
            for name, (role, code) in added.people.items())) + (" ..." if added.more_people else ""))
    said = added.said
    if said:
        click.echo("  quotes by speaker: " + ", ".join(f"{_line(name)} {n}" for name, n in said.most_common(6))
                   + (" ..." if len(said) > 6 else ""))
    if report.happenings is not None and report.happenings.events:
        done = report.happenings
        click.echo(f"  happenings: {done.events} new event(s) merged across articles into {done.created} new "
                   f"and {done.updated} updated happening(s)")
    totals = store.stats()["records"]
    click.echo(f"the store now holds {totals['article']} article(s) and "
               f"{sum(v for k, v in totals.items() if k not in ('article', 'error'))} record(s); "
               f"try: detente actors --db {store.path}, detente quotes --db {store.path}, "
               f"detente happenings --db {store.path}, detente dyads --db {store.path}, "
               f"detente stances --db {store.path}, detente export --db {store.path} --format gdelt")
    click.echo(f"open the web page: detente serve --db {store.path}, then http://127.0.0.1:8000/ "
               "(needs the web extra: pip install -e '.[web]')")


if __name__ == "__main__":  # pragma: no cover
    main()
