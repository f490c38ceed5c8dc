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
    """One bar over the documents, naming the one being read; a new bar for every run."""

    def __init__(self, console: Any) -> None:
        self._console = console
        self._progress: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self._console,
        )
        self._progress.start()
        self._task = self._progress.add_task("ingesting", total=total)

    def document(self, name: str) -> None:
        label = name if " " in name else f"ingesting {name}"
        self._progress.update(self._task, description=label)

    def advance(self) -> None:
        self._progress.advance(self._task)

    def stop(self) -> None:
        description = self._progress.tasks[-1].description if self._progress.tasks else ""
        self._progress.update(self._task, description=f"{description.split(' in ')[0]}: done")
        self._progress.stop()
