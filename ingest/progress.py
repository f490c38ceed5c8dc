"""Progress reporting for long ingest runs: a rich progress bar, or nothing."""

from __future__ import annotations

from typing import Any, Protocol


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def document(self, name: str) -> None: ...
    def advance(self) -> None: ...
    def stop(self) -> None: ...


class SilentProgress:
    def start(self, total: int) -> None:
        pass

    def document(self, name: str) -> None:
        pass

    def advance(self) -> None:
        pass

    def stop(self) -> None:
        pass


class RichProgress:
    """One bar over the documents, naming the one being read."""

    def __init__(self, console: Any) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task: Any = None

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("ingesting", total=total)

    def document(self, name: str) -> None:
        self._progress.update(self._task, description=f"ingesting {name}")

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        self._progress.update(self._task, description="done")
        self._progress.stop()
