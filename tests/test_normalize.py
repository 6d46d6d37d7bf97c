from detente.stages.normalize import normalize_text


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
