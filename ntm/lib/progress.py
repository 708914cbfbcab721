"""A text progress bar on stderr for management commands that read long files."""

BAR_FROM_ROWS = 2000
BAR_WIDTH = 30


class ProgressBarMixin:
    """`_progress(done, total)` draws `[#####     ]  50%` past BAR_FROM_ROWS rows; `_end_bar()` ends the line."""

    _bar_shown = False

    def _progress(self, done: int, total: int) -> None:
        if total <= BAR_FROM_ROWS:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + " " * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {100 * done // total:3d}%", style_func=str, ending="")
        self.stderr.flush()
        self._bar_shown = True

    def _end_bar(self) -> None:
        if self._bar_shown:
            self.stderr.write("", style_func=str)
            self._bar_shown = False
