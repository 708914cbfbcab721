"""Demo data of the office's work (filled in below)."""


def operations_seed(*, province, users, stdout) -> None:
    return None
