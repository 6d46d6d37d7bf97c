import ast
from pathlib import Path

from detente.text import lone_surrogates, normalize_text, valid_unicode

SRC = Path(__file__).resolve().parent.parent / "src" / "detente"


def test_normalize_whitespace_and_controls() -> None:
    raw = "\ufeffTitle\r\n\r\n\r\n\r\nBody\u00a0text  with\u200b spaces \t\nnext\x07 line\n\n\n"
    assert normalize_text(raw) == "Title\n\nBody text with spaces\nnext line"


def test_normalize_keeps_quotes_and_ellipsis_and_composes() -> None:
    raw = "“We want to see … Russia pulling back” – Cafe\u0301"
    assert normalize_text(raw) == "“We want to see … Russia pulling back” – Café"


def test_normalize_is_idempotent() -> None:
    raw = "A\r\nB  \u2003 C\n\n\n\nD"
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_normalize_replaces_lone_surrogates_and_keeps_pairs() -> None:
    """A lone surrogate (JSON's "\\ud800") cannot be encoded, hashed or
    stored; it becomes U+FFFD. A pair written as two code points becomes its
    character."""
    raw = "half \ud83d an emoji, a whole \ud83d\ude00 one, a low half \udc00."
    assert lone_surrogates(raw) == 2
    stored = normalize_text(raw)
    assert stored == "half \ufffd an emoji, a whole \U0001f600 one, a low half \ufffd."
    stored.encode("utf-8")
    assert valid_unicode("id-\udfff") == "id-\ufffd" and valid_unicode("plain") == "plain"


def test_normalize_drops_nul_and_controls() -> None:
    assert normalize_text("NATO\x00 met\x1a Russia\x7f.") == "NATO met Russia."


def test_stage_module_still_names_the_same_function() -> None:
    from detente.stages import normalize

    assert normalize.normalize_text is normalize_text and normalize.VERSION == "normalize.v1"


def _imports(path: Path) -> set[str]:
    """The modules a source file imports, resolved to dotted names."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_layering_readers_and_article_do_not_import_the_stages() -> None:
    """normalize_text lived in stages/normalize.py while the readers and
    article.py (which the stages import) used it: the layers ran both ways."""
    for path in [SRC / "article.py", SRC / "text.py", *(SRC / "readers").glob("*.py")]:
        wrong = {m for m in _imports(path) if m.startswith("detente.stages")}
        assert not wrong, f"{path.name} imports {wrong}"
    below = {m for m in _imports(SRC / "text.py") if m.startswith("detente.")}
    assert not below, f"detente.text must import nothing of detente, imports {below}"

